"""三位一体 on a site that enabled it, and nowhere else."""

import datetime

from cppcc_three_in_one.models import ThreeInOnePage
from django.http import Http404
from django.test import RequestFactory, TestCase
from wagtail.models import Page

from consultation.models import Activity, PlatformEvidence
from core.plugins import registry
from plugin_api.testing import activity, add_page, committee, enable, platform, platform_index

GROUPS = [
    {"label": "政协委员", "roles": ["member"], "minimum": 1},
    {"label": "利益相关方和群众代表", "roles": ["stakeholder", "public_rep"], "minimum": 7},
    {"label": "部门负责同志", "roles": ["department"], "minimum": 3},
]


def add_platform(site, slug, kind, parent=None):
    return platform(site, slug, kind=kind, title=f"{slug}平台", parent_platform=parent)


class ThreeInOneTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.other = committee("jiayuguan"), committee("suzhou")
        cls.index, cls.other_index = platform_index(cls.site), platform_index(cls.other)
        cls.station = add_platform(cls.site, "station", "workstation")
        cls.council = add_platform(cls.site, "council", "council", parent=cls.station)
        cls.room = add_platform(cls.site, "room", "room", parent=cls.station)
        PlatformEvidence.objects.create(page=cls.room, item="rules", note="制度上墙")
        cls.full = cls.composed("人员齐全的协商", member=1, public=7, department=3)
        cls.short = cls.composed("部门缺席的协商", member=1, public=7, department=1)

    @classmethod
    def composed(cls, topic, member, public, department):
        return activity(
            cls.room,
            topic,
            {4: datetime.date(2024, 4, 2)},
            method="three_in_one",
            participants={"member": member, "public_rep": public, "department": department},
        )

    def add_sanwei_page(self):
        page = ThreeInOnePage(title="三位一体协商平台", slug="sanwei", workstation=self.station)
        return add_page(self.index, page)

    def test_the_method_is_registered_with_its_steps_on_the_spine(self):
        method = registry.get("three_in_one")
        self.assertEqual(method.slogan, "嘉事好商量、三有在基层")
        self.assertEqual([s.spine for s in method.steps], [1, 2, 3, 4, 5, 6, 7])

    def test_the_page_type_can_be_created_only_where_the_method_is_enabled(self):
        self.assertFalse(ThreeInOnePage.can_create_at(self.index))
        enable("three_in_one", self.site, {})
        self.assertTrue(ThreeInOnePage.can_create_at(self.index))
        self.assertFalse(ThreeInOnePage.can_create_at(self.other_index))
        self.assertFalse(ThreeInOnePage.can_create_at(self.site.root_page))

    def test_the_page_shows_the_platform_six_haves_and_the_composition_check(self):
        enable("three_in_one", self.site, {"composition": {"name": "1+7+3", "groups": GROUPS}})
        page = self.add_sanwei_page()
        response = self.client.get(page.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "嘉事好商量、三有在基层")
        self.assertContains(response, "council平台")
        self.assertContains(response, "room平台")
        self.assertContains(response, "未达标")  # the room lacks 六有 items (a note is no evidence)
        self.assertContains(response, "有场所")
        self.assertContains(response, "部门负责同志不少于 3 人")
        self.assertContains(response, "要求部门负责同志至少 3 人（部门负责人），现有 1 人")
        self.assertContains(response, "人员构成符合要求")

    def test_without_configured_groups_no_check_is_made(self):
        enable("three_in_one", self.site, {})
        page = self.add_sanwei_page()
        response = self.client.get(page.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "尚未配置参与人员构成要求")
        self.assertNotContains(response, "人员构成不符")

    def test_disabling_the_method_removes_its_pages_from_the_site(self):
        row = enable("three_in_one", self.site, {})
        page = self.add_sanwei_page()
        self.assertEqual(self.client.get(page.url, HTTP_HOST=self.site.hostname).status_code, 200)
        row.enabled = False
        row.save()
        self.assertEqual(self.client.get(page.url, HTTP_HOST=self.site.hostname).status_code, 404)
        request = RequestFactory().get("/")
        with self.assertRaises(Http404):
            Page.objects.get(pk=page.pk).specific.route(request, [])

    def test_the_configuration_rejects_an_unknown_role(self):
        bad = {"composition": {"groups": [{"label": "x", "roles": ["mayor"], "minimum": 1}]}}
        problems = registry.get("three_in_one").validate_config(bad)
        self.assertTrue(problems)
        self.assertIn("composition/groups/0/roles/0", problems[0])

    def test_the_demo_enables_the_method_and_adds_the_page_once(self):
        from cppcc_three_in_one.demo import load

        generic = Activity(platform=self.room, topic="未标工作法的活动")
        generic.save()
        load({"jiayuguan": self.site, "suzhou": self.other})
        load({"jiayuguan": self.site, "suzhou": self.other})
        self.assertTrue(registry.is_enabled("three_in_one", self.site))
        self.assertFalse(registry.is_enabled("three_in_one", self.other))
        page = ThreeInOnePage.objects.get()
        self.assertEqual(page.workstation, self.station)
        response = self.client.get(page.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "相关部门负责同志不少于 3 人")
        generic.refresh_from_db()
        self.assertEqual(generic.method, "three_in_one")

    def test_figures_count_compliant_rooms_and_composed_activities(self):
        from plugin_api import figure_scope

        scope = figure_scope(self.site)
        config = {"composition": {"name": "1+7+3", "groups": GROUPS}}
        enable("three_in_one", self.site, config)
        method = registry.get("three_in_one")
        values = {f.key: v for f, v in method.figure_values(scope, config)}
        self.assertEqual(values["liuyou_rooms"], "0/1")  # the room has a note, no evidence
        self.assertEqual(values["composition_met"], "1/2")
        unconfigured = {f.key: v for f, v in method.figure_values(scope, {})}
        self.assertEqual(unconfigured["composition_met"], "—")
        response = self.client.get("/figures/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "人员构成达标的协商")
        other = self.client.get("/figures/", HTTP_HOST=self.other.hostname)
        self.assertNotContains(other, "人员构成达标的协商")
