"""The text pipeline: legacy noise cleaned, Traditional folded, words segmented the same way for
index and query, so that a query's terms are always found in a text that contains it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demo.seed_text import SEEDS_DIR
from search.text import (
    Vocabulary,
    clean,
    fold,
    index_tokens,
    is_traditional,
    parse_query,
)

SEEDS = SEEDS_DIR  # the seeds, copied into the repository for the demo
VOCABULARY = Vocabulary(
    words=frozenset({"合小美"}),
    canonical={
        "常委会": "常委会",
        "常务委员会": "常委会",
        "政协": "政协",
        "人民政协": "政协",
        "政治协商会议": "政协",
    },
)


def matches(query, text, vocabulary=VOCABULARY):
    """What the engines do with the tokens: every term has an alternative whose tokens are
    all indexed."""
    indexed = set(index_tokens(clean(text), vocabulary))
    parsed = parse_query(query, vocabulary)
    return bool(parsed) and all(
        any(set(alternative) <= indexed for alternative in term) for term in parsed.terms
    )


def test_pinyin_annotations_doubled_punctuation_and_furniture_are_cleaned():
    raw = (
        "聚焦瀘州兩會 | 解讀政協(xié)工作報告\n"
        "發布時間:2022 瀏覽次數(shù): 次 【字體:小 大】\n"
        "報告指出,一年來,,在中共瀘州市委"
    )
    text = clean(raw)
    assert "(xié)" not in text and "政協工作報告" in text
    assert "瀏覽次數" not in text and "【字體" not in text
    assert "一年來,在" in text


def test_markup_and_full_width_forms_are_cleaned():
    assert clean("<p>政协<b>委员</b>&nbsp;ＡＰＰ１２３</p>").split() == ["政协", "委员", "APP123"]


def test_traditional_folds_to_simplified_before_segmenting():
    assert fold("瀘州市政協召開協商會") == "泸州市政协召开协商会"
    assert "政协" in index_tokens("瀘州市政協召開")
    assert is_traditional("政協") and not is_traditional("政协")


@pytest.mark.parametrize(
    "query, text",
    [
        ("政協", "市政协召开主席会议"),
        ("政协", "瀘州市政協召開常委會"),
        ("协商", "组织开展板凳协商会"),
        ("高桥镇", "城南镇和高桥镇的委员参加"),
        ("合小美工作室", "社区的合小美工作室开展活动"),
        ("bandeng xieshang", "开展板凳协商会"),
        ("jiayuguan", "嘉峪关市政协召开会议"),
        ("1+7+3", "推行1+7+3协商模式"),
        ("常务委员会", "十届七次常委会会议"),
        ("人民政协", "政治协商会议泸州市委员会"),
        ("APP", "上线政协APP"),
    ],
)
def test_a_query_finds_the_text_that_contains_it(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    "query, text",
    [
        ("高铁", "城南镇和高桥镇的委员参加"),
        ("教育", "开展板凳协商会"),
        ("1+7+4", "推行1+7+3协商模式"),
        ("shanghai", "开展板凳协商会"),
    ],
)
def test_a_query_does_not_find_a_text_without_it(query, text):
    assert not matches(query, text)


def test_operators_and_quotes_are_not_syntax():
    parsed = parse_query('"协商" OR NEAR( * ')
    assert all(token.isalnum() for term in parsed.terms for alt in term for token in alt)


def test_punctuation_only_and_empty_queries_parse_to_nothing():
    assert not parse_query("，。！？……")
    assert not parse_query("")


def test_a_very_long_query_is_cut_short():
    assert len(parse_query("协商" * 5000).display_terms) <= 60


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="政协委员会议协商板凳村镇高桥嘉峪关瀘州政協(xié)，。1+7ab ",
        min_size=4,
        max_size=40,
    )
)
def test_any_substring_of_a_text_is_found_in_it(text):
    """Index and query share one pipeline: a piece cut from a cleaned text always matches it."""
    cleaned = clean(text)
    words = [w for w in cleaned.replace("，", " ").replace("。", " ").split() if len(w) >= 2]
    for word in words[:3]:
        if parse_query(word, VOCABULARY):
            assert matches(word, text), (word, text)


def test_every_seed_document_is_found_by_a_phrase_from_its_middle():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 5
    for path in paths:
        text = clean(path.read_text(encoding="utf-8"))
        line = max(text.splitlines(), key=len)
        phrase = line[len(line) // 2 : len(line) // 2 + 6]
        assert matches(phrase, text), (path.name, phrase)
