"""Relevance on hard queries: a judged set where, for each query, one document is relevant and
the distractors contain every word of the query but not as the query has them — not together,
not in that order, not in the title. Long official titles, a title followed by a name, full
report titles, and compound terms made of common words. Bag-of-words ranking puts distractors
first (their titles hold the words, they repeat them, they are newer); the relevant document
must come first, on SQLite and on PostgreSQL, also when too many documents match to rank
them all (phrase matches first, then the rest newest first)."""

import datetime
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from builders import make_committee
from search import engine, ranking
from search.engine import Engine, Filters
from search.models import SearchDocument
from search.text import Vocabulary, index_text, parse_query

FILLER = [
    "会议传达学习了上级有关文件精神。",
    "与会人员围绕议题深入交流，提出了许多有价值的意见建议。",
    "大家一致认为，要把各项工作做细做实。",
    "活动结束后，各小组分别进行了总结。",
    "下一步将持续跟踪落实情况，及时反馈。",
    "现场气氛热烈，群众反响良好。",
]


def body(*sentences):
    """A text of several sentences with ``sentences`` in the middle."""
    return "".join([*FILLER[:3], *sentences, *FILLER[3:]])


# (query, relevant (title, text), distractors [(title, text), …])
CASES = [
    (
        "平凉市政协主席 苏卫平",
        ("全市重点项目观摩活动举行", body("平凉市政协主席苏卫平出席观摩活动并讲话。")),
        [
            ("平凉市政协主席会议召开", body("政协委员苏卫平列席会议。")),
            ("苏卫平委员参加平凉市政协主席会议", body()),
            ("委员视察", body("平凉市政协副主席苏卫平带队调研。", "随后召开政协主席会议。")),
            ("苏卫平调研", body("庄浪县政协主席苏卫平一行赴平凉市考察。")),
            ("平凉市政协主席丁桂芳会见苏卫平一行", body("苏卫平介绍了有关情况。")),
        ],
    ),
    (
        "甘肃省政协副主席 马俊杰",
        ("调研组来我市调研", body("甘肃省政协副主席马俊杰一行来我市调研。")),
        [
            ("马俊杰在甘肃省政协主席会议上发言", body("副县长参加会议。")),
            ("甘肃省政协主席会议召开", body("副市长马俊杰列席会议。")),
            ("省政协副主席调研", body("马俊杰委员陪同，甘肃省政协有关同志参加。")),
            ("马俊杰：甘肃省政协副主席看望委员", body("马俊杰参加看望活动。")),
        ],
    ),
    (
        "崆峒区政协党组书记 丁桂芳",
        ("区政协召开专题协商会", body("崆峒区政协党组书记丁桂芳主持会议。")),
        [
            ("崆峒区政协党组书记会议", body("委员丁桂芳作交流发言。")),
            ("丁桂芳委员走访群众", body("崆峒区政协党组副书记参加。", "党组书记讲话。")),
            ("崆峒区政协召开党组会议", body("丁桂芳同志主持，党组书记出席。")),
            ("丁桂芳：崆峒区政协党组书记讲话摘要", body()),
        ],
    ),
    (
        "静宁县政协秘书长姚振华",
        ("县政协机关召开会议", body("静宁县政协秘书长姚振华出席会议。")),
        [
            ("静宁县政协秘书长会议", body("姚振华委员提交提案。")),
            ("姚振华参加静宁县政协会议", body("政协秘书长主持。")),
            ("静宁县政协副秘书长姚振华调研", body("秘书长姚振华参加。")),
        ],
    ),
    (
        "政协平凉市委员会副主席 任宏伟",
        ("市政协开展视察", body("政协平凉市委员会副主席任宏伟带队视察。")),
        [
            ("政协平凉市委员会主席会议", body("副主席任宏伟列席。")),
            ("任宏伟委员参加政协平凉市委员会副主席会议", body()),
            ("政协平凉市委员会召开会议", body("副主席出席，任宏伟委员发言。")),
        ],
    ),
    (
        "关于进一步加强政协委员履职管理的实施意见",
        ("关于进一步加强政协委员履职管理的实施意见", body()),
        [
            ("关于政协委员履职管理的实施意见征求意见", body("会议要求进一步加强相关工作。")),
            ("进一步加强政协委员履职管理", body("关于履职管理的实施意见已经印发。")),
            ("政协委员履职管理办法", body("关于进一步加强工作的实施意见。")),
            (
                "市政协常委会会议召开",
                body("会议审议通过了《关于进一步加强政协委员履职管理的实施意见》。"),
            ),
        ],
    ),
    (
        "平凉市政协十届三次会议提案审查委员会关于提案审查情况的报告",
        ("平凉市政协十届三次会议提案审查委员会关于提案审查情况的报告", body()),
        [
            ("平凉市政协十届三次会议提案审查情况", body("提案审查委员会关于有关情况的报告。")),
            (
                "关于提案审查情况的报告",
                body("平凉市政协十届三次会议提案审查委员会召开会议。"),
            ),
            (
                "提案审查委员会会议召开",
                body("审议平凉市政协十届三次会议提案审查委员会关于提案审查情况的报告。"),
            ),
        ],
    ),
    (
        "关于推进乡村振兴战略的调研报告",
        ("关于推进乡村振兴战略的调研报告", body()),
        [
            ("乡村振兴战略调研报告", body("关于推进有关工作的意见。")),
            ("推进乡村振兴", body("关于战略的调研报告已报送。")),
            ("调研报告：关于乡村振兴战略", body("持续推进。")),
        ],
    ),
    (
        "政协平凉市委员会常务委员会工作报告",
        ("政协平凉市委员会常务委员会工作报告", body()),
        [
            ("政协平凉市委员会工作报告", body("常务委员会会议审议。")),
            ("常务委员会工作报告解读", body("政协平凉市委员会召开会议。")),
            ("平凉市常务委员会会议", body("政协委员会工作报告。")),
        ],
    ),
    (
        "庄浪县政协关于开展民主监督工作的情况报告",
        ("庄浪县政协关于开展民主监督工作的情况报告", body()),
        [
            ("庄浪县政协民主监督工作情况", body("关于开展有关工作的报告。")),
            ("关于开展民主监督工作的情况报告", body("静宁县政协参加，庄浪县派员列席。")),
            ("民主监督工作报告", body("庄浪县政协关于开展视察的情况。")),
        ],
    ),
    (
        "政协平凉市第五届委员会第三次会议",
        ("政协平凉市第五届委员会第三次会议开幕", body()),
        [
            (
                "政协平凉市第三届委员会第五次会议开幕",
                body("第五届委员会第三次常委会议。"),
            ),
            ("政协平凉市第五届委员会常委会议", body("第三次会议筹备工作。")),
            ("第三次会议预备会议", body("政协平凉市第五届委员会委员参加。")),
        ],
    ),
    (
        "协商民主",
        ("市政协推动基层治理", body("要推进协商民主广泛多层制度化发展。")),
        [
            ("民主协商会召开", body("各方民主协商，达成共识。")),
            ("民主党派参加协商", body("民主党派负责人参加协商。")),
            ("协商议事会", body("坚持民主集中制，开展协商议事。", "民主评议。")),
        ],
    ),
    (
        "文化惠民",
        ("委员建言献策", body("委员们建议持续开展文化惠民活动。")),
        [
            ("惠民政策落实情况", body("丰富群众文化生活。")),
            ("文化下乡惠民生", body("惠民文化演出走进社区。")),
            ("文化活动", body("各项惠民举措落地。", "文化馆开放。")),
        ],
    ),
    (
        "委员工作室",
        ("基层履职阵地建设", body("各乡镇建立了委员工作室。")),
        [
            ("政协委员走进非遗工作室", body("委员们参观了工作室。")),
            ("工作室揭牌", body("委员代表参加揭牌仪式。")),
            ("委员之家与名师工作室", body("委员活动。")),
        ],
    ),
    (
        "提案办理",
        ("督办工作推进会", body("会议通报了提案办理进展。")),
        [
            ("提案工作会议", body("承办单位认真办理。", "提案人满意。")),
            ("办理群众诉求", body("委员提案受到关注。")),
            ("提案质量提升", body("办理有关事项。")),
        ],
    ),
    (
        "双月协商座谈会",
        ("市政协召开会议", body("市政协召开双月协商座谈会。")),
        [
            ("协商座谈会召开", body("双月工作安排。")),
            ("座谈会", body("开展协商，双月一次。")),
            ("双月协商", body("座谈会上委员发言。")),
        ],
    ),
    (
        "界别协商",
        ("政协工作创新", body("开展界别协商活动。")),
        [
            ("界别委员活动", body("围绕主题协商。")),
            ("协商会召开", body("各界别委员参加。")),
            ("界别小组讨论", body("开展协商。")),
        ],
    ),
]


class HardQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.relevant = {}
        documents = []
        for number, (query, relevant, distractors) in enumerate(CASES):
            # The relevant document is the oldest: newest first would not find it either.
            documents.append(cls.document(f"{number}:r", *relevant, datetime.date(2016, 1, 1)))
            cls.relevant[query] = documents[-1]
            for other, (title, text) in enumerate(distractors):
                day = datetime.date(2023, 1 + other % 12, 1 + number)
                documents.append(cls.document(f"{number}:{other}", title, text, day))
        for number in range(60):  # the common words, in documents of their own
            text = FILLER[number % 6] + "政协委员围绕协商议题开展调研，提出意见建议。"
            documents.append(cls.document(f"filler:{number}", "政协工作", text))
        SearchDocument.objects.bulk_create(documents)
        cls.ids = {d.key: d.pk for d in SearchDocument.objects.all()}

    @classmethod
    def document(cls, key, title, text, date=datetime.date(2020, 6, 1)):
        document = SearchDocument(
            key=f"test:{key}",
            site=cls.site,
            kind="news.newspage",
            kind_label="新闻",
            url=f"/news/{key}/",
            title=title,
            date=date,
            year=date.year,
            text=text,
            title_tokens=index_text(title),
            tokens=index_text(text),
        )
        document.facet_tokens = engine.document_facet_tokens(document)
        return document

    def search(self, query, **kwargs):
        ids, total, order = Engine().search(
            parse_query(query), Filters(scope=[self.site.pk]), **kwargs
        )
        return ids, total, order

    def ranks(self):
        ranks = {}
        for query, document in self.relevant.items():
            ids, _, _ = self.search(query)
            wanted = self.ids[document.key]
            ranks[query] = ids.index(wanted) + 1 if wanted in ids else None
        return ranks

    def test_every_hard_query_finds_its_document_first(self):
        ranks = self.ranks()
        for query, rank in ranks.items():
            with self.subTest(query=query):
                self.assertEqual(rank, 1)
        success = sum(1 for rank in ranks.values() if rank and rank <= 10) / len(ranks)
        mrr = sum(1 / rank for rank in ranks.values() if rank) / len(ranks)
        self.assertEqual((success, mrr), (1.0, 1.0))

    def test_every_distractor_matches_the_query(self):
        # Otherwise the set would not test ranking: each distractor holds every word.
        for number, (query, _, distractors) in enumerate(CASES):
            ids, _, _ = self.search(query)
            with self.subTest(query=query):
                for other in range(len(distractors)):
                    self.assertIn(self.ids[f"test:{number}:{other}"], ids)

    def test_phrase_matches_come_first_when_too_many_match_to_rank(self):
        query = "协商民主"
        everything, total, _ = self.search(query, order="date")
        with (
            mock.patch.object(engine, "RELEVANCE_LIMIT", 2),
            mock.patch.object(engine, "PG_RELEVANCE_LIMIT", 2),
        ):
            first, _, _ = self.search(query, limit=1)
            pages = [self.search(query, offset=offset, limit=2)[0] for offset in range(0, 6, 2)]
        self.assertEqual(first, [self.ids[self.relevant[query].key]])
        listed = [i for page in pages for i in page]
        # The phrase match, then every other match newest first, each once.
        self.assertEqual(listed[0], first[0])
        self.assertEqual(listed[1:], [i for i in everything if i != first[0]])
        self.assertEqual(len(listed), total)

    def statements(self, query, **kwargs):
        with CaptureQueriesContext(connection) as captured:
            self.search(query, **kwargs)
        return [
            q["sql"] for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "SET"))
        ]

    def test_a_query_of_one_word_runs_as_before(self):
        # No phrase to look for: the count and the page.
        self.assertEqual(len(self.statements("政协")), 2)

    def test_the_search_page_lists_the_relevant_document_first(self):
        data = self.client.get(
            "/search/",
            {"q": "平凉市政协主席 苏卫平", "format": "json"},
            HTTP_HOST=self.site.hostname,
        ).json()
        self.assertEqual(data["results"][0]["title"], "全市重点项目观摩活动举行")


def test_a_query_is_cut_into_the_phrases_the_index_holds():
    phrases = ranking.phrases(parse_query("平凉市政协主席 王建国"))
    # Sub-words come just before their word, as in a document's tokens.
    assert phrases.units == (("平凉", "平凉市", "政协", "主席", "政协主席"), ("建国", "王建国"))
    assert phrases.wholes[0] == phrases.units[0] + phrases.units[1]
    assert phrases.words == ("平凉市", "政协主席", "王建国")
    assert "协主" in phrases.pairs and "席王" not in phrases.pairs


def test_a_query_of_one_word_or_without_characters_has_no_phrase():
    for query in ("政协", "高桥镇", "bandeng xieshang", "1+7+3"):
        assert ranking.phrases(parse_query(query)) is None, query


def test_vocabulary_words_stay_in_the_phrase():
    vocabulary = Vocabulary(canonical={"政协": "政协", "人民政协": "政协"})
    query = parse_query("平凉市政协主席 王建国", vocabulary)
    assert ranking.phrases(query).words == ("平凉市", "政协主席", "王建国")
