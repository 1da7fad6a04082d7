"""Ranking by the query's phrases. Every word of a query is required (search.text), but a
document that holds them as the query does — together, in that order, in its title — ranks
above one that merely contains each word somewhere: 平凉市政协主席 王建国 finds the chair
before a page naming 王建国 and, elsewhere, the chair's meeting.

The index lists each text's words in order, as jieba's search mode cut them (sub-words just
before the word that contains them: 平凉 平凉市 政协 主席 政协主席). Cut the same way, a query's
run of characters is a phrase of the index, which both engines match by position (FTS5
``"a b"``, tsquery ``a <-> b``). Character bigrams are listed once per text, without
positions; all the bigrams of a run are a cheap test, needing no positions, of whether the run
may stand together in a document.

Signals, heaviest first; documents are ordered by the sum of the signals they meet:

- the whole query as a phrase in the title (a full report title);
- the whole query as a phrase anywhere (a title followed by a name);
- SQLite: the query's words (up to four) within a few tokens of each other (NEAR);
- each run of the query as a phrase in the title; anywhere (a compound term);
- SQLite: every word in the title.

Then SQLite lists the newest first, PostgreSQL by ts_rank_cd (which rewards words that stand
close) and then the newest. Not bm25: it weighs each word by the number of documents holding
it, counted by reading the word's whole list — 25–100 ms at 100,000 items for a query of
common words, even one that matches 13 documents — while every signal above is answered by
skipping along the lists of the query's rarer tokens (its bigrams, mostly)."""

from dataclasses import dataclass

import rjieba

from .text import IS_CJK, TOKEN, bigrams

WHOLE_IN_TITLE, WHOLE, NEAR, UNITS_IN_TITLE, UNITS, WORDS_IN_TITLE = 32, 16, 8, 4, 2, 1
NEAR_WORDS = 4  # longer queries are phrases or nothing: NEAR over many common words is slow


@dataclass(frozen=True)
class Phrases:
    units: tuple  # each run of the query, as the index's tokens: (("平凉", "平凉市", …), …)
    wholes: tuple  # the runs one after another, one or two spellings
    words: tuple  # the query's words (jieba's cut), for nearness
    pairs: tuple  # the character bigrams of every run: the runs' contiguity, without positions

    @property
    def single(self):
        return len(self.units) == 1


def _index_tokens(run):
    """A run's tokens in the order search.text.index_tokens lists a text's words."""
    if not IS_CJK.match(run):
        return (run,)
    return tuple(t for word in rjieba.cut_for_search(run) for t in TOKEN.findall(word))


def phrases(query):
    """The query's Phrases, or None when it is one word or has no run of two Chinese
    characters or more (nothing to rank by)."""
    runs = TOKEN.findall(getattr(query, "text", ""))
    words = []
    for run in runs:
        for word in rjieba.cut(run) if IS_CJK.match(run) else [run]:
            words.extend(TOKEN.findall(word))
    if len(words) < 2:
        return None  # one word: its token is its phrase (its sub-words come with it)
    units = tuple(u for u in (_index_tokens(run) for run in runs) if u)
    wholes = [tuple(t for unit in units for t in unit)]
    joined = _index_tokens("".join(runs)) if all(IS_CJK.match(r) for r in runs) else ()
    if joined and joined not in wholes:
        wholes.append(joined)  # jieba may cut the runs differently when they stand together
    pairs = [b for run in runs if IS_CJK.match(run) and len(run) > 1 for b in bigrams(run)]
    if not pairs:
        return None  # pinyin, numbers, Latin words: no run of characters to hold together
    return Phrases(units, tuple(wholes), tuple(words), tuple(dict.fromkeys(pairs)))


# SQLite FTS5 -----------------------------------------------------------------------------
# A phrase's doclists are those of its words, common ones as often as not; its bigrams, one of
# them rare more often than not, let FTS5 skip to the few documents that can hold it.


def _fts5_phrase(tokens):
    return '"' + " ".join(tokens) + '"'


def _fts5_with_pairs(p, expression):
    return " AND ".join([*(f'"{b}"' for b in p.pairs), f"({expression})"])


def fts5_candidates(p):
    """Every run as a phrase: the candidates ranked first when matches are too many."""
    return _fts5_with_pairs(p, " AND ".join(_fts5_phrase(unit) for unit in p.units))


def fts5_signals(p, candidates=False):
    """[(weight, MATCH string)]: a document meeting the MATCH earns the weight. Among the
    ``candidates`` (each run a phrase already) only the signals that can differ are asked."""
    whole = _fts5_with_pairs(p, " OR ".join(_fts5_phrase(w) for w in p.wholes))
    signals = [(WHOLE_IN_TITLE, f"title_tokens : ({whole})"), (WHOLE, whole)]
    if 1 < len(p.words) <= NEAR_WORDS and not candidates:
        # Tokens between the first word and the last: the phrase's sub-words, and a few more.
        span = len(p.wholes[0]) - len(p.words) + 3
        signals.append((NEAR, "NEAR(" + " ".join(f'"{w}"' for w in p.words) + f", {span})"))
    if not p.single:
        units = fts5_candidates(p)
        signals.append((UNITS_IN_TITLE, f"title_tokens : ({units})"))
        if not candidates:
            signals.append((UNITS, units))
    if not candidates:
        words = " AND ".join(f'"{w}"' for w in dict.fromkeys(p.words))
        signals.append((WORDS_IN_TITLE, f"title_tokens : ({words})"))
    return signals


def fts5_ranked(fts, docs, match, p, candidates=False):
    """(SQL, params) ordering the matches of ``match`` by their signals, then newest first;
    without phrases (a query of one word), by bm25, titles weighing 3 : 1."""
    if not p:
        return (
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY bm25({fts}, 3.0, 1.0, 0.0)",
            [match],
        )
    signals = fts5_signals(p, candidates)
    within = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"
    score = " + ".join(f"(rowid IN ({within})) * {weight}" for weight, _ in signals)
    newest = f"(SELECT date FROM {docs} WHERE id = {fts}.rowid) DESC, rowid DESC"
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY {score} DESC, {newest}"
    return sql, [match, *(m for _, m in signals)]


# PostgreSQL tsquery ----------------------------------------------------------------------
# The GIN index answers the bigrams alone, without reading any document; phrases and weights
# are checked on each document's tsvector, read once from its TOAST storage (ts_ranked).


def _ts_phrase(tokens, weight=""):
    return "(" + " <-> ".join(f"{t}{weight}" for t in tokens) + ")"


def ts_candidate_terms(terms, p):
    """The query's terms (search.text.Query.terms) requiring all the runs' bigrams: the
    candidates ranked first when matches are too many, which the GIN index alone answers. A
    run's bigrams imply the run's other alternative, which is left out (half the index work)."""
    pairs = set(p.pairs)
    terms = [[term[-1]] if set(term[-1]) <= pairs else term for term in terms]
    held = {token for term in terms if len(term) == 1 for token in term[0]}
    rest = tuple(b for b in p.pairs if b not in held)  # runs split by vocabulary words
    return terms + ([[rest]] if rest else [])


def ts_signals(p):
    """[(weight, tsquery string)], as fts5_signals; title tokens weigh A (search migrations)."""
    signals = []
    for weight, title in ((WHOLE_IN_TITLE, ":A"), (WHOLE, "")):
        whole = " | ".join(_ts_phrase(w, title) for w in p.wholes)
        signals.append((weight, whole))
    if not p.single:
        for weight, title in ((UNITS_IN_TITLE, ":A"), (UNITS, "")):
            units = " & ".join(_ts_phrase(u, title) for u in p.units)
            signals.append((weight, units))
    return signals


def ts_ranked(docs, string, p, words, candidates=False):
    """(SQL, params) ordering the matches of ``string`` by their signals, then by ts_rank_cd
    over the words, which weighs how close they stand (among ``candidates``, newest first).
    Without phrases, by ts_rank over ``words``, the query's terms without the facet tokens
    (they stand at the end of every document)."""
    if not p:
        order = "ts_rank(tsv, to_tsquery('simple', %s)) DESC"
        sql = f"SELECT id FROM {docs} WHERE tsv @@ to_tsquery('simple', %s) ORDER BY {order}"
        return f"{sql}, date DESC NULLS LAST, id DESC", [string, words]
    # Each match's tsvector read (from TOAST storage) once, into memory, rather than once per
    # signal: a copy (|| an empty tsvector), passed on by the subquery.
    matches = (
        f"SELECT id, date, tsv || ''::tsvector AS v FROM {docs} "
        "WHERE tsv @@ to_tsquery('simple', %s) OFFSET 0"
    )
    signals = ts_signals(p)
    order = [
        " + ".join(
            f"(CASE WHEN v @@ to_tsquery('simple', %s) THEN {w} ELSE 0 END)" for w, _ in signals
        )
        + " DESC"
    ]
    params = [string, *(q for _, q in signals)]
    if not candidates:
        order.append("ts_rank_cd(v, to_tsquery('simple', %s)) DESC")
        params.append(" & ".join(dict.fromkeys(p.words)))
    order.append("date DESC NULLS LAST, id DESC")
    return f"SELECT id FROM ({matches}) m ORDER BY {', '.join(order)}", params
