"""Each line made ready to write: parsed and checked (search.archive.lines), its body as the
page stores it, its search text and tokens — everything that does not depend on what the
database holds. What comes out is plain data (ids and strings), cheap to pass between
processes: a large file is prepared in worker processes (search.archive.workers) while the
importer writes."""

import datetime
import json
import uuid
from typing import NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from django.utils.text import slugify

from ..indexing import MAX_TEXT
from ..text import clean, index_text
from .lines import LineError, decode_line, parse_line


class Prepared(NamedTuple):
    """One importable line."""

    line: int
    archive_id: str
    site_id: int
    title: str
    date: datetime.date
    kind: str
    meeting_type_id: int | None
    slug: str  # the page's slug, unless a page under the same news index has it already
    body: str  # the paragraphs as the rich text of the page's one paragraph block
    stored_body: str  # the body as its StreamField stores it (JSON)
    text: str  # search.indexing.page_text of the page
    title_tokens: str
    tokens: str
    warnings: list


def body_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def archive_slug(archive_id):
    return (slugify(f"archive-{archive_id}") or f"archive-{uuid.uuid4().hex[:8]}")[:80]


def stored_body(html):
    """What a StreamField holding one paragraph block with ``html`` stores: its blocks as
    JSON (type, value, a new block id), as StreamField.value_to_string writes them."""
    block = {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}
    return json.dumps([block], cls=DjangoJSONEncoder)


def search_text(paragraphs):
    """search.indexing.page_text of a news page whose body is ``body_html(paragraphs)`` and
    whose other text fields are empty, without the round trip through the rich text: Wagtail
    indexes rich text as its paragraphs joined by a space, markup removed and entities
    decoded, which gives back the paragraphs (tests/search/test_archive_speed.py checks the
    two stay equal)."""
    return clean(" ".join(paragraphs))[:MAX_TEXT]


def prepare_line(number, raw, resolver, vocabulary):
    """The line's Prepared, None for a blank line; LineError for a line to skip."""
    if isinstance(raw, bytes):
        raw = decode_line(number, raw)
    if not raw.strip():
        return None
    item = parse_line(number, raw, resolver)
    text = search_text(item.paragraphs)
    body = body_html(item.paragraphs)
    return Prepared(
        line=number,
        archive_id=item.archive_id,
        site_id=item.site.pk,
        title=item.title,
        date=item.date,
        kind=item.kind,
        meeting_type_id=item.meeting_type.pk if item.meeting_type else None,
        slug=archive_slug(item.archive_id),
        body=body,
        stored_body=stored_body(body),
        text=text,
        title_tokens=index_text(item.title, vocabulary),
        tokens=index_text(text, vocabulary),
        warnings=item.warnings,
    )


def prepare_lines(lines, resolver, vocabulary):
    """``lines``: [(number, raw)] → [(number, Prepared, None, or a LineError's message)]."""
    results = []
    for number, raw in lines:
        try:
            results.append((number, prepare_line(number, raw, resolver, vocabulary)))
        except LineError as error:
            results.append((number, str(error)))
    return results
