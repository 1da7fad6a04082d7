"""Admin view pieces shared by the apps whose records belong to one committee's site."""

from django.utils.functional import cached_property
from wagtail.snippets.views.snippets import SnippetViewSet

from .tenancy import CommitteeSnippetViewSetMixin


class SiteScopedSnippetViewSet(CommitteeSnippetViewSetMixin, SnippetViewSet):
    """Snippets with a ``site`` field: editors list, choose and open only their own
    committees' (per-object views and bulk actions are walled by ``AdminTenancyWall``)."""


class MethodSnippetViewSet(SiteScopedSnippetViewSet):
    """Records a county method (plugin) keeps per site: listed only for the editor's sites that
    enabled ``method_key``, with a menu item shown only to those editors."""

    method_key = ""

    @cached_property
    def menu_item_class(self):
        from .plugins import method_menu_item

        return method_menu_item(super().menu_item_class, self.method_key)

    def get_queryset(self, request):
        from .plugins import registry

        sites = registry.sites_for_user(self.method_key, request.user)
        return super().get_queryset(request).filter(site__in=sites)
