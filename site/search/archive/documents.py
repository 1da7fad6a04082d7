"""The search documents of a batch of archive pages, written in bulk in place of the ones
they replace; bulk inserts send no model signals, so the caches are told here."""

from django.db import connection

from core.signals import content_changed

from .. import elastic
from ..engine import document_facet_tokens, index_changed
from ..indexing import page_document
from ..models import SearchDocument
from .pg_copy import allocate_ids, copy_rows


def index_pages(pages, site, vocabulary):
    """``pages``: [(page, its page_content)]."""
    documents = []
    for page, content in pages:
        fields = page_document(page, site, vocabulary, content=content)
        if fields is not None:
            documents.append(SearchDocument(key=f"page:{page.pk}", **fields))
    for document in documents:
        document.facet_tokens = document_facet_tokens(document)
    stale = list(
        SearchDocument.objects.filter(key__in=[d.key for d in documents]).values_list(
            "pk", flat=True
        )
    )
    SearchDocument.objects.filter(pk__in=stale).delete()
    _insert(documents)
    index_changed()
    content_changed.send(sender=__name__)  # bulk inserts send no model signals
    elastic.delete(stale)
    elastic.push(documents)


def _insert(documents):
    if connection.vendor == "postgresql":
        for document, pk in zip(
            documents, allocate_ids(SearchDocument, len(documents)), strict=True
        ):
            document.pk = pk
        copy_rows(SearchDocument, documents, SearchDocument._meta.concrete_fields)
    else:
        SearchDocument.objects.bulk_create(documents)
