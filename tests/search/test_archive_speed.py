"""The archive importer's fast paths give what the plain ones give: tokens as the
straightforward formulation of search.text yields them, a news page's search text without the
round trip through its rich text, the body as its StreamField stores it, pages prepared in
worker processes as in the importer's own; and a batch costs the same number of queries
whatever its size (rows in bulk, no query per item)."""

import json
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from unittest import mock

from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.rich_text import RichText

from builders import ensure_wagtail_root, make_committee
from demo.seed_text import SEEDS_DIR
from news.models import NewsPage
from news.taxonomy import ensure_meeting_types
from search import text
from search.archive import Importer
from search.archive.prepare import body_html, prepare_lines, search_text, stored_body
from search.indexing import page_text
from search.models import SearchDocument
from search.text import CJK_RUN, IS_CJK, TOKEN, WORDS_END, Vocabulary, clean, fold, index_tokens

VOCABULARY = Vocabulary(
    words=frozenset({"高桥镇", "合小美"}),
    canonical={"常务委员会": "常委会", "常委会": "常委会", "人民政协": "政协"},
)
ODD_TEXTS = [
    "",
    "协",
    "协APP 1+7+3 ２０２３年 x1p2 政協委員會 㐀㐁 ABC-def 協(xié)商",
    "１２３ ٣٤ ꘠꘡ 常务委员会 人民政协 高桥镇的合小美工作室",
    "a&lt;b &amp;amp; <不是标签> “引号” 'x' \"y\"",
]


def seeds():
    return [p.read_text(encoding="utf-8") for p in sorted(Path(SEEDS_DIR).glob("*.txt"))]


def reference_tokens(value, vocabulary):
    """search.text.index_tokens as first written: word by word, run by run."""
    value, extra = text._prepare(value, vocabulary)
    import rjieba

    words = [token for word in rjieba.cut_for_search(value) for token in TOKEN.findall(word)]
    helpers = {}
    for run in CJK_RUN.findall(value):
        helpers.update(dict.fromkeys(text.bigrams(run)))
        if len(run) > 1:
            helpers.update(dict.fromkeys((run[0], run[-1])))
    for word in dict.fromkeys(words):
        if len(word) > 1 and IS_CJK.match(word):
            helpers[text.pinyin(word)] = None
    helpers.update(dict.fromkeys(extra))
    return words + [WORDS_END, *helpers] if helpers else words


def reference_clean(value, furniture=True):
    """search.text.clean folding each line on its own for the furniture check."""
    folded_once = clean(value, furniture=False)
    if not furniture:
        return folded_once
    return "\n".join(
        line for line in folded_once.splitlines() if not text.BOILERPLATE.match(fold(line))
    )


class TextPipeline(TestCase):
    def test_tokens_are_those_of_the_word_by_word_formulation(self):
        texts = [clean(s) for s in seeds()] + [clean(t) for t in ODD_TEXTS]
        for value in texts:
            for vocabulary in (text.EMPTY, VOCABULARY):
                self.assertEqual(
                    index_tokens(value, vocabulary), reference_tokens(value, vocabulary)
                )

    def test_furniture_lines_found_in_either_script_when_the_text_is_folded_at_once(self):
        legacy = "當前位置：首頁\n瀏覽次數：5\n正文第一段\r\n上一篇\u2028版權所有 ©\n  \n協(xié)商"
        self.assertEqual(clean(legacy), "正文第一段\n協商")
        for value in [*seeds(), *ODD_TEXTS, legacy]:
            for furniture in (True, False):
                self.assertEqual(clean(value, furniture), reference_clean(value, furniture))


class PreparedItems(TestCase):
    def test_the_search_text_is_the_page_text_of_the_page_built(self):
        bodies = [*seeds(), *ODD_TEXTS, "<p>第一段&amp;lt;</p><p>  第二段 &#x27;引&#x27;  </p>"]
        for body in bodies:
            paragraphs = [p for p in clean(body).splitlines() if p.strip()]
            page = NewsPage(title="t", body=[("paragraph", RichText(body_html(paragraphs)))])
            self.assertEqual(search_text(paragraphs), page_text(page))

    def test_the_stored_body_is_what_the_stream_field_stores(self):
        html = body_html(["“委员”说：<协商> & 议政", "第二段"])
        stored = stored_body(html)
        page = NewsPage(body=[("paragraph", RichText(html))])
        page.body[0].id = json.loads(stored)[0]["id"]
        self.assertEqual(stored, NewsPage._meta.get_field("body").value_to_string(page))


def lines(count, start=0):
    return [
        json.dumps(
            {
                "id": f"s-{n}",
                "title": f"第{n}条新闻",
                "date": f"2023-01-{n % 28 + 1:02d}",
                "body": f"委员在高桥镇开展协商（第{n}次）。\n第二段",
                "type": "work_news" if n % 5 else "gossip",
            },
            ensure_ascii=False,
        )
        for n in range(start, start + count)
    ]


class ImportPaths(TestCase):
    def setUp(self):
        ensure_meeting_types()
        self.site = make_committee("pingliang", "平凉市政协", level="prefecture", default=True)

    def imported(self):
        pages = list(
            NewsPage.objects.order_by("path").values_list("archive_id", "title", "date", "slug")
        )
        documents = list(
            SearchDocument.objects.order_by("title").values_list(
                "title", "url", "date", "text", "title_tokens", "tokens", "facet_tokens"
            )
        )
        return pages, documents

    def test_worker_processes_prepare_what_the_importer_itself_prepares(self):
        data = lines(30) + ["{broken", lines(1)[0]]
        inline = Importer(workers=0, batch_size=7).run(data)
        expected = self.imported()
        NewsPage.objects.all().delete()
        SearchDocument.objects.all().delete()
        forked = Importer(workers=2, batch_size=7, parallel_after=0).run(data)
        self.assertEqual(self.imported(), expected)
        self.assertEqual((forked.created, forked.errors), (inline.created, inline.errors))
        self.assertEqual(forked.warnings, inline.warnings)
        self.assertEqual(len(forked.errors), 2)  # the broken line and the repeated id
        again = Importer(workers=1, batch_size=7, parallel_after=0).run(data)
        self.assertEqual((again.created, again.updated), (0, 30))
        self.assertEqual(self.imported(), expected)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_a_worker_that_dies_stops_the_import_instead_of_leaving_it_waiting(self):
        parent = os.getpid()

        def dies(chunk, resolver, vocabulary):
            if os.getpid() != parent:
                os._exit(3)
            return prepare_lines(chunk, resolver, vocabulary)

        with mock.patch("search.archive.workers.prepare_lines", dies):
            with self.assertRaises(BrokenProcessPool):
                Importer(workers=1, parallel_after=0).run(lines(5))
        self.assertFalse(NewsPage.objects.exists())

    def test_a_batch_costs_the_same_queries_whatever_its_size(self):
        Importer(workers=0).run(lines(1, start=1000))  # the news index, caches

        def queries(count, start):
            with CaptureQueriesContext(connection) as captured:
                Importer(workers=0, batch_size=1000).run(lines(count, start))
            return len(captured)

        self.assertEqual(queries(5, 0), queries(60, 100))


class ImportOutsideATransaction(TransactionTestCase):
    """As the command runs: worker processes prepare, the importer's own process writes each
    batch in a transaction of its own (no writer thread)."""

    def setUp(self):
        ensure_wagtail_root()
        ensure_meeting_types()
        make_committee("pingliang", "平凉市政协", level="prefecture", default=True)

    def test_every_batch_is_written_and_the_tree_stays_sound(self):
        report = Importer(workers=1, batch_size=7, parallel_after=0).run(lines(30))
        self.assertEqual((report.created, len(report.errors)), (30, 0))
        self.assertEqual(NewsPage.objects.live().count(), 30)
        self.assertEqual(SearchDocument.objects.filter(kind="news.newspage").count(), 30)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        # Again with every other title changed and ten more: updates and new pages in the
        # same batches (on PostgreSQL two batches are written at once).
        changed = [
            line.replace("条新闻", "条消息") if n % 2 else line for n, line in enumerate(lines(40))
        ]
        report = Importer(workers=1, batch_size=7, parallel_after=0).run(changed)
        self.assertEqual((report.created, report.updated, len(report.errors)), (10, 30, 0))
        self.assertEqual(NewsPage.objects.filter(title__endswith="条消息").count(), 20)
        self.assertEqual(SearchDocument.objects.filter(title__endswith="条消息").count(), 20)
        self.assertEqual(SearchDocument.objects.filter(kind="news.newspage").count(), 40)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
