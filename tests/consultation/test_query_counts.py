"""Queries per page do not grow with the records: each page is measured with few and with
more records (the cache emptied first, so figures are computed, not read back)."""

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from builders import (
    activity_index,
    add_page,
    committee_with_platforms,
    make_activity,
    make_platform,
)
from consultation.models import CaseStudyActivity, CaseStudyIndexPage, CaseStudyPage
from core.models import CommitteeSettings

PAGES = [
    ("county home", "county", "/"),
    ("prefecture home", "prefecture", "/"),
    ("platform index", "county", "/platforms/"),
    ("compliance board", "county", "/platforms/liuyou/"),
    ("activity index", "county", "/consultations/"),
    ("prefecture activity index", "prefecture", "/consultations/"),
    ("case study index", "county", "/cases/"),
    ("figures", "prefecture", "/figures/"),
    ("figures drill-down, activities", "prefecture", "/figures/activities/"),
    ("figures drill-down, suggestions", "prefecture", "/figures/suggestions/"),
    ("figures drill-down, members", "prefecture", "/figures/members/"),
    ("figures export", "prefecture", "/figures/export.xlsx"),
]


class QueryCountTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        prefecture_index = activity_index(cls.prefecture)
        prefecture_index.include_child_committees = True
        prefecture_index.save_revision().publish()
        cls.county, cls.platforms = committee_with_platforms("zhuanglang", parent=cls.prefecture)
        cls.cases = add_page(
            cls.county.root_page, CaseStudyIndexPage(title="典型案例", slug="cases")
        )
        cls.batch = 0

    def add_records(self, n):
        """n rooms, each with an activity through all steps, suggestions and a case study."""
        for _ in range(n):
            QueryCountTest.batch += 1
            room = make_platform(self.platforms, f"room{self.batch}")
            room.members.create(name=f"委员{self.batch}", is_committee_member=True)
            record = make_activity(
                room,
                f"议题{self.batch}",
                steps=range(1, 8),
                suggestions=["建议一", "建议二"],
                participants=[("member", 2)],
            )
            case = CaseStudyPage(title=f"案例{self.batch}", slug=f"case{self.batch}")
            case.case_activities = [CaseStudyActivity(activity=record)]
            add_page(self.cases, case)

    def queries(self, host, path):
        self.client.get(path, HTTP_HOST=host)  # warm per-process caches (content types, …)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, path)
        return len(captured)

    def measure(self):
        hosts = {"county": self.county.hostname, "prefecture": self.prefecture.hostname}
        return {label: self.queries(hosts[site], path) for label, site, path in PAGES}

    def test_queries_per_page_do_not_grow_with_the_records(self):
        self.add_records(2)
        few = self.measure()
        self.add_records(5)
        more = self.measure()
        self.assertEqual(few, more)

    def test_queries_per_page_do_not_grow_with_the_counties(self):
        self.add_records(1)
        one = self.measure()
        other, platforms = committee_with_platforms("gaotai", parent=self.prefecture)
        make_activity(make_platform(platforms, "gaotai-room"), "另一县的议题", steps=range(1, 5))
        settings = CommitteeSettings.for_site(other)
        self.assertEqual(settings.parent_site, self.prefecture)
        two = self.measure()
        grown = {k: (one[k], two[k]) for k in one if one[k] != two[k]}
        # The prefecture home lists each county's latest news (one query per county).
        self.assertEqual(set(grown), {"prefecture home"})
        self.assertLessEqual(two["prefecture home"] - one["prefecture home"], 2)

    def test_activity_and_case_pages_do_not_grow_with_their_records(self):
        self.add_records(1)
        first = self.county_detail_queries()
        self.add_records(4)
        self.assertEqual(first, self.county_detail_queries())

    def county_detail_queries(self):
        from consultation.models import Activity

        latest = Activity.objects.order_by("-pk").first()
        case = CaseStudyPage.objects.order_by("-pk").first()
        host = self.county.hostname
        return (
            self.queries(host, f"/consultations/{latest.pk}/"),
            self.queries(host, case.url_path.removeprefix(self.county.root_page.url_path[:-1])),
            self.queries(host, f"/platforms/{latest.platform.slug}/"),
        )
