"""Two middlewares for public pages: 繁體 conversion and the page cache (see public.cache)."""

from django.conf import settings
from django.utils.cache import patch_vary_headers

from . import cache as page_cache
from .preferences import ELDER_COOKIE, SCRIPT_COOKIE, reading_modes
from .script import html_to_traditional

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
    sets a cookie, used the CSRF token, or says private/no-store/no-cache, and query strings
    other than a page number (search has its own caches)."""

    CACHEABLE_QUERY = {"page", "p"}  # listings and sitemap sections

    def __init__(self, get_response):
        self.get_response = get_response

    def _eligible(self, request):
        return (
            getattr(settings, "PAGE_CACHE_ENABLED", True)
            and request.method in ("GET", "HEAD")
            and _is_public_path(request.path)
            and not request.path.startswith("/search/")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and set(request.GET) <= self.CACHEABLE_QUERY
        )

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)
        key = page_cache.cache_key(request, reading_modes(request))
        cached = page_cache.cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._storable(request, response):
            response["X-Page-Cache"] = "miss"
            page_cache.cache.set(key, response, page_cache.timeout())
        return response

    @staticmethod
    def _storable(request, response):
        cache_control = response.get("Cache-Control", "").lower()
        cookies = {name for name in response.cookies} - {ELDER_COOKIE, SCRIPT_COOKIE}
        return (
            response.status_code == 200
            and not response.streaming
            and not cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and settings.SESSION_COOKIE_NAME not in response.cookies
        )
