"""Queries per public page do not grow with the archive: every page kind is rendered with the
demo plus a small import and again after ten times as many items, and must run the same number
of queries. (How fast each query is at 100,000 items is the benchmark's business:
benchmarks/site_at_scale.py; this catches the N+1 loops and per-item lookups.)"""

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Site

from .test_cache_outage import public_urls

# Pages whose size is bounded by a setting rather than by the data (exports list every record
# by design; the sitemap lists every page, 50,000 to a file).
GROWING_BY_DESIGN = {"figures-xlsx", "figures-csv", "sitemap-xml", "preferences", "not-found"}


def _import(count, start):
    """``count`` archive items, alternately on the prefecture's and a county's site."""
    prefecture = Site.objects.get(is_default_site=True)
    county = Site.objects.exclude(pk=prefecture.pk).order_by("pk").first()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        for site in (prefecture, county):
            lines = [
                json.dumps(
                    {
                        "id": f"size-{site.pk}-{n}",
                        "title": f"政协常委会会议第{n}次",
                        "date": f"{2012 + n % 12}-0{1 + n % 9}-1{n % 10}",
                        "body": "会议协商讨论了乡村振兴工作。" * 5,
                        "type": ["meeting_report", "work_news", "notice"][n % 3],
                        "meeting_type": "standing-committee",
                    },
                    ensure_ascii=False,
                )
                for n in range(start, start + count // 2)
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            call_command(
                "import_archive",
                str(path),
                "--site",
                site.hostname,
                "--no-progress",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )


def _queries(urls):
    """{kind: number of queries} for a third, warm request of each URL."""
    client = Client()
    counts = {}
    for kind, case in urls.items():
        if kind in GROWING_BY_DESIGN:
            continue
        # Twice: a page's first view may write (a committee's topic settings are created on
        # first use), which moves the generations the per-process state is kept under.
        client.get(case.path, HTTP_HOST=case.host)
        client.get(case.path, HTTP_HOST=case.host)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(case.path, HTTP_HOST=case.host)
        assert response.status_code == case.status, (kind, response.status_code)
        counts[kind] = len(queries)
    return counts


@pytest.fixture(scope="module")
def sizes(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PAGE_CACHE_ENABLED=False),
    ):
        call_command("load_demo", stdout=io.StringIO())
        urls = public_urls()
        _import(20, 0)
        small = _queries(urls)
        _import(200, 1000)
        large = _queries(urls)
        yield small, large
        transaction.set_rollback(True)
    cache.clear()


@pytest.mark.django_db
def test_every_public_page_runs_the_same_queries_at_ten_times_the_archive(sizes):
    small, large = sizes
    assert len(small) >= 20  # every page kind was measured
    grew = {kind: (small[kind], large[kind]) for kind in small if large[kind] != small[kind]}
    assert not grew, grew
