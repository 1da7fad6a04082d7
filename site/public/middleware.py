"""Two middlewares for public pages: 繁體 conversion and the page cache (see public.cache)."""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_vary_headers

from . import cache as page_cache
from .preferences import reading_modes
from .script import html_to_traditional

logger = logging.getLogger(__name__)

_NOT_PUBLIC = ("/admin/", "/documents/", "/preferences/", "/static/", "/media/")


def _is_public_path(path):
    return not path.startswith(_NOT_PUBLIC)


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


class TraditionalScriptMiddleware:
    """Renders public HTML pages in Traditional script for readers who asked for 繁體."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # For views that answer other than in HTML (search's JSON): the reader's script.
        request.reads_traditional = reading_modes(request).traditional
        response = self.get_response(request)
        if (
            reading_modes(request).traditional
            and _is_public_path(request.path)
            and _is_html(response)
            and not response.streaming
            and response.get("Content-Encoding") is None
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset, "replace")
            response.content = html_to_traditional(html).encode(charset)
            response.headers.pop("Content-Length", None)
            response["Content-Language"] = "zh-Hant"
        if _is_public_path(request.path):
            # What the page looks like depends on the reading-mode cookies.
            patch_vary_headers(response, ("Cookie",))
        return response


class PageCacheMiddleware:
    """Serves anonymous readers' GET requests from the cache; stores what is safe to share.

    Not cached: anyone with a session (editors, members, a citizen mid-form), any response that
    sets a cookie (a page that used the CSRF token sends one) or says private/no-store/no-cache,
    and query strings other than one plain page number (search has its own caches; anything
    else would let a crawler fill the cache with copies). When the cache is unreachable the
    page is served uncached: a cache outage must not take the site down (the cache backend,
    core.cache.RedisCache, reads any failure as a miss; the guard here covers other backends).
    A request for a host name not in ALLOWED_HOSTS is passed on untouched, for Django to refuse
    with 400 and log once under django.security.DisallowedHost."""

    PAGE_NUMBER = re.compile(r"[1-9]\d{0,3}")

    def __init__(self, get_response):
        self.get_response = get_response

    def _eligible(self, request):
        return (
            getattr(settings, "PAGE_CACHE_ENABLED", True)
            and request.method in ("GET", "HEAD")
            and _is_public_path(request.path)
            and not request.path.startswith("/search/")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and self._plain_query(request)
            and self._allowed_host(request)
        )

    @staticmethod
    def _allowed_host(request):
        """The cache key names the host; an unknown one is Django's to refuse (400)."""
        try:
            request.get_host()
        except DisallowedHost:
            return False
        return True

    def _plain_query(self, request):
        """No query, or just ``?page=N`` / ``?p=N`` (listings, sitemap sections)."""
        if not request.META.get("QUERY_STRING"):
            return True
        items = list(request.GET.lists())
        return (
            len(items) == 1
            and items[0][0] in ("page", "p")
            and len(items[0][1]) == 1
            and self.PAGE_NUMBER.fullmatch(items[0][1][0]) is not None
        )

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)
        try:
            key = page_cache.cache_key(request, reading_modes(request))
            cached = cache.get(key)
        except Exception:  # noqa: BLE001 - any cache failure: render as if uncached
            logger.warning("page cache unreachable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._storable(response):
            response["X-Page-Cache"] = "miss"
            try:
                cache.set(key, response, page_cache.timeout())
            except Exception:  # noqa: BLE001
                logger.warning("page cache unreachable", exc_info=True)
        return response

    @staticmethod
    def _storable(response):
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
