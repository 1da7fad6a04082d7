"""The import of one file: its lines read and prepared on the caller's thread, written in
batches (search.archive.writer), and the Report of what came across and what did not."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale

from news.models import NewsPage

from ..indexing import page_content
from ..models import SearchDocument, load_vocabulary
from .lines import LineError, decode_line, parse_line
from .pages import build_page
from .resolver import Resolver
from .writer import BatchWriter, Writes

REFRESH_STATISTICS_AFTER = 1000  # items


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # ["第N行：…"]: lines skipped
    warnings: list = field(default_factory=list)  # ["第N行：…"]: imported with a default

    @property
    def imported(self):
        return self.created + self.updated


def _size(raw):
    return len(raw.encode("utf-8", "replace")) if isinstance(raw, str) else len(raw)


class Importer:
    """Parses and segments a batch while the previous one is being written: outside a
    transaction in a thread of its own, inside one in order (search.archive.writer.Writes)."""

    def __init__(self, site_hostname=None, batch_size=500, overlap=None):
        self.resolver = Resolver(site_hostname)
        self.batch_size = batch_size
        self.vocabulary = load_vocabulary()
        self.content_type = ContentType.objects.get_for_model(NewsPage)
        self.locale = Locale.get_default()
        self.report = Report()
        self.writer = BatchWriter(self.vocabulary, self.report)
        self.overlap = overlap

    def run(self, lines, progress=None):
        """``lines``: an iterable of text lines (a file). Returns the Report."""
        overlap = self.overlap if self.overlap is not None else not connection.in_atomic_block
        with Writes(self.writer.write, overlap) as writes:
            batch = []
            for item in self._items(lines, progress):
                batch.append(item)
                if len(batch) >= self.batch_size:
                    writes.put(batch)
                    batch = []
            if batch:
                writes.put(batch)
        self._refresh_statistics()
        return self.report

    def _items(self, lines, progress):
        """The file's importable items, prepared; skipped lines and defaults are reported."""
        seen = {}  # (site pk, id) → the line that brought it
        for number, raw in enumerate(lines, start=1):
            if progress:
                progress(_size(raw))
            try:
                item = self._read(number, raw, seen)
            except LineError as error:
                self.report.errors.append(f"第{number}行：{error}")
                continue
            if item is None:
                continue
            self.report.warnings.extend(f"第{number}行：{w}" for w in item.warnings)
            self._prepare(item)
            yield item

    def _read(self, number, raw, seen):
        """The line's Item, None for a blank line; a LineError for one to skip."""
        if isinstance(raw, bytes):
            raw = decode_line(number, raw)
        if not raw.strip():
            return None
        item = parse_line(number, raw, self.resolver)
        key = (item.site.pk, item.archive_id)
        if key in seen:
            raise LineError(f"id“{item.archive_id}”与第{seen[key]}行重复（保留第{seen[key]}行）")
        seen[key] = number
        return item

    def _prepare(self, item):
        """The page as it will be stored (tree fields aside) and its search text and tokens."""
        item.page = build_page(item, self.content_type, self.locale)
        item.content = page_content(item.page, self.vocabulary)

    def _refresh_statistics(self):
        """After a large import the planner needs fresh statistics (without them SQLite loops
        over the index table) and PostgreSQL the visibility map: freshly copied rows that were
        not yet vacuumed made common-word queries three times slower (32 → 100 ms at 100,000
        items). Not inside a transaction, where VACUUM cannot run."""
        if connection.in_atomic_block or self.report.imported < REFRESH_STATISTICS_AFTER:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM (ANALYZE) {SearchDocument._meta.db_table}")
            else:
                cursor.execute("ANALYZE")
