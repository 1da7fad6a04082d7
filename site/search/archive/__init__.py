"""Bringing a committee's old news across: JSON Lines in, news pages and search documents out,
in batches (no page save, revision or per-item reindex), keyed by the item's ``id`` so that
importing the same file again updates instead of duplicating. See docs/import.md.

lines: each line read and checked into an Item; resolver: what its county, type and meeting
type name; pages: the news pages built and inserted; documents: their search documents;
pg_copy: PostgreSQL's COPY; writer: a batch in one transaction, overlapping the parsing;
importer: the whole file and its Report."""

from .importer import Importer, Report
from .lines import Item, LineError, decode_line, parse_date, parse_line
from .pages import ARCHIVE_SOURCE
from .pg_copy import allocate_ids, copy_rows
from .resolver import Resolver

__all__ = [
    "ARCHIVE_SOURCE",
    "Importer",
    "Item",
    "LineError",
    "Report",
    "Resolver",
    "allocate_ids",
    "copy_rows",
    "decode_line",
    "parse_date",
    "parse_line",
]
