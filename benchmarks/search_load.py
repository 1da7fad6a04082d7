"""Search under load: the result cache and the 您是不是要找 suggestion at archive scale, and 50
concurrent clients on the demo under gunicorn.

    # 100,000 generated items (benchmarks/search.py's generator) in a database of its own, then
    # the search page (Django test client, no network) for repeated, distinct and zero-hit queries
    .venv/bin/python benchmarks/search_load.py scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cppcc_bench_search_load \\
        .venv/bin/python benchmarks/search_load.py scale
    .venv/bin/python benchmarks/search_load.py scale --reuse   # the database built last time

    # the demo under gunicorn (production settings, Redis db REDIS_DB), wrk with 50 connections
    # over a rotating mix of search URLs, with the result cache and without it
    .venv/bin/python benchmarks/search_load.py load --duration 20

Only 127.0.0.1 is contacted; every run is bounded in time.
"""

import argparse
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZERO_HIT = ["协尚", "政斜", "协尚 政协", "政斜委员", "协尚会", "增协"]
QUERIES = ["协商", "政协", "常委会 乡村振兴", "板凳协商会", "嘉峪关", "jiayuguan", "政協"]


def _bench_search():
    """benchmarks/search.py (its corpus and item generator), imported by path."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "benchmarks/search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scale_database(reuse):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        path = Path(tempfile.gettempdir()) / "cppcc-search-load.sqlite3"
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return
    if reuse:
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _build(items):
    from core.committees import provision_committee
    from home.models import HomePage
    from news.taxonomy import ensure_meeting_types
    from search.archive import Importer

    bench = _bench_search()
    ensure_meeting_types()
    provision_committee(
        short_name="基准政协",
        hostname="bench.test",
        home_page=HomePage(title="基准政协", slug="bench"),
        is_default_site=True,
    )
    lines = list(bench.generate(items, bench.corpus(), random.Random(20261201)))
    started = time.perf_counter()
    report = Importer(site_hostname="bench.test", batch_size=1000).run(lines)
    assert not report.errors, report.errors[:3]
    print(f"imported {report.created} items in {time.perf_counter() - started:.0f} s")


def _timed(client, params, repeat, clear=None):
    """Milliseconds of each of ``repeat`` GETs of the search page, and the last response."""
    times, response = [], None
    for _ in range(repeat):
        if clear:
            clear()
        started = time.perf_counter()
        response = client.get("/search/", params, HTTP_HOST="bench.test")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times, response


def _p50(client, params, repeat, cached):
    """p50 ms of the search page, the result cache on (after one request to fill it) or off."""
    from django.conf import settings
    from django.core.cache import cache

    settings.SEARCH_RESULTS_CACHE_SECONDS = 600 if cached else 0
    cache.clear()
    if cached:
        _timed(client, params, 1)
    times, response = _timed(client, params, repeat)
    return statistics.median(times), response


def scale(args):
    _scale_database(args.reuse)
    sys.path[:0] = [str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "cppcc.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from search.models import SearchDocument

    setup_test_environment()  # the test client's ALLOWED_HOSTS
    settings.DATABASES["default"]["TEST"] = {}
    call_command("migrate", verbosity=0)
    if not SearchDocument.objects.exists():
        _build(args.items)
    print(f"# {SearchDocument.objects.count()} documents, {django.db.connection.vendor}")
    client = Client()
    client.get("/search/", {"q": "协商"}, HTTP_HOST="bench.test")  # warm up: imports, caches
    print(
        f"{'query':<14}{'hits':>7}  {'JSON p50 ms':>20}  {'page p50 ms':>20}  suggestion\n"
        f"{'':<23}{'uncached':>10}{'cached':>8}  {'uncached':>12}{'cached':>8}"
    )
    for query in ZERO_HIT + QUERIES:
        row = []
        for extra, repeat in (({"format": "json"}, args.repeat), ({}, max(3, args.repeat // 4))):
            for cached in (False, True):
                ms, response = _p50(client, {"q": query, **extra}, repeat, cached)
                row.append(ms)
                if extra:
                    data = response.json()
        suggestion = data.get("suggestion", {}).get("q", "")
        if suggestion:
            suggestion += f" ({_suggest_p50(query, args.repeat):.1f} ms alone)"
        times = "".join(f"{ms:>10.1f}{c:>8.1f}  " for ms, c in (row[:2], row[2:]))
        print(f"{query:<14}{data['total']:>7}  {times}{suggestion}")


def _suggest_p50(query, repeat):
    """p50 ms of search.suggest.suggest alone over the benchmark committee."""
    from wagtail.models import Site

    from search import suggest
    from search.engine import Filters
    from search.models import load_vocabulary

    filters = Filters(scope=[Site.objects.get(hostname="bench.test").pk])
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        suggest.suggest(query, filters, load_vocabulary())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


LOAD_DIR = Path(tempfile.gettempdir()) / "cppcc-search-load-demo"
LOAD_PORT = 18765
REDIS_DB = 8
# (host, query string): common and rare words, two words, Traditional, pinyin, a later page,
# date order, a filter, the widened scope, JSON, and wrong characters with a suggestion.
LOAD_MIX = [
    ("pingliang", "q=协商"),
    ("pingliang", "q=政协"),
    ("pingliang", "q=政协 常委会"),
    ("pingliang", "q=協商"),
    ("pingliang", "q=bandeng xieshang"),
    ("pingliang", "q=委员&page=2"),
    ("pingliang", "q=协商&sort=date"),
    ("pingliang", "q=会议&type=news.newspage"),
    ("pingliang", "q=协尚"),
    ("pingliang", "q=政斜"),
    ("pingliang", "q=乡村振兴&format=json"),
    ("zhuanglang", "q=协商"),
    ("zhuanglang", "q=委员&scope=all"),
    ("huixian", "q=提案"),
    ("gaotai", "q=民生"),
    ("jiayuguan", "q=三位一体"),
]
SETTINGS_WRAPPER = """from cppcc.settings.production import *  # noqa: F403
import os
SEARCH_RESULTS_CACHE_SECONDS = int(os.environ["SEARCH_RESULTS_CACHE_SECONDS"])
"""


def _load_environment(cache_seconds):
    from cryptography.fernet import Fernet

    keys = LOAD_DIR / "keys"
    if not keys.exists():
        keys.write_text(f"{os.urandom(24).hex()}\n{Fernet.generate_key().decode()}\n")
    secret, fernet = keys.read_text().split()
    return {
        **os.environ,
        "PYTHONPATH": f"{LOAD_DIR}:{ROOT / 'site'}",
        "DJANGO_SETTINGS_MODULE": "searchload_settings",
        "SEARCH_RESULTS_CACHE_SECONDS": str(cache_seconds),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{LOAD_DIR / 'db.sqlite3'}"),
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "CACHE_KEY_PREFIX": "searchload",
        "ALLOWED_HOSTS": ".localhost",
        "DJANGO_SECRET_KEY": secret,
        "PERSONAL_DATA_KEYS": fernet,
        "SECURE_SSL_REDIRECT": "false",
        "CPPCC_VAR_DIR": str(LOAD_DIR / "var"),
        "STATIC_ROOT": str(LOAD_DIR / "static"),
        "MEDIA_ROOT": str(LOAD_DIR / "media"),
        "LOG_LEVEL": "WARNING",
    }


def _prepare_demo():
    """The demo in its own SQLite file (or DATABASE_URL), static files collected, once."""
    LOAD_DIR.mkdir(exist_ok=True)
    (LOAD_DIR / "searchload_settings.py").write_text(SETTINGS_WRAPPER)
    env = _load_environment(600)
    if (LOAD_DIR / "ready").exists():
        return
    manage = [str(ROOT / ".venv/bin/python"), str(ROOT / "site/manage.py")]
    dev = {**env, "DJANGO_SETTINGS_MODULE": "cppcc.settings.dev"}
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=dev, check=True)
    subprocess.run([*manage, "load_demo", "--port", str(LOAD_PORT)], env=dev, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
    (LOAD_DIR / "ready").touch()


def _wait_ready(url, seconds=60):

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url}")


def _path(query):
    return "/search/?" + urllib.parse.quote(query.replace(" ", "+"), safe="=&+")


def _lua_script():
    entries = ",\n".join(
        f'  {{"{host}.localhost:{LOAD_PORT}", "{_path(query)}"}}' for host, query in LOAD_MIX
    )
    script = LOAD_DIR / "mix.lua"
    script.write_text(
        f"local mix = {{\n{entries}\n}}\n"
        "local i = 0\n"
        "function setup(thread) thread:set('offset', math.random(#mix)) end\n"
        "function request()\n"
        "  i = i + 1\n"
        "  local entry = mix[(i + (offset or 0)) % #mix + 1]\n"
        '  return wrk.format("GET", entry[2], {["Host"] = entry[1]})\n'
        "end\n"
    )
    return script


def _serve_and_measure(args, cache_seconds):

    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    env = _load_environment(cache_seconds)
    (LOAD_DIR / f"access-{cache_seconds}.log").unlink(missing_ok=True)
    env |= {
        "GUNICORN_BIND": f"127.0.0.1:{LOAD_PORT}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": str(LOAD_DIR / f"access-{cache_seconds}.log"),
        "GUNICORN_ERROR_LOG": str(LOAD_DIR / f"error-{cache_seconds}.log"),
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "deploy/gunicorn.conf.py")]
        + ["cppcc.wsgi"],
        cwd=ROOT / "site",
        env=env,
    )
    try:
        _wait_ready(f"http://127.0.0.1:{LOAD_PORT}/healthz")
        for host, query in LOAD_MIX:  # one request each: the workers' first-request work
            request = urllib.request.Request(
                f"http://127.0.0.1:{LOAD_PORT}{_path(query)}",
                headers={"Host": f"{host}.localhost:{LOAD_PORT}"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200, (query, response.status)
        command = [
            "wrk",
            f"-t{min(2, args.connections)}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
        ]
        command += ["--timeout", "10s", "-s", str(_lua_script())]
        command += [f"http://127.0.0.1:{LOAD_PORT}/"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
        return result.stdout + result.stderr
    finally:
        server.terminate()
        server.wait(timeout=60)


def load(args):
    _prepare_demo()
    for cache_seconds in (600, 0):
        label = "with the result cache" if cache_seconds else "without the result cache"
        print(f"## {label}: {args.workers} workers, {args.connections} connections")
        print(_serve_and_measure(args, cache_seconds))
        log = (LOAD_DIR / f"access-{cache_seconds}.log").read_text().splitlines()
        times = sorted(int(line.rsplit("ms pid=", 1)[0].rsplit(" ", 1)[1]) for line in log)
        print(f"in the server (access log): p50 {times[len(times) // 2]} ms, max {times[-1]} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    scale_parser = commands.add_parser("scale", help="result cache and suggestions at scale")
    scale_parser.add_argument("--items", type=int, default=100_000)
    scale_parser.add_argument("--reuse", action="store_true", help="keep the last database")
    scale_parser.add_argument("--repeat", type=int, default=20)
    load_parser = commands.add_parser("load", help="50 clients on the demo under gunicorn")
    load_parser.add_argument("--duration", type=int, default=20, help="seconds of each run")
    load_parser.add_argument("--connections", type=int, default=50)
    load_parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    args = parser.parse_args()
    {"scale": scale, "load": load}[args.command](args)


if __name__ == "__main__":
    main()
