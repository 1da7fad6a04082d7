"""The search documents of a batch of archive pages, written in bulk as rows in place of the
ones they replace; bulk inserts send no model signals, so the caches are told here."""

from types import SimpleNamespace

from django.db import connection

from core.signals import content_changed

from .. import elastic
from ..engine import document_facet_tokens, index_changed
from ..indexing import page_document
from ..models import SearchDocument
from .pg_copy import allocate_ids, copy_tuples, insert_rows


def new_page_documents(site, vocabulary, probe, items, placed, ids, meeting_types):
    """The documents of new pages: ``probe`` is the first of them as a page (build_page, tree
    fields set), whose search.indexing.page_document gives what they share; the rest comes
    from each item. ``placed``: [(path, slug, url_path)]; ``ids``: the pages' ids."""
    shared = page_document(probe, site, vocabulary, content=("", "", ""))
    if shared is None:
        return []
    url_of = _url_pattern(shared["url"], probe.slug)
    documents = []
    for item, (_, slug, url_path), pk in zip(items, placed, ids, strict=True):
        meeting_type = meeting_types.get(item.meeting_type_id)
        documents.append(
            {
                "key": f"page:{pk}",
                "site_id": site.pk,
                "kind": shared["kind"],
                "kind_label": shared["kind_label"],
                "method_key": shared["method_key"],
                "url": url_of(slug) if url_of else _url(probe, slug, url_path),
                "title": item.title[:255],
                "date": item.date,
                "year": item.date.year,
                "meeting_type": meeting_type.slug if meeting_type else "",
                "meeting_type_label": meeting_type.name if meeting_type else "",
                "platform_level": shared["platform_level"],
                "text": item.text,
                "title_tokens": item.title_tokens,
                "tokens": item.tokens,
            }
        )
    return documents


def _url_pattern(url, slug):
    """A page's URL differs from its sibling's by the slug alone (Wagtail reverses the path
    below the site root): ``url`` split around ``slug``, or None if it does not contain it."""
    if not url or slug not in url:
        return None
    head, _, tail = url.rpartition(slug)
    return lambda other: f"{head}{other}{tail}"


def _url(probe, slug, url_path):
    probe.slug, probe.url_path = slug, url_path
    parts = probe.get_url_parts()
    return parts[2] if parts else url_path


def page_fields(page, site, vocabulary, content):
    """An existing page's document (search.indexing.page_document) as a row's fields."""
    fields = page_document(page, site, vocabulary, content=content)
    if fields is not None:
        fields["key"] = f"page:{page.pk}"
        fields["site_id"] = fields.pop("site").pk
    return fields


def replace_documents(site, documents):
    """``documents``: SearchDocument fields (``site_id``, no facet tokens), written in place
    of any with the same key."""
    keys = [d["key"] for d in documents]
    stale = list(SearchDocument.objects.filter(key__in=keys).values_list("pk", flat=True))
    if stale:
        SearchDocument.objects.filter(pk__in=stale).delete()
    for document in documents:
        document["facet_tokens"] = document_facet_tokens(SimpleNamespace(**document))
    ids = _insert(documents)
    index_changed()
    content_changed.send(sender=__name__, sites=[site])  # bulk inserts send no model signals
    elastic.delete(stale)
    if elastic.configured() and documents:
        if ids is None:
            found = dict(SearchDocument.objects.filter(key__in=keys).values_list("key", "pk"))
            ids = [found[key] for key in keys]
        elastic.push([SearchDocument(pk=pk, **d) for pk, d in zip(ids, documents, strict=True)])


def _insert(documents):
    """Inserts the rows; PostgreSQL: returns their ids (taken from the sequence for COPY)."""
    fields = [f for f in SearchDocument._meta.concrete_fields if not f.primary_key]
    date = SearchDocument._meta.get_field("date")
    at = fields.index(date)
    rows = []
    for document in documents:
        row = [document[f.attname] for f in fields]
        row[at] = date.get_db_prep_save(row[at], connection)
        rows.append(row)
    table = SearchDocument._meta.db_table
    if connection.vendor == "postgresql" and rows:
        ids = allocate_ids(SearchDocument, len(rows))
        pk = SearchDocument._meta.pk
        copy_tuples(table, [pk, *fields], [(i, *row) for i, row in zip(ids, rows, strict=True)])
        return ids
    insert_rows(table, fields, rows)
    return None
