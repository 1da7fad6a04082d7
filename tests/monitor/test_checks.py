"""The monitor's bounds and rules one by one: the crawl stops at its page bound, external
links are checked up to the cap and never on the machine's own network unless allowed, other
sections go stale after six months, limits change per committee, the 404 log counts what it
should and stays bounded, and the daily job runs the monitor."""

import datetime
import io

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    make_committee,
    make_image,
    make_platform,
)
from monitor.models import FindingKind, MonitorRun, NotFoundHit
from monitor.run import monitor_site
from operations.tasks import monitor_sites

from .peer import Peer


def kinds(run):
    return sorted(run.findings.values_list("kind", flat=True))


@override_settings(MONITOR_EXTERNAL_PRIVATE=True)
class Bounds(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.peer = Peer()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.peer.stop()

    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("huining", "会宁县政协")
        index = NewsIndexPageFactory(parent=cls.site.root_page, title="工作动态", slug="news")
        links = "".join(f'<a href="{cls.peer.url(f"/missing-{n}")}">外链{n}</a>' for n in range(3))
        for n in range(6):
            NewsPageFactory(
                parent=index,
                slug=f"item-{n}",
                body=[("paragraph", RichText(f"<p>{links if n == 0 else '正文'}</p>"))],
            )

    def setUp(self):
        self.peer.asked.clear()

    def test_the_crawl_stops_at_its_page_bound(self):
        with override_settings(MONITOR_MAX_PAGES=3):
            run = monitor_site(self.site)
        self.assertEqual(run.pages_crawled, 3)
        unbounded = monitor_site(self.site)
        self.assertGreater(unbounded.pages_crawled, 3)

    def test_external_checks_stop_at_the_cap(self):
        with override_settings(MONITOR_MAX_EXTERNAL=2):
            run = monitor_site(self.site)
        self.assertEqual((run.external_checked, run.external_skipped), (2, 1))
        asked = {path for _method, path in self.peer.asked}
        self.assertEqual(len(asked), 2)
        self.assertEqual(run.findings.filter(kind=FindingKind.DEAD_EXTERNAL).count(), 2)

    def test_links_to_this_machine_are_not_checked_unless_allowed(self):
        with override_settings(MONITOR_EXTERNAL_PRIVATE=False):
            run = monitor_site(self.site)
        self.assertEqual(self.peer.asked, [])
        self.assertNotIn(FindingKind.DEAD_EXTERNAL, kinds(run))


class Staleness(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.platforms = committee_with_platforms("jingtai", "景泰县政协")
        index = NewsIndexPageFactory(parent=cls.site.root_page, title="通知公告", slug="notices")
        cls.news = NewsPageFactory(parent=index)

    def age(self, page, days, field="first_published_at"):
        at = timezone.now() - datetime.timedelta(days=days)
        Page.objects.filter(pk=page.pk).update(**{field: at, "last_published_at": at})

    def stale(self, run):
        return sorted(
            run.findings.filter(kind__startswith="stale").values_list("kind", "subject", "days")
        )

    def test_news_after_two_weeks_and_other_sections_after_six_months(self):
        self.age(self.news, 14)
        self.age(make_platform(self.platforms, "anjia"), 200, "last_published_at")
        run = monitor_site(self.site)
        self.assertEqual(self.stale(run), [("stale_section", "协商平台", 200)])
        self.age(self.news, 15)
        run = monitor_site(self.site)
        self.assertIn(("stale_news", "通知公告", 15), self.stale(run))

    def test_limits_change_per_committee(self):
        self.age(self.news, 20)
        overrides = {"jingtai.test": {"NEWS_STALE_DAYS": 30}}
        with override_settings(MONITOR_SITE_OVERRIDES=overrides):
            self.assertEqual(self.stale(monitor_site(self.site)), [])
        with override_settings(MONITOR_NEWS_STALE_DAYS=7):
            self.assertEqual(self.stale(monitor_site(self.site)), [("stale_news", "通知公告", 20)])

    def test_an_empty_news_section_is_flagged_a_one_page_section_is_not(self):
        NewsIndexPageFactory(parent=self.site.root_page, title="政协要闻", slug="headlines")
        self.age(self.platforms, 400, "last_published_at")  # no platform below it
        stale = self.stale(monitor_site(self.site))
        self.assertEqual(stale, [("stale_news", "政协要闻", None)])


class NotFoundLogging(TestCase):
    """With the installation's own middleware (the 404 log sits in settings.MIDDLEWARE)."""

    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("gulang", "古浪县政协")
        cls.other = make_committee("tianzhu", "天祝县政协")

    def get(self, path, host="gulang.test", **extra):
        return self.client.get(path, HTTP_HOST=host, **extra)

    def hits(self):
        return sorted(NotFoundHit.objects.values_list("site__hostname", "path", "count"))

    def test_each_404_is_counted_per_site_and_path(self):
        self.assertEqual(self.get("/old-column/").status_code, 404)
        self.get("/old-column/")
        self.get("/old-column/", host="tianzhu.test")
        self.get("/")  # found: not counted
        self.assertEqual(
            self.hits(), [("gulang.test", "/old-column/", 2), ("tianzhu.test", "/old-column/", 1)]
        )

    def test_what_is_not_counted(self):
        self.client.post("/old-column/", HTTP_HOST="gulang.test")
        self.get("/admin/no-such-view/")
        self.get(f"{settings.STATIC_URL}missing.css")
        self.get("/old-column/", HTTP_X_CPPCC_MONITOR="1")  # the monitor's own crawl
        self.assertEqual(self.hits(), [])

    @override_settings(MONITOR_NOT_FOUND_ROWS=2)
    def test_rows_per_site_are_capped(self):
        for n in range(4):
            self.get(f"/scan-{n}/")
        self.get("/scan-0/")
        self.get("/scan-9/", host="tianzhu.test")
        self.assertEqual(
            self.hits(),
            [
                ("gulang.test", "/scan-0/", 2),
                ("gulang.test", "/scan-1/", 1),
                ("tianzhu.test", "/scan-9/", 1),
            ],
        )

    def test_the_run_lists_the_most_frequent(self):
        for _ in range(3):
            self.get("/often/")
        self.get("/once/")
        run = monitor_site(self.site)
        hits = run.findings.filter(kind=FindingKind.NOT_FOUND)
        self.assertEqual(
            list(hits.values_list("subject", "count")), [("/often/", 3), ("/once/", 1)]
        )
        # The crawl's own 404s are not in the log.
        self.assertFalse(NotFoundHit.objects.filter(path="/").exists())


class DailyJob(TestCase):
    def test_the_command_checks_one_committee_or_says_it_does_not_exist(self):
        make_committee("minqin", "民勤县政协")
        make_committee("gulang", "古浪县政协")
        out = io.StringIO()
        call_command("monitor_sites", "--site", "minqin.test", stdout=out)
        self.assertIn("minqin.test：检查页面", out.getvalue())
        self.assertEqual(
            list(MonitorRun.objects.values_list("site__hostname", flat=True)), ["minqin.test"]
        )
        with self.assertRaisesMessage(CommandError, "没有主机名为 nowhere.test 的站点"):
            call_command("monitor_sites", "--site", "nowhere.test")

    def test_the_task_runs_every_committee(self):
        site = make_committee("minqin", "民勤县政协")
        result = monitor_sites.enqueue()
        self.assertEqual(
            result.return_value, {"minqin.test": site.monitor_runs.get().problem_count}
        )


class AltText(TestCase):
    """An image block's own alternative text counts, whatever the image's description; an
    image field counts the image's description."""

    def test_blocks_and_fields(self):
        site = make_committee("yongdeng", "永登县政协")
        index = NewsIndexPageFactory(parent=site.root_page, title="工作动态", slug="news")
        described, bare = make_image("有描述"), make_image("无描述")
        described.description = "会场全景"
        described.save()

        def block(image, alt):
            return ("image", {"image": image, "alt_text": alt, "caption": ""})

        NewsPageFactory(parent=index, slug="block-with-alt", body=[block(bare, "主席台")])
        NewsPageFactory(parent=index, slug="block-without-alt", body=[block(described, "")])
        NewsPageFactory(parent=index, slug="field-described", lead_image=described)
        NewsPageFactory(parent=index, slug="field-bare", lead_image=bare)
        with override_settings(MONITOR_MAX_PAGES=1):
            run = monitor_site(site)
        found = run.findings.filter(kind=FindingKind.ALT_TEXT)
        self.assertEqual(
            sorted((f.subject, f.found_on.rstrip("/").rsplit("/", 1)[1]) for f in found),
            [("无描述", "field-bare"), ("有描述", "block-without-alt")],
        )
