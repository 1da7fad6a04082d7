"""适老化 and 繁體: set by plain links, kept in cookies, applied to every public page; 繁體 is
a server-side conversion that leaves URLs, form values and the 简体 switch alone."""

import re

from django.test import TestCase
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from public.preferences import ELDER_COOKIE, SCRIPT_COOKIE
from public.script import html_to_traditional


class Preferences(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("jiayuguan", "嘉峪关市政协", default=True)
        index = NewsIndexPageFactory(parent=cls.site.root_page, slug="news")
        cls.report = NewsPageFactory(
            parent=index,
            title="市政协召开协商议事会议",
            slug="协商会议",  # a Chinese slug: its URL must survive the conversion
            body=[("paragraph", RichText("<p>委员们围绕乡村振兴发表意见。</p>"))],
        )
        cls.path = cls.report.relative_url(cls.site)

    def get(self, path, **cookies):
        for name, value in cookies.items():
            self.client.cookies[name] = value
        return self.client.get(path, HTTP_HOST="jiayuguan.test")

    def test_switching_on_sets_a_cookie_and_returns_to_the_page(self):
        response = self.get(f"/preferences/?elder=1&next={self.path}")
        self.assertRedirects(response, self.path, fetch_redirect_response=False)
        self.assertEqual(response.cookies[ELDER_COOKIE].value, "1")
        self.assertEqual(response.cookies[ELDER_COOKIE]["samesite"], "Lax")
        response = self.get("/preferences/?script=hant&next=/")
        self.assertEqual(response.cookies[SCRIPT_COOKIE].value, "hant")
        page = self.client.get(self.path, HTTP_HOST="jiayuguan.test").content.decode()
        self.assertIn('class="elder"', page)
        self.assertIn('lang="zh-Hant"', page)

    def test_switching_off_deletes_the_cookie(self):
        response = self.get("/preferences/?elder=0&script=hans&next=/", cppcc_elder="1")
        self.assertEqual(response.cookies[ELDER_COOKIE].value, "")
        self.assertEqual(response.cookies[SCRIPT_COOKIE].value, "")

    def test_next_must_stay_on_this_site(self):
        for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""):
            response = self.get(f"/preferences/?elder=1&next={target}")
            self.assertEqual(response["Location"], "/", target)

    def test_unknown_values_change_nothing(self):
        response = self.get("/preferences/?elder=yes&script=klingon&next=/")
        self.assertNotIn(ELDER_COOKIE, response.cookies)
        self.assertNotIn(SCRIPT_COOKIE, response.cookies)

    def test_elder_mode_marks_the_page_and_offers_the_way_back(self):
        normal = self.get(self.path).content.decode()
        self.assertNotIn('class="elder"', normal)
        self.assertIn("?elder=1&amp;next=", normal)
        elder = self.get(self.path, cppcc_elder="1").content.decode()
        self.assertIn('<html lang="zh-CN" class="elder">', elder)
        self.assertIn("退出适老模式", elder)
        self.assertIn("?elder=0&amp;next=", elder)

    def test_traditional_page_converts_text_but_not_urls_or_the_simplified_switch(self):
        page = self.get(self.path, cppcc_script="hant").content.decode()
        self.assertIn("市政協召開協商議事會議", page)
        self.assertIn("委員們圍繞鄉村振興發表意見", page)
        self.assertNotIn("协商议事会议", page)
        self.assertIn(">简体</a>", page)  # the way back reads in the script it leads to
        self.assertIn('placeholder="站內搜索"', page)  # attributes people read are converted
        # Every link, the one to the Chinese-named report included, is what it was.
        listing = self.get("/news/").content.decode()
        self.assertIn(self.path, listing)
        traditional = self.get("/news/", cppcc_script="hant").content.decode()
        hrefs = re.compile(r'href="([^"]*)"')
        self.assertEqual(
            [h for h in hrefs.findall(traditional) if "preferences" not in h],
            [h for h in hrefs.findall(listing) if "preferences" not in h],
        )

    def test_traditional_search_results_page(self):
        page = self.get("/search/?q=协商", cppcc_script="hant").content.decode()
        self.assertIn("協商", page)
        self.assertIn('value="协商"', page)  # what the reader typed is left as typed


class Conversion(TestCase):
    def test_text_and_read_attributes_convert_markup_does_not(self):
        html = (
            '<a href="/新闻/" title="新闻">新闻</a><img src="/图.png" alt="会议现场">'
            '<input name="q" value="政协"><script>var s="政协";</script>'
            "<textarea>政协</textarea><!--keep-script--><a>简体</a><!--/keep-script-->"
        )
        converted = html_to_traditional(html)
        self.assertEqual(
            converted,
            '<a href="/新闻/" title="新聞">新聞</a><img src="/图.png" alt="會議現場">'
            '<input name="q" value="政协"><script>var s="政协";</script>'
            "<textarea>政协</textarea><!--keep-script--><a>简体</a><!--/keep-script-->",
        )

    def test_a_quoted_greater_than_sign_does_not_end_the_tag(self):
        html = '<a data-x="a>b" href="/新闻/" title="新闻">新闻</a>'
        self.assertEqual(
            html_to_traditional(html), '<a data-x="a>b" href="/新闻/" title="新聞">新聞</a>'
        )

    def test_a_page_that_contains_the_separator_still_converts_every_piece(self):
        self.assertEqual(html_to_traditional("<p>政协\ue000委员</p>"), "<p>政協\ue000委員</p>")
