"""有事来协商: the three-level coverage report, campaigns reported apart, the 四心 text, and
nothing of it on committees that did not enable it."""

import datetime

from cppcc_youshi.coverage import coverage_for_site
from cppcc_youshi.models import CoverageReportPage, CoverageUnit, UnitLevel
from django.core.exceptions import ValidationError
from django.test import TestCase

from core.plugins import registry
from plugin_api.testing import (
    activity,
    add_page,
    committee,
    editor,
    enable,
    platform,
    platform_index,
)

D = datetime.date


def point(site, slug, level, publish=True):
    """A 联络点 (liaison point) of the committee at ``level``."""
    return platform(
        site, slug, kind="liaison-point", level=level, title=f"{slug}阵地", publish=publish
    )


def unit(site, name, level, parent=None, platform=None):
    return CoverageUnit.objects.create(
        site=site, name=name, level=level, parent=parent, platform=platform
    )


class YoushiTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = committee("aba", level="prefecture")
        cls.site = committee("lixian", parent=cls.prefecture)
        cls.quiet = committee("songpan", parent=cls.prefecture)
        cls.pref_index, cls.index = platform_index(cls.prefecture), platform_index(cls.site)
        cls.county_platform = point(cls.site, "county", "county")
        cls.township_platform = point(cls.site, "xiangzhen", "township")
        cls.draft_platform = point(cls.site, "draft", "township", publish=False)
        cls.village_platform = point(cls.site, "cun", "village")
        cls.covered = unit(cls.site, "甲乡", UnitLevel.TOWNSHIP, platform=cls.township_platform)
        cls.drafted = unit(cls.site, "乙乡", UnitLevel.TOWNSHIP, platform=cls.draft_platform)
        cls.bare = unit(cls.site, "丙乡", UnitLevel.TOWNSHIP)
        cls.village = unit(
            cls.site, "一村", UnitLevel.VILLAGE, parent=cls.covered, platform=cls.village_platform
        )
        cls.bare_village = unit(cls.site, "二村", UnitLevel.VILLAGE, parent=cls.bare)

    def get(self, path, site=None):
        return self.client.get(path, HTTP_HOST=(site or self.site).hostname)

    def add_report(self, site=None, index=None):
        page = CoverageReportPage(title="三级阵地覆盖", slug="coverage")
        return add_page(index or self.index, page)

    def test_coverage_counts_units_linked_to_published_platforms(self):
        report = coverage_for_site(self.site)
        self.assertEqual((report["county"]["covered"], report["county"]["total"]), (1, 1))
        self.assertEqual((report["township"]["covered"], report["township"]["total"]), (1, 3))
        self.assertCountEqual([u.name for u in report["township"]["uncovered"]], ["乙乡", "丙乡"])
        self.assertEqual((report["village"]["covered"], report["village"]["total"]), (1, 2))
        self.assertEqual(report["township"]["platforms"], 1)  # the draft is not counted
        self.draft_platform.save_revision().publish()
        self.assertEqual(coverage_for_site(self.site)["township"]["covered"], 2)

    def test_a_committee_without_a_county_platform_lacks_county_coverage(self):
        self.assertEqual(coverage_for_site(self.quiet)["county"]["covered"], 0)

    def test_the_report_page_shows_coverage_gaps_and_the_guidance(self):
        enable("youshi", self.site)
        page = self.add_report()
        response = self.get(page.url)
        self.assertContains(response, "33%")  # 1 of 3 townships
        self.assertContains(response, "50%")  # 1 of 2 villages
        self.assertContains(response, "乙乡")
        self.assertContains(response, "丙乡 · 二村")
        self.assertNotContains(response, "三级全覆盖</span>")
        for item in ("坚决维护核心", "倾力服务中心", "坚守为民初心", "广泛凝聚人心"):
            self.assertContains(response, item)

    def test_full_coverage_is_marked(self):
        enable("youshi", self.site)
        page = self.add_report()
        self.draft_platform.save_revision().publish()
        self.bare.platform = self.township_platform
        self.bare.save()
        self.bare_village.platform = self.village_platform
        self.bare_village.save()
        self.assertContains(self.get(page.url), "三级全覆盖</span>")

    def test_the_guidance_is_the_committees_text(self):
        enable(
            "youshi", self.site, {"guidance": {"name": "三心", "items": ["甲心", "乙心", "丙心"]}}
        )
        response = self.get(self.add_report().url)
        self.assertContains(response, "“三心”总体工作思路")
        self.assertContains(response, "丙心")
        self.assertNotContains(response, "坚决维护核心")

    def test_the_prefecture_report_rolls_up_counties_that_run_the_method(self):
        enable("youshi", self.prefecture)
        enable("youshi", self.site)
        page = self.add_report(index=self.pref_index)
        response = self.get(page.url, self.prefecture)
        listed = [entry["site"] for entry in response.context["committees"]]
        self.assertEqual(listed, [self.prefecture, self.site])
        self.assertContains(response, f'aria-label="{self.site.site_name}"')
        self.assertNotContains(response, f'aria-label="{self.quiet.site_name}"')

    def test_campaigns_are_reported_apart_from_the_rest_of_the_year(self):
        from plugin_api import figure_scope

        for topic, held in (("五月小微协商", D(2023, 5, 10)), ("六月协商", D(2023, 6, 10))):
            activity(self.village_platform, topic, {4: held}, method="youshi")
        config = {
            "campaigns": [{"name": "5月集中活动", "start": "2023-05-01", "end": "2023-05-31"}]
        }
        enable("youshi", self.site, config)
        method = registry.get("youshi")
        values = {f.key: v for f, v in method.figure_values(figure_scope(self.site), config)}
        self.assertEqual(values["campaign_activities"], 1)
        self.assertEqual(values["township_coverage"], "33%（1/3）")
        response = self.get(self.add_report().url)
        campaign = response.context["campaigns"][0]
        self.assertEqual(campaign["name"], "5月集中活动")
        self.assertEqual(dict((k, v) for k, _, _, v in campaign["figures"])["activities"], 1)
        self.assertContains(response, "/figures/activities/?from=2023-05-01&amp;to=2023-05-31")

    def test_campaign_dates_are_checked(self):
        method = registry.get("youshi")
        backwards = {"campaigns": [{"name": "倒置", "start": "2023-06-01", "end": "2023-05-01"}]}
        self.assertIn("开始日期晚于结束日期", method.validate_config(backwards)[0])
        garbled = {"campaigns": [{"name": "乱码", "start": "五月", "end": "2023-05-01"}]}
        self.assertIn("YYYY-MM-DD", method.validate_config(garbled)[0])

    def test_renamed_steps_show_on_the_activity_timeline(self):
        held = activity(self.village_platform, "院坝协商", {4: D(2023, 5, 10)}, method="youshi")
        enable("youshi", self.site, {"step_labels": [{"spine": 4, "label": "院坝议事"}]})
        self.assertContains(self.get(f"/consultations/{held.pk}/"), "院坝议事")
        enable("youshi", self.site, enabled=False)
        self.assertNotContains(self.get(f"/consultations/{held.pk}/"), "院坝议事")

    def test_units_are_checked(self):
        village = CoverageUnit(site=self.site, name="无主村", level=UnitLevel.VILLAGE)
        with self.assertRaises(ValidationError) as caught:
            village.full_clean()
        self.assertIn("parent", caught.exception.message_dict)
        foreign = CoverageUnit(
            site=self.quiet,
            name="借用",
            level=UnitLevel.TOWNSHIP,
            platform=self.township_platform,
        )
        with self.assertRaises(ValidationError) as caught:
            foreign.full_clean()
        self.assertIn("platform", caught.exception.message_dict)

    def test_disabled_it_leaves_nothing_on_the_site(self):
        row = enable("youshi", self.site)
        page = self.add_report()
        self.assertEqual(self.get(page.url).status_code, 200)
        self.assertContains(self.get("/figures/"), "村（社区）阵地覆盖")
        row.enabled = False
        row.save()
        self.assertEqual(self.get(page.url).status_code, 404)
        self.assertNotContains(self.get("/figures/"), "村（社区）阵地覆盖")
        self.assertFalse(CoverageReportPage.can_create_at(self.index))

    def test_editors_see_the_units_of_their_enabling_committee_only(self):
        enable("youshi", self.site)
        editors = {}
        for site in (self.site, self.quiet):
            editors[site.pk] = editor(site)
        self.client.force_login(editors[self.site.pk])
        listing = self.client.get("/admin/snippets/youshi/coverageunit/")
        self.assertContains(listing, "丙乡")
        self.client.force_login(editors[self.quiet.pk])
        listing = self.client.get("/admin/snippets/youshi/coverageunit/")
        self.assertNotContains(listing, "丙乡")
        edit = self.client.get(f"/admin/snippets/youshi/coverageunit/edit/{self.bare.pk}/")
        self.assertNotEqual(edit.status_code, 200)

    def test_the_demo_enables_aba_and_luzhou_with_their_pages(self):
        from cppcc_youshi.demo import load

        luzhou = committee("luzhou", level="prefecture")
        sites = {"aba": self.prefecture, "luzhou": luzhou, "songpan": self.quiet}
        load(sites)
        load(sites)
        self.assertTrue(registry.is_enabled("youshi", self.prefecture))
        self.assertTrue(registry.is_enabled("youshi", luzhou))
        self.assertFalse(registry.is_enabled("youshi", self.quiet))
        self.assertEqual(CoverageReportPage.objects.count(), 2)
        self.assertEqual(CoverageUnit.objects.filter(site=self.prefecture).count(), 4)
        campaign = registry.config_for("youshi", luzhou)["campaigns"][0]
        self.assertEqual((campaign["start"], campaign["end"]), ("2022-05-01", "2022-05-31"))
