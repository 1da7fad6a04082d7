"""The one text pipeline of Chinese search, applied identically when indexing and querying.

clean (legacy noise, markup, full-width forms) → fold (Traditional → Simplified, OpenCC t2s)
→ segment (rjieba: jieba's dictionary, far faster) → tokens a plain full-text engine can match:

- words from jieba's search mode (协商会 also yields 协商), so words inside longer words match;
- character bigrams of every Chinese run, so a name no dictionary knows (合小美, 高桥镇) still
  matches mid-sentence: a query word is found as the word itself or as all its bigrams;
- Latin words and numbers as they are, and compounds such as 1+7+3 as one token (``1p7p3``),
  since full-text tokenisers split on ``+``;
- the toneless pinyin of each word (板凳 → bandeng), so "bandeng xieshang" finds 板凳协商;
- the editors' vocabulary: domain words found by substring (any segmenter may split a place
  name) and synonym groups folded onto one canonical token (常务委员会 → 常委会).

Every token is made of letters, digits and Chinese characters only, so no engine (SQLite FTS5,
PostgreSQL tsvector, Elasticsearch with a whitespace analyzer) needs a Chinese plugin, and no
query can smuggle in operators. Changing OpenCC, rjieba, pypinyin or this module changes the
tokens: rebuild the index afterwards.
"""

import functools
import html
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import opencc
import rjieba
from pypinyin import lazy_pinyin

TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>", re.S | re.I)
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Pinyin ruby annotations that legacy pages put after (or inside) a word: 協(xié)商, 發(fā)布.
RUBY = re.compile(
    rf"(?<=[{CJK}])[(（]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{{1,8}}[1-5]?\s*[)）]"
)
# …and anywhere, when the annotation carries a tone mark (no English word in brackets does).
TONED_RUBY = re.compile(
    r"[(（]\s*[a-z]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]{0,6}\s*[)）]", re.I
)
DOUBLED_PUNCTUATION = re.compile(r"([,，。.！!？?、；;：:])(?:\s*\1)+")
# …… and —— are written doubled; only longer runs are legacy noise.
LONG_DASHES = re.compile(r"([…—])\1{2,}")
# Chinese punctuation is full-width as written, and readers see it in snippets: NFKC would turn
# ，：（）！？； into ASCII. These are kept (NFKC runs on the text between them: none of them
# composes with a neighbour); full-width letters and digits, compatibility ideographs and the
# like are folded.
_KEPT = "".join(chr(c) for c in range(0xFF01, 0xFF5F) if not chr(c).isalnum()) + "…"
KEPT_PUNCTUATION = re.compile(f"([{re.escape(_KEPT)}]+)")
MIXED_PUNCTUATION = re.compile(r"[,，]\s*(?=[、。；;])")
SPACES = re.compile(r"[ \t\u3000\xa0]+")
# Lines that are site furniture on legacy copies, not content.
BOILERPLATE = re.compile(
    r"^\s*(?:【字[体號号].*】|.*浏览次数\s*[:：]|.*访问次数\s*[:：]|当前位置\s*[:：]|"
    r"您现在的位置|上一篇|下一篇|打印本页|关闭窗口|版权所有|copyright\b|©|"
    r"主办单位\s*[:：]|技术支持\s*[:：]|[京沪粤蜀陇川甘]ICP[备證证]|归档时间\s*[:：])",
    re.I,
)
COMPOUND_NUMBER = re.compile(r"\d+(?:\s*[+＋]\s*\d+)+")
TOKEN = re.compile(rf"[{CJK}]+|[a-z]+|\d+(?:p\d+)*")
CJK_RUN = re.compile(rf"[{CJK}]+")
IS_CJK = re.compile(rf"^[{CJK}]+$")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def clean(text: str, furniture: bool = True) -> str:
    """Plain text without markup, pinyin annotations, doubled punctuation, furniture lines
    (unless ``furniture`` is False, e.g. for a title) or full-width letters and digits. Keeps
    line breaks (paragraphs), the script and Chinese (full-width) punctuation."""
    if not text:
        return ""
    text = html.unescape(TAGS.sub("\n", text)) if "<" in text else html.unescape(text)
    text = normalize(text)
    text = TONED_RUBY.sub("", RUBY.sub("", text))
    text = MIXED_PUNCTUATION.sub("", text)
    text = DOUBLED_PUNCTUATION.sub(r"\1", text)
    text = LONG_DASHES.sub(r"\1\1", text)
    lines = [SPACES.sub(" ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if furniture and lines:
        # Folded in one call: OpenCC converts no phrase across a line break.
        folded = fold("\n".join(lines)).split("\n")
        if len(folded) != len(lines):
            folded = [fold(line) for line in lines]
        lines = [
            line for line, seen in zip(lines, folded, strict=True) if not BOILERPLATE.match(seen)
        ]
    return "\n".join(lines)


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits → ASCII), Chinese punctuation left as written."""
    parts = KEPT_PUNCTUATION.split(text)
    parts[::2] = [unicodedata.normalize("NFKC", part) for part in parts[::2]]
    return "".join(parts)


def fold(text: str) -> str:
    """Traditional → Simplified (before segmenting: jieba splits Traditional text wrongly)."""
    return _converter().convert(text) if text else ""


@functools.cache
def _to_traditional_converter() -> opencc.OpenCC:
    # Taiwan/Hong Kong character forms (為, 裡, 台), as Traditional-script readers write them.
    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    """Simplified → Traditional, for readers who chose 繁體 (the index stays Simplified)."""
    return _to_traditional_converter().convert(text) if text else text


def is_traditional(text: str) -> bool:
    """True when folding changes the text: the reader typed Traditional script."""
    return bool(text) and fold(text) != text


@functools.lru_cache(maxsize=200_000)
def pinyin(word: str) -> str:
    """Toneless pinyin of a word, cached: an archive repeats the same few ten thousand words."""
    return "".join(lazy_pinyin(word))


@dataclass(frozen=True)
class Vocabulary:
    """The editors' domain words and synonym groups (``search.models``), as the pipeline needs
    them: words to find by substring, and each variant's canonical token."""

    words: frozenset[str] = frozenset()
    canonical: dict[str, str] = field(default_factory=dict)  # variant → canonical (all folded)

    def variants(self) -> list[str]:
        # Longest first, so that 人民政协 is replaced before 政协.
        return sorted(self.canonical, key=len, reverse=True)


EMPTY = Vocabulary()


def _prepare(text: str, vocabulary: Vocabulary) -> tuple[str, list[str]]:
    """Fold, lower-case, encode compounds; returns (text, extra tokens found by substring)."""
    text = fold(text).lower()
    text = COMPOUND_NUMBER.sub(lambda m: "p".join(re.findall(r"\d+", m.group(0))), text)
    extra = [word for word in vocabulary.words if word in text]
    for variant in vocabulary.variants():
        if variant in text:
            extra.append(vocabulary.canonical[variant])
    return text, extra


# Each word's tokens, as TOKEN finds them; a text repeats its words and an archive the same
# few ten thousand, so most are looked up rather than scanned (emptied when this large).
_WORD_TOKENS: dict[str, list[str]] = {}
CACHED_WORDS = 200_000


def _tokens(words: Iterable[str]) -> list[str]:
    words = list(words)
    cached: list[list[str] | None] = list(map(_WORD_TOKENS.get, words))
    if None in cached:
        if len(_WORD_TOKENS) > CACHED_WORDS:
            _WORD_TOKENS.clear()
    found: list[list[str]] = [
        tokens if tokens is not None else _WORD_TOKENS.setdefault(word, TOKEN.findall(word))
        for word, tokens in zip(words, cached, strict=True)
    ]
    return list(itertools.chain.from_iterable(found))


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


# Between a text's words and the helper tokens after them: a token no query yields, so that
# a phrase of words (search.ranking) cannot run on from the last word into the first bigram.
WORDS_END = "0x"


@functools.lru_cache(maxsize=200_000)
def _pinyin_token(word: str) -> str:
    """A token's pinyin helper token, "" for one that has none (Latin, digits, one character)."""
    return pinyin(word) if len(word) > 1 and IS_CJK.match(word) else ""


def index_tokens(text: str, vocabulary: Vocabulary = EMPTY) -> list[str]:
    """The tokens to index for ``text`` (already cleaned): words, sub-words, bigrams, pinyin
    and vocabulary tokens, space-joined by the caller."""
    text, extra = _prepare(text, vocabulary)
    words = _tokens(rjieba.cut_for_search(text))
    # Words keep their repetitions (term frequency ranks); the helper tokens are listed once
    # per text, which keeps the index about half as large. Every Chinese run gives its
    # bigrams, then (a query like 协APP finds 协 as a run of its own) its edge characters.
    helpers: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) > 1:
            helpers += map(operator.add, run, run[1:])
            helpers.append(run[0])
            helpers.append(run[-1])
        else:
            helpers.append(run)
    helpers += map(_pinyin_token, dict.fromkeys(words))
    helpers += extra
    unique = dict.fromkeys(helpers)
    unique.pop("", None)
    return words + [WORDS_END, *unique] if unique else words


def index_text(text: str, vocabulary: Vocabulary = EMPTY) -> str:
    return " ".join(index_tokens(text, vocabulary))


@dataclass
class Query:
    """A parsed query: every term must match; a term matches if any of its alternatives does,
    and an alternative (a tuple of tokens) matches if all its tokens do."""

    terms: list[list[tuple[str, ...]]]  # [[(token, …), (token, …)], …]
    display_terms: list[str]  # the words to highlight, folded
    text: str = ""  # folded and lower-cased, vocabulary words kept: its phrases rank first

    def __bool__(self) -> bool:
        return bool(self.terms)


MAX_QUERY_CHARS = 100


def parse_query(query: str, vocabulary: Vocabulary = EMPTY) -> Query:
    """Query text → Query. Operators, quotes and punctuation are not syntax here, just
    separators; the query is cut to ``MAX_QUERY_CHARS`` characters.

    A run of Chinese characters matches as its words or, failing that, as all its bigrams (the
    document may have been segmented differently around it); vocabulary words and synonyms
    match as their own token."""
    text, extra = _prepare(clean(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS], vocabulary)
    prepared = text
    for word in sorted(vocabulary.words, key=len, reverse=True):
        text = text.replace(word, " ")
    for variant in vocabulary.variants():
        text = text.replace(variant, " ")
    terms: list[list[tuple[str, ...]]] = []
    display: list[str] = []
    for run in TOKEN.findall(text):
        if IS_CJK.match(run):
            words = tuple(_tokens(rjieba.cut(run)))
            alternatives = [words]
            if len(run) > 1 and tuple(bigrams(run)) != words:
                alternatives.append(tuple(bigrams(run)))
            terms.append(alternatives)
        else:
            terms.append([(run,)])
        display.append(run.replace("p", "+") if run[0].isdigit() else run)
    for token in dict.fromkeys(extra):
        terms.append([(token,)])
        display.append(token)
    return Query(terms=terms, display_terms=display, text=prepared)
