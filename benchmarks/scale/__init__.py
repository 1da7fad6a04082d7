"""Parts of benchmarks/site_at_scale.py: build, URLs, server, table, queries."""
