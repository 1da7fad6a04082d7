"""Render times and query counts of the public pages on the demo plus N extra reports.

Usage: .venv/bin/python benchmarks/page_render.py [N]   (default N=300)
Runs against a throw-away SQLite database (or DATABASE_URL if set); prints one line per page.
"""

import datetime
import os
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from news.models import MeetingType, NewsIndexPage, NewsPage  # noqa: E402


def main(extra):
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    index = NewsIndexPage.objects.get(slug="news", url_path__startswith="/zhuanglang/")
    types = list(MeetingType.objects.all())
    start = time.perf_counter()
    for i in range(extra):
        page = NewsPage(
            title=f"基准报道{i}",
            slug=f"bench-{i}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            meeting_type=types[i % len(types)],
            term=10,
            sitting=i % 9 + 1,
            body=[("paragraph", RichText("<p>会议传达学习了有关精神。</p>"))],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    created = time.perf_counter() - start
    print(f"created {extra} reports through page saves: {extra / created:.1f} pages/s")
    client = Client()
    cases = [
        ("prefecture home (lists counties)", "pingliang.localhost", "/"),
        ("county home", "zhuanglang.localhost", "/"),
        ("county news index, page 1", "zhuanglang.localhost", "/news/"),
        (
            "county news index, filtered",
            "zhuanglang.localhost",
            "/news/?type=chairpersons&year=2020",
        ),
        ("prefecture index incl. counties", "pingliang.localhost", "/news/?page=3"),
        ("meeting report", "pingliang.localhost", "/news/wujie-wuci-zhuxi-huiyi/"),
    ]
    for label, host, path in cases:
        client.get(path, HTTP_HOST=host)  # warm up
        timings = []
        for _ in range(20):
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, HTTP_HOST=host)
            timings.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(
            f"{label:34s} median {statistics.median(timings):6.1f} ms  "
            f"max {max(timings):6.1f} ms  {len(queries):3d} queries"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
