"""The import of one file: its lines read and prepared (search.archive.prepare, in worker
processes for a large file), written in batches (search.archive.writer), and the Report of
what came across and what did not."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale

from core.db import refresh_statistics
from news.models import NewsPage

from ..models import SearchDocument, load_vocabulary
from .resolver import Resolver
from .workers import PARALLEL_AFTER, Preparation, worker_count
from .writer import BatchWriter, Writes

REFRESH_STATISTICS_AFTER = 1000  # items
POSTGRESQL_WRITERS = 2


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # ["第N行：…"]: lines skipped
    warnings: list = field(default_factory=list)  # ["第N行：…"]: imported with a default

    @property
    def imported(self):
        return self.created + self.updated


def _reported(lines, progress):
    """The lines, each one's size in bytes told to ``progress`` as it is read."""
    for raw in lines:
        progress(len(raw.encode("utf-8", "replace")) if isinstance(raw, str) else len(raw))
        yield raw


class Importer:
    """Prepares the lines while the previous batch is being written: in worker processes for
    a large file (search.archive.workers), else here while a thread writes (outside a
    transaction: search.archive.writer.Writes)."""

    def __init__(
        self,
        site_hostname=None,
        batch_size=500,
        overlap=None,
        workers=None,
        parallel_after=PARALLEL_AFTER,
    ):
        """``workers``: processes preparing the lines of a file longer than
        ``parallel_after`` lines (default: a CPU but one)."""
        self.resolver = Resolver(site_hostname)
        self.batch_size = batch_size
        self.vocabulary = load_vocabulary()
        self.report = Report()
        self.writer = BatchWriter(
            self.vocabulary,
            self.report,
            self.resolver,
            ContentType.objects.get_for_model(NewsPage),
            Locale.get_default(),
        )
        self.overlap = overlap
        self.workers = worker_count() if workers is None else workers
        self.parallel_after = parallel_after

    def run(self, lines, progress=None):
        """``lines``: an iterable of text lines (a file). Returns the Report."""
        preparation = Preparation(
            _reported(lines, progress) if progress else lines,
            self.resolver,
            self.vocabulary,
            self.workers,
            self.parallel_after,
            ahead=self.batch_size,
        )
        writers = self._writers(preparation)
        with Writes(self.writer.plan, self.writer.write, writers) as writes:
            batch = []
            for item in self._items(preparation):
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._put(writes, batch)
                    batch = []
            if batch:
                self._put(writes, batch)
        self._refresh_statistics()
        return self.report

    def _writers(self, preparation):
        """Threads writing the batches. None inside a transaction (see Writes). On SQLite one
        while this thread prepares, none when worker processes prepare (the engine works in
        this process: a thread would only contend for the GIL). On PostgreSQL two, whose
        server processes compute the search index of two batches at once."""
        overlap = self.overlap if self.overlap is not None else not connection.in_atomic_block
        if not overlap:
            return 0
        if connection.vendor == "postgresql":
            return POSTGRESQL_WRITERS
        return 0 if preparation.parallel else 1

    def _put(self, writes, batch):
        if self.writer.missing_indexes(batch):
            writes.drain()
            self.writer.find_indexes(batch)
        writes.put(batch)

    def _items(self, preparation):
        """The file's importable items, prepared; skipped lines and defaults are reported."""
        seen = {}  # (site pk, id) → the line that brought it
        for number, item in preparation:
            if item is None:  # a blank line
                continue
            if isinstance(item, str):
                self.report.errors.append(f"第{number}行：{item}")
                continue
            key = (item.site_id, item.archive_id)
            if key in seen:
                first = seen[key]
                self.report.errors.append(
                    f"第{number}行：id“{item.archive_id}”与第{first}行重复（保留第{first}行）"
                )
                continue
            seen[key] = number
            self.report.warnings.extend(f"第{number}行：{w}" for w in item.warnings)
            yield item

    def _refresh_statistics(self):
        """After a large import the planner needs fresh statistics (without them SQLite loops
        over the index table) and PostgreSQL the visibility map: freshly copied rows that were
        not yet vacuumed made common-word queries three times slower (32 → 100 ms at 100,000
        items). Not inside a transaction, where VACUUM cannot run."""
        if connection.in_atomic_block or self.report.imported < REFRESH_STATISTICS_AFTER:
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM {SearchDocument._meta.db_table}")
        # The whole database: the page tables grew too (core.db; on SQLite it also gives
        # empty tables the statistics ANALYZE leaves out).
        refresh_statistics()
