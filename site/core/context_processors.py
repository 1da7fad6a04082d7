from wagtail.models import Site

from .committees import child_committees
from .models import CommitteeSettings
from .plugins import registry


class CommitteeContext:
    """Lazy: only pages that use the committee tree pay for its queries."""

    def __init__(self, request):
        self.request = request
        self._site = Site.find_for_request(request)

    @property
    def site(self):
        return self._site

    def _settings(self):
        if not hasattr(self, "_cached_settings"):
            self._cached_settings = (
                CommitteeSettings.for_request(self.request) if self._site else None
            )
        return self._cached_settings

    @property
    def settings(self):
        return self._settings()

    @property
    def parent(self):
        """(settings, root url) of the parent committee, or None."""
        settings = self._settings()
        if not settings or not settings.parent_site_id:
            return None
        parent = settings.parent_site
        return CommitteeSettings.for_site(parent), parent.root_url

    @property
    def menu_pages(self):
        """The home page's live children shown in menus, less the pages of county methods
        this committee has not enabled."""
        if not self._site:
            return []
        from django.contrib.contenttypes.models import ContentType

        hidden = registry.disabled_page_types(self._site)
        pages = self._site.root_page.get_children().live().public().in_menu()
        if hidden:
            content_types = ContentType.objects.get_for_models(*hidden).values()
            pages = pages.exclude(content_type__in=list(content_types))
        return pages

    @property
    def children(self):
        if not self._site:
            return []
        if not hasattr(self, "_children"):
            self._children = [(c, c.site.root_url) for c in child_committees(self._site)]
        return self._children


def committee(request):
    return {"committee": CommitteeContext(request)}
