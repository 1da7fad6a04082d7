"""Writing prepared batches: one transaction per batch (pages created or updated, then their
search documents), and the threads that write batches while the next ones are prepared."""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import F
from wagtail.models import Page, Site

from news.models import NewsPage

from .documents import new_page_documents, page_fields, replace_documents
from .pages import PageRows, Places, build_page, news_index_for, update_page

UPDATES_LOCK = 0x61726368  # a PostgreSQL advisory lock key of the import's own ("arch")


@dataclass
class SitePlan:
    """What a batch does under one site's news index: ``existing`` pages (by archive id) take
    their items' fields, ``new`` items become pages at ``placed`` ([(path, slug, url_path)])."""

    site: Site
    index: Page
    items: list
    existing: dict
    new: list
    placed: list


class BatchWriter:
    """Writes batches of prepared items (search.archive.prepare.Prepared), counting them in
    ``report``: planned on the importer's thread in file order (so that pages take their
    places in the order of the file), then written, two at once on PostgreSQL, each in its
    own transaction."""

    def __init__(self, vocabulary, report, resolver, content_type, locale):
        self.vocabulary = vocabulary
        self.report = report
        self.resolver = resolver
        self.meeting_types = {mt.pk: mt for mt in resolver.meeting_types.values()}
        self.content_type = content_type
        self.locale = locale
        self.indexes = {}
        self.places = Places()
        self.lock = threading.Lock()
        self.rows = None  # PageRows, from the first page built

    def missing_indexes(self, batch):
        return {item.site_id for item in batch} - set(self.indexes)

    def find_indexes(self, batch):
        """The news index of every site in ``batch``, created if missing, before the batch
        is planned (with no write under way: a writer's transaction would hide a new index
        from the other, and on SQLite would lock this one out)."""
        for site_id in sorted(self.missing_indexes(batch)):
            with transaction.atomic():
                self.indexes[site_id] = news_index_for(self.resolver.sites[site_id])

    def plan(self, batch):
        """[SitePlan] of ``batch`` (Importer.run has refused a repeated id within the file,
        so that no batch in flight touches the pages of another)."""
        by_site = {}
        for item in batch:
            by_site.setdefault(item.site_id, []).append(item)
        plans = []
        for site_id, items in by_site.items():
            index = self.indexes[site_id]
            existing = {
                page.archive_id: page
                for page in NewsPage.objects.child_of(index).filter(
                    archive_id__in=[item.archive_id for item in items]
                )
            }
            new = [item for item in items if item.archive_id not in existing]
            placed = self.places.take(index, new) if new else []
            site = self.resolver.sites[site_id]
            plans.append(SitePlan(site, index, items, existing, new, placed))
        return plans

    @transaction.atomic
    def write(self, plans):
        if connection.vendor == "postgresql":
            # A batch lost in a crash is imported again by the next run (keyed by id).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        for plan in plans:
            self._write_site(plan)
        # Last in the transaction and in the same order in every batch: the index rows stay
        # locked until the commit, so another writer's batch waits for them only this long,
        # and two batches never wait for each other.
        for plan in sorted(plans, key=lambda plan: plan.index.pk):
            if plan.new:
                Page.objects.filter(pk=plan.index.pk).update(numchild=F("numchild") + len(plan.new))
        with self.lock:
            self.report.created += sum(len(plan.new) for plan in plans)
            self.report.updated += sum(len(plan.existing) for plan in plans)

    def _build(self, item):
        meeting_type = self.meeting_types.get(item.meeting_type_id)
        return build_page(item, self.content_type, self.locale, meeting_type)

    def _write_site(self, plan):
        """Creates and updates one site's pages, then writes their search documents."""
        if plan.existing:
            self._updating()
        documents = []
        for item in plan.items:
            page = plan.existing.get(item.archive_id)
            if page is not None:
                update_page(page, self._build(item))
                content = (item.text, item.title_tokens, item.tokens)
                documents.append(page_fields(page, plan.site, self.vocabulary, content))
        if plan.new:
            documents += self._insert(plan)
        replace_documents(plan.site, [d for d in documents if d is not None])

    def _updating(self):
        """PostgreSQL: batches that update pages are written one at a time. A page save
        updates Wagtail's search index entries, and each save also rewrites every entry it
        finds at the default title norm (modelsearch's _refresh_title_norms): two batches
        saving pages at once would each wait for the other's rows."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [UPDATES_LOCK])

    def _insert(self, plan):
        """Inserts the new pages of ``plan`` and returns their documents' fields."""
        probe = self._build(plan.new[0])
        probe.path, probe.slug, probe.url_path = plan.placed[0]
        probe.depth = plan.index.depth + 1
        with self.lock:
            if self.rows is None:
                self.rows = PageRows(probe)
        ids = self.rows.insert(plan.index, plan.new, plan.placed)
        return new_page_documents(
            plan.site, self.vocabulary, probe, plan.new, plan.placed, ids, self.meeting_types
        )


class Writes:
    """Batches planned by ``plan`` and written by ``write``, by ``writers`` threads (each with
    its own database connection and transaction), at most one batch in flight per writer;
    with none, each batch is written at once on the caller's thread.

    Threads let the database work while the next batch is prepared, and on PostgreSQL two
    writers keep two server processes busy (computing the tsvector and updating the GIN
    index of a batch is most of the import's work). Inside a transaction (a test, a
    caller's atomic block) there are none: only the caller's connection sees its rows.
    Several writers have their batches planned here, in order; a single one plans its own
    (SQLite's shared-cache databases refuse reading a table another connection is writing)."""

    def __init__(self, plan, write, writers):
        self.plan = plan
        self.write = write
        self.writers = writers
        self.pool = ThreadPoolExecutor(max_workers=writers) if writers else None
        self.pending = []

    def __enter__(self):
        return self

    def put(self, batch):
        if self.pool is None:
            self.write(self.plan(batch))
            return
        if len(self.pending) >= self.writers:
            self.pending.pop(0).result()  # its error stops the import
        plans = self.plan(batch) if self.writers > 1 else None
        self.pending.append(self.pool.submit(self._write_in_thread, batch, plans))

    def drain(self):
        """Waits until every batch handed over is written."""
        while self.pending:
            self.pending.pop(0).result()

    def _write_in_thread(self, batch, plans):
        try:
            self.write(self.plan(batch) if plans is None else plans)
        except Exception:
            connection.close()  # a broken connection is not handed to the next batch
            raise

    def __exit__(self, exc_type, exc, traceback):
        if self.pool is None:
            return
        try:
            if exc_type is None:
                self.drain()
            for future in self.pending:
                future.cancel()
        finally:
            # Each thread closes its own connection: a barrier holds every closing task
            # until all of them run, so that they run on different threads.
            barrier = threading.Barrier(self.writers, timeout=60)
            closing = [self.pool.submit(_close, barrier) for _ in range(self.writers)]
            for future in closing:
                future.result()
            self.pool.shutdown()


def _close(barrier):
    connections.close_all()
    barrier.wait()
