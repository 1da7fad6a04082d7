"""Pages of search results in the shared cache, so that a repeated query (the same words, scope,
filters, order and page) runs no search SQL until the index changes.

What is kept is the engine's answer as data — the rows (title, path, committee id, snippet),
the total, the facet counts, the suggestion — never the rendered page, which carries per-request
state (the reader's session, reading mode, the links built from the request's own query
string). The index generation (search.engine.generation) is part of every key, so a publish,
unpublish or import makes every stored page stale at once; the timeout bounds the rest (a
committee renamed shows its new name at once anyway: names are filled in per request).

A cache that cannot be reached reads as a miss and drops writes (core.cache), and the
generation it cannot read is a number never used before: the search simply runs."""

import hashlib
import logging
from dataclasses import astuple

from django.conf import settings
from django.core.cache import cache

from . import engine

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 600


def timeout():
    """Seconds a page of results is kept (SEARCH_RESULTS_CACHE_SECONDS; 0 turns the cache off)."""
    return getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", DEFAULT_SECONDS)


def key(site_id, query, parsed, traditional, filters, order, page, with_facets):
    """A bounded key: whatever the query's length, a digest of everything the answer depends on
    (the raw query too: the suggestion is built from its spelling)."""
    parts = (
        site_id,
        query,
        parsed.terms,
        parsed.display_terms,
        traditional,
        astuple(filters),
        order,
        page,
        with_facets,
    )
    digest = hashlib.sha256(repr(parts).encode("utf-8", "replace")).hexdigest()
    return f"search:results:{engine.generation()}:{digest}"


def get(cache_key):
    if not timeout():
        return None
    try:
        return cache.get(cache_key)
    except Exception:  # noqa: BLE001 - a backend without core.cache's guard: search anyway
        logger.warning("search result cache unreadable", exc_info=True)
        return None


def put(cache_key, value):
    seconds = timeout()
    if not seconds:
        return
    try:
        cache.set(cache_key, value, seconds)
    except Exception:  # noqa: BLE001 - as in get(): a dropped write costs only the next search
        logger.warning("search result cache unwritable", exc_info=True)
