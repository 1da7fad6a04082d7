"""Phase "build" (run by site_at_scale.py in its own process, dev settings so that load_demo
may run): a fresh database, the demo, N archive items through the real ``import_archive``
command, then the consultation benchmark's platforms, activities and suggestions."""

import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent

# Where the archive goes: the prefecture and its demo counties (matched by the importer's
# `county` field, as a real archive names its committee), the prefecture the largest.
COMMITTEES = [
    ("平凉市政协", 40),
    ("庄浪县政协", 15),
    ("高台县政协", 15),
    ("红古区政协", 15),
    ("徽县政协", 15),
]
KINDS = [("meeting_report", 45), ("work_news", 35), ("speech", 8), ("notice", 7), ("media", 5)]
RARE = ["高桥镇的合小美工作室开展协商。", "嘉峪关推行1+7+3模式。"]


def load_benchmark(name):
    """A sibling benchmark script as a module (its file names clash with the site's apps)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fresh_database():
    """Drop and create the PostgreSQL database named by DATABASE_URL, or delete the SQLite
    file: the build always starts from nothing."""
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def generate(n, sentences, meeting_types, rng):
    """JSON Lines of ``n`` archive items as a committee's old system would export them: a
    committee name, a kind, a meeting type for most meeting reports, dates over 2012-2024; a
    few carry rare words (as benchmarks/search.py does)."""
    names = [name for name, _ in COMMITTEES]
    weights = [weight for _, weight in COMMITTEES]
    kinds = [kind for kind, _ in KINDS]
    kind_weights = [weight for _, weight in KINDS]
    for number in range(n):
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(5, 12)))
        if number % 997 == 0:
            body += RARE[number % 2]
        kind = rng.choices(kinds, kind_weights)[0]
        item = {
            "id": f"scale-{number}",
            "title": rng.choice(sentences)[:40],
            "date": f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "body": body,
            "county": rng.choices(names, weights)[0],
            "type": kind,
        }
        if kind == "meeting_report" and rng.random() < 0.9:
            item["meeting_type"] = rng.choice(meeting_types)
        yield json.dumps(item, ensure_ascii=False)


def import_archive(items, var_dir):
    from django.core.management import call_command

    from news.models import MeetingType

    search_bench = load_benchmark("search")
    rng = random.Random(20261217)
    sentences = search_bench.corpus()
    slugs = list(MeetingType.objects.values_list("slug", flat=True))
    path = Path(var_dir) / "archive.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for line in generate(items, sentences, slugs, rng):
            out.write(line + "\n")
    print(f"archive file: {items} items, {path.stat().st_size / 2**20:.0f} MiB", flush=True)
    started = time.perf_counter()
    call_command("import_archive", str(path), "--no-progress")
    elapsed = time.perf_counter() - started
    print(f"import_archive: {items} items in {elapsed:.1f} s = {items / elapsed:.0f} items/s")
    return items / elapsed


def add_activities(activities):
    """The consultation benchmark's build(): 13 more counties under the prefecture with
    platforms (pages), activities, steps, participants and suggestions (bulk inserts)."""
    if activities <= 0:
        return
    consultation_bench = load_benchmark("consultation")
    started = time.perf_counter()
    consultation_bench.build(activities / 50_000)
    print(f"consultation data: {time.perf_counter() - started:.1f} s", flush=True)


def analyse():
    """Planner statistics as a running installation keeps them: the daily refresh_statistics
    job (core.db), after a VACUUM on PostgreSQL as autovacuum would do."""
    from django.db import connection

    from core.db import refresh_statistics

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
    refresh_statistics()


def main(options):
    fresh_database()
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    print(f"migrate + load_demo: {time.perf_counter() - started:.1f} s", flush=True)
    rate = import_archive(options["items"], os.environ["CPPCC_VAR_DIR"])
    add_activities(options["activities"])
    if options["analyze"]:
        started = time.perf_counter()
        analyse()
        print(f"ANALYZE: {time.perf_counter() - started:.1f} s")
    return {"import_rate": rate}
