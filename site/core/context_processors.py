"""The ``committee`` every template sees: the committee's settings and what the header and
footer show around every page (its parent, its menu, its counties).

That chrome is the same on every page of a site and changes only when the site's content or
the committee tree does, yet it took half a dozen queries per page. It is built once per
change: a higher layer that knows when a site's pages change (public: the page cache's
generations) registers a ``stamp`` for a site, and each process keeps the chrome it built
under that stamp. Without a registered stamp it is built for every request, as before."""

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from wagtail.models import Site

from .committees import child_committees
from .models import CommitteeSettings
from .plugins import registry

# site -> a value that changes whenever anything the site's chrome shows may have changed
# (None: do not keep). Registered by a higher layer (public.apps).
_stamp: Callable[[Site], Hashable | None] | None = None
_kept: dict[int, tuple[Hashable, "Chrome"]] = {}


def register_stamp(stamp: Callable[[Site], Hashable | None]) -> None:
    global _stamp
    _stamp = stamp
    _kept.clear()


@dataclass
class Chrome:
    """What the header and footer of a site's pages show (plain values, shared by requests)."""

    settings: CommitteeSettings
    home_url: str
    parent: tuple[CommitteeSettings, str] | None
    menu: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    children: list[tuple[CommitteeSettings, str]] = field(default_factory=list)

    @classmethod
    def build(cls, site, request):
        settings = CommitteeSettings.for_site(site)
        parent = None
        if settings.parent_site_id:
            parent_site = settings.parent_site
            parent = (CommitteeSettings.for_site(parent_site), parent_site.root_url)
        return cls(
            settings=settings,
            home_url=site.root_page.get_url(request) or "/",
            parent=parent,
            menu=[(page.title, page.get_url(request)) for page in menu_pages(site)],
            children=[(c, c.site.root_url) for c in child_committees(site)],
        )


def menu_pages(site):
    """The home page's live children shown in menus, less the pages of county methods
    the committee has not enabled."""
    from django.contrib.contenttypes.models import ContentType

    hidden = registry.disabled_page_types(site)
    pages = site.root_page.get_children().live().public().in_menu()
    if hidden:
        content_types = ContentType.objects.get_for_models(*hidden).values()
        pages = pages.exclude(content_type__in=list(content_types))
    return pages


def site_stamp(site):
    """The registered stamp of ``site`` (see the module), or None: build again each time."""
    return _stamp(site) if _stamp else None


def chrome_for(site, request):
    """The chrome of ``site``, built once per stamp in each process."""
    stamp = site_stamp(site)
    if stamp is not None:
        kept = _kept.get(site.pk)
        if kept is not None and kept[0] == stamp:
            return kept[1]
    chrome = Chrome.build(site, request)
    if stamp is not None:
        _kept[site.pk] = (stamp, chrome)
    return chrome


def settings_for_request(request):
    """The committee's settings from the kept chrome, also what CommitteeSettings.for_request
    gives for the rest of the request (a copy: the kept one is shared by requests)."""
    attr = CommitteeSettings.get_cache_attr_name()
    settings = getattr(request, attr, None)
    if settings is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        settings = copy.copy(chrome_for(site, request).settings)
        settings._request = request
        setattr(request, attr, settings)
    return settings


class CommitteeContext:
    """Lazy: a page that shows no chrome (a feed, robots.txt) pays nothing."""

    def __init__(self, request):
        self.request = request
        self._site = Site.find_for_request(request)

    @property
    def site(self):
        return self._site

    @property
    def chrome(self):
        if not hasattr(self, "_chrome"):
            self._chrome = chrome_for(self._site, self.request) if self._site else None
        return self._chrome

    def _settings(self):
        if not hasattr(self, "_cached_settings"):
            self._cached_settings = settings_for_request(self.request) if self.chrome else None
        return self._cached_settings

    @property
    def settings(self):
        return self._settings()

    @property
    def home_url(self):
        return self.chrome.home_url if self.chrome else "/"

    @property
    def parent(self):
        """(settings, root url) of the parent committee, or None."""
        return self.chrome.parent if self.chrome else None

    @property
    def menu(self):
        """[(title, url)] of the main navigation, after 首页."""
        return self.chrome.menu if self.chrome else []

    @property
    def menu_pages(self):
        return menu_pages(self._site) if self._site else []

    @property
    def children(self):
        """[(settings, root url)] of the committees below this one."""
        return self.chrome.children if self.chrome else []


def committee(request):
    return {"committee": CommitteeContext(request)}
