"""A second wall around member accounts, in front of Wagtail's own permission checks.

Wagtail checks each admin view separately, and its advisories since 2024 are mostly side views
that forgot to. For accounts that may not create pages anywhere (members), this middleware
answers 404 for any admin view addressed to a page they cannot explore (their own pages and the
way down to them), and 403 for bulk actions. Editors are left to Wagtail's checks: they browse
the whole tree in choosers to link to other committees' pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "pk", "page_to_move_id", "destination_id")
PAGE_VIEW_NAMESPACES = {"wagtailadmin_pages", "wagtailforms"}
PAGE_VIEW_NAMES = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}
CHOSEN_BY_QUERY = {"wagtailadmin_choose_page_chosen_multiple"}
MEMBER_FORBIDDEN = {"wagtail_bulk_action"}


def browses_whole_tree(user):
    """Editors (who may add pages somewhere) and superusers."""
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "add")


class MemberAdminWall:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        name = match.url_name
        namespaced = match.namespace in PAGE_VIEW_NAMESPACES
        if not (namespaced or name in PAGE_VIEW_NAMES | CHOSEN_BY_QUERY | MEMBER_FORBIDDEN):
            return None
        if browses_whole_tree(user):
            return None
        if name in MEMBER_FORBIDDEN:
            raise PermissionDenied
        if name in CHOSEN_BY_QUERY:
            ids = {int(i) for i in request.GET.getlist("id") if i.isdigit()}
        else:
            ids = {
                int(view_kwargs[k]) for k in PAGE_ID_KWARGS if str(view_kwargs.get(k, "")).isdigit()
            }
        if ids:
            explorable = PagePermissionPolicy().explorable_instances(user)
            if explorable.filter(pk__in=ids).count() != len(ids):
                raise Http404
        return None
