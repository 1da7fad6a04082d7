"""Background work of the search app (django-tasks): run by the worker, on the "bulk" queue
(inline in the tests)."""

from django_tasks import task


@task(queue_name="bulk")
def reindex_containing_task(words):
    """After a vocabulary change (search.signals.vocabulary_changed): re-tokenise the documents
    containing the words concerned."""
    from .indexing import reindex_containing

    return reindex_containing(words)
