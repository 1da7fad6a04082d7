"""Per-request work on the site a request is for, done once per change instead.

- Which Site answers a host (Wagtail asks the database on every request): kept per process
  under the installation's page-cache generation, which every change to a Site row moves on.
  Each request gets its own copy of the Site, so nothing one request caches on it (its root
  page, that page's content) is seen by the next.
- The stamp of a site's header and footer (core.context_processors): the installation's and
  the site's page-cache generations, which move on with every change that can show on the
  site's pages (public.cache_scope), including its committee settings, its parent's and its
  counties', its menu pages and its enabled methods."""

from django.http.request import split_domain_port
from wagtail.models import Site

from core.context_processors import settings_for_request
from core.generations import Generation

from .cache import GENERATION_KEY, SITE_GENERATION_KEY

_installation = Generation(GENERATION_KEY)
_site_generations: dict[int, Generation] = {}
NOT_PUBLIC = ("/admin/", "/documents/", "/static/", "/media/", "/healthz", "/readyz")
KEPT = 1000  # hosts kept per process (a crawler may invent host names the default site answers)

# (installation generation, {(host name, port): Site fields, or None for no site})
_hosts: tuple[int | None, dict] = (None, {})


def _fields(site):
    return {f.attname: getattr(site, f.attname) for f in Site._meta.concrete_fields}


def site_for_request(request):
    """What ``Site.find_for_request`` answers, without a query once the host is known."""
    global _hosts
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    generation = _installation.current()
    tag, known = _hosts
    if tag != generation or len(known) >= KEPT:
        known = {}
        _hosts = (generation, known)
    if host not in known:
        site = Site._find_for_request(request)
        known[host] = _fields(site) if site is not None else None
        return site
    fields = known[host]
    return Site(**fields) if fields is not None else None


def site_generation(site_id):
    counter = _site_generations.get(site_id)
    if counter is None:
        counter = _site_generations[site_id] = Generation(SITE_GENERATION_KEY.format(site_id))
    return counter


def chrome_stamp(site):
    """Moves on whenever the chrome of ``site``'s pages may have changed."""
    return (_installation.current(), site_generation(site.pk).current())


class KnownSites:
    """Middleware: sets the request's site (Wagtail's ``request._wagtail_site``) from the
    per-process map, before anything asks for it; on public pages also the committee's
    settings (what ``CommitteeSettings.for_request`` answers), from the kept chrome."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        if request._wagtail_site is not None and not request.path.startswith(NOT_PUBLIC):
            settings_for_request(request)
        return self.get_response(request)
