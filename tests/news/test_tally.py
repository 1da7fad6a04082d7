"""The news lists' counts (years, meeting types, pages) come from the tally (news.tally), kept
once per change instead of counted per render; each kind of change must show in them at once,
and the subtree filter must select the same pages whichever way it is read."""

import datetime

from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import Page, PageViewRestriction

from core.signals import content_changed
from core.tree import subtree_q
from news.models import NewsPage

from ..builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    make_committee,
    meeting_type,
)


class TallyFollowsChanges(TestCase):
    def setUp(self):
        cache.clear()
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.index = NewsIndexPageFactory(
            parent=self.prefecture.root_page, include_child_committees=True
        )
        self.county_index = NewsIndexPageFactory(parent=self.county.root_page)
        self.report = NewsPageFactory(parent=self.index, date=datetime.date(2022, 10, 8))
        NewsPageFactory(
            parent=self.county_index,
            date=datetime.date(2021, 6, 1),
            meeting_type=meeting_type("standing-committee"),
        )

    def facets(self, index=None, host="pingliang.test"):
        response = self.client.get((index or self.index).url, HTTP_HOST=host)
        context = response.context
        return (
            {y["year"]: y["count"] for y in context["years"]},
            {t["meeting_type__slug"]: t["count"] for t in context["meeting_types"]},
            context["page_obj"].paginator.count,
        )

    def test_counts_cover_the_index_and_its_counties(self):
        self.assertEqual(
            self.facets(), ({2022: 1, 2021: 1}, {"chairpersons": 1, "standing-committee": 1}, 2)
        )
        self.assertEqual(
            self.facets(self.county_index, "zhuanglang.test"),
            ({2021: 1}, {"standing-committee": 1}, 1),
        )

    def test_filtered_page_count_matches_the_listed_items(self):
        response = self.client.get(
            self.index.url + "?type=chairpersons", HTTP_HOST="pingliang.test"
        )
        self.assertEqual(response.context["page_obj"].paginator.count, 1)
        self.assertEqual(len(response.context["items"]), 1)
        response = self.client.get(self.index.url + "?type=nothing", HTTP_HOST="pingliang.test")
        self.assertEqual(response.context["page_obj"].paginator.count, 0)

    def test_a_publish_counts_at_once(self):
        self.facets()
        NewsPageFactory(parent=self.index, date=datetime.date(2020, 1, 2))
        years, _, total = self.facets()
        self.assertEqual((years.get(2020), total), (1, 3))

    def test_an_unpublish_stops_counting(self):
        self.facets()
        self.report.unpublish()
        years, types, total = self.facets()
        self.assertEqual((2022 in years, "chairpersons" in types, total), (False, False, 1))

    def test_a_delete_stops_counting(self):
        self.facets()
        Page.objects.get(pk=self.report.pk).delete()
        self.assertEqual(self.facets()[2], 1)

    def test_a_move_to_another_committee_counts_there(self):
        self.facets(self.county_index, "zhuanglang.test")
        Page.objects.get(pk=self.report.pk).move(self.county_index, pos="last-child")
        self.assertEqual(self.facets(self.county_index, "zhuanglang.test")[2], 2)

    def test_a_view_restriction_hides_from_the_counts(self):
        self.facets()
        PageViewRestriction.objects.create(
            page=self.report, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertEqual(self.facets()[2], 1)

    def test_a_bulk_change_counts_at_once(self):
        self.facets()
        # What a bulk import does: rows written without model signals, then the signal.
        NewsPage.objects.filter(pk=self.report.pk).update(date=datetime.date(2019, 5, 5))
        content_changed.send(sender=__name__)
        self.assertIn(2019, self.facets()[0])


class SubtreeFilter(TestCase):
    def test_range_and_prefix_select_the_same_pages(self):
        prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        county = make_committee("zhuanglang", "庄浪县政协", parent=prefecture)
        index = NewsIndexPageFactory(parent=prefecture.root_page)
        for n in range(3):
            NewsPageFactory(parent=index, title=f"报道{n}")
        NewsPageFactory(parent=NewsIndexPageFactory(parent=county.root_page))
        for root in (prefecture.root_page, county.root_page, index):
            expected = set(Page.objects.descendant_of(root).values_list("pk", flat=True))
            for small in (True, False):
                found = set(
                    Page.objects.filter(subtree_q(root.path, small=small)).values_list(
                        "pk", flat=True
                    )
                )
                self.assertEqual(found, expected, (root, small))
            inclusive = Page.objects.filter(subtree_q(root.path, inclusive=True))
            self.assertEqual(set(inclusive.values_list("pk", flat=True)), expected | {root.pk})


@override_settings(PAGE_CACHE_ENABLED=False)
class HomeBlocksFollowChanges(TestCase):
    """The home page's latest-news blocks are chosen once per change (news.latest)."""

    def setUp(self):
        cache.clear()
        self.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.index = NewsIndexPageFactory(parent=self.site.root_page)
        self.old = NewsPageFactory(
            parent=self.index, title="较早的报道", date=datetime.date(2021, 1, 1)
        )

    def home(self):
        return self.client.get("/", HTTP_HOST=self.site.hostname).content.decode()

    def test_a_publish_and_an_unpublish_show_at_once(self):
        self.assertIn("较早的报道", self.home())
        new = NewsPageFactory(parent=self.index, title="最新的报道", date=datetime.date(2023, 1, 1))
        self.assertIn("最新的报道", self.home())
        new.unpublish()
        page = self.home()
        self.assertNotIn("最新的报道", page)
        self.assertIn("较早的报道", page)

    def test_a_retitled_page_shows_its_new_title(self):
        self.home()
        NewsPage.objects.filter(pk=self.old.pk).update(title="改过标题的报道")  # no signal
        self.assertIn("改过标题的报道", self.home())  # the pages are fetched on every render
