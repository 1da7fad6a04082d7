"""The figures page's per-committee table: every count links to the records behind it for that
committee and period (a 0 links nowhere), the table scrolls inside a labelled region, and the
exports are named after the committee and the period."""

import datetime
import re
from urllib.parse import quote, unquote

from django.test import TestCase

from builders import committee_with_platforms, make_activity, make_platform
from core.models import CommitteeSettings

D = datetime.date


def held(day):
    """Steps up to 公开公示, deliberated (协商议事, which the 协商活动 figure dates) on ``day``."""
    return {step: day for step in range(1, 6)}


ROW_LINK = re.compile(r'<a href="(?P<href>[^"]+)" aria-label="(?P<label>[^"]+)">(?P<n>\d+)</a>')


class TableLinks(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, p_platforms = committee_with_platforms("pingliang", level="prefecture")
        cls.county, c_platforms = committee_with_platforms("huixian", parent=cls.prefecture)
        cls.other, o_platforms = committee_with_platforms("zhuanglang", parent=cls.prefecture)
        CommitteeSettings.objects.filter(site=cls.prefecture).update(short_name="平凉市政协")
        CommitteeSettings.objects.filter(site=cls.county).update(short_name="徽县政协")
        room = make_platform(c_platforms, "gaoqiao")
        for n, topic in enumerate(["议医保", "议供水", "议道路"]):
            make_activity(room, topic, steps=held(D(2023, 3, n + 1)), suggestions=[f"建议{n}"])
        make_activity(room, "去年的议题", steps=held(D(2022, 6, 1)))
        hall = make_platform(o_platforms, "chengnan")
        make_activity(hall, "庄浪的议题", steps=held(D(2023, 4, 1)))

    def page(self, path="/figures/", **params):
        return self.client.get(path, params, HTTP_HOST=self.prefecture.hostname)

    def table(self, **params):
        html = self.page(**params).content.decode()
        return html[html.index('id="h-by-site"') :]

    def link(self, table, label):
        for found in ROW_LINK.finditer(table):
            if found["label"].startswith(label):
                return found["href"].replace("&amp;", "&"), int(found["n"])
        return None

    def records(self, href):
        path, _, query = href.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&")) if query else {}
        return self.page(f"/figures/{path}", **params)

    def test_a_committees_count_leads_to_exactly_its_records_in_the_period(self):
        table = self.table(year="2023")
        href, count = self.link(table, "徽县政协协商活动")
        self.assertEqual(count, 3)
        self.assertIn(f"committee={self.county.pk}", href)
        response = self.records(href)
        self.assertEqual(response.context["value"], 3)
        topics = {a.topic for a in response.context["records"]}
        self.assertEqual(topics, {"议医保", "议供水", "议道路"})  # not 2022's, not 庄浪's
        self.assertContains(response, "徽县政协 · 协商活动：3 场次")

    def test_the_total_leads_to_the_roll_up(self):
        href, count = self.link(self.table(), "合计协商活动")
        self.assertEqual(count, 5)
        self.assertNotIn("committee=", href)
        self.assertEqual(len(self.records(href).context["records"]), 5)

    def test_suggestions_of_a_committee(self):
        href, count = self.link(self.table(), "徽县政协意见建议")
        response = self.records(href)
        self.assertEqual(len(response.context["records"]), count)
        self.assertEqual(count, 3)

    def test_a_zero_is_not_a_link(self):
        table = self.table()
        self.assertIsNone(self.link(table, "平凉市政协协商活动"))
        row = re.search(r'<th scope="row">平凉市政协</th>(.*?)</tr>', table).group(1)
        self.assertNotIn("<a ", row)
        self.assertIn("<td>0</td>", row)
        # The headline figures too.
        self.client.cookies.clear()
        county = self.client.get("/figures/", HTTP_HOST=self.other.hostname).content.decode()
        self.assertNotIn('href="suggestions/', county)
        self.assertIn('href="activities/', county)

    def test_the_table_scrolls_inside_a_labelled_focusable_region(self):
        html = self.page().content.decode()
        self.assertRegex(
            html, r'<div class="[^"]*table-scroll[^"]*" tabindex="0" role="region" aria-label="'
        )
        self.assertIn("consultation/figures.css", html)

    def test_a_committee_outside_the_scope_is_explained_not_an_error(self):
        response = self.client.get(
            "/figures/activities/",
            {"committee": self.prefecture.pk},
            HTTP_HOST=self.county.hostname,
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "所选政协不在本站的统计范围内")
        self.assertEqual(response.context["value"], 4)
        response = self.client.get(
            "/figures/activities/", {"committee": "x'"}, HTTP_HOST=self.county.hostname
        )
        self.assertEqual(response.status_code, 200)


class ExportNames(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        CommitteeSettings.objects.filter(site=cls.prefecture).update(short_name="平凉市政协")

    def disposition(self, fmt, **params):
        response = self.client.get(
            f"/figures/export.{fmt}", params, HTTP_HOST=self.prefecture.hostname
        )
        self.assertEqual(response.status_code, 200)
        return response["Content-Disposition"]

    def names(self, header):
        ascii_name = re.search(r'filename="([^"]+)"', header).group(1)
        utf8 = re.search(r"filename\*=UTF-8''(\S+)", header).group(1)
        return ascii_name, unquote(utf8), utf8

    def test_named_after_the_committee_what_and_the_year(self):
        header = self.disposition("xlsx", year="2025")
        self.assertTrue(header.startswith("attachment; "))
        ascii_name, name, encoded = self.names(header)
        self.assertEqual(name, "平凉市政协-协商数据-2025年.xlsx")
        self.assertEqual(encoded, quote("平凉市政协-协商数据-2025年.xlsx"))
        self.assertEqual(ascii_name, "pingliang-figures-2025.xlsx")
        header.encode("latin-1")  # a header value must be ISO-8859-1

    def test_all_years_and_a_date_range(self):
        _, name, _ = self.names(self.disposition("csv"))
        self.assertEqual(name, "平凉市政协-协商数据-全部年份.csv")
        ascii_name, name, _ = self.names(
            self.disposition("csv", **{"from": "2024-03-01", "to": "2024-06-30"})
        )
        self.assertEqual(name, "平凉市政协-协商数据-2024-03-01至2024-06-30.csv")
        self.assertEqual(ascii_name, "pingliang-figures-2024-03-01_2024-06-30.csv")
        _, name, _ = self.names(self.disposition("xlsx", **{"from": "2024-03-01"}))
        self.assertEqual(name, "平凉市政协-协商数据-2024-03-01至不限.xlsx")

    def test_a_name_with_characters_a_file_system_refuses(self):
        CommitteeSettings.objects.filter(site=self.prefecture).update(short_name='平凉/市"政协"')
        _, name, _ = self.names(self.disposition("xlsx", year="2025"))
        self.assertEqual(name, "平凉-市-政协--协商数据-2025年.xlsx")
