"""Admin view pieces shared by the apps whose records belong to one committee's site."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .committees import editable_sites


class SiteScopedObjectMixin:
    """Per-object admin views answer 403 for records of another committee's site."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not editable_sites(self.request.user).filter(pk=obj.site_id).exists():
            raise PermissionDenied
        return obj


def site_scoped(view_class):
    return type(f"SiteScoped{view_class.__name__}", (SiteScopedObjectMixin, view_class), {})


class SiteScopedSnippetViewSet(SnippetViewSet):
    """Snippets with a ``site`` field: editors list and open only their own committees'."""

    edit_view_class = site_scoped(snippet_views.EditView)
    delete_view_class = site_scoped(snippet_views.DeleteView)
    history_view_class = site_scoped(snippet_views.HistoryView)
    usage_view_class = site_scoped(snippet_views.UsageView)
    inspect_view_class = site_scoped(snippet_views.InspectView)
    copy_view_class = site_scoped(snippet_views.CopyView)

    def get_queryset(self, request):
        return self.model._default_manager.filter(site__in=editable_sites(request.user))


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
        return self.model._default_manager.filter(site__in=sites)
