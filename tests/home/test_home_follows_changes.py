"""A home page's lists besides its news (platforms, case studies, section links, figures) are
built once per change to the site (home.outline), its news blocks once per change to the news
(news.latest); a change shows on the very next render, and a warm render runs few queries."""

import datetime

from django.test import TestCase, override_settings

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    make_activity,
    make_committee,
    make_platform,
)
from consultation.models import CaseStudyIndexPage, CaseStudyPage


@override_settings(PAGE_CACHE_ENABLED=False)
class HomeFollowsChanges(TestCase):
    def setUp(self):
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county, self.platforms = committee_with_platforms(
            "zhuanglang", "庄浪县政协", parent=self.prefecture
        )
        self.news = NewsIndexPageFactory(parent=self.county.root_page, title="新闻动态")
        NewsPageFactory(parent=self.news, title="较早的报道", date=datetime.date(2021, 1, 1))

    def home(self, site=None):
        response = self.client.get("/", HTTP_HOST=(site or self.county).hostname)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_platform_published_renamed_or_unpublished_shows_at_once(self):
        self.assertNotIn("城南镇议事室", self.home())
        room = make_platform(self.platforms, "chengnan", title="城南镇议事室")
        self.assertIn("城南镇议事室", self.home())
        room.title = "城南镇协商议事室"
        room.save_revision().publish()
        self.assertIn("城南镇协商议事室", self.home())
        room.unpublish()
        self.assertNotIn("城南镇协商议事室", self.home())

    def test_a_case_study_published_shows_at_once(self):
        self.home()
        index = CaseStudyIndexPage(title="典型案例", slug="cases")
        self.county.root_page.add_child(instance=index)
        index.save_revision().publish()
        case = CaseStudyPage(title="物业纠纷协商化解", slug="case", summary="三方协商")
        index.add_child(instance=case)
        case.save_revision().publish()
        html = self.home()
        self.assertIn("物业纠纷协商化解", html)
        self.assertIn("三方协商", html)

    def test_a_news_section_added_gets_its_link(self):
        self.assertIn("查看全部新闻动态", self.home())
        NewsIndexPageFactory(parent=self.county.root_page, title="通知公告", slug="notices")
        self.assertIn("查看全部通知公告", self.home())

    def test_figures_follow_a_new_activity(self):
        room = make_platform(self.platforms, "chengnan", title="城南镇议事室")
        before = self.figure(self.home(self.prefecture), "协商活动")
        make_activity(room, "摩配大市场物业管理问题", steps=(1, 2, 3, 4))
        self.assertEqual(self.figure(self.home(self.prefecture), "协商活动"), before + 1)
        self.assertEqual(self.figure(self.home(), "协商活动"), before + 1)
        self.assertIn('href="/figures/activities/"', self.home())  # a count links to records

    @staticmethod
    def figure(html, label):
        """The value shown with ``label`` (found by its label: a 0 links nowhere)."""
        item = html.split(f'<span class="figure-label">{label}</span>')[0].rsplit("<li>", 1)[1]
        return int(item.split('class="figure-value">')[1].split("<")[0])

    def test_a_county_added_gets_its_news_block_on_the_prefecture_home(self):
        self.home(self.prefecture)
        county = make_committee("jingning", "静宁县政协", parent=self.prefecture)
        news = NewsIndexPageFactory(parent=county.root_page)
        NewsPageFactory(parent=news, title="静宁县政协召开常委会")
        counties = self.home(self.prefecture).split('id="h-counties"')[1]
        self.assertIn("静宁县政协", counties)
        self.assertIn("静宁县政协召开常委会", counties)

    def test_a_warm_home_page_runs_few_queries(self):
        for site in (self.prefecture, self.county):
            self.home(site)
            # The home page's view restrictions (2), the view restrictions of .public(), the
            # news pages: nothing per block, section or county, nor for the routing's root.
            with self.assertNumQueries(4):
                self.home(site)

    def test_the_home_page_edited_or_unpublished_shows_at_once(self):
        self.home()
        root = self.county.root_page.specific
        root.intro = "庄浪县政协欢迎您"
        root.save_revision().publish()
        self.assertIn("庄浪县政协欢迎您", self.home())
        root.unpublish()
        response = self.client.get("/", HTTP_HOST=self.county.hostname)
        self.assertEqual(response.status_code, 404)
