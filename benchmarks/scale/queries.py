"""Phase "queries" (production settings, the built database): each page rendered in-process
with the test client, its SQL captured; the query count, the time in SQL and the slowest
statements, with the plan of the slowest (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN
QUERY PLAN on SQLite). The next regression is found by running one command."""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SQL_CHARS = 400
PLAN_LINES = 25


def _short(sql, limit=SQL_CHARS):
    sql = _without_columns(" ".join(sql.split()))
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"


def _without_columns(sql):
    """``SELECT … FROM``: the column list hides the part worth reading (FROM, WHERE)."""
    if not sql.startswith("SELECT "):
        return sql
    depth = 0
    for position, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", position):
            columns = sql[len("SELECT ") : position]
            return sql if len(columns) < 60 else f"SELECT … {sql[position + 1 :]}"
    return sql


class Recorder:
    """Every statement a render runs, timed around the driver call (``connection.queries``
    rounds to milliseconds), with its parameters, so its plan can be asked for."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            self.queries.append((elapsed, sql, None if many else params))


def shown(sql, params):
    """The statement with its parameters, for reading."""
    if not params:
        return sql
    try:
        return sql % tuple(repr(p) for p in params)
    except (TypeError, ValueError):
        return f"{sql}  -- params {params!r}"


def explain(sql, params):
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return []
    postgres = connection.vendor == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
    except Exception as error:  # noqa: BLE001 - a plan that cannot be had is reported, not fatal
        return [f"(no plan: {type(error).__name__}: {_short(str(error), 120)})"]
    if postgres:
        lines = [row[0] for row in rows]
    else:  # (id, parent, notused, detail): indent each step under its parent
        depth = {0: -1}
        lines = []
        for node, parent, _, detail in rows:
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
    if len(lines) > PLAN_LINES:
        lines = lines[:PLAN_LINES] + [f"… ({len(lines) - PLAN_LINES} more lines)"]
    return lines


def profile(client, case, cookie_name):
    from django.db import connection

    def get():
        return client.get(case["path"], HTTP_HOST=case["host"])

    if case["kind"] == "public":
        client.cookies[cookie_name] = "benchscaleuncachedvisitor0000000"
    get()  # warm: a long-running worker has its per-process caches filled
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        started = time.perf_counter()
        response = get()
        elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, elapsed, recorder.queries


def python_profile(client, case, rows=10):
    """Where the render's own time goes (cProfile, by time spent in each function itself)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, case["path"], HTTP_HOST=case["host"])
    stats = pstats.Stats(profiler)
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:rows]
    print("  Python, by own time (cProfile; cumulative in brackets):")
    for (filename, line, name), (_, calls, own, cumulative, _) in top:
        where = "/".join(Path(filename).parts[-2:])
        timing = f"{own * 1000:8.1f} ms [{cumulative * 1000:7.1f}] {calls:7d}×"
        print(f"  {timing}  {where}:{line} {name}")


def report(case, status, elapsed, queries, top):
    total = sum(q[0] for q in queries)
    print(
        f"\n### {case['label']}  ({case['host']}{case['path']})  HTTP {status}: "
        f"{len(queries)} queries, {total:.1f} ms in SQL, {elapsed:.1f} ms rendered in-process"
    )
    repeated = {}
    for ms, sql, _ in queries:
        count, total_ms = repeated.get(sql, (0, 0.0))
        repeated[sql] = (count + 1, total_ms + ms)
    for sql, (count, total_ms) in sorted(repeated.items(), key=lambda r: -r[1][1])[:2]:
        if count > 1:
            print(f"  repeated: {count}× the same statement, {total_ms:.1f} ms: {_short(sql, 200)}")
    slowest = sorted(queries, key=lambda q: q[0], reverse=True)[:top]
    for ms, sql, params in slowest:
        print(f"  {ms:8.1f} ms  {_short(shown(sql, params))}")
    if slowest:
        plan = explain(*slowest[0][1:])
        if plan:
            print("  plan of the slowest:")
            for line in plan:
                print(f"    {_short(line, 240)}")


def main(options):
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = get_user_model().objects.get(username="admin")
    print("\n## Queries per page (one render in-process after one warm-up, production settings)")
    summary = []
    for case in options["cases"]:
        if case["kind"] == "static":
            continue
        client = Client()
        if case["kind"] == "admin":
            client.force_login(admin)
        status, elapsed, queries = profile(client, case, settings.SESSION_COOKIE_NAME)
        report(case, status, elapsed, queries, options.get("top", 3))
        if options.get("profile"):
            python_profile(client, case)
        slowest = max((q[0] for q in queries), default=0)
        summary.append((case["label"], len(queries), sum(q[0] for q in queries), slowest, elapsed))
    print("\n| page | queries | ms in SQL | slowest query ms | render ms (in-process) |")
    print("|---|---|---|---|---|")
    for label, count, total, slowest, elapsed in summary:
        print(f"| {label} | {count} | {total:.1f} | {slowest:.1f} | {elapsed:.1f} |")
    return {}
