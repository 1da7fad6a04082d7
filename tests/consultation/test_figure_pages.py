"""Citizens see the figures on the home pages, click through to the records behind each,
choose a period and export; editors' changes show up at once, on county and prefecture."""

import csv
import datetime
import io

from django.test import TestCase
from openpyxl import load_workbook

from builders import add_page, committee_with_platforms, make_activity, make_platform
from consultation.models import (
    ActivityStep,
    CaseStudyActivity,
    CaseStudyIndexPage,
    CaseStudyPage,
    Spine,
    TopicCategory,
)
from core.models import CommitteeSettings

from .helpers import figure

D = datetime.date


class FigurePagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        cls.county, cls.platforms = committee_with_platforms("huixian", parent=cls.prefecture)
        cls.room = make_platform(cls.platforms, "gaoqiao")
        cls.done = make_activity(
            cls.room,
            "议医保、解民忧、惠民生",
            steps=range(1, 8),
            suggestions=["落实医保政策"],
            participants=[("member", 5), ("public_rep", 6)],
        )
        cls.early = make_activity(cls.room, "尚在调研的议题", steps=[1, 2, 3], suggestions=[])

    def home(self, site):
        return self.client.get("/", HTTP_HOST=site.hostname)

    def test_county_home_shows_figures_computed_from_records(self):
        response = self.home(self.county)
        self.assertEqual(figure(response, "协商平台"), 1)
        self.assertEqual(figure(response, "协商活动"), 1)
        self.assertEqual(figure(response, "协商议题"), 2)
        self.assertEqual(figure(response, "参与人次"), 11)
        self.assertEqual(figure(response, "意见建议"), 1)

    def test_prefecture_home_rolls_up_its_counties(self):
        self.assertEqual(figure(self.home(self.prefecture), "协商议题"), 2)
        self.assertContains(self.home(self.prefecture), "含所属区县政协")

    def test_a_recorded_deliberation_changes_the_figures_on_the_next_request(self):
        self.assertEqual(figure(self.home(self.county), "协商活动"), 1)
        self.assertEqual(figure(self.home(self.prefecture), "协商活动"), 1)
        self.early.steps.add(ActivityStep(step=Spine.DELIBERATE, date=D(2023, 1, 9)))
        self.early.save()
        self.assertEqual(figure(self.home(self.county), "协商活动"), 2)
        self.assertEqual(figure(self.home(self.prefecture), "协商活动"), 2)

    def test_a_figure_links_to_the_records_behind_it(self):
        response = self.home(self.county)
        self.assertContains(response, 'href="/figures/activities/"')
        records = self.client.get("/figures/activities/", HTTP_HOST=self.county.hostname)
        self.assertContains(records, "议医保、解民忧、惠民生")
        self.assertNotContains(records, "尚在调研的议题")
        topics = self.client.get("/figures/topics/", HTTP_HOST=self.county.hostname)
        self.assertContains(topics, "尚在调研的议题")

    def test_drill_down_shows_a_suggestion_only_once_published(self):
        unpublished = make_activity(
            self.room, "刚协商的议题", steps=[1, 2, 3, 4], suggestions=["内部讨论中的建议"]
        )
        response = self.client.get("/figures/suggestions/", HTTP_HOST=self.county.hostname)
        self.assertContains(response, "落实医保政策")
        self.assertNotContains(response, "内部讨论中的建议")
        self.assertContains(response, "尚未公开公示")
        self.assertContains(response, unpublished.topic)

    def test_a_period_narrows_the_figures(self):
        in_2023 = self.client.get("/figures/", {"year": "2023"}, HTTP_HOST=self.county.hostname)
        in_2020 = self.client.get("/figures/", {"year": "2020"}, HTTP_HOST=self.county.hostname)
        self.assertContains(in_2023, 'href="activities/?from=2023-01-01&amp;to=2023-12-31">1</a>')
        # A 0 has no records behind it: not a link.
        self.assertContains(in_2020, "<td>0 场次</td>")
        self.assertNotContains(in_2020, 'href="activities/')

    def test_a_bad_period_is_explained_not_an_error(self):
        for params in (
            {"year": "20x3"},
            {"from": "2023-13-01"},
            {"from": "2023-02-01", "to": "2023-01-01"},
        ):
            with self.subTest(params=params):
                response = self.client.get("/figures/", params, HTTP_HOST=self.county.hostname)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "已显示全部时间的数据")

    def test_an_unknown_figure_is_not_found(self):
        response = self.client.get("/figures/nonsense/", HTTP_HOST=self.county.hostname)
        self.assertEqual(response.status_code, 404)

    def test_csv_export_has_a_row_per_committee_and_the_total(self):
        response = self.client.get("/figures/export.csv", HTTP_HOST=self.prefecture.hostname)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        header = rows[1]
        self.assertEqual(header[0], "政协")
        by_name = {row[0]: row for row in rows[2:]}
        column = header.index("协商议题（个）")
        self.assertEqual(by_name["huixian政协"][column], "2")
        self.assertEqual(by_name["pingliang政协"][column], "0")
        self.assertEqual(by_name["合计"][column], "2")

    def test_xlsx_export_carries_the_figures_and_their_definitions(self):
        response = self.client.get(
            "/figures/export.xlsx", {"year": "2023"}, HTTP_HOST=self.county.hostname
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0], ["期间", "2023-01-01至2023-12-31"] + [None] * (len(rows[0]) - 2))
        header, total = rows[1], rows[3]
        self.assertEqual(total[0], "合计")
        self.assertEqual(total[header.index("参与人次（人次）")], 11)
        self.assertIn(
            ["协商活动", "期间内召开协商议事（流程“协商议事”环节的日期在期间内）的活动场次。"]
            + [None] * (len(rows[0]) - 2),
            rows,
        )

    def test_exports_write_text_that_looks_like_a_formula_as_text(self):
        attack = '=HYPERLINK("http://x.cn","点")'  # short_name holds 40 characters
        CommitteeSettings.objects.filter(site=self.county).update(short_name=attack)
        response = self.client.get("/figures/export.csv", HTTP_HOST=self.prefecture.hostname)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        names = [row[0] for row in rows[2:]]
        self.assertIn("'" + attack, names)
        self.assertNotIn(attack, names)
        response = self.client.get("/figures/export.xlsx", HTTP_HOST=self.prefecture.hostname)
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = {row[0].value: row for row in sheet.iter_rows(min_row=3, max_row=5)}
        self.assertEqual(cells["'" + attack][0].data_type, "s")
        self.assertEqual(cells["合计"][1].data_type, "n")  # numbers stay numbers


class CaseStudyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, platforms = committee_with_platforms("xqu")
        cls.index = add_page(cls.site.root_page, CaseStudyIndexPage(title="典型案例", slug="cases"))
        bench = make_activity(
            make_platform(platforms, "chengnan", kind="liaison-committee", level="township"),
            "摩配大市场物业管理",
            steps=range(1, 8),
        )
        bench.topic_category = TopicCategory.objects.get(slug="urban-management")
        bench.save()
        room = make_activity(make_platform(platforms, "room"), "医保报销", steps=range(1, 6))
        cls.bench_case = cls.case("板凳协商会解决物业难题", bench)
        cls.room_case = cls.case("议事室协商医保报销", room)

    @classmethod
    def case(cls, title, record):
        page = CaseStudyPage(title=title, slug=f"case-{record.pk}")
        page.case_activities = [CaseStudyActivity(activity=record)]
        return add_page(cls.index, page)

    def test_a_case_study_shows_its_activitys_public_timeline(self):
        response = self.client.get(
            self.bench_case.url_path.removeprefix("/xqu"), HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "摩配大市场物业管理")
        self.assertContains(response, "结果反馈情况说明")
        self.assertNotContains(response, "议前调研情况说明")

    def test_case_studies_filter_by_platform_kind(self):
        response = self.client.get(
            "/cases/", {"kind": "liaison-committee"}, HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "板凳协商会解决物业难题")
        self.assertNotContains(response, "议事室协商医保报销")

    def test_case_studies_filter_by_topic_category(self):
        response = self.client.get(
            "/cases/", {"category": "urban-management"}, HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "板凳协商会解决物业难题")
        self.assertNotContains(response, "议事室协商医保报销")

    def test_the_home_page_features_case_studies(self):
        response = self.client.get("/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "板凳协商会解决物业难题")


class DrillDownPrivacyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, platforms = committee_with_platforms("huixian")
        draft = make_platform(platforms, "draft", publish=False)
        make_activity(
            draft,
            "草稿平台上的议题",
            steps=range(1, 8),
            suggestions=["草稿平台上的建议"],
            participants=[("member", 2)],
        )

    def test_records_at_an_unpublished_platform_are_counted_but_not_shown(self):
        for key in ("activities", "suggestions", "participants"):
            with self.subTest(key=key):
                response = self.client.get(f"/figures/{key}/", HTTP_HOST=self.site.hostname)
                self.assertContains(response, "（平台未公开）")
                self.assertNotContains(response, "草稿平台上的")
                self.assertNotContains(response, "draft议事室")
