"""繁體 on request: a page rendered in Simplified is converted to Traditional script on the
server (OpenCC), so URLs, templates and the search index stay Simplified-only."""

import re

from search.text import to_traditional

# What is never converted: scripts, styles, comments, text a reader typed (a textarea's content
# is submitted back as it is shown) and what a template marks <!--keep-script-->…<!--/keep-script-->
# (the 简体 switch, which must stay readable as 简体).
_SKIP = (
    r"<!--keep-script-->.*?<!--/keep-script-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>"
    r"|<textarea\b.*?</textarea\s*>|<!--.*?-->"
)
# A tag: quoted attribute values may hold ">".
_MARKUP = re.compile(rf"""({_SKIP}|<(?:[^>"']|"[^"]*"|'[^']*')*>)""", re.S | re.I)
# Attributes people read; not href, src, action or value, which name things or are submitted.
_READ_ATTRIBUTES = re.compile(
    r"""(\s(?:alt|title|placeholder|aria-label|aria-description|label)\s*=\s*)"""
    r"""("[^"]*"|'[^']*')""",
    re.I,
)
_SEPARATOR = "\ue000"  # a private-use character OpenCC leaves alone


def html_to_traditional(html):
    """Convert the text of an HTML document, leaving markup, URLs and form values alone. All the
    pieces go through OpenCC in one call (one call per piece is ten times slower)."""
    parts = _MARKUP.split(html)
    pieces, slots = [], []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            if part.strip():
                pieces.append(part)
                slots.append((index, None))
        elif not part[:9].lower().startswith(("<script", "<style", "<textarea", "<!--")):
            for match in _READ_ATTRIBUTES.finditer(part):
                pieces.append(match.group(2))
                slots.append((index, match))
    if not pieces:
        return html
    converted = to_traditional(_SEPARATOR.join(pieces)).split(_SEPARATOR)
    if len(converted) != len(pieces):  # a separator in the page itself: convert piece by piece
        converted = [to_traditional(piece) for piece in pieces]
    tags = {}
    for (index, match), text in zip(slots, converted, strict=True):
        if match is None:
            parts[index] = text
        else:
            tags.setdefault(index, []).append((match, text))
    for index, replacements in tags.items():
        tag = parts[index]
        for match, text in reversed(replacements):
            tag = tag[: match.start(2)] + text + tag[match.end(2) :]
        parts[index] = tag
    return "".join(parts)
