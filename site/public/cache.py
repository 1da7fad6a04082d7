"""The public page cache: whole responses for anonymous readers, one copy per site, path,
query and reading mode, in the default cache (Redis when REDIS_URL is set).

Correctness comes from a generation number in every key: any change to the records a page
could show (a publish, unpublish, move or delete, a snippet, a setting, an activity…) moves
the generation on, so the next request renders afresh. It moves both at once and again when
the transaction commits, so a page rendered from the old rows while the change was being
written is stored under the old generation and never served."""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction

from core.generations import Generation

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"

# Records that change nothing a public page shows, or that are written while pages render:
# bumping on them would empty the cache for nothing.
IGNORED_MODELS = {
    "sessions.session",
    "auth.user",
    "admin.logentry",
    "contenttypes.contenttype",
    "auth.permission",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "cppcc_search.searchdocument",  # follows the pages, which bump themselves
    "topics.topicsubmission",  # never shown on a cached page (receipts are not cached)
    "topics.topicaccesslog",
    "django_tasks_database.dbtaskresult",
}


_generation = Generation(GENERATION_KEY)


def generation():
    return _generation.current()


def content_changed():
    """Every cached page is stale from now on (and again once the transaction commits)."""
    _generation.bump()
    transaction.on_commit(_generation.bump)


def on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if sender._meta.label_lower in IGNORED_MODELS:
        return
    content_changed()


def cache_key(request, modes):
    # The scheme: robots.txt, sitemaps and feeds write absolute URLs with it.
    # The query as decoded (?page=%31 is ?page=1), so that spellings do not multiply copies.
    query = urlencode(sorted(request.GET.items()))
    raw = f"{request.scheme}|{request.get_host().lower()}|{request.path}?{query}|{modes.key}"
    digest = hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)
