"""What a reader sees of a result: the text's own Chinese punctuation (NFKC folds it only for
matching), and titles and snippets in the reader's chosen script whatever script they typed."""

import re

from django.test import TestCase
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from public.preferences import SCRIPT_COOKIE
from search.snippets import highlight
from search.text import clean

MARKS = re.compile(r"<mark>(.*?)</mark>")


class Punctuation(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        news = NewsIndexPageFactory(parent=cls.site.root_page)
        NewsPageFactory(
            parent=news,
            title="市政协召开协商座谈会",
            body=[
                (
                    "paragraph",
                    RichText("<p>会议议程：（一）听取通报，（二）委员发言！推行1＋7＋3模式？</p>"),
                )
            ],
        )

    def snippet(self, q):
        response = self.client.get("/search/", {"q": q}, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        found = re.search(r'<p class="news-summary">(.*?)</p>', response.text, re.S)
        self.assertIsNotNone(found, response.text)
        return found.group(1)

    def test_the_result_page_keeps_full_width_punctuation_and_highlights_the_query(self):
        snippet = self.snippet("委员发言")
        self.assertIn("会议议程：（一）听取通报，（二）", snippet)
        self.assertIn("！推行", snippet)
        self.assertNotRegex(snippet, r"[,:()!?;]")
        self.assertEqual(MARKS.findall(snippet), ["委员发言"])

    def test_a_compound_number_is_found_and_marked_as_written(self):
        self.assertEqual(MARKS.findall(self.snippet("1+7+3")), ["1＋7＋3"])
        self.assertEqual(MARKS.findall(self.snippet("１＋７＋３")), ["1＋7＋3"])

    def test_clean_folds_letters_and_digits_but_not_punctuation(self):
        self.assertEqual(clean("ＡＰＰ１２３：（一）……——"), "APP123：（一）……——")
        self.assertEqual(clean("好，，，。…………"), "好，。……")

    def test_marks_line_up_after_the_window_is_cut(self):
        text = "前文，" * 60 + "政協委員：（發言）"
        html = highlight(clean(text), ["政协委员"])
        self.assertTrue(html.startswith("…"))
        self.assertIn("<mark>政协委员</mark>：（发言）", html)


class ReadersScript(TestCase):
    """A reader in Simplified mode sees Simplified for a Traditional query; a reader in
    Traditional mode sees Traditional for a Simplified one: page and JSON alike."""

    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        news = NewsIndexPageFactory(parent=cls.site.root_page)
        NewsPageFactory(
            parent=news,
            title="市政协召开常委会会议",
            body=[("paragraph", RichText("<p>会议传达学习了有关精神，政协委员参加。</p>"))],
        )

    def get(self, traditional, **params):
        if traditional:
            self.client.cookies[SCRIPT_COOKIE] = "hant"
        return self.client.get("/search/", params, HTTP_HOST=self.site.hostname)

    def test_simplified_reader_traditional_query(self):
        page = self.get(False, q="政協").text
        self.assertIn("市政协召开常委会会议</a>", page)
        self.assertIn("<mark>政协</mark>委员参加", page)
        self.assertNotIn("會議", page)
        self.assertIn('value="政協"', page)  # what the reader typed stays as typed
        data = self.get(False, q="政協委員", format="json").json()
        self.assertEqual(data["results"][0]["title"], "市政协召开常委会会议")
        self.assertIn("<mark>政协委员</mark>参加", data["results"][0]["snippet"])

    def test_traditional_reader_simplified_query(self):
        page = self.get(True, q="政协").text
        self.assertIn("市政協召開常委會會議</a>", page)
        self.assertIn("<mark>政協</mark>委員參加", page)
        self.assertNotIn("常委会会议", page)
        data = self.get(True, q="政协委员", format="json").json()
        self.assertEqual(data["results"][0]["title"], "市政協召開常委會會議")
        self.assertIn("<mark>政協委員</mark>參加", data["results"][0]["snippet"])

    def test_the_two_scripts_are_cached_apart(self):
        self.assertIn("常委会会议", self.get(False, q="政协", format="json").text)
        self.assertIn("常委會會議", self.get(True, q="政协", format="json").text)
