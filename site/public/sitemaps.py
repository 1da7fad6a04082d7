"""sitemap.xml of the requesting committee's site, and the helper every public listing of a
site's pages shares: which of a queryset's pages a site actually shows (its own tree, less
committees nested below it and less the pages of county methods it has not enabled)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.http import Http404
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from core.plugins import registry


class SiteScope:
    """What ``site`` shows of any page queryset: pages under its root page, not under the root
    of another committee's site nested below it, and neither a page of a method ``site`` has
    not enabled nor below one (a disabled method's page routes nothing). Liveness and view
    restrictions are left to the caller (``.live().public()``). Call it on as many querysets
    as needed: the exclusions are looked up once."""

    def __init__(self, site):
        self.site = site
        self.root_path = site.root_page.path
        self._cut = None

    def cut_paths(self):
        """Tree paths of the pages that, with everything below them, ``site`` does not show."""
        if self._cut is None:
            cut = [
                path
                for path in Site.objects.exclude(pk=self.site.pk).values_list(
                    "root_page__path", flat=True
                )
                if path.startswith(self.root_path) and path != self.root_path
            ]
            hidden = registry.disabled_page_types(self.site)
            if hidden:
                content_types = list(ContentType.objects.get_for_models(*hidden).values())
                # Unordered: ordered by path, SQLite walked the whole path index.
                cut += (
                    Page.objects.filter(
                        path__startswith=self.root_path, content_type__in=content_types
                    )
                    .order_by()
                    .values_list("path", flat=True)
                )
            self._cut = cut
        return self._cut

    def __call__(self, pages):
        pages = pages.filter(path__startswith=self.root_path)
        cut = self.cut_paths()
        if cut:
            excluded = Q()
            for path in cut:
                excluded |= Q(path__startswith=path)
            pages = pages.exclude(excluded)
        return pages


def shown_on_site(pages, site):
    """``pages`` narrowed to what ``site`` shows (see ``SiteScope``)."""
    return SiteScope(site)(pages)


class SitePagesSitemap(Sitemap):
    """Every live, public page of the requesting site, at its own host name and port, last
    modified when last published. A page type that must not be listed returns ``[]`` from
    ``get_sitemap_urls`` (Wagtail's hook); a routable page may add its sub-pages there."""

    # Django allows 50 000 URLs per file; smaller files keep one request short (each URL is
    # built from its page). Past this, /sitemap.xml becomes an index of numbered files.
    limit = 5000

    def get_wagtail_site(self):
        site = Site.find_for_request(self.request)
        if site is None:
            raise Http404("没有与此域名对应的站点。")
        return site

    def pages(self):
        if not hasattr(self, "_scope"):
            self._scope = SiteScope(self.get_wagtail_site())
        return self._scope(Page.objects.live().public().order_by("path"))

    def items(self):
        return self.pages().defer_streamfields().specific()

    def get_latest_lastmod(self):
        """For the index of numbered files: one aggregate, not every page loaded."""
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]
