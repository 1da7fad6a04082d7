"""Odd query parameters on the public consultation and news pages are ignored (or, for the
figures' period, explained), never a server error: superscript digits that pass
``str.isdigit()`` but not ``int()``, years the database cannot hold, ids beyond its integer
range, NUL bytes (PostgreSQL refuses them in any string)."""

from django.test import TestCase

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    add_page,
    committee_with_platforms,
    make_activity,
    make_platform,
)
from consultation.models import CaseStudyActivity, CaseStudyIndexPage, CaseStudyPage

HUGE = "99999999999999999999999"


class PublicParamsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, cls.p_platforms = committee_with_platforms("pingliang", level="prefecture")
        cls.county, platforms = committee_with_platforms("huixian", parent=cls.prefecture)
        room = make_platform(platforms, "gaoqiao")
        cls.record = make_activity(room, "议医保、解民忧", steps=range(1, 8))
        # The prefecture's case studies take in its counties'; the case is the county's.
        add_page(
            cls.prefecture.root_page,
            CaseStudyIndexPage(title="典型案例", slug="cases", include_child_committees=True),
        )
        cases = add_page(cls.county.root_page, CaseStudyIndexPage(title="典型案例", slug="cases"))
        case = CaseStudyPage(title="医保协商案例", slug="case")
        case.case_activities = [CaseStudyActivity(activity=cls.record)]
        add_page(cases, case)
        cls.news = NewsIndexPageFactory(parent=cls.county.root_page, slug="news")
        NewsPageFactory(parent=cls.news, title="常委会会议报道")

    def get(self, path, site=None, **params):
        response = self.client.get(path, params, HTTP_HOST=(site or self.county).hostname)
        self.assertLess(response.status_code, 500, (path, params))
        return response

    def test_the_activity_list_ignores_an_odd_step_or_year(self):
        for params in (
            {"step": "²"},
            {"step": "①"},
            {"step": HUGE},
            {"year": "²⁰²³"},
            {"year": "0000"},
            {"year": HUGE},
            {"format": "\x00"},
        ):
            with self.subTest(params=params):
                response = self.get("/consultations/", **params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "议医保、解民忧")

    def test_the_activity_list_still_filters_by_step_and_year(self):
        self.assertContains(self.get("/consultations/", step="7"), "议医保、解民忧")
        self.assertNotContains(self.get("/consultations/", step="3"), "议医保、解民忧")
        self.assertNotContains(self.get("/consultations/", year="2020"), "议医保、解民忧")

    def test_an_activity_id_beyond_the_integer_range_is_not_found(self):
        self.assertEqual(self.get(f"/consultations/{HUGE}/").status_code, 404)

    def test_case_studies_ignore_an_odd_county(self):
        for county in ("²", HUGE, "-1", "\x00"):
            with self.subTest(county=county):
                response = self.get("/cases/", site=self.prefecture, county=county)
                self.assertContains(response, "医保协商案例")

    def test_case_studies_still_filter_by_county(self):
        response = self.get("/cases/", site=self.prefecture, county=str(self.prefecture.pk))
        self.assertNotContains(response, "医保协商案例")
        response = self.get("/cases/", site=self.prefecture, county=str(self.county.pk))
        self.assertContains(response, "医保协商案例")

    def test_the_platform_list_and_board_ignore_odd_values(self):
        for params in ({"kind": "\x00"}, {"level": "²"}, {"page": HUGE}, {"status": "\x00"}):
            with self.subTest(params=params):
                self.assertEqual(self.get("/platforms/", **params).status_code, 200)
                self.assertEqual(self.get("/platforms/liuyou/", **params).status_code, 200)

    def test_an_odd_period_on_the_figures_is_explained(self):
        for params in (
            {"year": "²"},
            {"year": "²⁰²³"},
            {"year": HUGE},
            {"from": "0001-01-01"},
            {"to": "9999-12-31"},
            {"from": "²⁰²³-01-01"},
            {"from": "2023-01-01\x00"},
        ):
            for path in ("/figures/", "/figures/activities/", "/figures/export.csv"):
                with self.subTest(path=path, params=params):
                    response = self.get(path, **params)
                    self.assertEqual(response.status_code, 200)
                    if path != "/figures/export.csv":
                        self.assertContains(response, "已显示全部时间的数据")

    def test_a_plausible_period_still_narrows_the_figures(self):
        response = self.get("/figures/", year="2023")
        self.assertContains(response, 'href="activities/?from=2023-01-01&amp;to=2023-12-31">1</a>')

    def test_the_news_index_ignores_an_odd_year_or_kind(self):
        for params in (
            {"year": "²²²²"},
            {"year": "0000"},
            {"year": "٢٠٢٢x"},
            {"kind": "\x00"},
            {"type": "\x00"},
        ):
            with self.subTest(params=params):
                response = self.get("/news/", **params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "常委会会议报道")

    def test_the_news_index_still_filters_by_year(self):
        self.assertContains(self.get("/news/", year="2022"), "常委会会议报道")
        self.assertNotContains(self.get("/news/", year="2021"), "常委会会议报道")
