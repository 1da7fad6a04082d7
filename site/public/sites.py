"""Per-request work on the site a request is for, done once per change instead.

- Which Site answers a host (Wagtail asks the database on every request): kept per process
  under the installation's page-cache generation, which every change to a Site row moves on.
  Each request gets its own copy of the Site. On public pages its root page (where routing
  starts) is this process's copy of the site's home page, kept under the site's stamp (below),
  which every change to that page moves on.
- The stamp of a site's header and footer (core.context_processors): the installation's and
  the site's page-cache generations, which move on with every change that can show on the
  site's pages (public.cache_scope), including its committee settings, its parent's and its
  counties', its menu pages and its enabled methods."""

from django.http.request import split_domain_port
from wagtail.models import Page, Site

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


# site id -> (stamp, the site's root page as its specific page): where every public page's
# routing starts, kept like the chrome (the root page is one of the site's pages).
_roots: dict[int, tuple[object, Page]] = {}


def with_kept_root(site):
    """``site`` with its root page (specific) from this process's copy, read again once the
    site's stamp moves on: two queries fewer on every public page."""
    stamp = chrome_stamp(site)
    kept = _roots.get(site.pk)
    if kept is None or kept[0] != stamp or kept[1].pk != site.root_page_id:
        kept = (stamp, Page.objects.get(pk=site.root_page_id).specific)
        _roots[site.pk] = kept
    site.root_page = kept[1]
    return site


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
        site = request._wagtail_site
        if site is not None and not request.path.startswith(NOT_PUBLIC):
            with_kept_root(site)
            settings_for_request(request)
        return self.get_response(request)
