"""A county method's figures roll up to the prefecture like the core counters: each county that
enabled the method counts with its own configuration, one that did not adds nothing, and the
figures page, its per-committee table and the exports agree."""

import csv
import datetime
import io
import re

from django.test import TestCase
from openpyxl import load_workbook

from builders import committee_with_platforms, make_activity, make_platform
from consultation import method_figures
from consultation.figures import Scope
from plugin_api.testing import enable

D = datetime.date
DEADLINE_30 = {"follow_up_days": 30}
NO_DEADLINE = {}


def issue(made_on, status="in_progress", resolved_on=None):
    return {"made_on": made_on, "status": status, "resolved_on": resolved_on}


def meeting(platform, topic, held_on, issues, method="bench"):
    return make_activity(platform, topic, {4: held_on}, suggestions=issues, method=method)


def shown(response, method_key, label):
    """The value shown for a method figure in its section of the figures page."""
    html = response.content.decode()
    start = html.index(f'id="h-method-{method_key}"')
    section = html[start : html.index("</section>", start)]
    found = re.search(rf'<th scope="row">{re.escape(label)}</th><td>(\S*)', section)
    return found.group(1) if found else None


class MethodFiguresRollupTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("anqing", level="prefecture")
        cls.east, east_index = committee_with_platforms("dongxian", parent=cls.prefecture)
        cls.west, cls.west_index = committee_with_platforms("xixian", parent=cls.prefecture)
        cls.quiet, quiet_index = committee_with_platforms("nanxian", parent=cls.prefecture)
        # Each county configures the method its own way: only the east sets a deadline.
        enable("bench", cls.east, DEADLINE_30)
        enable("bench", cls.west, NO_DEADLINE)
        east = make_platform(east_index, "east-market", kind="liaison-committee")
        west = make_platform(cls.west_index, "west-market", kind="liaison-committee")
        quiet = make_platform(quiet_index, "south-market", kind="liaison-committee")
        meeting(
            east,
            "东县市场物业",
            D(2024, 3, 1),
            [issue(D(2024, 3, 1), "solved", D(2024, 3, 11)), issue(D(2024, 3, 1))],
        )
        meeting(east, "东县去年的协商", D(2023, 6, 1), [issue(D(2023, 6, 1))])
        meeting(
            west,
            "西县市场物业",
            D(2024, 5, 1),
            [issue(D(2024, 5, 1), "solved", D(2024, 5, 21)), issue(D(2024, 5, 1))],
        )
        # Bench meetings recorded where the method is not enabled count for nobody's figure.
        meeting(quiet, "南县的现场会", D(2024, 4, 1), [issue(D(2024, 4, 1))] * 2)
        # Nor does an activity of the generic process in a county that enabled it.
        meeting(east, "东县通用协商", D(2024, 3, 5), [issue(D(2024, 3, 5))], method="")

    def page(self, site, **query):
        return self.client.get("/figures/", query, HTTP_HOST=site.hostname)

    def export_csv(self, site, **query):
        response = self.client.get("/figures/export.csv", query, HTTP_HOST=site.hostname)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        header = rows[1]
        return header, {row[0]: row for row in rows[2:]}

    def test_the_prefecture_shows_the_sum_of_the_counties_that_enabled_the_method(self):
        response = self.page(self.prefecture)
        self.assertEqual(shown(response, "bench", "板凳协商会"), "3")
        self.assertEqual(shown(response, "bench", "现场提出问题"), "5")
        self.assertEqual(shown(response, "bench", "已解决问题"), "2")
        # Each county with its own deadline: the east's two open issues are overdue, the west
        # set no deadline and flags none.
        self.assertEqual(shown(response, "bench", "超期未解决"), "2")
        # A median is no sum: taken over the issues of both counties (10 and 20 days).
        self.assertEqual(shown(response, "bench", "办结用时中位数"), "15")
        self.assertContains(response, "期间内召开（记录“协商议事”环节）且遵循板凳协商会工作法")
        self.assertContains(response, "启用该工作法的 2 个政协")

    def test_a_county_shows_its_own(self):
        east = self.page(self.east)
        self.assertEqual(shown(east, "bench", "板凳协商会"), "2")
        self.assertEqual(shown(east, "bench", "现场提出问题"), "3")
        self.assertEqual(shown(east, "bench", "超期未解决"), "2")
        self.assertEqual(shown(east, "bench", "办结用时中位数"), "10")
        west = self.page(self.west)
        self.assertEqual(shown(west, "bench", "板凳协商会"), "1")
        self.assertEqual(shown(west, "bench", "超期未解决"), "—")
        self.assertNotContains(self.page(self.quiet), 'id="h-method-bench"')

    def test_the_period_filters_the_rolled_up_figures(self):
        year = self.page(self.prefecture, year="2024")
        self.assertEqual(shown(year, "bench", "板凳协商会"), "2")
        self.assertEqual(shown(year, "bench", "现场提出问题"), "4")
        earlier = self.page(self.prefecture, **{"from": "2023-01-01", "to": "2023-12-31"})
        self.assertEqual(shown(earlier, "bench", "板凳协商会"), "1")
        self.assertEqual(shown(earlier, "bench", "已解决问题"), "0")
        self.assertEqual(shown(earlier, "bench", "办结用时中位数"), "—")

    def test_the_per_committee_table_lists_each_county_and_the_total(self):
        response = self.page(self.prefecture)
        self.assertContains(response, '<th scope="col">板凳协商会·板凳协商会（场次）</th>')
        rows = {site.pk if site else None: extra for site, *_, extra in response.context["rows"]}
        columns = response.context["method_columns"]
        meetings = columns.index("板凳协商会·板凳协商会（场次）")
        self.assertEqual(rows[self.east.pk][meetings], 2)
        self.assertEqual(rows[self.west.pk][meetings], 1)
        self.assertEqual(rows[self.quiet.pk][meetings], "")
        self.assertEqual(rows[None][meetings], 3)

    def test_the_csv_export_has_the_method_figures_per_committee_and_the_total(self):
        header, rows = self.export_csv(self.prefecture, year="2024")
        meetings = header.index("板凳协商会·板凳协商会（场次）")
        overdue = header.index("板凳协商会·超期未解决（个）")
        self.assertEqual(rows["dongxian政协"][meetings], "1")
        self.assertEqual(rows["xixian政协"][meetings], "1")
        self.assertEqual(rows["nanxian政协"][meetings], "")
        self.assertEqual(rows["anqing政协"][meetings], "")
        self.assertEqual(rows["合计"][meetings], "2")
        self.assertEqual(rows["dongxian政协"][overdue], "1")
        self.assertEqual(rows["xixian政协"][overdue], "—")
        self.assertEqual(rows["合计"][overdue], "1")

    def test_the_xlsx_export_carries_the_totals_and_the_definitions(self):
        response = self.client.get("/figures/export.xlsx", HTTP_HOST=self.prefecture.hostname)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows[1]
        total = next(row for row in rows if row[0] == "合计")
        self.assertEqual(total[header.index("板凳协商会·现场提出问题（个）")], 5)
        self.assertEqual(total[header.index("板凳协商会·办结用时中位数（天）")], 15)
        pad = [None] * (len(header) - 2)
        self.assertIn(
            ["板凳协商会·办结用时中位数", "期间内办结的问题从提出到解决所用天数的中位数。"] + pad,
            rows,
        )

    def test_a_county_export_has_no_column_of_a_method_it_did_not_enable(self):
        header, _ = self.export_csv(self.quiet)
        self.assertFalse([column for column in header if column.startswith("板凳协商会·")])

    def test_a_changed_configuration_shows_at_once(self):
        self.assertEqual(shown(self.page(self.prefecture), "bench", "超期未解决"), "2")
        enable("bench", self.west, DEADLINE_30)
        self.assertEqual(shown(self.page(self.prefecture), "bench", "超期未解决"), "3")

    def test_a_new_meeting_shows_at_once(self):
        self.assertEqual(shown(self.page(self.prefecture), "bench", "板凳协商会"), "3")
        west = make_platform(self.west_index, "west-square", kind="liaison-committee")
        meeting(west, "西县广场协商", D(2024, 6, 1), [])
        self.assertEqual(shown(self.page(self.prefecture), "bench", "板凳协商会"), "4")

    def test_a_method_enabled_on_no_committee_of_the_scope_contributes_nothing(self):
        scope = Scope.for_site(self.quiet)
        self.assertEqual(method_figures.enabled_methods(scope), [])
        self.assertEqual(method_figures.method_columns(scope), ([], {self.quiet.pk: []}, []))


class SharesRollUpTest(TestCase):
    """A share (covered/registered) adds up part by part, not as percentages."""

    @classmethod
    def setUpTestData(cls):
        from cppcc_youshi.models import CoverageUnit

        cls.prefecture, _ = committee_with_platforms("liuan", level="prefecture")
        cls.east, east_index = committee_with_platforms("jinzhai", parent=cls.prefecture)
        cls.west, west_index = committee_with_platforms("huoshan", parent=cls.prefecture)
        enable("youshi", cls.east)
        enable("youshi", cls.west)
        for site, index, covered, uncovered in (
            (cls.east, east_index, 1, 2),
            (cls.west, west_index, 2, 0),
        ):
            for n in range(covered):
                room = make_platform(index, f"{site.hostname[:4]}-room{n}", level="township")
                CoverageUnit.objects.create(
                    site=site, name=f"镇{n}", level="township", platform=room
                )
            for n in range(uncovered):
                CoverageUnit.objects.create(site=site, name=f"乡{n}", level="township")

    def test_the_prefecture_adds_up_the_covered_and_the_registered_units(self):
        response = self.client.get("/figures/", HTTP_HOST=self.prefecture.hostname)
        # 1/3 in the east and 2/2 in the west: 3 of 5, not the mean of 33% and 100%.
        self.assertEqual(shown(response, "youshi", "乡镇（街道）阵地覆盖"), "60%（3/5）")
        self.assertEqual(shown(response, "youshi", "村（社区）阵地覆盖"), "—")
        east = self.client.get("/figures/", HTTP_HOST=self.east.hostname)
        self.assertEqual(shown(east, "youshi", "乡镇（街道）阵地覆盖"), "33%（1/3）")

    def test_a_registered_unit_shows_at_once(self):
        from cppcc_youshi.models import CoverageUnit

        self.client.get("/figures/", HTTP_HOST=self.prefecture.hostname)
        CoverageUnit.objects.create(site=self.west, name="新乡", level="township")
        response = self.client.get("/figures/", HTTP_HOST=self.prefecture.hostname)
        self.assertEqual(shown(response, "youshi", "乡镇（街道）阵地覆盖"), "50%（3/6）")
