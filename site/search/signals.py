"""The index follows the records: publishing, unpublishing, moving, deleting and restricting
pages; saving and deleting activities; and the editors' vocabulary (a change re-indexes all)."""

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

from . import indexing
from .models import VOCABULARY_CACHE_KEY


def page_published(sender, instance, **kwargs):
    indexing.index_page(instance)
    _platform_activities(instance)


def page_unpublished(sender, instance, **kwargs):
    indexing.remove(f"page:{instance.pk}")
    _platform_activities(instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.remove(f"page:{instance.pk}")


def subtree_changed(sender, instance, **kwargs):
    """A move (new URL, maybe another committee) or a view restriction: the whole subtree."""
    try:
        page = getattr(instance, "page", instance)
    except Page.DoesNotExist:  # the restriction went with its page
        return
    for descendant in Page.objects.descendant_of(page, inclusive=True).live().specific():
        indexing.index_page(descendant)
        _platform_activities(descendant)


def _platform_activities(page):
    from consultation.models import Activity, PlatformPage

    if isinstance(page.specific, PlatformPage):
        for activity in Activity.objects.filter(platform_id=page.pk).select_related("platform"):
            indexing.index_activity(activity)


def activity_saved(sender, instance, **kwargs):
    # The steps are committed after post_save: index once the transaction is done.
    transaction.on_commit(lambda: indexing.index_activity(instance))


def activity_deleted(sender, instance, **kwargs):
    indexing.remove(f"activity:{instance.pk}")


def vocabulary_remembered(sender, instance, **kwargs):
    """Before a vocabulary entry changes: its old words, whose documents must follow too."""
    old = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._old_words = _words(old) if old else []


def vocabulary_changed(sender, instance, **kwargs):
    """Only documents containing the words concerned are re-tokenised (the index finds them)."""
    from .tasks import reindex_containing_task

    cache.delete(VOCABULARY_CACHE_KEY)
    words = sorted({*_words(instance), *getattr(instance, "_old_words", [])})
    transaction.on_commit(lambda: reindex_containing_task.enqueue(words))


def _words(entry):
    return [entry.word] if hasattr(entry, "word") else entry.words()
