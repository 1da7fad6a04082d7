"""The admin at an archive's scale (core.explorer, core.wagtail_hooks): the page explorer pages
a section's children from one index range and the tree's own count, the dashboard counts
without reading the archive; both show the same pages as Wagtail's own views and keep the
tenancy rule (an editor sees their committee's pages, never another's)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from core.explorer import explores_whole_subtree

from ..builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor


def explored(response):
    return [page.pk for page in response.context["object_list"]]


class PageExplorer(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.index = NewsIndexPageFactory(parent=cls.prefecture.root_page)
        start = datetime.date(2020, 1, 1)
        cls.news = [
            NewsPageFactory(parent=cls.index, date=start + datetime.timedelta(days=n))
            for n in range(55)
        ]
        cls.county_index = NewsIndexPageFactory(parent=cls.county.root_page)
        cls.county_news = NewsPageFactory(parent=cls.county_index, date=start)
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
        cls.editor = make_editor(cls.prefecture)
        cls.county_editor = make_editor(cls.county)

    def explore(self, user, page, **params):
        self.client.force_login(user)
        return self.client.get(reverse("wagtailadmin_explore", args=[page.pk]), params)

    def test_children_are_paged_newest_edit_first_with_the_trees_count(self):
        edited = self.news[3]
        edited.save_revision(user=self.admin)  # the newest edit: first in Wagtail's order
        first = self.explore(self.admin, self.index)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.context["paginator"].count, 55)
        self.assertEqual(explored(first)[0], edited.pk)
        second = self.explore(self.admin, self.index, p=2)
        pages = explored(first) + explored(second)
        self.assertEqual(sorted(pages), sorted(p.pk for p in self.news))
        self.assertEqual(len(explored(second)), 5)

    def test_pages_without_an_edit_date_are_paged_in_one_order(self):
        Page.objects.filter(pk__in=[p.pk for p in self.news]).update(
            latest_revision_created_at=None
        )
        pages = explored(self.explore(self.admin, self.index))
        pages += explored(self.explore(self.admin, self.index, p=2))
        self.assertEqual(pages, sorted((p.pk for p in self.news), reverse=True))

    def test_rows_are_specific_and_annotated_as_in_wagtails_listing(self):
        response = self.explore(self.admin, self.index)
        row = response.context["object_list"][0]
        self.assertEqual(type(row).__name__, "NewsPage")
        self.assertTrue(hasattr(row, "_approved_schedule"))
        self.assertContains(response, row.title)

    def test_ordering_by_title_and_search_still_work(self):
        response = self.explore(self.admin, self.index, ordering="title")
        titles = [page.title for page in response.context["object_list"]]
        self.assertEqual(titles, sorted(titles))
        found = self.explore(self.admin, self.index, q=self.news[7].title)
        self.assertEqual(found.status_code, 200)

    def test_queries_do_not_grow_with_the_number_of_children(self):
        self.client.force_login(self.admin)
        url = reverse("wagtailadmin_explore", args=[self.index.pk])
        self.client.get(url)  # per-process caches filled, as in a running server
        before = self.queries(url)
        for n in range(30):
            NewsPageFactory(parent=self.index, date=datetime.date(2019, 1, 1 + n))
        self.assertEqual(self.queries(url), before)

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured.captured_queries)

    def test_an_editor_sees_all_of_their_sections_children(self):
        self.assertTrue(explores_whole_subtree(self.editor, self.index))
        response = self.explore(self.editor, self.index)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["paginator"].count, 55)

    def test_above_their_committee_an_editor_sees_only_the_way_to_it(self):
        root = Page.get_first_root_node()
        self.assertFalse(explores_whole_subtree(self.county_editor, root))
        response = self.explore(self.county_editor, root)
        if response.status_code == 302:  # Wagtail sends them to their explorable root
            return
        self.assertEqual(explored(response), [self.county.root_page.pk])

    def test_another_committees_section_stays_closed(self):
        self.assertFalse(explores_whole_subtree(self.county_editor, self.index))
        response = self.explore(self.county_editor, self.index)
        self.assertIn(response.status_code, (302, 403, 404))
        if response.status_code == 302:
            self.assertNotIn(f"/{self.index.pk}/", response["Location"])

    def test_inactive_users_see_nothing(self):
        self.editor.is_active = False
        self.assertFalse(explores_whole_subtree(self.editor, self.index))


class DashboardPageCount(TestCase):
    """The dashboard's "N pages" as Wagtail counts them (descendants of the user's explorable
    root), read by index."""

    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.index = NewsIndexPageFactory(parent=cls.prefecture.root_page)
        for n in range(3):
            NewsPageFactory(parent=cls.index, date=datetime.date(2020, 1, 1 + n))
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
        cls.editor = make_editor(cls.prefecture)

    def counted(self, user):
        from django.test import RequestFactory
        from wagtail.admin.site_summary import PagesSummaryItem

        from core.wagtail_hooks import TreePagesSummaryItem

        request = RequestFactory().get("/admin/")
        request.user = user
        ours = TreePagesSummaryItem(request).get_context_data({})
        wagtails = PagesSummaryItem(request).get_context_data({})
        self.assertEqual(ours, wagtails)
        return ours["total_pages"]

    def test_a_superuser_counts_every_page_but_the_root(self):
        self.assertEqual(self.counted(self.admin), Page.objects.count() - 1)

    def test_an_editor_counts_their_committees_pages(self):
        expected = Page.objects.descendant_of(self.prefecture.root_page, inclusive=True).count()
        self.assertEqual(self.counted(self.editor), expected)

    def test_the_dashboard_shows_the_count(self):
        self.client.force_login(self.admin)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, str(Page.objects.count() - 1))
