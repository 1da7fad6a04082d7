"""The site the way a visitor meets it, at a real committee's scale (issue 17): the demo plus
100,000 archive items imported with `import_archive` across the prefecture and its counties
plus the consultation benchmark's 50,000 activities, served by gunicorn (2 sync workers,
deploy/gunicorn.conf.py, cppcc.settings.production, Redis cache, static files by WhiteNoise in
the same server), measured with wrk (Debian's package).

    .venv/bin/python benchmarks/site_at_scale.py                  # SQLite, full size
    .venv/bin/python benchmarks/site_at_scale.py --items 2000 --activities 1000
    .venv/bin/python benchmarks/site_at_scale.py --reuse --only search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cppcc_bench_scale \\
        .venv/bin/python benchmarks/site_at_scale.py

The data is built once into /tmp/cppcc-bench-scale-<database>/ (SQLite file, media, static
files; or the directory of DATABASE_URL=sqlite:///…, e.g. a copy of it) or the PostgreSQL
database named by DATABASE_URL (dropped and created again); --reuse
measures what an earlier run built. DATABASE_CONN_MAX_AGE, if set, is passed to the server.
Uncached: each request carries a session cookie (the page cache serves no one who has one),
an unknown session for public pages, a signed-in superuser's for the admin. Cached: anonymous,
after one warm-up request. After the table, each page is rendered once in-process with its
queries captured: the count, the time in SQL, the slowest statements and the plan of the
slowest. The Redis database of --redis-url is emptied before measuring.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import server, table

ROOT = Path(__file__).resolve().parent.parent
# Fixed, for the benchmark only: the build, the server and the in-process renders share them
# (sessions are signed with the key, the demo's personal data encrypted with the Fernet key).
SECRET_KEY = "bench-scale-only-not-a-secret-0123456789abcdef"
FERNET_KEY = "YmVuY2gtc2NhbGUtb25seS1ub3QtYS1zZWNyZXQtMDE="
UNCACHED_COOKIE = "benchscaleuncachedvisitor0000000"  # no such session: an anonymous reader


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="archive items to import")
    parser.add_argument("--activities", type=int, default=50_000, help="consultation activities")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    parser.add_argument("--only", default="", help="measure the pages whose label contains this")
    parser.add_argument("--reuse", action="store_true", help="measure the data built earlier")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument(
        "--max-requests", type=int, help="GUNICORN_MAX_REQUESTS (default: deploy's, 2000)"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--no-analyze", action="store_true", help="no ANALYZE after the build")
    parser.add_argument("--no-queries", action="store_true", help="skip the per-page queries")
    parser.add_argument("--top", type=int, default=3, help="slowest queries shown per page")
    parser.add_argument("--profile", action="store_true", help="also cProfile each render")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--phase-file", help=argparse.SUPPRESS)
    return parser.parse_args()


def locations():
    """(DATABASE_URL, the directory of this database's files, engine name)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        return url, Path(tempfile.gettempdir()) / f"cppcc-bench-scale-{name}", "PostgreSQL"
    if url.startswith("sqlite:///"):  # a copy elsewhere: its files sit beside it
        return url, Path(url.removeprefix("sqlite:///")).parent, "SQLite"
    var_dir = Path(tempfile.gettempdir()) / "cppcc-bench-scale-sqlite"
    return f"sqlite:///{var_dir / 'db.sqlite3'}", var_dir, "SQLite"


def base_env(database_url, var_dir):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        CPPCC_VAR_DIR=str(var_dir),
        DJANGO_SECRET_KEY=SECRET_KEY,
        PERSONAL_DATA_KEYS=FERNET_KEY,
        SESSION_IDLE_MINUTES="600",  # the admin session outlives the public measurements
        PYTHONUNBUFFERED="1",
    )
    return env


def run_phase(name, env, options):
    """A phase in its own process (Django is set up once per process, with one settings
    module); its options and result pass through a JSON file."""
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as exchange:
        json.dump(options, exchange)
        exchange.flush()
        command = [sys.executable, __file__, "--phase", name, "--phase-file", exchange.name]
        subprocess.run(command, env=env, check=True)
        exchange.seek(0)
        return json.load(exchange)


def phase_main(args):
    """Inside a phase's process."""
    from scale import build, cases, queries

    module = {"build": build, "cases": cases, "queries": queries}[args.phase]
    with open(args.phase_file) as exchange:
        options = json.load(exchange)
    result = module.main(options)
    with open(args.phase_file, "w") as exchange:
        json.dump(result, exchange)


def build_data(args, env, var_dir):
    meta_path = var_dir / "built.json"
    if args.reuse:
        if not meta_path.exists():
            sys.exit(f"--reuse: nothing built in {var_dir} yet")
        return json.loads(meta_path.read_text())
    var_dir.mkdir(parents=True, exist_ok=True)
    meta_path.unlink(missing_ok=True)
    build_env = {**env, "DJANGO_SETTINGS_MODULE": "cppcc.settings.dev"}
    build_env.pop("REDIS_URL", None)
    options = {"items": args.items, "activities": args.activities, "analyze": not args.no_analyze}
    started = time.perf_counter()
    result = run_phase("build", build_env, options)
    meta = {**options, **result, "built": datetime.datetime.now().isoformat(timespec="seconds")}
    meta["build_seconds"] = round(time.perf_counter() - started)
    meta_path.write_text(json.dumps(meta))
    return meta


def flush_cache(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def measure(args, case, cookie):
    """Uncached (with ``cookie``) at 1 and 8 clients; cached (anonymous) where the page cache
    stores the page."""
    port, seconds = args.port, args.duration
    status, _ = server.fetch(port, case, cookie)
    if status != 200:
        return {"case": case, "failed": f"HTTP {status}"}
    result = {"case": case}
    result["one"] = server.wrk(port, case, 1, seconds, cookie)
    result["eight"] = server.wrk(port, case, 8, seconds, cookie)
    if case["kind"] == "public":
        server.fetch(port, case)
        _, headers = server.fetch(port, case)
        if headers.get("X-Page-Cache") == "hit":
            result["cached_one"] = server.wrk(port, case, 1, seconds)
            result["cached_eight"] = server.wrk(port, case, 8, seconds)
    return result


def main():
    args = parse_args()
    if args.phase:
        return phase_main(args)
    database_url, var_dir, engine = locations()
    env = base_env(database_url, var_dir)
    meta = build_data(args, env, var_dir)
    prod_env = server.production_env(env, var_dir, args.redis_url)
    if args.max_requests is not None:
        prod_env["GUNICORN_MAX_REQUESTS"] = str(args.max_requests)
    server.collectstatic(prod_env)
    flush_cache(args.redis_url)
    found = run_phase("cases", prod_env, {"only": args.only})
    conn_max_age = os.environ.get("DATABASE_CONN_MAX_AGE", "unset: production's 60 s")
    print(
        f"\n# site at scale — {engine}, {meta['items']:,} archive items "
        f"({meta['import_rate']:.0f} items/s on import), {found['activities']:,} activities, "
        f"{found['pages']:,} pages; gunicorn 2 sync workers, production settings, Redis "
        f"{args.redis_url}, DATABASE_CONN_MAX_AGE={conn_max_age}; wrk {args.duration} s per run; "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
        f"{time.strftime('%Y-%m-%d %H:%M')}\n",
        flush=True,
    )
    results = []
    public_cookie = f"{found['session_cookie_name']}={UNCACHED_COOKIE}"
    static = found["cases"][0]
    again = {**static, "label": static["label"] + ", again at the end"}
    with server.Gunicorn(prod_env, args.port, var_dir) as gunicorn:
        for case in [*found["cases"], again]:
            cookie = found["admin_cookie"] if case["kind"] == "admin" else public_cookie
            if case["kind"] == "static":
                cookie = None
            boots = gunicorn.worker_boots()
            results.append(measure(args, case, cookie))
            results[-1]["restarts"] = gunicorn.worker_boots() - boots
            print(table.row(results[-1], table.static_rps(results)), flush=True)
        restarts = gunicorn.worker_boots() - 2
    print("\n" + table.render(results), flush=True)
    print(
        f"\nWorkers restarted {restarts} times during the run (max_requests of "
        "deploy/gunicorn.conf.py); ⟳N after a page: N restarts while it was measured. The "
        "static limit is the better of the two static runs.",
        flush=True,
    )
    if not args.no_queries:
        options = {"cases": found["cases"], "top": args.top, "profile": args.profile}
        run_phase("queries", prod_env, options)


if __name__ == "__main__":
    main()
