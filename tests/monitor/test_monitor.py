"""The site monitor on committees whose problems are known: a prefecture whose news section's
latest item is 20 days old, with a link to a page that does not exist, a dead and a live
external link (to a local HTTP peer), no ICP number, an image without alternative text and a
404 seen by the log; a county (its child) with fresh news, good links and a complete footer,
which gets no finding at all."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase, override_settings
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor, make_image
from monitor.models import Finding, FindingKind, MonitorRun, NotFoundHit
from monitor.run import monitor_site, run_all
from news.models import NewsPage

from .peer import Peer

FOOTER = {
    "sponsor": "政协办公室",
    "address": "甘肃省平凉市崆峒区某某路1号",
    "phone": "0933-8212345",
    "icp_number": "陇ICP备12345678号-1",
    "police_number": "甘公网安备 62080202000123号",
    "website_code": "6208000001",
}


def restore_image_files():
    """Each test has its own MEDIA_ROOT (tests/conftest.py): the files of the images made once
    for the class are written again, so that pages showing them render."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "#c00").save(buffer, "PNG")
    for image in Image.objects.all():
        if not default_storage.exists(image.file.name):
            default_storage.save(image.file.name, ContentFile(buffer.getvalue()))


def news_with(index, *, title, links=(), image=None, days_old=0):
    body = "".join(f'<a href="{href}">{text}</a> ' for href, text in links)
    page = NewsPageFactory(
        parent=index,
        title=title,
        lead_image=image,
        body=[("paragraph", RichText(f"<p>会议精神。{body}</p>"))],
    )
    published = timezone.now() - datetime.timedelta(days=days_old)
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    return page


@override_settings(MONITOR_EXTERNAL_PRIVATE=True, MONITOR_EXTERNAL_TIMEOUT=5)
class KnownProblems(TestCase):
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
        footer = {**FOOTER, "icp_number": ""}
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture", **footer)
        cls.county = make_committee("jingning", "静宁县政协", parent=cls.site, **FOOTER)
        cls.other = make_committee("zhuanglang", "庄浪县政协", **FOOTER)
        index = NewsIndexPageFactory(parent=cls.site.root_page, title="政协要闻", slug="news")
        cls.dead_ext = cls.peer.url("/missing")
        cls.stale = news_with(
            index,
            title="二十天前的报道",
            links=[
                ("/gone/", "已删除的页面"),
                (cls.dead_ext, "失效的外部网站"),
                (cls.peer.url("/ok"), "正常的外部网站"),
            ],
            image=make_image("无描述的会场照片"),
            days_old=20,
        )
        county_index = NewsIndexPageFactory(
            parent=cls.county.root_page, title="工作动态", slug="news"
        )
        described = make_image("会场")
        described.description = "全体会议会场全景"
        described.save()
        news_with(
            county_index,
            title="今天的报道",
            links=[(cls.peer.url("/ok"), "正常的外部网站"), ("/news/", "新闻栏目")],
            image=described,
        )
        cls.editor = make_editor(cls.site)
        cls.county_editor = make_editor(cls.county)
        cls.other_editor = make_editor(cls.other)
        NotFoundHit.objects.create(
            site=cls.site, path="/old-column/", count=7, last_seen=timezone.now()
        )

    def setUp(self):
        self.peer.asked.clear()
        restore_image_files()

    def findings(self, run, kind):
        return list(run.findings.filter(kind=kind))

    def test_each_known_problem_is_found(self):
        run = monitor_site(self.site)
        stale = self.findings(run, FindingKind.STALE_NEWS)
        self.assertEqual([(f.subject, f.days) for f in stale], [("政协要闻", 20)])
        dead = self.findings(run, FindingKind.DEAD_INTERNAL)
        self.assertEqual([f.url for f in dead], ["http://pingliang.test/gone/"])
        self.assertEqual(
            dead[0].found_on, "http://pingliang.test" + self.stale.url_path[len("/pingliang") :]
        )
        self.assertEqual(dead[0].detail, "HTTP 404")
        external = self.findings(run, FindingKind.DEAD_EXTERNAL)
        self.assertEqual([(f.url, f.detail) for f in external], [(self.dead_ext, "HTTP 404")])
        self.assertEqual([f.subject for f in self.findings(run, FindingKind.FOOTER)], ["ICP备案号"])
        alt = self.findings(run, FindingKind.ALT_TEXT)
        self.assertEqual([f.subject for f in alt], ["无描述的会场照片"])
        self.assertIn(self.stale.slug, alt[0].found_on)
        hits = self.findings(run, FindingKind.NOT_FOUND)
        self.assertEqual([(f.subject, f.count) for f in hits], [("/old-column/", 7)])
        self.assertEqual(
            run.summary,
            {
                "stale_news": 1,
                "dead_internal": 1,
                "dead_external": 1,
                "footer": 1,
                "alt_text": 1,
                "not_found": 1,
            },
        )
        # The live external link was asked, and only HEAD was needed for it.
        self.assertIn(("HEAD", "/ok"), self.peer.asked)
        self.assertNotIn(("GET", "/ok"), self.peer.asked)

    def test_a_clean_committee_gets_no_finding(self):
        run = monitor_site(self.county)
        self.assertEqual(list(run.findings.values_list("kind", "subject")), [])
        self.assertEqual(run.summary, {})
        self.assertGreaterEqual(run.pages_crawled, 3)  # home, news section, the report
        self.assertEqual(run.external_checked, 1)

    def test_dashboard_and_report_show_the_dead_link_and_the_stale_section(self):
        monitor_site(self.site)
        monitor_site(self.county)
        self.client.force_login(self.editor)
        dashboard = self.client.get("/admin/").content.decode()
        for text in (
            "网站监测：平凉市政协",
            "政协要闻：20 天未更新",
            "http://pingliang.test/gone/",
            "ICP备案号",
            "无描述的会场照片",
            "/old-column/：7 次",
        ):
            self.assertIn(text, dashboard)
        # The prefecture's editors see their counties' overview.
        self.assertIn("网站监测：下级政协", dashboard)
        self.assertIn(f"/admin/monitor/?site={self.county.pk}", dashboard)
        report = self.client.get("/admin/monitor/").content.decode()
        self.assertIn("http://pingliang.test/gone/", report)
        self.assertIn("20 天", report)
        self.assertIn(self.dead_ext, report)
        county = self.client.get(f"/admin/monitor/?site={self.county.pk}")
        self.assertEqual(county.status_code, 200)
        self.assertNotIn("/gone/", county.content.decode())

    def test_a_clean_committee_dashboard_shows_nothing_false(self):
        monitor_site(self.county)
        self.client.force_login(self.county_editor)
        dashboard = self.client.get("/admin/").content.decode()
        self.assertIn("网站监测：静宁县政协", dashboard)
        self.assertIn("未发现问题。", dashboard)
        self.assertNotIn("天未更新", dashboard)
        self.assertNotIn("网站监测：下级政协", dashboard)

    def test_the_installation_administrators_see_every_committee(self):
        monitor_site(self.site)
        admin = get_user_model().objects.create_superuser("root", password="x")
        self.client.force_login(admin)
        dashboard = self.client.get("/admin/").content.decode()
        self.assertIn("网站监测：各政协", dashboard)
        for site in (self.site, self.county, self.other):
            self.assertIn(f"/admin/monitor/?site={site.pk}", dashboard)
        self.assertEqual(self.client.get(f"/admin/monitor/?site={self.site.pk}").status_code, 200)

    def test_the_xlsx_report_has_the_rows(self):
        run = monitor_site(self.site)
        monitor_site(self.county)
        self.client.force_login(self.editor)
        response = self.client.get("/admin/monitor/xlsx/")
        self.assertEqual(response.status_code, 200)
        day = timezone.localdate(run.started_at).isoformat()
        disposition = response["Content-Disposition"]
        self.assertIn(f'filename="site-monitor-{self.site.pk}-{day}.xlsx"', disposition)
        # 网站监测-平凉市政协-<day>.xlsx, percent-encoded as RFC 5987 asks
        self.assertIn("filename*=UTF-8''%E7%BD%91%E7%AB%99%E7%9B%91%E6%B5%8B-", disposition)
        self.assertTrue(disposition.endswith(f"-{day}.xlsx"))
        workbook = load_workbook(io.BytesIO(response.content))
        rows = [list(r) for r in workbook["监测结果"].iter_rows(values_only=True)]
        findings = [r for r in rows if r[0] in FindingKind.labels]
        self.assertEqual(len(findings), run.findings.count())
        stale = [r for r in findings if r[0] == "新闻栏目久未更新"]
        self.assertEqual([(r[1], r[2], r[5]) for r in stale], [("政协要闻", "/news/", 20)])
        dead = [r for r in findings if r[0] == "站内死链"]
        self.assertEqual(dead[0][1], "http://pingliang.test/gone/")
        counties = [list(r) for r in workbook["下级政协"].iter_rows(values_only=True)]
        self.assertEqual(counties[1][0], "静宁县政协")
        self.assertEqual(counties[1][2:], [0] * 7)

    def test_another_committee_cannot_see_this_report(self):
        monitor_site(self.site)
        for user in (self.other_editor, self.county_editor):
            self.client.force_login(user)
            for url in ("/admin/monitor/", "/admin/monitor/xlsx/"):
                response = self.client.get(f"{url}?site={self.site.pk}")
                self.assertEqual(response.status_code, 404, (user, url))
            self.assertNotIn("/gone/", self.client.get("/admin/").content.decode())
            self.assertNotIn("/gone/", self.client.get("/admin/monitor/").content.decode())
        self.client.force_login(self.other_editor)
        self.assertEqual(self.client.get("/admin/monitor/?site=abc").status_code, 404)

    def test_old_runs_are_pruned(self):
        with override_settings(MONITOR_KEEP_RUNS=2, MONITOR_MAX_PAGES=1):
            runs = [monitor_site(self.county) for _ in range(3)]
        kept = list(MonitorRun.objects.filter(site=self.county).order_by("pk"))
        self.assertEqual(kept, runs[1:])

    def test_the_command_runs_every_committee(self):
        runs = run_all()
        self.assertEqual({r.site for r in runs}, {self.site, self.county, self.other})
        self.assertTrue(all(r.error == "" for r in runs))
        self.assertEqual(Finding.objects.filter(run__site=self.site).count(), 6)
