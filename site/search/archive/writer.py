"""Writing prepared batches: one transaction per batch (pages created or updated, then their
search documents), and the thread that writes a batch while the next one is parsed."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections, transaction

from news.models import NewsPage

from .documents import index_pages
from .pages import insert_pages, news_index_for, update_page


class BatchWriter:
    """Writes batches of prepared items, counting them in ``report``."""

    def __init__(self, vocabulary, report):
        self.vocabulary = vocabulary
        self.report = report
        self.indexes = {}

    def news_index(self, site):
        if site.pk not in self.indexes:
            self.indexes[site.pk] = news_index_for(site)
        return self.indexes[site.pk]

    @transaction.atomic
    def write(self, batch):
        if connection.vendor == "postgresql":
            # A batch lost in a crash is imported again by the next run (keyed by id).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        # Importer.run has refused a repeated id within the file.
        by_key = {(item.site.pk, item.archive_id): item for item in batch}
        for site_id in {key[0] for key in by_key}:
            self._write_site([item for key, item in by_key.items() if key[0] == site_id])

    def _write_site(self, items):
        """``items``: one site's, created or updated by their id under its news index."""
        index = self.news_index(items[0].site)
        existing = {
            page.archive_id: page
            for page in NewsPage.objects.child_of(index).filter(
                archive_id__in=[item.archive_id for item in items]
            )
        }
        new = [item for item in items if item.archive_id not in existing]
        updated = [i for i in items if i.archive_id in existing]
        for item in updated:
            update_page(existing[item.archive_id], item)
        insert_pages(index, new)
        index_pages(
            [(existing[i.archive_id], i.content) for i in updated]
            + [(i.page, i.content) for i in new],
            items[0].site,
            self.vocabulary,
        )
        self.report.updated += len(updated)
        self.report.created += len(new)


class Writes:
    """Batches handed to ``write`` in order, at most one in flight.

    With ``overlap`` the writes go to a thread of their own with its own database connection:
    segmenting is Python work and writing mostly waits on the database (on PostgreSQL,
    computing the tsvector and updating the GIN index), so the two overlap. Without it (inside
    a transaction: a test, a caller's atomic block) each batch is written at once on the
    caller's connection, which is the only one that sees the transaction's rows."""

    def __init__(self, write, overlap):
        self.write = write
        self.thread = ThreadPoolExecutor(max_workers=1) if overlap else None
        self.pending = None

    def __enter__(self):
        return self

    def put(self, batch):
        if self.thread is None:
            self.write(batch)
            return
        if self.pending is not None:
            self.pending.result()  # its error stops the import
        self.pending = self.thread.submit(self._write_in_thread, batch)

    def _write_in_thread(self, batch):
        try:
            self.write(batch)
        except Exception:
            connection.close()  # a broken connection is not handed to the next batch
            raise

    def __exit__(self, exc_type, exc, traceback):
        try:
            if exc_type is None and self.pending is not None:
                self.pending.result()
                self.pending = None
        finally:
            if self.thread is not None:
                self.thread.submit(connections.close_all).result()
                self.thread.shutdown()
