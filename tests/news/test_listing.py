"""A news list shows exactly the live, public pages of its scope and filters, newest first,
whichever way it reads them (news.listing): from the news table's own index less the pages
the tally knows to leave out, or by asking the page tree of each row. Its sites and their
committees' names follow changes at once, and a news page is found in one query."""

import datetime
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.models import CommitteeSettings
from news import tally
from news.models import NewsKind, NewsPage

from ..builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type

KINDS = [NewsKind.MEETING_REPORT, NewsKind.WORK_NEWS, NewsKind.NOTICE]


def add_news(index, count, start):
    """``count`` pages over a few dates (several a day: the id orders them within a day),
    kinds and meeting types."""
    for n in range(start, start + count):
        kind = KINDS[n % 3]
        NewsPageFactory(
            parent=index,
            date=datetime.date(2019 + n % 4, 1 + n % 5, 1 + n % 2),
            kind=kind,
            meeting_type=meeting_type(["chairpersons", "standing-committee"][n % 2])
            if kind == NewsKind.MEETING_REPORT
            else None,
        )


@override_settings(PAGE_CACHE_ENABLED=False)
class ListShowsExactlyItsPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.other = make_committee("jiayuguan", "嘉峪关市政协", level="prefecture")
        cls.index = NewsIndexPageFactory(
            parent=cls.prefecture.root_page, include_child_committees=True
        )
        cls.county_index = NewsIndexPageFactory(parent=cls.county.root_page)
        other_index = NewsIndexPageFactory(parent=cls.other.root_page)
        add_news(cls.index, 20, 0)
        add_news(cls.county_index, 9, 100)
        add_news(other_index, 5, 200)  # another prefecture's: never in these lists
        NewsPageFactory(parent=cls.index, publish=False, date=datetime.date(2022, 1, 1))
        private = NewsPageFactory(parent=cls.index, date=datetime.date(2022, 1, 1))
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    def setUp(self):
        cache.clear()

    def expected(self, roots, type_slug="", kind="", year=None):
        within = Q()
        for root in roots:
            within |= Q(path__startswith=root.path) & ~Q(pk=root.pk)
        pages = NewsPage.objects.live().public().filter(within)
        if type_slug:
            pages = pages.filter(meeting_type__slug=type_slug)
        if kind:
            pages = pages.filter(kind=kind)
        if year:
            pages = pages.filter(date__year=year)
        return list(pages.order_by("-date", "-pk").values_list("pk", flat=True))

    def listed(self, index, host, query):
        """All pages of the list, following its pages; and its count."""
        found, number = [], 1
        while True:
            response = self.client.get(f"{index.url}?{query}&page={number}", HTTP_HOST=host)
            self.assertEqual(response.status_code, 200)
            found += [item.pk for item in response.context["items"]]
            page = response.context["page_obj"]
            if not page.has_next():
                return found, page.paginator.count
            number += 1

    def check_every_filter(self):
        lists = [
            (self.index, "pingliang.test", [self.index, self.county.root_page]),
            (self.county_index, "zhuanglang.test", [self.county_index]),
        ]
        filters = [
            {},
            {"year": 2020},
            {"type_slug": "chairpersons"},
            {"kind": NewsKind.WORK_NEWS},
            {"kind": NewsKind.MEETING_REPORT, "year": 2021, "type_slug": "standing-committee"},
            {"type_slug": "no-such-type"},
        ]
        for index, host, roots in lists:
            for given in filters:
                query = "&".join(
                    f"{'type' if key == 'type_slug' else key}={value}"
                    for key, value in given.items()
                )
                expected = self.expected(roots, **given)
                self.assertEqual(self.listed(index, host, query), (expected, len(expected)))
        self.assertGreater(len(self.expected([self.index, self.county.root_page])), 24)

    def test_read_from_the_news_index_less_the_pages_left_out(self):
        # The tally knows the few pages left out (a draft, a private page, the other
        # prefecture's), so every list is read from the news table alone.
        original = tally.Scope.unlisted
        with mock.patch.object(tally.Scope, "unlisted", autospec=True) as unlisted:
            answers = []
            unlisted.side_effect = lambda scope, **f: (
                answers.append(original(scope, **f)) or (answers[-1])
            )
            self.check_every_filter()
        self.assertTrue(answers)
        self.assertNotIn(None, answers)

    def test_read_by_asking_the_page_tree(self):
        with mock.patch.object(tally.Scope, "unlisted", return_value=None):
            self.check_every_filter()

    def test_too_many_hidden_pages_to_keep(self):
        with mock.patch.object(tally, "MAX_HIDDEN", 0):
            self.assertIsNone(tally.snapshot().hidden)
            self.check_every_filter()

    def test_sections_too_big_to_keep_their_ids(self):
        with mock.patch.object(tally, "FEW", 1):
            self.assertEqual(tally.snapshot().few, {})
            self.check_every_filter()

    def test_a_draft_published_and_a_page_made_private_show_at_once(self):
        roots = [self.index, self.county.root_page]
        self.listed(self.index, "pingliang.test", "")
        draft = NewsPage.objects.get(live=False)
        draft.save_revision().publish()
        PageViewRestriction.objects.create(
            page=NewsPage.objects.filter(live=True).descendant_of(self.county_index).first(),
            restriction_type=PageViewRestriction.PASSWORD,
            password="x",
        )
        found, count = self.listed(self.index, "pingliang.test", "")
        self.assertIn(draft.pk, found)
        self.assertEqual((found, count), (self.expected(roots), len(self.expected(roots))))


@override_settings(PAGE_CACHE_ENABLED=False)
class ListedSitesFollowChanges(TestCase):
    def setUp(self):
        cache.clear()
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.index = NewsIndexPageFactory(
            parent=self.prefecture.root_page, include_child_committees=True
        )
        NewsPageFactory(parent=self.index, title="市里的报道")
        NewsPageFactory(
            parent=NewsIndexPageFactory(parent=self.county.root_page), title="县里的报道"
        )

    def get(self):
        return self.client.get(self.index.url, HTTP_HOST="pingliang.test").content.decode()

    def test_a_committee_renamed_shows_its_new_name(self):
        self.assertIn('<span class="tag-committee">庄浪县政协</span>', self.get())
        settings = CommitteeSettings.objects.get(site=self.county)
        settings.short_name = "庄浪县"
        settings.save()
        self.assertIn('<span class="tag-committee">庄浪县</span>', self.get())

    def test_a_county_detached_leaves_the_list(self):
        self.assertIn("县里的报道", self.get())
        settings = CommitteeSettings.objects.get(site=self.county)
        settings.parent_site = None
        settings.save()
        page = self.get()
        self.assertNotIn("县里的报道", page)
        self.assertIn("市里的报道", page)

    def test_a_list_unticked_for_counties_shows_its_own_only(self):
        self.get()
        self.index.include_child_committees = False
        self.index.save_revision().publish()
        self.assertNotIn("县里的报道", self.get())

    def test_more_counties_and_pages_cost_no_more_queries(self):
        def queries():
            self.client.get(self.index.url, HTTP_HOST="pingliang.test")
            with CaptureQueriesContext(connection) as captured:
                self.client.get(self.index.url, HTTP_HOST="pingliang.test")
            return len(captured)

        before = queries()
        for n in range(3):
            county = make_committee(f"county{n}", f"县{n}", parent=self.prefecture)
            index = NewsIndexPageFactory(parent=county.root_page)
            for _ in range(5):
                NewsPageFactory(parent=index)
        self.assertEqual(queries(), before)


@override_settings(PAGE_CACHE_ENABLED=False)
class NewsPageRouting(TestCase):
    def setUp(self):
        self.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.index = NewsIndexPageFactory(parent=self.site.root_page)
        self.report = NewsPageFactory(parent=self.index, title="五届五次主席会议召开")

    def get(self, path):
        return self.client.get(path, HTTP_HOST="pingliang.test")

    def test_a_report_is_served_with_its_meeting(self):
        response = self.get(self.report.url)
        self.assertContains(response, "五届五次主席会议召开")
        self.assertContains(response, "平凉市政协五届五次主席会议")

    def test_drafts_unknown_slugs_and_deeper_paths_are_not_found(self):
        draft = NewsPageFactory(parent=self.index, publish=False)
        for path in (f"{draft.slug}/", "no-such-report/", f"{self.report.slug}/more/"):
            self.assertEqual(self.get(self.index.url + path).status_code, 404, path)
