"""The home page's standard areas: 政协要闻 (a flagged report shown large with its picture and
alt text), 通知公告 (a box of the latest notices linking to a section that lists them), 专题专栏
(topics in the editors' order) and the 规章制度 library's latest documents; each shows only
live, public pages of its own committee, and a warm home page runs no more queries for them."""

import datetime

import pytest
from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    add_page,
    make_committee,
    make_document,
    make_image,
)
from core.committees import committee_collection
from home.models import (
    DocumentLibraryPage,
    SpecialTopicIndexPage,
    SpecialTopicItem,
    SpecialTopicPage,
)
from news.models import NewsIndexPage, NewsKind, NewsPage
from search.indexing import is_searchable

D = datetime.date


def notice(parent, title, date, **fields):
    return NewsPageFactory(
        parent=parent, title=title, date=date, kind=NewsKind.NOTICE, meeting_type=None, **fields
    )


@override_settings(PAGE_CACHE_ENABLED=False)
class HomeSections(TestCase):
    def setUp(self):
        cache.clear()
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.news = NewsIndexPageFactory(parent=self.county.root_page, title="新闻动态")
        self.other_news = NewsIndexPageFactory(parent=self.prefecture.root_page)

    def home(self, site=None):
        response = self.client.get("/", HTTP_HOST=(site or self.county).hostname)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    @staticmethod
    def area(html, heading_id):
        return html.split(f'id="{heading_id}"')[1].split("</section>")[0]

    # 通知公告 ---------------------------------------------------------------------------

    def test_the_notice_box_lists_the_latest_notices_of_this_committee_only(self):
        for day in range(1, 10):
            notice(self.news, f"第{day}号通知", D(2024, 3, day))
        NewsPageFactory(parent=self.news, title="一篇会议报道", date=D(2024, 4, 1))
        notice(self.news, "未发布的通知", D(2024, 4, 2), publish=False)
        notice(self.other_news, "市里的通知", D(2024, 4, 3))
        box = self.area(self.home(), "h-notices")
        shown = [f"第{day}号通知" for day in range(9, 2, -1)]  # the newest seven
        positions = [box.index(title) for title in shown]
        self.assertEqual(positions, sorted(positions))
        for absent in ("第2号通知", "第1号通知", "一篇会议报道", "未发布的通知", "市里的通知"):
            self.assertNotIn(absent, box)
        # Notices have their own box: not in 工作动态.
        self.assertNotIn("第9号通知", self.area(self.home(), "h-news"))

    def test_the_notice_section_lists_the_committees_notices_wherever_filed(self):
        section = NewsIndexPageFactory(
            parent=self.county.root_page, title="通知公告", slug="notices", kind=NewsKind.NOTICE
        )
        notice(section, "放在栏目里的通知", D(2024, 3, 1))
        notice(self.news, "放在新闻动态里的通知", D(2023, 5, 1))
        NewsPageFactory(parent=self.news, title="不是通知的报道")
        notice(self.other_news, "市里的通知", D(2024, 4, 3))
        box = self.area(self.home(), "h-notices")
        self.assertIn('href="/notices/"', box)
        listed = self.client.get(section.url, HTTP_HOST=self.county.hostname)
        titles = [item.title for item in listed.context["items"]]
        self.assertEqual(titles, ["放在栏目里的通知", "放在新闻动态里的通知"])
        self.assertEqual([y["year"] for y in listed.context["years"]], [2024, 2023])
        by_year = self.client.get(section.url, {"year": 2023}, HTTP_HOST=self.county.hostname)
        self.assertEqual([i.title for i in by_year.context["items"]], ["放在新闻动态里的通知"])
        self.assertNotContains(listed, 'name="kind"')  # the section's kind is fixed

    # 政协要闻 ---------------------------------------------------------------------------

    def test_a_flagged_report_is_the_headline_with_its_picture_and_alt_text(self):
        image = make_image("常委会会场")
        image.description = "常委会会议现场，委员们正在发言"
        image.save()
        NewsPageFactory(parent=self.news, title="更新但未列为要闻", date=D(2024, 6, 1))
        NewsPageFactory(
            parent=self.news,
            title="县政协召开常委会会议",
            date=D(2024, 5, 1),
            is_headline=True,
            lead_image=image,
        )
        NewsPageFactory(parent=self.news, title="较早的要闻", date=D(2024, 4, 1), is_headline=True)
        area = self.area(self.home(), "h-headlines")
        self.assertIn('alt="常委会会议现场，委员们正在发言"', area)
        self.assertIn("县政协召开常委会会议", area.split("<img")[1].split("</article>")[0])
        self.assertIn("2024年5月1日", area)
        self.assertLess(area.index("县政协召开常委会会议"), area.index("较早的要闻"))
        self.assertNotIn("更新但未列为要闻", area)

    def test_a_headline_whose_image_file_is_gone_is_shown_without_its_picture(self):
        image = make_image("会场")
        NewsPageFactory(
            parent=self.news, title="县政协召开全体会议", is_headline=True, lead_image=image
        )
        image.file.storage.delete(image.file.name)
        area = self.area(self.home(), "h-headlines")
        self.assertIn("县政协召开全体会议", area)
        self.assertNotIn("<img", area)

    def test_without_flags_the_newest_pictured_news_is_the_headline(self):
        NewsPageFactory(parent=self.news, title="没有图片的报道", date=D(2024, 6, 1))
        NewsPageFactory(
            parent=self.news,
            title="有图片的报道",
            date=D(2024, 5, 1),
            lead_image=make_image("会场"),
        )
        area = self.area(self.home(), "h-headlines")
        self.assertIn("有图片的报道", area)
        self.assertIn('alt="会场"', area)  # no description: the image's title
        self.assertNotIn("没有图片的报道", area)

    def test_a_private_or_unpublished_headline_leaves_at_once(self):
        page = NewsPageFactory(parent=self.news, title="要闻一", is_headline=True)
        self.assertIn("要闻一", self.area(self.home(), "h-headlines"))
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        self.assertNotIn("要闻一", self.home())
        other = NewsPageFactory(parent=self.news, title="要闻二", is_headline=True)
        self.assertIn("要闻二", self.area(self.home(), "h-headlines"))
        other.unpublish()
        self.assertNotIn("要闻二", self.home())

    def test_another_committees_headline_is_not_shown(self):
        NewsPageFactory(parent=self.other_news, title="市里的要闻", is_headline=True)
        self.assertNotIn("市里的要闻", self.home())
        self.assertIn("市里的要闻", self.area(self.home(self.prefecture), "h-headlines"))

    # 专题专栏 ---------------------------------------------------------------------------

    def topic(self, items, **fields):
        index = add_page(
            self.county.root_page, SpecialTopicIndexPage(title="专题专栏", slug="zhuanti")
        )
        topic = SpecialTopicPage(title="乡村振兴专题", slug="xczx", **fields)
        topic.items = [SpecialTopicItem(page=p, sort_order=i) for i, p in enumerate(items)]
        return add_page(index, topic)

    def test_a_topic_shows_its_chosen_pages_in_the_chosen_order(self):
        first = NewsPageFactory(parent=self.news, title="较早的报道", date=D(2020, 1, 1))
        second = NewsPageFactory(parent=self.news, title="较新的报道", date=D(2024, 1, 1))
        draft = NewsPageFactory(parent=self.news, title="草稿报道", publish=False)
        foreign = NewsPageFactory(parent=self.other_news, title="市里的报道")
        banner = make_image("田间")
        banner.description = "金色的麦田"
        banner.save()
        topic = self.topic([first, draft, foreign, second], banner=banner)
        response = self.client.get(topic.url, HTTP_HOST=self.county.hostname)
        self.assertEqual(
            [p.title for p in response.context["chosen"]], ["较早的报道", "较新的报道"]
        )
        html = response.content.decode()
        self.assertNotIn("草稿报道", html)
        self.assertNotIn("市里的报道", html)
        home = self.area(self.home(), "h-topics")
        self.assertIn("乡村振兴专题", home)
        self.assertIn('alt="金色的麦田"', home)

    def test_a_topic_also_lists_the_committees_news_with_its_tag(self):
        tagged = NewsPageFactory(parent=self.news, title="带标签的报道")
        tagged.tags.add("乡村振兴")
        tagged.save_revision().publish()
        elsewhere = NewsPageFactory(parent=self.other_news, title="市里带标签的报道")
        elsewhere.tags.add("乡村振兴")
        elsewhere.save_revision().publish()
        topic = self.topic([], tag="乡村振兴")
        response = self.client.get(topic.url, HTTP_HOST=self.county.hostname)
        self.assertEqual([p.title for p in response.context["tagged"]], ["带标签的报道"])

    def test_a_topic_not_for_the_home_page_or_unpublished_is_not_shown(self):
        topic = self.topic([], show_on_home=False)
        self.assertNotIn('id="h-topics"', self.home())
        topic.show_on_home = True
        topic.save_revision().publish()
        self.assertIn("乡村振兴专题", self.area(self.home(), "h-topics"))
        topic.unpublish()
        self.assertNotIn('id="h-topics"', self.home())

    # 规章制度 ---------------------------------------------------------------------------

    def test_the_home_page_lists_the_librarys_newest_documents(self):
        add_page(self.county.root_page, DocumentLibraryPage(title="规章制度", slug="rules"))
        document = make_document("协商议事室工作制度")
        document.collection = committee_collection("庄浪县政协")
        document.save()
        foreign = make_document("市政协机关制度")
        foreign.collection = committee_collection("平凉市政协")
        foreign.save()
        box = self.area(self.home(), "h-library")
        self.assertIn("协商议事室工作制度", box)
        self.assertIn("TXT", box)
        self.assertNotIn("市政协机关制度", box)
        # A document uploaded later shows at once (the upload tells the caches).
        later = make_document("委员履职管理办法")
        later.collection = committee_collection("庄浪县政协")
        later.save()
        self.assertIn("委员履职管理办法", self.area(self.home(), "h-library"))

    def test_a_warm_home_page_with_every_area_runs_no_more_queries(self):
        image = make_image("会场")
        NewsPageFactory(parent=self.news, is_headline=True, lead_image=image)
        notice(self.news, "一则通知", D(2024, 1, 1))
        self.topic([self.news], banner=image)
        add_page(self.county.root_page, DocumentLibraryPage(title="规章制度", slug="rules"))
        self.home()
        # As tests/home/test_home_follows_changes.py: the home page's view restrictions (2),
        # those of .public(), the news pages. The areas are kept with the outline.
        with self.assertNumQueries(4):
            html = self.home()
        for heading in ("h-headlines", "h-notices", "h-topics", "h-library"):
            self.assertIn(f'id="{heading}"', html)


class NoticeSectionKind(TestCase):
    def test_a_section_without_a_kind_lists_its_own_pages_of_every_kind(self):
        county = make_committee("zhuanglang", "庄浪县政协")
        news = NewsIndexPageFactory(parent=county.root_page)
        other = NewsIndexPageFactory(parent=county.root_page)
        notice(news, "栏目一的通知", D(2024, 1, 1))
        NewsPageFactory(parent=news, title="栏目一的报道")
        notice(other, "栏目二的通知", D(2024, 1, 2))
        response = self.client.get(news.url, HTTP_HOST=county.hostname)
        titles = {item.title for item in response.context["items"]}
        self.assertEqual(titles, {"栏目一的通知", "栏目一的报道"})
        self.assertIsInstance(news, NewsIndexPage)


@override_settings(PAGE_CACHE_ENABLED=False)
class CountyBlocksOnThePrefectureHome(TestCase):
    def test_a_countys_notices_stay_on_its_own_home(self):
        prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        county = make_committee("zhuanglang", "庄浪县政协", parent=prefecture)
        news = NewsIndexPageFactory(parent=county.root_page)
        NewsPageFactory(parent=news, title="县里的报道", date=D(2024, 1, 1))
        notice(news, "县里的通知", D(2024, 2, 1))
        html = self.client.get("/", HTTP_HOST=prefecture.hostname).content.decode()
        counties = html.split('id="h-counties"')[1]
        self.assertIn("县里的报道", counties)
        self.assertNotIn("县里的通知", html)
        county_home = self.client.get("/", HTTP_HOST=county.hostname).content.decode()
        self.assertIn("县里的通知", county_home)


@pytest.mark.django_db
def test_topics_and_libraries_are_sections_not_search_results():
    """They only lead to content (search.indexing.is_searchable): a 专题 titled with a common
    word must not push the reports it collects down the results."""
    assert not is_searchable(SpecialTopicPage(depth=4))
    assert not is_searchable(DocumentLibraryPage(depth=3))
    assert is_searchable(NewsPage(depth=4))
