"""The page chooser's per-page views, guarded: a member account cannot browse into, or read
back, pages outside what it may edit (the chooser lists are filtered by the hook in
wagtail_hooks; these are the views that take a page id)."""

from django.http import Http404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.permission_policies.pages import PagePermissionPolicy

from .wagtail_hooks import browses_whole_tree


def _guard(request, page_ids):
    if browses_whole_tree(request.user):
        return
    allowed = PagePermissionPolicy().explorable_instances(request.user)
    if allowed.filter(pk__in=page_ids).count() != len(set(page_ids)):
        raise Http404


@require_admin_access
def browse(request, parent_page_id):
    _guard(request, [parent_page_id])
    return chooser.BrowseView.as_view()(request, parent_page_id=parent_page_id)


@require_admin_access
def chosen_multiple(request):
    ids = [int(i) for i in request.GET.getlist("id") if i.isdigit()]
    _guard(request, ids)
    return chooser.ChosenMultipleView.as_view()(request)
