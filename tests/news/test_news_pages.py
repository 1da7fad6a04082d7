import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from home.models import HomePage
from news.models import NewsIndexPage, NewsKind, NewsPage, ReviewedReport


class PageCreationRulesTest(WagtailPageTestCase):
    def test_a_home_page_sits_at_the_top_of_the_tree(self):
        self.assertCanCreateAt(Page, HomePage)

    def test_news_indexes_go_under_a_home_page(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)

    def test_news_goes_under_a_news_index_only(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(Page, NewsPage)

    def test_nothing_goes_under_a_news_page(self):
        self.assertCanNotCreateAt(NewsPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsIndexPage)

    def test_home_pages_do_not_nest(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(NewsIndexPage, HomePage)


class RenderingTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)
        cls.report = NewsPageFactory(
            parent=cls.index,
            title="平凉市政协召开五届五次主席会议",
            place="市政协机关",
            presided_by="市政协主席宋全科",
            correspondent="孙景慧",
            photographer="李旭红",
        )
        ReviewedReport.objects.create(
            page=cls.report,
            title="关于“发展乡村旅游，促进乡村振兴”双月协商情况的报告",
            outcome="reviewed",
            sort_order=0,
        )
        ReviewedReport.objects.create(
            page=cls.report,
            title="市政协五届三次常委会会议议程（草案）",
            outcome="adopted",
            sort_order=1,
        )

    def get(self, page):
        return self.client.get(page.url, HTTP_HOST="pingliang.test")

    def test_every_page_type_renders(self):
        for page in (self.site.root_page.specific, self.index, self.report):
            self.assertPageIsRenderable(page)

    def test_meeting_report_shows_its_structured_fields(self):
        response = self.get(self.report)
        self.assertContains(response, "平凉市政协五届五次主席会议")
        self.assertContains(response, "主持</dt><dd>市政协主席宋全科")
        self.assertContains(response, "地点</dt><dd>市政协机关")
        self.assertContains(response, "通讯员：孙景慧")
        self.assertContains(response, "摄影：李旭红")

    def test_reviewed_reports_are_listed_with_their_outcome(self):
        response = self.get(self.report)
        self.assertContains(
            response,
            '<span class="outcome">审议</span>'
            "《关于“发展乡村旅游，促进乡村振兴”双月协商情况的报告》",
        )
        self.assertContains(response, '<span class="outcome">审议通过</span>《市政协五届三次')

    def test_the_index_lists_reports_with_their_meeting_label(self):
        response = self.get(self.index)
        self.assertContains(response, "平凉市政协召开五届五次主席会议")
        self.assertContains(response, '<span class="tag-meeting">五届五次主席会议</span>')

    def test_home_page_shows_the_committees_recent_reports(self):
        response = self.client.get("/", HTTP_HOST="pingliang.test")
        self.assertContains(response, "会议报道")
        self.assertContains(response, "平凉市政协召开五届五次主席会议")


class MeetingLabelTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("luzhou", "泸州市政协", level="prefecture")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)

    def test_label_is_built_from_term_sitting_and_type(self):
        page = NewsPageFactory.build(meeting_type=meeting_type("chairpersons"), term=5, sitting=5)
        self.assertEqual(page.meeting_label, "五届五次主席会议")

    def test_two_digit_terms_are_written_in_chinese(self):
        page = NewsPageFactory.build(
            meeting_type=meeting_type("standing-committee"), term=10, sitting=7
        )
        self.assertEqual(page.meeting_label, "十届七次常委会会议")

    def test_a_plenary_uses_its_numbered_name(self):
        page = NewsPageFactory.build(meeting_type=meeting_type("plenary"), term=9, sitting=2)
        self.assertEqual(page.meeting_label, "九届二次会议")

    def test_without_numbers_the_label_is_the_type_name(self):
        page = NewsPageFactory.build(
            meeting_type=meeting_type("symposium"), term=None, sitting=None
        )
        self.assertEqual(page.meeting_label, "座谈会")

    def test_full_label_carries_the_committees_short_name(self):
        page = NewsPageFactory(
            parent=self.index, meeting_type=meeting_type("plenary"), term=9, sitting=2
        )
        self.assertEqual(page.full_meeting_label(), "泸州市政协九届二次会议")

    def test_renamed_type_changes_every_label(self):
        chair = meeting_type("chairpersons")
        page = NewsPageFactory(parent=self.index, meeting_type=chair, term=5, sitting=5)
        chair.name = "主席会议（扩大）"
        chair.save()
        self.assertEqual(NewsPage.objects.get(pk=page.pk).meeting_label, "五届五次主席会议（扩大）")

    def test_a_meeting_report_needs_a_meeting_type(self):
        page = NewsPageFactory.build(kind=NewsKind.MEETING_REPORT, meeting_type=None)
        with self.assertRaises(ValidationError) as raised:
            page.clean()
        self.assertIn("meeting_type", raised.exception.message_dict)

    def test_work_news_needs_no_meeting_type(self):
        page = NewsPageFactory.build(
            kind=NewsKind.WORK_NEWS, meeting_type=None, term=None, sitting=None
        )
        page.clean()
        self.assertEqual(page.meeting_label, "")

    def test_a_sitting_without_a_term_is_refused(self):
        page = NewsPageFactory.build(term=None, sitting=3)
        with self.assertRaises(ValidationError):
            page.clean()


class NewsIndexListingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.index = NewsIndexPageFactory(
            parent=cls.prefecture.root_page, include_child_committees=True
        )
        cls.county_index = NewsIndexPageFactory(parent=cls.county.root_page)
        cls.chair_2022 = NewsPageFactory(
            parent=cls.index, title="五届五次主席会议报道", date=datetime.date(2022, 10, 8)
        )
        cls.standing_2021 = NewsPageFactory(
            parent=cls.index,
            title="四届常委会报道",
            date=datetime.date(2021, 6, 1),
            meeting_type=meeting_type("standing-committee"),
        )
        cls.county_report = NewsPageFactory(
            parent=cls.county_index,
            title="庄浪县政协召开十届七次常委会会议",
            date=datetime.date(2022, 9, 30),
            meeting_type=meeting_type("standing-committee"),
            term=10,
            sitting=7,
        )
        cls.draft = NewsPageFactory(parent=cls.index, title="未发布的草稿", publish=False)
        cls.private = NewsPageFactory(parent=cls.index, title="仅限内部的报道")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    def titles(self, query="", host="pingliang.test", index=None):
        response = self.client.get((index or self.index).url + query, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return [item.title for item in response.context["items"]]

    def test_newest_reports_come_first(self):
        titles = self.titles()
        self.assertEqual(titles[0], "五届五次主席会议报道")
        self.assertLess(
            titles.index("庄浪县政协召开十届七次常委会会议"), titles.index("四届常委会报道")
        )

    def test_drafts_and_restricted_pages_are_not_listed(self):
        titles = self.titles()
        self.assertNotIn("未发布的草稿", titles)
        self.assertNotIn("仅限内部的报道", titles)

    def test_filter_by_meeting_type(self):
        self.assertEqual(
            set(self.titles("?type=standing-committee")),
            {"四届常委会报道", "庄浪县政协召开十届七次常委会会议"},
        )

    def test_filter_by_year(self):
        self.assertEqual(self.titles("?year=2021"), ["四届常委会报道"])

    def test_filters_combine(self):
        self.assertEqual(
            self.titles("?type=standing-committee&year=2022"), ["庄浪县政协召开十届七次常委会会议"]
        )

    def test_nonsense_filters_are_ignored_not_errors(self):
        self.assertEqual(len(self.titles("?year=abc&kind=%22%3Cscript%3E&page=-3")), 3)

    def test_a_page_past_the_end_shows_the_last_page(self):
        self.assertEqual(len(self.titles("?page=999")), 3)

    def test_the_prefecture_index_includes_county_reports_marked_with_the_county(self):
        response = self.client.get(self.index.url, HTTP_HOST="pingliang.test")
        self.assertContains(response, '<span class="tag-committee">庄浪县政协</span>')

    def test_a_county_index_lists_only_its_own_reports(self):
        titles = self.titles(host="zhuanglang.test", index=self.county_index)
        self.assertEqual(titles, ["庄浪县政协召开十届七次常委会会议"])

    def test_the_prefecture_can_keep_county_reports_out(self):
        self.index.include_child_committees = False
        self.index.save()
        self.assertNotIn("庄浪县政协召开十届七次常委会会议", self.titles())

    def test_the_index_paginates(self):
        for _ in range(NewsIndexPage.page_size + 1):
            NewsPageFactory(parent=self.county_index, date=datetime.date(2020, 1, 1))
        response = self.client.get(self.county_index.url + "?page=2", HTTP_HOST="zhuanglang.test")
        self.assertEqual(len(response.context["items"]), 2)
        self.assertContains(response, "第 2 / 2 页")
