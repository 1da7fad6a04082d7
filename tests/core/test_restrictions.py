"""View restrictions are read once per request (core.restrictions) and never stale: the pages
a restriction hides stay hidden, also right after it is made within the same request."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core import restrictions

from ..builders import NewsIndexPageFactory, NewsPageFactory, make_committee


class RestrictionsPerRequest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)
        cls.open = NewsPageFactory(parent=cls.index, title="公开报道")
        cls.closed = NewsPageFactory(parent=cls.index, title="内部报道")

    def restrict(self, page):
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    def public_titles(self):
        return set(
            Page.objects.descendant_of(self.index).live().public().values_list("title", flat=True)
        )

    def test_a_page_asks_for_the_restrictions_once(self):
        self.restrict(self.closed)
        self.client.get("/", HTTP_HOST=self.site.hostname)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.index.url, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        # Every restriction (for .public()), not those of the served page's own ancestors.
        asked = [
            q
            for q in queries
            if "wagtailcore_pageviewrestriction" in q["sql"] and '"page_id" IN' not in q["sql"]
        ]
        self.assertEqual(len(asked), 1, [q["sql"][:120] for q in asked])
        self.assertNotContains(response, "内部报道")
        self.assertContains(response, "公开报道")

    def test_within_a_request_a_new_restriction_counts_at_once(self):
        token = restrictions._restricted.set({})
        try:
            self.assertEqual(self.public_titles(), {"公开报道", "内部报道"})
            restriction = self.restrict(self.closed)
            self.assertEqual(self.public_titles(), {"公开报道"})
            restriction.delete()
            self.assertEqual(self.public_titles(), {"公开报道", "内部报道"})
        finally:
            restrictions._restricted.reset(token)

    def test_the_same_pages_as_wagtails_own_lookup(self):
        self.restrict(self.index)  # a section: it and everything below it
        outside = self.public_titles()
        token = restrictions._restricted.set({})
        try:
            inside = self.public_titles()
            listed = set(Page.objects.live().public().values_list("pk", flat=True))
        finally:
            restrictions._restricted.reset(token)
        self.assertEqual(inside, outside)
        self.assertEqual(inside, set())
        self.assertEqual(listed, set(Page.objects.live().public().values_list("pk", flat=True)))
        self.assertNotIn(self.index.pk, listed)
