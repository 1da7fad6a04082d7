"""Search results' snippets: a window of the matched text, the terms marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold, to_traditional

SNIPPET_CHARS = 120


def _pattern(terms):
    """The terms as one pattern, longest first; 1+7+3 also matches as written 1＋7＋3 (the
    stored text keeps full-width punctuation)."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t).replace(r"\+", "[+＋]") for t in terms), re.I)


def highlight(text, terms, traditional=False):
    """A window of ``text`` around the first term, terms wrapped in <mark>, in Simplified or,
    with ``traditional``, in Traditional script (``text`` may be in either). The text keeps its
    punctuation as written (search.text.clean); the terms are found in the folded text that is
    shown, so the marks fall where they match."""
    text = fold(text)
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    window = text[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        pieces.append((window[position : match.start()], False))
        pieces.append((window[match.start() : match.end()], True))
        position = match.end()
    pieces.append((window[position:], False))
    html = "".join(
        f"<mark>{escape(to_traditional(p) if traditional else p)}</mark>"
        if marked
        else escape(to_traditional(p) if traditional else p)
        for p, marked in pieces
        if p
    )
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))
