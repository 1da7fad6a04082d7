"""Review of the state public pages keep per change (news.tally, news.listing, news.latest,
public.sites, core.context_processors, home.outline, consultation.figures, core.explorer): every
change a reader or an editor can make shows on the next request, including one served by
another process (whose in-process memos were built before the change and which shares only
the cache), and nothing one committee keeps ever shows on another committee's site."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    make_committee,
    make_editor,
    make_platform,
)
from core import context_processors
from core.models import CommitteeSettings
from home import outline
from news import latest, listing, tally
from news.models import NewsPage
from public import sites

UNCACHED = {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=a-reader-with-a-session"}


def another_process():
    """Forget what this process keeps (as a process started after the change would): only
    the shared cache is left."""
    sites._hosts = (None, {})
    context_processors._kept.clear()
    outline._outlines.clear()
    outline._figures.clear()
    latest._kept.clear()
    listing._kept = (None, {})
    tally._last = (None, None)
    tally._scopes = (None, {})


@override_settings(PAGE_CACHE_ENABLED=False)
class NewsListsShowOnlyLivePublicPagesOfTheirScope(TestCase):
    """Risk 1: a page made private (itself, its section, its county's whole site),
    unpublished, moved, deleted or scheduled is out of every list and home block at once."""

    def setUp(self):
        cache.clear()
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.other = make_committee("jingning", "静宁县政协", parent=self.prefecture)
        self.index = NewsIndexPageFactory(
            parent=self.prefecture.root_page, include_child_committees=True
        )
        self.county_index = NewsIndexPageFactory(parent=self.county.root_page)
        self.other_index = NewsIndexPageFactory(parent=self.other.root_page)
        NewsPageFactory(parent=self.index, title="市里的报道")
        self.county_news = NewsPageFactory(parent=self.county_index, title="县里的报道")
        NewsPageFactory(parent=self.other_index, title="静宁的报道")

    def html(self, site, path="/"):
        """The page's text (a list made private or deleted answers 302/403/404: none listed)."""
        response = self.client.get(path, HTTP_HOST=site.hostname, **UNCACHED)
        self.assertIn(response.status_code, (200, 302, 403, 404))
        return response.content.decode()

    def lists(self):
        """Every list and home page the county's report can show on, read twice: by this
        process (its memos built before the change) and by another."""
        views = [
            (self.prefecture, self.index.url),
            (self.prefecture, "/"),
            (self.county, self.county_index.url),
            (self.county, "/"),
        ]
        seen = [self.html(site, path) for site, path in views]
        another_process()
        return seen + [self.html(site, path) for site, path in views]

    def assert_out_everywhere(self, title="县里的报道"):
        for html in self.lists():
            self.assertNotIn(title, html)

    def test_the_report_is_listed_before_any_change(self):
        for html in self.lists():
            self.assertIn("县里的报道", html)

    def test_a_restriction_on_the_page_itself(self):
        self.lists()
        PageViewRestriction.objects.create(
            page=self.county_news, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assert_out_everywhere()

    def test_a_restriction_on_its_section(self):
        self.lists()
        PageViewRestriction.objects.create(
            page=self.county_index, restriction_type=PageViewRestriction.LOGIN
        )
        self.assert_out_everywhere()

    def test_a_restriction_on_the_countys_whole_site_hides_it_from_the_prefecture(self):
        self.lists()
        PageViewRestriction.objects.create(
            page=self.county.root_page, restriction_type=PageViewRestriction.LOGIN
        )
        for html in [self.html(self.prefecture, self.index.url), self.html(self.prefecture)]:
            self.assertNotIn("县里的报道", html)
            self.assertIn("市里的报道", html)
        another_process()
        self.assertNotIn("县里的报道", self.html(self.prefecture, self.index.url))

    def test_unpublished(self):
        self.lists()
        self.county_news.unpublish()
        self.assert_out_everywhere()

    def test_its_section_unpublished_with_its_pages(self):
        self.lists()
        self.county_index.unpublish(set_expired=False, commit=True, user=None, log_action=False)
        for page in NewsPage.objects.child_of(self.county_index):
            page.unpublish()
        self.assert_out_everywhere()

    def test_deleted_with_its_section(self):
        self.lists()
        Page.objects.get(pk=self.county_index.pk).delete()
        self.assert_out_everywhere()

    def test_moved_to_another_prefecture_leaves_every_list_here(self):
        self.lists()
        elsewhere = make_committee("jiayuguan", "嘉峪关市政协", level="prefecture")
        target = NewsIndexPageFactory(parent=elsewhere.root_page)
        Page.objects.get(pk=self.county_news.pk).move(target, pos="last-child")
        self.assert_out_everywhere()
        self.assertIn("县里的报道", self.html(elsewhere, target.url))

    def test_moved_to_a_sibling_county_changes_lists_there_too(self):
        self.lists()
        Page.objects.get(pk=self.county_news.pk).move(self.other_index, pos="last-child")
        self.assertNotIn("县里的报道", self.html(self.county, self.county_index.url))
        self.assertIn("县里的报道", self.html(self.other, self.other_index.url))
        another_process()
        self.assertNotIn("县里的报道", self.html(self.county, self.county_index.url))
        self.assertIn("县里的报道", self.html(self.prefecture, self.index.url))

    def test_a_page_scheduled_for_later_never_shows(self):
        self.lists()
        scheduled = NewsPageFactory(parent=self.county_index, title="明年的报道", publish=False)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=30)
        scheduled.save_revision().publish()
        scheduled.refresh_from_db()
        self.assertFalse(scheduled.live)
        self.assert_out_everywhere("明年的报道")
        self.assertEqual(
            self.client.get(scheduled.url, HTTP_HOST="zhuanglang.test").status_code, 404
        )

    def test_a_draft_is_never_listed_however_the_list_is_read(self):
        NewsPageFactory(parent=self.county_index, title="草稿报道", publish=False)
        self.assert_out_everywhere("草稿报道")


@override_settings(PAGE_CACHE_ENABLED=False)
class ChromeFollowsChangesInAnotherProcess(TestCase):
    """Risk 2: the site a host answers, the header and footer, and the committee's settings
    follow every change on the next request of any process, and never cross committees."""

    def setUp(self):
        cache.clear()
        self.prefecture = make_committee(
            "pingliang", "平凉市政协", level="prefecture", icp_number="陇ICP备00000001号"
        )
        self.county = make_committee(
            "zhuanglang", "庄浪县政协", parent=self.prefecture, icp_number="陇ICP备00000002号"
        )
        self.other = make_committee(
            "jiayuguan", "嘉峪关市政协", level="prefecture", icp_number="陇ICP备00000003号"
        )
        self.menu = NewsIndexPageFactory(parent=self.county.root_page, title="县里动态")
        self.menu.show_in_menus = True
        self.menu.save_revision().publish()

    def html(self, host, path="/"):
        response = self.client.get(path, HTTP_HOST=host, **UNCACHED)
        return response.content.decode()

    def warm(self):
        for host in ("pingliang.test", "zhuanglang.test", "jiayuguan.test"):
            self.html(host)

    def both(self, host, path="/"):
        """This process's answer (memos from before the change), then another's."""
        first = self.html(host, path)
        another_process()
        return first, self.html(host, path)

    def test_each_site_shows_its_own_committee_only(self):
        for _ in range(2):
            for host, own, others in (
                ("pingliang.test", "00000001", ("00000002", "00000003")),
                ("zhuanglang.test", "00000002", ("00000001", "00000003")),
                ("jiayuguan.test", "00000003", ("00000001", "00000002")),
            ):
                html = self.html(host)
                self.assertIn(own, html)
                for number in others:
                    self.assertNotIn(number, html, host)
            self.assertNotIn("县里动态", self.html("pingliang.test"))
            self.assertNotIn("县里动态", self.html("jiayuguan.test"))

    def test_footer_filing_numbers_and_names_edited(self):
        self.warm()
        committee = CommitteeSettings.objects.get(site=self.county)
        committee.icp_number = "陇ICP备99999999号"
        committee.short_name = "庄浪县委员会"
        committee.save()
        for html in self.both("zhuanglang.test"):
            self.assertIn("99999999", html)
            self.assertNotIn("00000002", html)
            self.assertIn("庄浪县委员会", html)
        # The prefecture's footer lists the county by its new name; the other site is untouched.
        self.assertIn("庄浪县委员会", self.html("pingliang.test"))
        self.assertNotIn("99999999", self.html("jiayuguan.test"))

    def test_the_parents_name_edited_shows_on_the_countys_pages(self):
        self.warm()
        committee = CommitteeSettings.objects.get(site=self.prefecture)
        committee.short_name = "平凉市委员会"
        committee.save()
        for html in self.both("zhuanglang.test"):
            self.assertIn("平凉市委员会", html)

    def test_menu_page_added_renamed_and_removed(self):
        self.warm()
        added = NewsIndexPageFactory(parent=self.county.root_page, title="通知公告")
        added.show_in_menus = True
        added.save_revision().publish()
        for html in self.both("zhuanglang.test"):
            self.assertIn("通知公告", html)
        added.title = "公告"
        added.save_revision().publish()
        for html in self.both("zhuanglang.test"):
            self.assertIn(">公告<", html)
        added.unpublish()
        for html in self.both("zhuanglang.test"):
            self.assertNotIn(">公告<", html)
        PageViewRestriction.objects.create(page=self.menu, restriction_type="login")
        for html in self.both("zhuanglang.test"):
            self.assertNotIn("县里动态", html)

    def test_hostname_port_and_root_page_changed(self):
        self.warm()
        self.county.hostname = "new-zhuanglang.test"
        self.county.save()
        first, second = self.both("new-zhuanglang.test")
        for html in (first, second):
            self.assertIn("00000002", html)
        self.assertNotIn("00000002", self.html("zhuanglang.test"))  # the old host: default
        # The root page: another home page answers the county's host.
        new_home = self.county.root_page.get_parent().add_child(
            instance=type(self.county.root_page.specific)(title="新首页", slug="new-home")
        )
        self.county.root_page = new_home
        self.county.save()
        for html in self.both("new-zhuanglang.test"):
            self.assertNotIn("县里动态", html)  # the old home page's menu


@override_settings(PAGE_CACHE_ENABLED=False)
class ConsultationListsFollowChanges(TestCase):
    """Risk 3: the platform list kept with the figures follows a platform moved to another
    committee's tree and a new platform, in this process and in another."""

    def setUp(self):
        cache.clear()
        self.prefecture, self.p_index = committee_with_platforms("pingliang", level="prefecture")
        self.county, self.c_index = committee_with_platforms("huixian", parent=self.prefecture)
        self.other, self.o_index = committee_with_platforms("jiayuguan", level="prefecture")
        self.platform = make_platform(self.c_index, "gaoqiao")

    def listed(self, site, index):
        response = self.client.get(index.url, HTTP_HOST=site.hostname, **UNCACHED)
        self.assertEqual(response.status_code, 200)
        return [p.pk for p in response.context["platforms"]], response.context["total"]

    def test_a_platform_moved_to_another_committee(self):
        self.assertEqual(self.listed(self.county, self.c_index), ([self.platform.pk], 1))
        Page.objects.get(pk=self.platform.pk).move(self.o_index, pos="last-child")
        self.assertEqual(self.listed(self.county, self.c_index), ([], 0))
        self.assertEqual(self.listed(self.other, self.o_index), ([self.platform.pk], 1))
        another_process()
        self.assertEqual(self.listed(self.county, self.c_index), ([], 0))

    def test_a_platform_added(self):
        self.listed(self.county, self.c_index)
        added = make_platform(self.c_index, "xinzhuang")
        found, total = self.listed(self.county, self.c_index)
        self.assertEqual((sorted(found), total), (sorted([self.platform.pk, added.pk]), 2))


class AdminExplorerAndDashboardKeepTenancy(TestCase):
    """Risk 4: an editor of one county explores and counts only their committee's pages, and
    the explorer's pages follow pages added, moved and deleted."""

    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.other = make_committee("jingning", "静宁县政协", parent=cls.prefecture)
        cls.county_index = NewsIndexPageFactory(parent=cls.county.root_page)
        cls.other_index = NewsIndexPageFactory(parent=cls.other.root_page)
        cls.news = [NewsPageFactory(parent=cls.county_index) for _ in range(3)]
        cls.others = [NewsPageFactory(parent=cls.other_index) for _ in range(4)]
        cls.editor = make_editor(cls.county)

    def explore(self, page, **params):
        self.client.force_login(self.editor)
        return self.client.get(reverse("wagtailadmin_explore", args=[page.pk]), params)

    def explored(self, page, **params):
        response = self.explore(page, **params)
        self.assertEqual(response.status_code, 200)
        return [p.pk for p in response.context["object_list"]], response.context["paginator"].count

    def test_another_countys_section_is_not_explorable(self):
        self.assertIn(self.explore(self.other_index).status_code, (302, 404))
        self.assertIn(self.explore(self.other.root_page).status_code, (302, 404))

    def test_the_tree_above_shows_only_the_way_down(self):
        for page in (Page.objects.get(depth=1), self.prefecture.root_page):
            response = self.explore(page)
            if response.status_code != 200:
                continue
            shown = {p.pk for p in response.context["object_list"]}
            self.assertFalse(shown & {self.other.root_page.pk, *[p.pk for p in self.others]})

    def test_pages_added_moved_and_deleted_show_in_the_explorer(self):
        ids = sorted(p.pk for p in self.news)
        self.assertEqual(sorted(self.explored(self.county_index)[0]), ids)
        added = NewsPageFactory(parent=self.county_index)
        found, count = self.explored(self.county_index)
        self.assertEqual((sorted(found), count), (sorted([*ids, added.pk]), 4))
        Page.objects.get(pk=self.news[0].pk).delete()
        found, count = self.explored(self.county_index)
        self.assertNotIn(self.news[0].pk, found)
        self.assertEqual(count, 3)
        second = NewsIndexPageFactory(parent=self.county.root_page)
        Page.objects.get(pk=added.pk).move(second, pos="last-child")
        self.assertEqual(self.explored(second), ([added.pk], 1))
        found, count = self.explored(self.county_index)
        self.assertEqual((sorted(found), count), (sorted(p.pk for p in self.news[1:]), 2))

    def test_the_dashboard_counts_the_editors_pages_only(self):
        from django.test import RequestFactory

        from core.wagtail_hooks import TreePagesSummaryItem

        request = RequestFactory().get("/admin/")
        request.user = self.editor
        counted = TreePagesSummaryItem(request).get_context_data({})["total_pages"]
        own = Page.objects.descendant_of(self.county.root_page, inclusive=True).count()
        self.assertEqual(counted, own)
        NewsPageFactory(parent=self.other_index)
        self.assertEqual(TreePagesSummaryItem(request).get_context_data({})["total_pages"], own)
        self.client.force_login(self.editor)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        for page in self.others:
            self.assertNotIn(page.title, html)
