"""Search results' snippets: a window of the matched text, the terms marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold, to_traditional

SNIPPET_CHARS = 120


def highlight(text, terms, traditional=False):
    """A window of ``text`` around the first term, terms wrapped in <mark>, in the reader's
    script (``text`` may be in either)."""
    # Matched, cut and shown in Simplified; converted to Traditional for a Traditional query.
    text = folded = fold(text)
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.I) if terms else None
    first = pattern.search(folded) if pattern else None
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    window = folded_window = folded[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(folded_window) if pattern else ():
        pieces.append((window[position : match.start()], False))
        pieces.append((window[match.start() : match.end()], True))
        position = match.end()
    pieces.append((window[position:], False))
    html = "".join(
        f"<mark>{escape(to_traditional(p) if traditional else p)}</mark>"
        if marked
        else escape(to_traditional(p) if traditional else p)
        for p, marked in pieces
    )
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))
