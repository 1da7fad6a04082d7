"""Figures and consultation pages at scale: 2,000 platforms, 50,000 activities and 200,000
suggestions over 13 counties under one prefecture (scale them with the first argument).

Usage: .venv/bin/python benchmarks/consultation.py [SCALE]   (default 1.0)
Runs against a throw-away SQLite database (or DATABASE_URL if set). Platforms are created as
pages (page tree inserts, no revisions); activities and their steps, participants and
suggestions with bulk inserts, then the cached progress columns are filled by the same
``refresh_progress`` the admin uses. Prints one line per figure and per page.
"""

import datetime
import io
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

from django.core.cache import cache  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.images.models import Image  # noqa: E402
from wagtail.models import Site  # noqa: E402

from consultation import figures as figs  # noqa: E402
from consultation.models import (  # noqa: E402
    Activity,
    ActivityFormat,
    ActivityIndexPage,
    ActivityStep,
    CaseStudyIndexPage,
    ParticipantRole,
    Participation,
    PlatformEvidence,
    PlatformIndexPage,
    PlatformKind,
    PlatformLevel,
    PlatformMember,
    PlatformPage,
    Spine,
    Suggestion,
    SuggestionStatus,
    TopicCategory,
)
from consultation.models.activities import refresh_progress  # noqa: E402
from consultation.models.platforms import EVIDENCED_ITEMS  # noqa: E402
from core.committees import provision_committee  # noqa: E402
from home.models import HomePage  # noqa: E402

COUNTIES = 13
TOPIC_WORDS = [
    "老旧小区改造",
    "农村道路修复",
    "医保报销",
    "物业管理",
    "停车难",
    "垃圾分类",
    "特色小镇发展",
    "人居环境整治",
    "征地拆迁",
    "就业帮扶",
    "文旅融合",
    "供暖保障",
]


def build(scale):
    rng = random.Random(20261123)
    n_platforms = int(2000 * scale)
    n_activities = int(50000 * scale)
    n_suggestions = int(200000 * scale)
    prefecture = Site.objects.get(hostname="pingliang.localhost")
    kinds = list(PlatformKind.objects.all())
    formats = list(ActivityFormat.objects.all())
    categories = list(TopicCategory.objects.all())
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "#888").save(buffer, "PNG")
    photo = Image(title="bench", file=ImageFile(buffer, name="bench.png"))
    photo.save()
    t0 = time.perf_counter()
    counties = []
    for c in range(COUNTIES):
        site = provision_committee(
            short_name=f"基准县{c + 1}政协",
            hostname=f"bench{c + 1}.localhost",
            port=8000,
            home_page=HomePage(title=f"基准县{c + 1}政协", slug=f"bench{c + 1}"),
            parent_site=prefecture,
        )
        home = site.root_page
        indexes = {}
        for model, slug in [
            (PlatformIndexPage, "platforms"),
            (ActivityIndexPage, "consultations"),
            (CaseStudyIndexPage, "cases"),
        ]:
            page = home.add_child(instance=model(title=slug, slug=slug, show_in_menus=True))
            indexes[model] = page
        counties.append((site, indexes))
    platforms = []
    for i in range(n_platforms):
        site, indexes = counties[i % COUNTIES]
        kind = kinds[i % len(kinds)]
        page = PlatformPage(
            title=f"基准平台{i}",
            slug=f"p{i}",
            level=PlatformLevel.values[i % len(PlatformLevel.values)],
            kind=kind,
            established_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 2500),
        )
        indexes[PlatformIndexPage].add_child(instance=page)
        platforms.append((page, site))
    t_pages = time.perf_counter() - t0
    print(f"created {COUNTIES} counties and {n_platforms} platform pages in {t_pages:.1f} s")
    t0 = time.perf_counter()
    with transaction.atomic():
        evidence, members = [], []
        for page, _ in platforms:
            if page.kind.uses_six_haves:
                for item in rng.sample(EVIDENCED_ITEMS, rng.randint(0, len(EVIDENCED_ITEMS))):
                    evidence.append(PlatformEvidence(page=page, item=item, image=photo))
            for m in range(3):
                members.append(
                    PlatformMember(
                        page=page, name=f"委员{rng.randint(0, 400)}", is_committee_member=m < 2
                    )
                )
        PlatformEvidence.objects.bulk_create(evidence, batch_size=2000)
        PlatformMember.objects.bulk_create(members, batch_size=2000)
        activities = []
        for i in range(n_activities):
            page, site = platforms[rng.randrange(len(platforms))]
            activities.append(
                Activity(
                    site=site,
                    platform=page,
                    topic=f"{rng.choice(TOPIC_WORDS)}问题协商{i}",
                    topic_category=rng.choice(categories),
                    format=rng.choice(formats),
                )
            )
        Activity.objects.bulk_create(activities, batch_size=2000)
        steps, participants = [], []
        deliberated = []
        for activity in activities:
            reached = rng.randint(1, 7)
            day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2800))
            for step in range(1, reached + 1):
                steps.append(ActivityStep(activity=activity, step=step, date=day))
                if step == Spine.DELIBERATE:
                    deliberated.append((activity, day))
                day += datetime.timedelta(days=rng.randint(1, 20))
            if reached >= Spine.DELIBERATE:
                for role in rng.sample(ParticipantRole.values, 3):
                    participants.append(
                        Participation(activity=activity, role=role, count=rng.randint(1, 8))
                    )
        ActivityStep.objects.bulk_create(steps, batch_size=5000)
        Participation.objects.bulk_create(participants, batch_size=5000)
        suggestions = []
        for i in range(n_suggestions):
            activity, day = deliberated[i % len(deliberated)]
            status = rng.choice(SuggestionStatus.values)
            suggestions.append(
                Suggestion(
                    activity=activity,
                    content=f"建议{i}",
                    made_on=day,
                    status=status,
                    resolved_on=day + datetime.timedelta(days=30) if status == "solved" else None,
                )
            )
        Suggestion.objects.bulk_create(suggestions, batch_size=5000)
        refresh_progress(Activity.objects.all())
    print(
        f"bulk-inserted {len(activities)} activities, {len(steps)} steps, "
        f"{len(participants)} participations, {len(suggestions)} suggestions, "
        f"{len(evidence)} evidence rows in {time.perf_counter() - t0:.1f} s"
    )
    return counties


def timed(fn, repeat=7, cold=False):
    """Median and max milliseconds and the query count of ``fn``; ``cold`` empties the cache
    (the cached figures) before every call."""
    fn()
    timings = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - t) * 1000)
    return statistics.median(timings), max(timings), len(queries)


def main(scale):
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    counties = build(scale)
    # Planner statistics, as a deployment keeps them (PostgreSQL's autovacuum, SQLite's
    # PRAGMA optimize); both databases understand a bare ANALYZE.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    prefecture = Site.objects.get(hostname="pingliang.localhost")
    county = counties[0][0]
    scopes = [
        ("county", figs.Scope.for_site(county, rollup=False)),
        ("prefecture+13", figs.Scope.for_site(prefecture)),
        (
            "prefecture+13, 2023",
            figs.Scope.for_site(prefecture, datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        ),
    ]
    print("\nfigures computed (cache emptied before each call)")
    print(f"{'figure':28s} {'scope':20s} {'value':>8s} {'median':>9s} {'max':>9s}")
    for counter in figs.COUNTERS:
        for label, scope in scopes:
            value = counter.value(scope)
            median, worst, _ = timed(lambda c=counter, s=scope: c.value(s), cold=True)
            print(f"{counter.label:26s} {label:20s} {value:8d} {median:7.1f}ms {worst:7.1f}ms")
    client = Client()
    activity = Activity.objects.filter(site=county).order_by("pk").first()
    host = f"{county.hostname}"
    cases = [
        ("county home (figures block)", host, "/"),
        ("prefecture home (rolled up)", "pingliang.localhost", "/"),
        ("platform index", host, "/platforms/"),
        ("platform index, filtered", host, "/platforms/?level=village&kind=room"),
        ("compliance board", host, "/platforms/liuyou/"),
        ("compliance board, compliant", host, "/platforms/liuyou/?status=compliant"),
        ("platform page", host, f"/platforms/{activity.platform.slug}/"),
        ("activity index", host, "/consultations/"),
        ("activity index, filtered", host, "/consultations/?step=7&year=2023"),
        ("activity index, page 50", host, "/consultations/?page=50"),
        ("activity detail", host, f"/consultations/{activity.pk}/"),
        ("figures, county", host, "/figures/"),
        ("figures, prefecture+13", "pingliang.localhost", "/figures/"),
        ("drill-down suggestions", "pingliang.localhost", "/figures/suggestions/?year=2023"),
        ("drill-down activities p10", host, "/figures/activities/?page=10"),
        ("drill-down members", "pingliang.localhost", "/figures/members/"),
        ("export xlsx, prefecture", "pingliang.localhost", "/figures/export.xlsx"),
    ]
    print(f"\n{'page':34s} {'warm cache':>21s} {'cold cache':>21s}  queries warm/cold")
    for label, host_name, path in cases:

        def get(h=host_name, p=path):
            response = client.get(p, HTTP_HOST=h)
            assert response.status_code == 200, (p, response.status_code)

        median, worst, queries = timed(get)
        cold_median, cold_worst, cold_queries = timed(get, cold=True)
        print(
            f"{label:34s} {median:7.1f}ms (max {worst:5.0f}) {cold_median:7.1f}ms "
            f"(max {cold_worst:5.0f})  {queries:4d}/{cold_queries}"
        )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
