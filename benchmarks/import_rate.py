"""Archive import rate alone: the items benchmarks/search.py generates (same seeds, same random
seed), imported into a fresh database with import_archive's importer, timed by the wall clock
and by this process's CPU time (on a shared machine the CPU time is the steadier figure).
``--profile FILE`` writes a cProfile of the import (all threads: the writer thread's work is
profiled too); ``--reimport`` imports the same file a second time (every item an update).

    .venv/bin/python benchmarks/import_rate.py --items 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cppcc_importspeed_bench \\
        .venv/bin/python benchmarks/import_rate.py --items 20000

The SQLite file goes under $TMPDIR (set it to keep runs of several people apart).
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "site" / "demo" / "seeds"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--profile", help="write a cProfile of the import to this file")
    parser.add_argument("--reimport", action="store_true", help="import the file again")
    parser.add_argument(
        "--sequential", action="store_true", help="no writer thread (a clearer profile)"
    )
    parser.add_argument("--workers", type=int, help="worker processes (default: the importer's)")
    parser.add_argument("--bytes", action="store_true", help="lines as bytes, as the command")
    return parser.parse_args()


def setup_database():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return "PostgreSQL"
    path = Path(tempfile.gettempdir()) / "cppcc-import-rate.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return "SQLite"


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
    """As benchmarks/search.py: ~1,000-character items, a few with rare words."""
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


def timed_import(lines, args, label):
    from search.archive import Importer

    refresh = _timed_refresh()
    profile = cProfile.Profile() if args.profile else None
    if profile:
        _profile_threads(profile)
    server = _server_cpu() if args.sequential else None
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    if profile:
        profile.enable()
    report = Importer(
        site_hostname="bench.test",
        batch_size=args.batch_size,
        overlap=False if args.sequential else None,
        workers=args.workers,
    ).run(lines)
    if profile:
        profile.disable()
        stats = pstats.Stats(profile)
        for inner in profile.thread_profiles:
            stats.add(inner)
        stats.dump_stats(args.profile + (".re" if label == "reimport" else ""))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    children = _children_cpu() - children
    assert not report.errors, report.errors[:3]
    count = report.imported
    server = f"; server CPU {_server_cpu() - server:.1f} s" if server is not None else ""
    print(
        f"{label}: {report.created} created, {report.updated} updated; "
        f"wall {wall:.1f} s = {count / wall:.0f} items/s; "
        f"CPU: this process {cpu:.1f} s, its workers {children:.1f} s{server}; "
        f"statistics refreshed at the end in {refresh['seconds']:.1f} s"
    )


def _timed_refresh():
    """The wall time of the importer's closing statistics refresh (ANALYZE, VACUUM)."""
    from search.archive import importer

    refresh = {"seconds": 0.0}
    original = getattr(importer.Importer._refresh_statistics, "original", None)
    original = original or importer.Importer._refresh_statistics

    def timed(self):
        started = time.perf_counter()
        original(self)
        refresh["seconds"] = time.perf_counter() - started

    timed.original = original
    importer.Importer._refresh_statistics = timed
    return refresh


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _server_cpu():
    """PostgreSQL: the CPU seconds of this connection's server process (same machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _profile_threads(profile):
    """cProfile sees one thread; the writer thread's batches are profiled by wrapping them."""
    from search.archive import writer

    profile.thread_profiles = []
    original = getattr(writer.Writes._write_in_thread, "original", writer.Writes._write_in_thread)

    def profiled(self, batch):
        inner = cProfile.Profile()
        inner.enable()
        try:
            return original(self, batch)
        finally:
            inner.disable()
            profile.thread_profiles.append(inner)

    profiled.original = original
    writer.Writes._write_in_thread = profiled


def main():
    args = parse_args()
    engine_name = setup_database()
    django_setup()
    from core.committees import provision_committee
    from home.models import HomePage
    from news.taxonomy import ensure_meeting_types

    ensure_meeting_types()
    provision_committee(
        short_name="基准政协",
        hostname="bench.test",
        home_page=HomePage(title="基准政协", slug="bench"),
        is_default_site=True,
    )
    lines = list(generate(args.items, corpus(), random.Random(20261201)))
    if args.bytes:
        lines = [(line + "\n").encode() for line in lines]
    print(f"# import rate — {engine_name}, {args.items} items, batch {args.batch_size}")
    timed_import(lines, args, "import")
    if args.reimport:
        timed_import(lines, args, "reimport")


if __name__ == "__main__":
    main()
