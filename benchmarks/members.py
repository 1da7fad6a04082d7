"""Roster import and member pages at a county's scale: a 300-member roster imported into a new
county (pages, accounts, groups, memberships), imported again unchanged, then 5,000 activities
naming 5 members each and 5,000 suggestions, and the member pages read back.

Usage: .venv/bin/python benchmarks/members.py [MEMBERS]   (default 300)
Runs against a throw-away SQLite database (or DATABASE_URL if set). Prints one line per step.
"""

import csv
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cppcc.settings.dev")
os.environ.setdefault("CPPCC_VAR_DIR", tempfile.mkdtemp(prefix="cppcc-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Site  # noqa: E402

from consultation.models import (  # noqa: E402
    Activity,
    ActivityStep,
    MemberAttendance,
    PlatformIndexPage,
    PlatformKind,
    PlatformPage,
    Spine,
    Suggestion,
)
from core.committees import provision_committee  # noqa: E402
from home.models import HomePage  # noqa: E402
from members.models import MemberPage, Term  # noqa: E402
from members.roster import import_roster, read_rows  # noqa: E402

SECTORS = ["中共", "民革", "民盟", "民建", "经济界", "农业界", "教育界", "医药卫生界", "文艺界"]


def write_roster(path, count, stations):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["编号", "姓名", "性别", "出生年份", "界别", "专委会", "职务", "担任站长"])
        for n in range(1, count + 1):
            writer.writerow(
                [
                    f"{n:04d}",
                    f"基准委员{n:04d}",
                    "女" if n % 3 == 0 else "男",
                    1960 + n % 35,
                    SECTORS[n % len(SECTORS)],
                    "提案委员会" if n % 4 == 0 else "",
                    "常委" if n % 8 == 0 else "委员",
                    stations[n - 1] if n <= len(stations) else "",
                ]
            )


def timed(fn, repeat=7):
    fn()
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - t) * 1000)
    return statistics.median(timings), max(timings), len(queries)


def main(count):
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    rng = random.Random(20261123)
    prefecture = Site.objects.get(hostname="pingliang.localhost")
    site = provision_committee(
        short_name="基准县政协",
        hostname="bench-members.localhost",
        port=8000,
        home_page=HomePage(title="基准县政协", slug="bench-members"),
        parent_site=prefecture,
    )
    platform_index = site.root_page.add_child(
        instance=PlatformIndexPage(title="协商平台", slug="platforms")
    )
    workstation = PlatformKind.objects.get(slug="workstation")
    stations = []
    for i in range(10):
        page = PlatformPage(
            title=f"基准委员工作站{i}", slug=f"ws{i}", level="township", kind=workstation
        )
        platform_index.add_child(instance=page)
        page.save_revision().publish()
        stations.append(page)
    term = Term.objects.create(site=site, number=10, starts_on=datetime.date(2021, 12, 1))
    path = Path(tempfile.mkdtemp()) / "roster.csv"
    write_roster(path, count, [s.title for s in stations])

    for label in ("first import", "re-import (unchanged)"):
        t = time.perf_counter()
        queries = []

        def counting(execute, *args, queries=queries):
            queries.append(1)
            return execute(*args)

        with connection.execute_wrapper(counting):
            report = import_roster(read_rows(path), site=site, term=term, username_prefix="bm-")
        elapsed = time.perf_counter() - t
        print(
            f"{label:24s} {count} rows in {elapsed:6.1f} s ({elapsed / count * 1000:.0f} ms/row,"
            f" {len(queries) / count:.0f} queries/row): created {report.created},"
            f" updated {report.updated}, unchanged {report.unchanged}, errors {len(report.errors)}"
        )

    members = list(MemberPage.objects.descendant_of(site.root_page).order_by("roster_id"))
    t = time.perf_counter()
    with transaction.atomic():
        activities = Activity.objects.bulk_create(
            [
                Activity(site=site, platform=stations[i % len(stations)], topic=f"基准议题{i}")
                for i in range(5000)
            ]
        )
        steps, attendances, suggestions = [], [], []
        for activity in activities:
            day = datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, 1400))
            steps.append(ActivityStep(activity=activity, step=Spine.DELIBERATE, date=day))
            steps.append(ActivityStep(activity=activity, step=Spine.PUBLISH, date=day))
            for member in rng.sample(members, 5):
                attendances.append(MemberAttendance(activity=activity, member=member))
            suggestions.append(
                Suggestion(
                    activity=activity, content="基准建议", proposer=rng.choice(members), made_on=day
                )
            )
        ActivityStep.objects.bulk_create(steps)
        MemberAttendance.objects.bulk_create(attendances)
        Suggestion.objects.bulk_create(suggestions)
        from consultation.models.activities import refresh_progress

        refresh_progress(Activity.objects.filter(site=site))
    print(
        f"bulk-inserted 5000 activities, {len(attendances)} member attendances,"
        f" 5000 suggestions in {time.perf_counter() - t:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    host = site.hostname
    busiest = max(members, key=lambda m: m.activity_attendances.count())
    cases = [
        ("member directory", "/members/"),
        ("directory, sector filter", f"/members/?sector={members[0].memberships.get().sector_id}"),
        ("directory, name search", "/members/?q=0012"),
        ("directory, platform filter", f"/members/?platform={stations[0].pk}"),
        ("directory, page 5", "/members/?page=5"),
        (
            f"member page ({busiest.activity_attendances.count()} activities)",
            "/" + busiest.url_path.removeprefix(site.root_page.url_path),
        ),
        ("workstation page", f"/platforms/{stations[0].slug}/"),
    ]
    print(f"\n{'page':40s} {'median':>9s} {'max':>9s} {'queries':>8s}")
    for label, url in cases:
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200, (url, response.status_code)
        median, worst, queries = timed(lambda u=url: client.get(u, HTTP_HOST=host))
        print(f"{label:40s} {median:7.1f}ms {worst:7.1f}ms {queries:8d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
