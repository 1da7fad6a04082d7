"""The home page: latest meeting reports grouped by meeting type, platforms, a search box; a
county home links up to its prefecture, whose home lists its counties."""

import datetime

from django.test import TestCase

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from consultation.models import PlatformIndexPage, PlatformKind, PlatformPage


class HomePage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        news = NewsIndexPageFactory(parent=cls.county.root_page)
        for day, title, slug in (
            (1, "第一次主席会议", "chairpersons"),
            (2, "第二次主席会议", "chairpersons"),
            (3, "常委会第五次会议", "standing-committee"),
        ):
            NewsPageFactory(
                parent=news,
                title=title,
                date=datetime.date(2023, 5, day),
                meeting_type=meeting_type(slug),
            )
        NewsPageFactory(parent=news, title="草稿会议", publish=False)
        platforms = PlatformIndexPage(title="协商平台", slug="platforms")
        cls.county.root_page.add_child(instance=platforms)
        platforms.save_revision().publish()
        kind = PlatformKind.objects.first() or PlatformKind.objects.create(name="协商议事室")
        room = PlatformPage(title="城南镇协商议事室", slug="room", level="township", kind=kind)
        platforms.add_child(instance=room)
        room.save_revision().publish()

    def home(self, site):
        return self.client.get("/", HTTP_HOST=site.hostname).content.decode()

    def test_meeting_reports_are_grouped_by_type_newest_first(self):
        html = self.home(self.county)
        chair = meeting_type("chairpersons").name
        standing = meeting_type("standing-committee").name
        self.assertIn(f">{chair}</h3>", html)
        self.assertIn(f">{standing}</h3>", html)
        group = html.split(f">{chair}</h3>")[1].split("</section>")[0]
        self.assertLess(group.index("第二次主席会议"), group.index("第一次主席会议"))
        self.assertNotIn("常委会第五次会议", group)
        self.assertNotIn("草稿会议", html)

    def test_platforms_and_a_search_box_are_on_the_home_page(self):
        html = self.home(self.county)
        self.assertIn("城南镇协商议事室", html)
        self.assertIn("全部协商平台", html)
        self.assertIn('id="home-search"', html)
        self.assertIn('action="/search/"', html)

    def test_county_and_prefecture_link_to_each_other(self):
        county_home = self.home(self.county)
        self.assertIn("返回平凉市政协", county_home)
        self.assertIn(f'href="{self.prefecture.root_url}"', county_home)
        prefecture_home = self.home(self.prefecture)
        self.assertIn(f'href="{self.county.root_url}"', prefecture_home)
        self.assertIn("庄浪县政协", prefecture_home)
