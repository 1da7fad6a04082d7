"""The public page cache: a second anonymous request is served from the cache, and any change
to what a page shows — publish, unpublish, move, a committee setting — is visible on the very
next request. Readers with a session, and pages with forms, are never cached."""

from django.contrib.auth import get_user_model
from django.test import TestCase, TransactionTestCase

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from core.models import CommitteeSettings
from public import cache as page_cache


class PageCache(TestCase):
    def setUp(self):
        self.site = make_committee("gaotai", "高台县政协", default=True)
        self.index = NewsIndexPageFactory(parent=self.site.root_page, slug="news")
        self.report = NewsPageFactory(parent=self.index, title="县政协召开主席会议", slug="r1")
        self.path = self.report.relative_url(self.site)

    def get(self, path, **extra):
        return self.client.get(path, HTTP_HOST="gaotai.test", **extra)

    def test_the_second_request_is_served_from_the_cache(self):
        first = self.get(self.path)
        self.assertEqual(first["X-Page-Cache"], "miss")
        second = self.get(self.path)
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertEqual(second.content, first.content)
        self.assertIn("Cookie", second["Vary"])

    def test_a_published_change_is_visible_on_the_next_request(self):
        self.get(self.path)
        self.get("/")
        self.assertEqual(self.get(self.path)["X-Page-Cache"], "hit")
        self.report.title = "县政协召开第二次主席会议"
        self.report.save_revision().publish()
        for path in (self.path, "/", "/news/"):
            response = self.get(path)
            self.assertContains(response, "县政协召开第二次主席会议", msg_prefix=path)

    def test_a_draft_changes_nothing_public_and_an_unpublished_page_is_gone(self):
        self.get(self.path)
        self.report.title = "草稿标题"
        self.report.save_revision()  # not published
        self.assertNotContains(self.get(self.path), "草稿标题")
        self.report.unpublish()
        self.assertEqual(self.get(self.path).status_code, 404)
        self.assertNotContains(self.get("/news/"), "县政协召开主席会议")

    def test_a_moved_page_answers_at_its_new_address(self):
        other = NewsIndexPageFactory(parent=self.site.root_page, slug="archive", title="归档")
        self.get(self.path)
        self.report.move(other, pos="last-child")
        old = self.get(self.path)  # Wagtail leaves a redirect behind, not the cached page
        self.assertEqual(
            (old.status_code, old["Location"]), (301, "http://gaotai.test/archive/r1/")
        )
        self.assertContains(self.get("/archive/r1/"), "县政协召开主席会议")

    def test_a_committee_setting_shows_on_the_next_request(self):
        self.get("/")
        settings = CommitteeSettings.for_site(self.site)
        settings.sponsor = "高台县政协办公室"
        settings.save()
        self.assertContains(self.get("/"), "主办单位：高台县政协办公室")

    def test_each_reading_mode_has_its_own_copy(self):
        self.get(self.path)
        self.client.cookies["cppcc_script"] = "hant"
        response = self.get(self.path)
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "縣政協召開主席會議")
        self.assertEqual(self.get(self.path)["X-Page-Cache"], "hit")

    def test_a_signed_in_editor_is_never_served_or_stored(self):
        self.get(self.path)
        user = get_user_model().objects.create_superuser("root", password="x")
        self.client.force_login(user)
        response = self.get(self.path)
        self.assertNotIn("X-Page-Cache", response)
        self.assertContains(response, "wagtail-userbar")  # rendered for them, not from cache
        self.client.logout()
        self.client.cookies.pop("sessionid", None)
        self.assertNotContains(self.get(self.path), "wagtail-userbar")

    def test_pages_with_forms_are_not_cached(self):
        from topics.models import TopicSubmissionPage

        form_page = TopicSubmissionPage(title="我有事要协商", slug="topics")
        self.site.root_page.add_child(instance=form_page)
        form_page.save_revision().publish()
        for _ in range(2):
            response = self.get("/topics/")
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("X-Page-Cache", response)

    def test_search_and_other_query_strings_are_not_cached(self):
        self.get("/search/?q=主席会议")
        self.assertNotIn("X-Page-Cache", self.get("/search/?q=主席会议"))
        self.get("/news/?utm_source=x")
        self.assertNotIn("X-Page-Cache", self.get("/news/?utm_source=x"))
        self.get("/news/?page=1")
        self.assertEqual(self.get("/news/?page=1")["X-Page-Cache"], "hit")
        # Anything but one plain page number would let a crawler fill the cache with copies.
        self.assertEqual(self.get("/news/?page=%31")["X-Page-Cache"], "hit")  # the same copy
        for query in ("?page=abc", "?page=1&page=2", "?page=0", "?page=99999", "?page=1&x=1"):
            self.get(f"/news/{query}")
            self.assertNotIn("X-Page-Cache", self.get(f"/news/{query}"), query)

    def test_http_and_https_copies_are_kept_apart(self):
        self.get("/robots.txt")
        secure = self.get("/robots.txt", secure=True)
        self.assertNotEqual(secure.get("X-Page-Cache"), "hit")
        self.assertContains(secure, "Sitemap: https://gaotai.test/sitemap.xml")

    def test_an_unreachable_cache_serves_pages_uncached_and_lets_editors_save(self):
        from unittest import mock

        down = mock.Mock(
            **{
                f"{name}.side_effect": ConnectionError("Redis is down")
                for name in ("get", "set", "add", "incr")
            }
        )
        with (
            mock.patch("public.middleware.cache", down),
            mock.patch("core.generations.cache", down),
            self.assertLogs(level="WARNING"),
        ):
            response = self.get(self.path)
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("X-Page-Cache", response)
            self.report.title = "缓存故障时仍可发布"
            self.report.save_revision().publish()
        self.assertContains(self.get(self.path), "缓存故障时仍可发布")

    def test_an_evicted_generation_never_restarts_at_a_number_already_used(self):
        from django.core.cache import cache

        first = page_cache.generation()
        page_cache.content_changed()
        cache.delete(page_cache.GENERATION_KEY)
        self.assertGreater(page_cache.generation(), first + 1)


class GenerationAfterCommit(TransactionTestCase):
    def test_the_generation_moves_again_when_the_change_commits(self):
        from django.db import transaction

        before = page_cache.generation()
        with transaction.atomic():
            page_cache.content_changed()
            during = page_cache.generation()
            # A page rendered now from the old rows is stored under `during`…
        self.assertEqual(during, before + 1)
        # …and is never served once the change is committed.
        self.assertEqual(page_cache.generation(), during + 1)
