"""Browser tests: Playwright, Debian's Chromium and axe-core (see conftest.py)."""
