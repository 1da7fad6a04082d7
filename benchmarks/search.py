"""Search at archive scale: generate N news items from the seeds' vocabulary, import and index
them with import_archive's importer, run a query mix through the search page's engine, and do
the same with stock Wagtail (page saves, Wagtail's database search backend) for comparison.
Among the generated items a judged set of hard queries is planted (benchmarks/relevance.py):
their success@10 and MRR are printed beside the latencies.

    .venv/bin/python benchmarks/search.py                      # SQLite, 100,000 items
    .venv/bin/python benchmarks/search.py --items 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cppcc_bench \\
        .venv/bin/python benchmarks/search.py

Each run builds a fresh database (a SQLite file under /tmp, or the PostgreSQL database named in
DATABASE_URL, dropped and created again). Results are printed; docs/benchmarks.md records them.
"""

import argparse
import json
import os
import platform
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/relevance.py
SEEDS = ROOT / "site" / "demo" / "seeds"  # the seeds, as the demo uses them
QUERIES = [
    "协商",
    "政协",
    "政協",
    "板凳协商会",
    "嘉峪关",
    "jiayuguan",
    "高桥镇",
    "合小美工作室",
    "1+7+3",
    "常委会 乡村振兴",
    "量子计算机",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--no-stock", action="store_true", help="skip the stock-Wagtail run")
    parser.add_argument("--stock-items", type=int, default=2_000, help="stock import rate sample")
    parser.add_argument(
        "--stock-search-items", type=int, default=None, help="index for stock search (default all)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--stock-timeout", type=float, default=10.0, help="seconds per stock query")
    parser.add_argument("--hard-per-kind", type=int, default=15, help="judged hard queries")
    parser.add_argument(
        "--reuse", action="store_true", help="search the database a previous run left (no import)"
    )
    return parser.parse_args()


def setup_database(reuse=False):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres") and reuse:
        return "PostgreSQL", None
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return "PostgreSQL", None
    path = Path(tempfile.gettempdir()) / "cppcc-bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    if reuse:
        return "SQLite", path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return "SQLite", path


def django_setup():
    sys.path[:0] = [str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "cppcc.settings.test"
    os.environ.setdefault("CPPCC_VAR_DIR", tempfile.gettempdir())
    import django

    django.setup()
    from django.conf import settings

    settings.DATABASES["default"]["TEST"] = {}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def corpus():
    from search.text import clean

    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8"))
        sentences += [s for s in re.split(r"(?<=[。！？])", text) if 12 <= len(s) <= 200]
    return sentences


def generate(n, sentences, rng):
    """JSON Lines of ``n`` items ~1,000 characters long, a few with rare words."""
    rare = ["高桥镇的合小美工作室开展协商。", "嘉峪关推行1+7+3模式。"]
    for number in range(n):
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(5, 12)))
        if number % 997 == 0:
            body += rare[number % 2]
        title = rng.choice(sentences)[:40]
        yield json.dumps(
            {
                "id": f"bench-{number}",
                "title": title,
                "date": f"{rng.randint(2015, 2023)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}",
                "body": body,
                "type": "work_news",
            },
            ensure_ascii=False,
        )


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def database_size(engine_name, path):
    from django.db import connection

    if engine_name == "SQLite":
        return os.path.getsize(path)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def index_size(engine_name):
    from django.db import connection

    with connection.cursor() as cursor:
        if engine_name == "SQLite":
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'cppcc_search%' "
                "OR name LIKE 'sqlite_autoindex_cppcc_search%' OR name LIKE 'searchdoc%'"
            )
        else:
            cursor.execute("SELECT pg_total_relation_size('cppcc_search_searchdocument')")
        return cursor.fetchone()[0] or 0


def bench_site(reuse):
    from core.committees import provision_committee
    from home.models import HomePage
    from news.taxonomy import ensure_meeting_types

    if reuse:
        from wagtail.models import Site

        return Site.objects.get(hostname="bench.test")
    ensure_meeting_types()
    return provision_committee(
        short_name="基准政协",
        hostname="bench.test",
        home_page=HomePage(title="基准政协", slug="bench"),
        is_default_site=True,
    )


def with_planted(lines, planted, rng):
    """The generated lines with the planted ones at random places among them."""
    lines = list(lines)
    for line in planted:
        lines.insert(rng.randint(0, len(lines)), line)
    return lines


def import_lines(engine_name, db_path, lines):
    from search.archive import Importer

    started = time.perf_counter()
    report = Importer(site_hostname="bench.test", batch_size=1000).run(lines)
    elapsed = time.perf_counter() - started
    assert not report.errors, report.errors[:3]  # the importer refreshes statistics itself
    print(
        f"import: {report.created} items in {elapsed:.1f} s = "
        f"{report.created / elapsed:.0f} items/s"
    )
    print(
        f"search index: {index_size(engine_name) / 2**20:.0f} MiB; "
        f"database: {database_size(engine_name, db_path) / 2**20:.0f} MiB"
    )


def timed(function):
    t0 = time.perf_counter()
    result = function()
    return result, (time.perf_counter() - t0) * 1000


def print_relevance(results):
    print(
        f"{'hard queries':<16}{'n':>4}{'success@10':>12}{'MRR':>8}{'p50 ms':>10}{'p95 ms':>10}"
        "  (judged, planted; first page of 20)"
    )
    for kind, (n, success, mrr, times, _) in results.items():
        print(
            f"{kind:<16}{n:>4}{success:>12.2f}{mrr:>8.2f}"
            f"{percentile(times, 50):>10.1f}{percentile(times, 95):>10.1f}"
        )
    missed = results["all"][4]
    if missed:
        print("not first: " + ", ".join(f"{q} ({rank or '-'})" for q, rank in missed))


def run_pipeline(args, engine_name, db_path, rng):
    from relevance import hard_cases, planted_lines
    from wagtail.models import Site

    from search import engine
    from search.models import load_vocabulary
    from search.text import parse_query

    site = bench_site(args.reuse)
    sentences = corpus()
    lines = list(generate(args.items, sentences, rng))
    # Their own generator, so that the generated items stay those of earlier runs.
    hard_rng = random.Random(20261217)
    cases = hard_cases(sentences, hard_rng, args.hard_per_kind)
    lines = with_planted(lines, list(planted_lines(cases, hard_rng)), hard_rng)
    if not args.reuse:
        import_lines(engine_name, db_path, lines)
    search = engine.Engine()
    vocabulary = load_vocabulary()
    filters = engine.Filters(scope=[Site.objects.get(pk=site.pk).pk])
    print(f"{'query':<16}{'hits':>8}{'p50 ms':>10}{'p95 ms':>10}  (relevance, first page + count)")
    all_times = []
    for query in QUERIES:
        parsed = parse_query(query, vocabulary)
        times = []
        for _ in range(args.repeat):
            (_, total, _), ms = timed(lambda parsed=parsed: search.search(parsed, filters))
            times.append(ms)
        all_times += times
        print(f"{query:<16}{total:>8}{percentile(times, 50):>10.1f}{percentile(times, 95):>10.1f}")
    print(
        f"all queries: p50 {percentile(all_times, 50):.1f} ms, "
        f"p95 {percentile(all_times, 95):.1f} ms"
    )
    from relevance import evaluate

    evaluate(cases, search, filters, vocabulary, timed)  # warm, as the mix above is
    print_relevance(evaluate(cases, search, filters, vocabulary, timed))
    facet_times = []
    for query in QUERIES[:4]:
        parsed = parse_query(query, vocabulary)
        t0 = time.perf_counter()
        search.facets(parsed, filters)
        facet_times.append((time.perf_counter() - t0) * 1000)
    print(f"facet counts (5 facets): max {max(facet_times):.0f} ms over {QUERIES[:4]}")
    return site, lines


def run_stock(args, engine_name, site, lines, rng):
    """Stock Wagtail: pages added one by one (add_child + publish), and Wagtail's database
    backend searching NewsPage over every imported item (after update_index)."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.rich_text import RichText
    from wagtail.signals import page_published

    from news.models import NewsIndexPage, NewsPage

    # Stock Wagtail: without this project's search documents being kept in step.
    page_published.disconnect(dispatch_uid="search-published")
    index = NewsIndexPage.objects.child_of(site.root_page).first()
    sample = lines[: args.stock_items]
    started = time.perf_counter()
    for number, line in enumerate(sample):
        item = json.loads(line)
        page = NewsPage(
            title=item["title"],
            slug=f"stock-{number}",
            date=item["date"],
            kind="work_news",
            body=[("paragraph", RichText(f"<p>{item['body']}</p>"))],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        index.refresh_from_db()
    elapsed = time.perf_counter() - started
    print(f"stock import (page saves + revisions + index): {len(sample) / elapsed:.0f} items/s")
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    print(
        f"stock update_index over {NewsPage.objects.count()} pages: "
        f"{time.perf_counter() - started:.0f} s"
    )
    stop = {"at": None}

    def arm_timeout():
        # Again for every query: a timed-out query closes the connection.
        connection.ensure_connection()
        if engine_name == "SQLite":
            connection.connection.set_progress_handler(
                lambda: 1 if stop["at"] and time.perf_counter() > stop["at"] else 0, 10_000
            )
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(args.stock_timeout * 1000)}")

    print(f"{'query':<16}{'hits':>8}{'ms':>10}  (stock NewsPage.objects.live().search(q)[:20])")
    for query in QUERIES:
        arm_timeout()
        stop["at"] = time.perf_counter() + args.stock_timeout
        t0 = time.perf_counter()
        try:
            hits = len(list(NewsPage.objects.live().search(query)[:20]))
            ms = f"{(time.perf_counter() - t0) * 1000:.0f}"
        except Exception as error:  # noqa: BLE001 - a timeout or an FTS syntax error is the result
            hits, ms = (
                "-",
                f"> {args.stock_timeout * 1000:.0f}"
                if "interrupt" in str(error).lower() or "timeout" in str(error).lower()
                else type(error).__name__,
            )
            connection.close()
        print(f"{query:<16}{hits!s:>8}{ms:>10}")
        stop["at"] = None


def main():
    args = parse_args()
    engine_name, db_path = setup_database(args.reuse)
    django_setup()
    print(
        f"# search benchmark — {engine_name}, {args.items} items, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}"
    )
    rng = random.Random(20261201)
    site, lines = run_pipeline(args, engine_name, db_path, rng)
    if not args.no_stock:
        run_stock(args, engine_name, site, lines, rng)


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
