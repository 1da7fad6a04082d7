"""板凳协商会 on the committee that enabled it, and nothing of it elsewhere."""

import datetime

from cppcc_bench.models import BenchMeetingPage
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory, TestCase
from wagtail.admin.menu import admin_menu

from consultation.models import (
    Activity,
    ActivityIndexPage,
    ActivityStep,
    Participation,
    PlatformIndexPage,
    PlatformKind,
    PlatformPage,
    Suggestion,
)
from consultation.taxonomy import ensure_consultation_taxonomies
from core.committees import editor_group_name
from core.models import EnabledMethod, MethodSettings
from core.plugins import registry
from factories import make_committee

D = datetime.date
CONFIG = {
    "follow_up_days": 30,
    "groups": [
        {"label": "政协委员", "roles": ["member"], "minimum": 1},
        {"label": "相关部门", "roles": ["department"], "minimum": 1},
        {"label": "当事各方", "roles": ["stakeholder", "public_rep"], "minimum": 1},
    ],
}


def committee(slug):
    ensure_consultation_taxonomies()
    site = make_committee(slug)
    platforms = PlatformIndexPage(title="协商平台", slug="platforms")
    site.root_page.add_child(instance=platforms)
    platforms.save_revision().publish()
    activities = ActivityIndexPage(title="协商活动", slug="consultations")
    site.root_page.add_child(instance=activities)
    activities.save_revision().publish()
    platform = PlatformPage(
        title=f"{slug}摩配大市场",
        slug="market",
        level="township",
        kind=PlatformKind.objects.get(slug="liaison-committee"),
        address="城南镇",
    )
    platforms.add_child(instance=platform)
    platform.save_revision().publish()
    return site, activities, platform


def enable(site, enabled=True, config=CONFIG):
    setting = MethodSettings.for_site(site)
    setting.save()
    row, _ = EnabledMethod.objects.update_or_create(
        setting=setting, key="bench", defaults={"enabled": enabled, "config": config}
    )
    return row


def bench_meeting(platform, topic, steps, participants, issues, method="bench"):
    activity = Activity(platform=platform, topic=topic, method=method)
    activity.steps = [ActivityStep(step=step, date=date) for step, date in steps.items()]
    activity.participants = [Participation(role=r, count=c) for r, c in participants.items()]
    activity.suggestions = [
        Suggestion(
            content=content,
            made_on=made,
            status=status,
            resolved_on=resolved,
            responsible_department=department,
        )
        for content, department, status, made, resolved in issues
    ]
    activity.save()
    return activity


class BenchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.activities, cls.platform = committee("xqu")
        cls.other, cls.other_activities, cls.other_platform = committee("suzhou")
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
        enable(self.site)
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
        enable(self.site)
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
        enable(self.site)
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
        enable(self.site, enabled=False)
        response = self.get(self.url(self.meeting))
        self.assertTemplateUsed(response, "consultation/activity_detail.html")
        self.assertTemplateNotUsed(response, "bench/activity_detail.html")
        self.assertNotContains(response, "现场召集、现场协商")
        self.assertContains(response, "规范货物仓储")

    def test_the_bench_page_lists_meetings_where_enabled_and_is_gone_when_disabled(self):
        self.assertFalse(BenchMeetingPage.can_create_at(self.site.root_page))
        row = enable(self.site)
        self.assertTrue(BenchMeetingPage.can_create_at(self.site.root_page))
        self.assertFalse(BenchMeetingPage.can_create_at(self.other.root_page))
        page = BenchMeetingPage(title="板凳协商会", slug="bench")
        self.site.root_page.add_child(instance=page)
        page.save_revision().publish()
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
        enable(self.site)
        self.assertContains(self.get("/figures/"), "办结用时中位数")
        self.assertNotContains(self.get("/figures/", self.other), "办结用时中位数")

    def test_the_admin_menu_item_is_shown_to_editors_of_an_enabling_committee_only(self):
        enable(self.site)
        users = {}
        for site in (self.site, self.other):
            user = get_user_model().objects.create_user(f"{site.site_name}-editor", password="x")
            user.groups.add(Group.objects.get(name=editor_group_name(site.site_name)))
            users[site.pk] = user

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
