"""The header and footer every page shows (core.context_processors: the committee's name, its
parent, its menu, its counties) and the site a host answers (public.sites) are built once per
change, per process; any change to what they show is on the very next page, cached or not."""

from django.conf import settings
from django.test import TestCase, override_settings
from wagtail.models import Page, Site

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from core import generations
from core.models import CommitteeSettings

UNCACHED = {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=a-reader-with-a-session"}


class ChromeFollowsChanges(TestCase):
    def setUp(self):
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.news = NewsIndexPageFactory(parent=self.county.root_page, title="新闻动态")
        Page.objects.filter(pk=self.news.pk).update(show_in_menus=True)
        self.report = NewsPageFactory(parent=self.news, title="县政协召开主席会议")
        self.report_path = self.report.relative_url(self.county)

    def get(self, site, path="/"):
        response = self.client.get(path, HTTP_HOST=site.hostname, **UNCACHED)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def nav(self, html):
        return html.split('aria-label="主导航"')[1].split("</nav>")[0]

    def test_a_menu_page_published_or_unpublished_shows_on_the_next_page(self):
        self.news.save_revision().publish()  # show_in_menus now in its published revision
        self.assertIn("新闻动态", self.nav(self.get(self.county, self.report_path)))
        self.news.title = "工作动态"
        self.news.save_revision().publish()
        self.assertIn("工作动态", self.nav(self.get(self.county, self.report_path)))
        self.news.unpublish()
        self.assertNotIn("工作动态", self.nav(self.get(self.county)))

    def test_renamed_committees_show_in_the_header_and_footer_at_once(self):
        self.get(self.county)
        self.get(self.prefecture)
        for site, name in ((self.county, "庄浪县政协会"), (self.prefecture, "平凉市政协会")):
            committee = CommitteeSettings.for_site(site)
            committee.short_name = name
            committee.save()
        county_page = self.get(self.county, self.report_path)
        self.assertIn('<span class="brand-name">庄浪县政协会</span>', county_page)
        self.assertIn("返回平凉市政协会", county_page)  # the parent's name
        self.assertIn("庄浪县政协会", self.get(self.prefecture).split("site-footer")[1])

    def test_a_county_added_below_shows_in_the_prefectures_footer(self):
        self.assertNotIn("静宁县政协", self.get(self.prefecture))
        make_committee("jingning", "静宁县政协", parent=self.prefecture)
        self.assertIn("静宁县政协", self.get(self.prefecture).split("site-footer")[1])

    def test_a_host_moved_to_another_site_answers_for_it_at_once(self):
        self.assertIn("庄浪县政协", self.get(self.county))
        Site.objects.filter(pk=self.county.pk).update(hostname="old-zhuanglang.test")
        self.county.hostname = "zhuanglang.test"
        self.county.save()  # a Site saved: every site's generation moves on
        self.assertIn("庄浪县政协", self.get(self.county))
        response = self.client.get("/", HTTP_HOST="old-zhuanglang.test", **UNCACHED)
        self.assertNotIn("庄浪县政协", response.content.decode())

    def test_the_chrome_costs_no_query_once_built(self):
        from django.template import RequestContext, Template
        from django.test import RequestFactory

        site = Site.objects.get(pk=self.county.pk)
        header = Template(
            "{{ committee.settings.display_name }}|{% for title, url in committee.menu %}"
            "{{ title }}{% endfor %}|{{ committee.parent.0.display_name }}"
        )

        def render():
            request = RequestFactory().get("/", HTTP_HOST=self.county.hostname)
            request._wagtail_site = site
            return header.render(RequestContext(request))

        self.news.save_revision().publish()
        self.assertEqual(render(), "庄浪县政协|新闻动态|平凉市政协")
        with self.assertNumQueries(0):
            self.assertEqual(render(), "庄浪县政协|新闻动态|平凉市政协")


@override_settings(PAGE_CACHE_ENABLED=False)
class GenerationsReadOncePerRequest(TestCase):
    def test_a_counter_is_read_once_and_read_again_after_it_moves_on(self):
        from unittest import mock

        from django.core.cache import cache

        counter = generations.Generation("test:per-request")
        first = counter.current()
        middleware = generations.GenerationsPerRequest(lambda request: None)
        seen = []

        def view(request):
            with (
                mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
                mock.patch.object(counter, "_read", wraps=counter._read) as read_alone,
            ):
                seen.append(counter.current())
                seen.append(counter.current())
                # Read with every counter this process knows, in one round trip, once.
                self.assertEqual(get_many.call_count, 1)
                self.assertEqual(read_alone.call_count, 0)
                counter.bump()
                seen.append(counter.current())
                self.assertEqual(read_alone.call_count, 1)

        middleware.get_response = view
        middleware(None)
        self.assertEqual(seen[:2], [first, first])
        self.assertEqual(seen[2], counter.current())
        self.assertNotEqual(seen[2], first)
