"""您是不是要找: for a query that finds nothing because of a wrong character (协尚, 政斜), the
nearest indexed word that sounds the same (协商, 政协) — the same toneless pinyin, else one
syllable away (z/zh, c/ch, s/sh, n/l; an/ang, en/eng, in/ing) — preferring the word more
documents contain, and offered only when the corrected query finds something itself.

No word list is kept beside the index: the index already holds the toneless pinyin of every
word of every document (search.text), so the documents that contain a word sounding like the
query's are found through the full-text index, and the words are read from the token lists of
a few of them. A handful of small queries (each stops at its first rows), whatever the size of
the archive, within the scope and filters of the search."""

import functools
import re
from collections import Counter

import rjieba
from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from . import engine
from .text import CJK_RUN, MAX_QUERY_CHARS, Query, clean, fold, parse_query, pinyin

SAMPLE_DOCUMENTS = 20  # token lists read to find the words with the wanted pinyin
MAX_SPAN = 4  # characters: longer stretches are not corrected as one word
COUNT_LIMIT = 1000  # document frequencies are compared up to this many
CANDIDATES = 3  # words whose document frequency is counted
# A query of more runs, or with more stretches to correct, is not corrected: each costs queries.
MAX_RUNS = 6
MAX_WORDS = 8  # in one run
MAX_SPANS = 3

_TONELESS = str.maketrans(
    {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěèêếề", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("üǖǘǚǜ", "v"),  # as lazy_pinyin writes ü: 女 → nv
        **dict.fromkeys("ńňǹ", "n"),
        **dict.fromkeys("ḿ", "m"),
        **dict.fromkeys("\u0300\u0301\u0304\u030c", None),  # combining tone marks (m̀)
    }
)


@functools.cache
def _characters():
    """Toneless syllable → the characters (CJK Unified Ideographs) that can be read so."""
    by_syllable = {}
    for codepoint, readings in pinyin_dict.items():
        if 0x4E00 <= codepoint <= 0x9FFF:
            for reading in set(readings.translate(_TONELESS).split(",")):
                by_syllable.setdefault(reading, []).append(chr(codepoint))
    return {syllable: "".join(chars) for syllable, chars in by_syllable.items()}


_SWAPPED_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "z": "zh", "c": "ch", "s": "sh"}
_SWAPPED_INITIALS |= {"n": "l", "l": "n"}
_SWAPPED_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"), ("an", "ang"), ("en", "eng"))
_SWAPPED_FINALS += (("in", "ing"),)


def similar_syllables(syllable):
    """Syllables one confusion away (zheng → zeng, zhen, zen), those that exist only."""
    initial = syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[:1]
    initials = {initial, _SWAPPED_INITIALS.get(initial, initial)}
    final = syllable[len(initial) :]
    finals = {final}
    for ending, other in _SWAPPED_FINALS:
        if final.endswith(ending):
            finals.add(final[: -len(ending)] + other)
            break
    known = _characters()
    found = {i + f for i in initials for f in finals if i + f in known}
    return sorted(found - {syllable})


class _Index:
    """Small questions to the database's full-text index, within the search's filters."""

    def __init__(self, filters, vocabulary):
        self.engine = engine.Engine()
        self.filters = filters
        self.vocabulary = vocabulary

    def _select(self, select, query, limit):
        """``select`` (with {} for the matching ids) over the first ``limit`` matches."""
        matching = self.engine._matching()
        if self.engine.vendor == "postgresql":
            # Planned as if every match were wanted (the index for a rare word, a scan that
            # stops at its first rows for a common one), read only up to the limit: planned
            # with the LIMIT, PostgreSQL scans all rows for a word no document has (2.6 s).
            sql = f"WITH m AS MATERIALIZED ({matching}) " + select.format(
                f"SELECT * FROM m LIMIT {int(limit)}"
            )
        else:
            sql = select.format(f"{matching} LIMIT {int(limit)}")
        return self.engine._fetch(sql, [self.engine._string(query, self.filters)])

    def finds(self, text):
        """True if searching ``text`` finds anything."""
        query = parse_query(text, self.vocabulary)
        return bool(query) and bool(self._select("SELECT 1 FROM ({}) s", query, 1))

    def documents(self, text):
        """Bounded document frequency of one word."""
        query = parse_query(text, self.vocabulary)
        return self._select("SELECT count(*) FROM ({}) s", query, COUNT_LIMIT)[0][0]

    def token_lists(self, tokens):
        """The title and text tokens of a few documents holding any of ``tokens``."""
        query = Query(terms=[[(token,) for token in sorted(tokens)]], display_terms=[])
        rows = self._select(
            f"SELECT title_tokens, tokens FROM {engine.DOCS} WHERE id IN ({{}})",
            query,
            SAMPLE_DOCUMENTS,
        )
        return [f"{title} {text}" for title, text in rows]


def _candidates(span, readings, index, *, fuzzy):
    """Indexed words of ``span``'s length read as one of ``readings`` (lists of syllables),
    other than ``span``, counted by the sampled documents containing them."""
    pinyins = {"".join(syllables) for syllables in readings}
    known = _characters()
    classes = [
        "".join(sorted({c for syllables in readings for c in known.get(syllables[i], "")}))
        for i in range(len(span))
    ]
    pattern = re.compile("(?<!\\S)(" + "".join(f"[{c}]" for c in classes) + ")(?!\\S)")
    counts = Counter()
    for tokens in index.token_lists(pinyins):
        for word in set(pattern.findall(tokens)):
            if word == span or pinyin(word) not in pinyins:
                continue
            # One confused sound and a wrong character: at least one character is right.
            if fuzzy and not any(a == b for a, b in zip(word, span, strict=True)):
                continue
            counts[word] += 1
    return [word for word, _ in counts.most_common(CANDIDATES)]


def nearest_word(span, index):
    """The indexed word sounding most like ``span`` (2–4 characters), or None."""
    syllables = lazy_pinyin(span)
    known = _characters()
    if not 1 < len(span) <= MAX_SPAN or len(syllables) != len(span):
        return None
    if not all(s in known for s in syllables):
        return None
    words = _candidates(span, [syllables], index, fuzzy=False)
    if not words:
        readings = [
            [*syllables[:i], other, *syllables[i + 1 :]]
            for i, syllable in enumerate(syllables)
            for other in similar_syllables(syllable)
        ]
        words = _candidates(span, readings, index, fuzzy=True) if readings else []
    if len(words) > 1:
        # Ranked by how many documents hold each (the sample only found them).
        words.sort(key=index.documents, reverse=True)
    return words[0] if words else None


def _spans(run, index):
    """The stretches of a run of Chinese characters that find nothing: the run itself if the
    segmenter keeps it whole, else each missing word, and each stretch of single characters
    that finds nothing together (a wrong character often splits a word: 政斜 → 政 斜)."""
    words = list(rjieba.cut(run))
    if len(words) == 1:
        return [run]
    if len(words) > MAX_WORDS:
        return []
    spans, singles = [], ""
    for word in [*words, ""]:
        if len(word) == 1:
            singles += word
            continue
        if len(singles) > 1 and not index.finds(singles):
            spans.append(singles)
        singles = ""
        if word and not index.finds(word):
            spans.append(word)
    return spans


def suggest(q, filters, vocabulary):
    """A corrected query for ``q``, which found nothing, that finds something within
    ``filters``; None if no word of it sounds like an indexed one."""
    text = fold(clean(q[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]).lower()
    runs = list(dict.fromkeys(CJK_RUN.findall(text)))
    if not runs or len(runs) > MAX_RUNS:
        return None
    index = _Index(filters, vocabulary)
    spans = []
    for run in runs:
        if len(runs) == 1 or not index.finds(run):
            spans += _spans(run, index)
    if len(spans) > MAX_SPANS:
        return None
    corrected = text
    for span in spans:
        word = nearest_word(span, index)
        if word is not None:
            corrected = corrected.replace(span, word)
    corrected = " ".join(corrected.split())
    if corrected == " ".join(text.split()) or not index.finds(corrected):
        return None
    return corrected
