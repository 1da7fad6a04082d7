"""The done-when of the plugin issue, on the demo: 嘉峪关 shows its 三位一体 platform with 六有
status and 1+7+3 checks, X区 its bench meetings, 阿坝 its coverage report; disabling a plugin for
its site removes all of it from that site and changes nothing elsewhere."""

from django.core.management import call_command
from django.test import TestCase

from core.models import EnabledMethod

PLUGIN_PAGES = {
    # key: (site slug, the plugin's page, what it shows, a figure label on /figures/)
    "three_in_one": ("jiayuguan", "/platforms/sanwei-yiti/", "1+7+3", "“六有”达标议事室"),
    "bench": ("xqu", "/bench/", "摩配大市场", "办结用时中位数"),
    "youshi": ("aba", "/platforms/coverage/", "三级协商阵地覆盖", "村（社区）阵地覆盖"),
}
OBSERVED = ["/", "/figures/", "/consultations/", "/platforms/"]
SITES = ("jiayuguan", "xqu", "aba", "luzhou", "pingliang")


class PluginDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=open("/dev/null", "w"))

    def get(self, slug, path):
        return self.client.get(path, HTTP_HOST=f"{slug}.localhost")

    def text(self, slug, path):
        return self.get(slug, path).content.decode()

    def snapshot(self, slugs):
        return {(s, p): self.get(s, p).content for s in slugs for p in OBSERVED}

    def set_enabled(self, key, slug, enabled):
        # Saved one by one, as the settings form does (which also empties the page cache).
        for method in EnabledMethod.objects.filter(
            key=key, setting__site__hostname=f"{slug}.localhost"
        ):
            method.enabled = enabled
            method.save()

    def test_each_plugin_shows_on_its_site_and_disabling_it_removes_all_of_it(self):
        for key, (slug, path, shown, figure) in PLUGIN_PAGES.items():
            with self.subTest(key):
                self.assertContains(self.get(slug, path), shown)
                self.assertIn(figure, self.text(slug, "/figures/"))
                self.assertIn(f'href="{path}"', self.text(slug, "/"))
                others = [s for s in SITES if s != slug]
                before = self.snapshot(others)

                self.set_enabled(key, slug, False)
                self.assertEqual(self.get(slug, path).status_code, 404)
                self.assertNotIn(figure, self.text(slug, "/figures/"))
                self.assertNotIn(f'href="{path}"', self.text(slug, "/"))
                self.assertEqual(self.snapshot(others), before)

                self.set_enabled(key, slug, True)
                self.assertEqual(self.get(slug, path).status_code, 200)

    def test_the_three_in_one_page_shows_six_haves_and_composition_checks(self):
        body = self.text("jiayuguan", "/platforms/sanwei-yiti/")
        self.assertIn("未达标", body)
        self.assertIn("有活动记录", body)  # a missing item: the demo's records are from 2022
        self.assertIn("相关部门负责同志不少于 3 人", body)

    def test_the_bench_page_lists_the_demo_meeting_with_its_issues(self):
        self.assertContains(self.get("xqu", "/bench/"), "现场问题 2 个，已解决 2 个")

    def test_the_coverage_report_shows_gaps_and_luzhou_its_may_campaign(self):
        self.assertContains(self.get("aba", "/platforms/coverage/"), "未建点村（演示）")
        self.assertContains(self.get("luzhou", "/coverage/"), "5月“有事来协商”集中活动")
