"""板凳协商会 on the committee that enabled it, and nothing of it elsewhere."""

import datetime

from cppcc_bench.models import BenchMeetingPage
from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase
from wagtail.admin.menu import admin_menu

from consultation.models import Activity
from core.plugins import registry
from plugin_api.testing import activity, add_page, committee, editor, enable, platform

D = datetime.date
CONFIG = {
    "follow_up_days": 30,
    "groups": [
        {"label": "政协委员", "roles": ["member"], "minimum": 1},
        {"label": "相关部门", "roles": ["department"], "minimum": 1},
        {"label": "当事各方", "roles": ["stakeholder", "public_rep"], "minimum": 1},
    ],
}


def market(site):
    """The committee's 摩配大市场 liaison committee, where bench meetings are held."""
    return platform(
        site,
        "market",
        kind="liaison-committee",
        level="township",
        title=f"{site.root_page.slug}摩配大市场",
        address="城南镇",
    )


def bench_meeting(market, topic, steps, participants, issues, method="bench"):
    """``issues``: [(content, responsible department, status, raised on, resolved on)]."""
    return activity(
        market,
        topic,
        steps,
        method=method,
        participants=participants,
        suggestions=[
            {
                "content": content,
                "responsible_department": department,
                "status": status,
                "made_on": made,
                "resolved_on": resolved,
            }
            for content, department, status, made, resolved in issues
        ],
    )


class BenchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.other = committee("xqu"), committee("suzhou")
        cls.platform = market(cls.site)
        market(cls.other)
        cls.meeting = bench_meeting(
            cls.platform,
            "摩配大市场物业管理",
            {4: D(2024, 3, 1), 5: D(2024, 3, 2)},
            {"member": 2, "department": 1, "stakeholder": 5},
            [
                ("规范货物仓储", "城南镇市场监管所", "solved", D(2024, 3, 1), D(2024, 3, 11)),
                ("整治车辆乱停", "城南镇城管中队", "solved", D(2024, 3, 1), D(2024, 3, 21)),
                ("增设消防通道", "城南镇应急办", "in_progress", D(2024, 3, 1), None),
            ],
        )

    def url(self, activity, site=None):
        return f"/consultations/{activity.pk}/"

    def get(self, path, site=None):
        return self.client.get(path, HTTP_HOST=(site or self.site).hostname)

    def test_the_method_maps_its_steps_onto_the_spine(self):
        method = registry.get("bench")
        self.assertEqual([s.spine for s in method.steps], [4, 5, 6, 7])
        self.assertEqual(method.step_labels({})[4], "现场召集、现场协商")

    def test_figures_are_counted_from_the_records(self):
        from plugin_api import figure_scope

        scope = figure_scope(self.site)
        enable("bench", self.site, CONFIG)
        method = registry.get("bench")
        values = {f.key: v for f, v in method.figure_values(scope, CONFIG)}
        self.assertEqual(values["bench_meetings"], 1)
        self.assertEqual(values["bench_issues"], 3)
        self.assertEqual(values["bench_solved"], 2)
        self.assertEqual(values["bench_median_days"], 15)
        self.assertEqual(values["bench_overdue"], 1)
        # An activity of the generic process on the same platform is not a bench meeting.
        bench_meeting(self.platform, "通用协商", {4: D(2024, 4, 1)}, {}, [], method="")
        values = {f.key: v for f, v in method.figure_values(scope, CONFIG)}
        self.assertEqual(values["bench_meetings"], 1)
        self.assertEqual(values["bench_overdue"], 1)
        without_deadline = {f.key: v for f, v in method.figure_values(scope, {})}
        self.assertEqual(without_deadline["bench_overdue"], "—")

    def test_a_period_counts_only_its_meetings_and_issues(self):
        from plugin_api import figure_scope

        march = figure_scope(self.site, D(2024, 3, 15), D(2024, 3, 31))
        method = registry.get("bench")
        values = {f.key: v for f, v in method.figure_values(march, CONFIG)}
        self.assertEqual(values["bench_meetings"], 0)
        self.assertEqual(values["bench_solved"], 1)  # resolved on 21 March

    def test_an_enabled_committee_shows_its_bench_meeting_layout(self):
        enable("bench", self.site, CONFIG)
        response = self.get(self.url(self.meeting))
        self.assertTemplateUsed(response, "bench/activity_detail.html")
        self.assertContains(response, "现场问题与责任分工")
        self.assertContains(response, "城南镇市场监管所")
        self.assertContains(response, "用时 10 天")
        self.assertContains(response, "超期")  # the open issue is past 30 days
        self.assertContains(response, "现场召集、现场协商")
        self.assertContains(response, "到场各方符合板凳协商会要求")
        self.assertContains(response, "bench/bench.css")  # the plugin's own static file
        self.assertContains(response, 'class="is-overdue"', count=1)

    def test_issues_stay_hidden_until_the_results_are_published(self):
        enable("bench", self.site, CONFIG)
        early = bench_meeting(
            self.platform,
            "刚开完的板凳会",
            {4: D(2024, 5, 1)},
            {"member": 1},
            [("内部讨论中的问题", "某部门", "proposed", D(2024, 5, 1), None)],
        )
        response = self.get(self.url(early))
        self.assertContains(response, "现场提出的问题将在公开公示后公布")
        self.assertNotContains(response, "内部讨论中的问题")
        self.assertContains(response, "要求相关部门至少 1 人")

    def test_a_disabled_method_falls_back_to_the_shared_timeline(self):
        enable("bench", self.site, CONFIG, enabled=False)
        response = self.get(self.url(self.meeting))
        self.assertTemplateUsed(response, "consultation/activity_detail.html")
        self.assertTemplateNotUsed(response, "bench/activity_detail.html")
        self.assertNotContains(response, "现场召集、现场协商")
        self.assertContains(response, "规范货物仓储")

    def test_the_bench_page_lists_meetings_where_enabled_and_is_gone_when_disabled(self):
        self.assertFalse(BenchMeetingPage.can_create_at(self.site.root_page))
        row = enable("bench", self.site, CONFIG)
        self.assertTrue(BenchMeetingPage.can_create_at(self.site.root_page))
        self.assertFalse(BenchMeetingPage.can_create_at(self.other.root_page))
        page = add_page(self.site.root_page, BenchMeetingPage(title="板凳协商会", slug="bench"))
        response = self.get(page.url)
        self.assertContains(response, "摩配大市场物业管理")
        self.assertContains(response, f'href="/consultations/{self.meeting.pk}/"')
        self.assertContains(response, "现场问题 3 个，已解决 2 个")
        self.assertContains(response, "跟踪办理时限：问题提出后 30 天内解决")
        home = self.get("/")
        self.assertContains(home, "板凳协商会")
        self.assertContains(home, 'href="/bench/"')
        row.enabled = False
        row.save()
        self.assertEqual(self.get(page.url).status_code, 404)
        self.assertNotContains(self.get("/"), 'href="/bench/"')

    def test_figures_page_shows_the_method_only_where_enabled(self):
        enable("bench", self.site, CONFIG)
        self.assertContains(self.get("/figures/"), "办结用时中位数")
        self.assertNotContains(self.get("/figures/", self.other), "办结用时中位数")

    def test_the_admin_menu_item_is_shown_to_editors_of_an_enabling_committee_only(self):
        enable("bench", self.site, CONFIG)
        users = {}
        for site in (self.site, self.other):
            users[site.pk] = editor(site)

        def labels(user):
            request = RequestFactory().get("/admin/")
            request.user = user
            return [item.label for item in admin_menu.menu_items_for_request(request)]

        self.assertIn("板凳协商会", labels(users[self.site.pk]))
        self.assertNotIn("板凳协商会", labels(users[self.other.pk]))

    def test_the_activity_list_filters_by_method(self):
        admin = get_user_model().objects.create_superuser("root", "r@example.com", "x")
        self.client.force_login(admin)
        bench_meeting(self.platform, "通用流程的协商", {4: D(2024, 4, 1)}, {}, [], method="")
        response = self.client.get("/admin/snippets/consultation/activity/?method=bench")
        self.assertContains(response, "摩配大市场物业管理")
        self.assertNotContains(response, "通用流程的协商")

    def test_the_demo_enables_the_method_on_xqu_and_adds_the_page_once(self):
        from cppcc_bench.demo import load

        ActivityFormat = Activity._meta.get_field("format").related_model
        demo = bench_meeting(self.platform, "演示板凳会", {4: D(2024, 1, 1)}, {}, [], method="")
        demo.format = ActivityFormat.objects.get(slug="bench")
        demo.save()
        load({"xqu": self.site, "suzhou": self.other})
        load({"xqu": self.site, "suzhou": self.other})
        self.assertTrue(registry.is_enabled("bench", self.site))
        self.assertFalse(registry.is_enabled("bench", self.other))
        self.assertEqual(BenchMeetingPage.objects.count(), 1)
        demo.refresh_from_db()
        self.assertEqual(demo.method, "bench")
