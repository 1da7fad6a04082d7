"""Writing prepared batches: one transaction per batch (pages created or updated, then their
search documents), and the thread that writes a batch while the next one is parsed."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections, transaction

from news.models import NewsPage

from .documents import new_page_documents, page_fields, replace_documents
from .pages import PageRows, build_page, news_index_for, place_under, update_page


class BatchWriter:
    """Writes batches of prepared items (search.archive.prepare.Prepared), counting them in
    ``report``."""

    def __init__(self, vocabulary, report, resolver, content_type, locale):
        self.vocabulary = vocabulary
        self.report = report
        self.resolver = resolver
        self.meeting_types = {mt.pk: mt for mt in resolver.meeting_types.values()}
        self.content_type = content_type
        self.locale = locale
        self.indexes = {}
        self.rows = None  # PageRows, from the first page built

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
        by_site = {}
        for item in batch:
            by_site.setdefault(item.site_id, []).append(item)
        for site_id, items in by_site.items():
            self._write_site(self.resolver.sites[site_id], items)

    def _build(self, item):
        meeting_type = self.meeting_types.get(item.meeting_type_id)
        return build_page(item, self.content_type, self.locale, meeting_type)

    def _write_site(self, site, items):
        """``items``: one site's, created or updated by their id under its news index."""
        index = self.news_index(site)
        existing = {
            page.archive_id: page
            for page in NewsPage.objects.child_of(index).filter(
                archive_id__in=[item.archive_id for item in items]
            )
        }
        new = [item for item in items if item.archive_id not in existing]
        documents = []
        for item in items:
            page = existing.get(item.archive_id)
            if page is not None:
                update_page(page, self._build(item))
                content = (item.text, item.title_tokens, item.tokens)
                documents.append(page_fields(page, site, self.vocabulary, content))
        if new:
            documents += self._insert(site, index, new)
        replace_documents(site, [d for d in documents if d is not None])
        self.report.updated += len(items) - len(new)
        self.report.created += len(new)

    def _insert(self, site, index, items):
        """Inserts the pages of ``items`` and returns their documents' fields."""
        placed = place_under(index, items)
        probe = self._build(items[0])
        probe.path, probe.slug, probe.url_path = placed[0]
        probe.depth = index.depth + 1
        if self.rows is None:
            self.rows = PageRows(probe)
        ids = self.rows.insert(index, items, placed)
        return new_page_documents(
            site, self.vocabulary, probe, items, placed, ids, self.meeting_types
        )


class Writes:
    """Batches handed to ``write`` in order, at most one in flight.

    With ``overlap`` the writes go to a thread of their own with its own database connection:
    preparing is Python work (or waits for the worker processes) and writing mostly waits on
    the database (on PostgreSQL, computing the tsvector and updating the GIN index), so the
    two overlap. Without it (inside a transaction: a test, a caller's atomic block) each
    batch is written at once on the caller's connection, which is the only one that sees the
    transaction's rows."""

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
