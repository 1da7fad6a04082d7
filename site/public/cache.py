"""The public page cache: whole responses for anonymous readers, one copy per site, path,
query and reading mode, in the default cache (Redis when REDIS_URL is set).

Correctness comes from generation numbers in every key: the installation's and the requested
site's. A change to the records a page could show (a publish, unpublish, move or delete, a
snippet, a setting, an activity…) moves on the generations of the sites it can show on
(public.cache_scope: the committee's site and those above it); what cannot be attributed to
sites moves the installation's, which empties every site. They move both at once and again
when the transaction commits, so a page rendered from the old rows while the change was being
written is stored under the old generation and never served."""

import hashlib
import logging
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http.request import split_domain_port
from wagtail.models import Site

from core.generations import Generation

from . import cache_scope
from .cache_rows import ignored
from .cache_scope import EVERY_SITE

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
SITE_GENERATION_KEY = "pagecache:generation:site:{}"

_generation = Generation(GENERATION_KEY)


def generation():
    """The installation's generation: every cached page has it in its key."""
    return _generation.current()


def site_generation(site_id):
    return Generation(SITE_GENERATION_KEY.format(site_id)).current()


def content_changed(sites=EVERY_SITE):
    """The cached pages of ``sites`` (site ids; EVERY_SITE: all) are stale from now on, and
    again once the transaction commits."""
    if sites is EVERY_SITE:
        generations = (_generation,)
    else:
        generations = tuple(Generation(SITE_GENERATION_KEY.format(pk)) for pk in sorted(sites))
    if generations:
        _bump(generations)
        transaction.on_commit(partial(_bump, generations))


def _bump(generations):
    for counter in generations:
        counter.bump()


def _scoped(resolve, *args):
    """The sites ``resolve`` names; every site if it fails other than in the database (a
    bug in the attribution must not stop a save, and emptying everything is always right)."""
    try:
        return resolve(*args)
    except DatabaseError:
        raise
    except Exception:  # noqa: BLE001
        logger.exception("page cache: could not tell which sites a change affects")
        return EVERY_SITE


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Where the row shows before it is written (it may be moving to another committee)."""
    if not raw and not ignored(sender):
        _scoped(cache_scope.before_save, instance, update_fields)


def before_delete(sender, instance, **kwargs):
    if not ignored(sender):
        _scoped(cache_scope.before_delete, instance)


def on_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if not raw and not ignored(sender):
        content_changed(_scoped(cache_scope.of_saved, instance, created, update_fields))


def on_delete(sender, instance, **kwargs):
    if not ignored(sender):
        content_changed(_scoped(cache_scope.of_deleted, instance))


def on_m2m_change(sender, instance, action, reverse, **kwargs):
    """A many-to-many set changed: where its owner shows (``reverse``: from the other side,
    any site)."""
    if ignored(sender) or not action.startswith("post_"):
        return
    content_changed(EVERY_SITE if reverse else _scoped(cache_scope.of_saved, instance, False))


def on_page_change(instance, parent_page_before=None, parent_page_after=None, **kwargs):
    """Published, unpublished or moved (a move also changes the lists of both parents)."""
    parents = [page for page in (parent_page_before, parent_page_after) if page is not None]
    content_changed(_scoped(cache_scope.of_pages, instance, *parents))


def on_bulk_change(sites=None, **kwargs):
    """core.signals.content_changed: ``sites`` when the sender knows them, else every site."""
    content_changed(_scoped(cache_scope.of_sites, sites))


# (the installation's generation when read, {(host name, port): site id}): which site answers
# a host, as Wagtail decides, without a query for each page served from the cache. A change
# to a Site moves the installation's generation, which drops the map.
_hosts = (None, {})
HOSTS_KEPT = 1000


def _generations(request):
    """ "<installation>:<site id>:<site>" generations for the request (one cache read when
    the site of the host is known)."""
    global _hosts
    tag, known = _hosts
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    site_id = known.get(host)
    keys = [GENERATION_KEY] + ([SITE_GENERATION_KEY.format(site_id)] if site_id else [])
    found = cache.get_many(keys) or {}
    installation = found.get(GENERATION_KEY)
    if installation is None:
        installation = _generation.current()
    if site_id is None or tag != installation:
        site = Site.find_for_request(request)
        site_id = site.pk if site else 0
        if tag != installation or len(known) >= HOSTS_KEPT:
            known = {}
        known[host] = site_id
        _hosts = (installation, known)
    if not site_id:
        return f"{installation}:0:0"
    value = found.get(SITE_GENERATION_KEY.format(site_id))
    if value is None:
        value = site_generation(site_id)
    return f"{installation}:{site_id}:{value}"


def cache_key(request, modes):
    # The scheme: robots.txt, sitemaps and feeds write absolute URLs with it.
    # The query as decoded (?page=%31 is ?page=1), so that spellings do not multiply copies.
    query = urlencode(sorted(request.GET.items()))
    raw = f"{request.scheme}|{request.get_host().lower()}|{request.path}?{query}|{modes.key}"
    digest = hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return f"pagecache:{_generations(request)}:{digest}"


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)
