"""The page explorer at an archive's scale (Wagtail's view, fed differently). Imported from
``core.wagtail_hooks`` only: Wagtail's listing views load models at import time."""

from django.utils.functional import cached_property
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from .tree import children_q


class ChildrenExplorerView(ExplorableIndexView):
    """Wagtail's page explorer, listing a section's children the way an archive-sized section
    allows (a prefecture's news holds 40,000 children).

    Wagtail filters the children by ``child_of`` (a ``LIKE`` on the path that SQLite cannot
    read from an index) and by ``pk IN (every page the user may explore)`` (for a superuser
    the whole page table), annotates every child with three correlated subqueries and then
    sorts: every child was read, annotated and counted on each render (220-260 ms). Here the
    children are one range of the (depth, path) index; where the user may explore the whole
    subtree, the permission filter (which could remove nothing) is left out and the tree's own
    count of children is the paginator's; only the ids are sorted and paged, and the page's 50
    rows are then fetched and annotated as Wagtail does. Searching, filtering and exports
    keep Wagtail's own path."""

    @cached_property
    def lists_children_only(self):
        return not (self.is_searching or self.is_filtering or self.is_export)

    @cached_property
    def sees_every_child(self):
        return explores_whole_subtree(self.request.user, self.parent_page)

    def order_queryset(self, queryset):
        """Wagtail's order, then the id: archive pages share an empty last-edit date, and
        without a last key a database may page them in a different order on each page
        (PostgreSQL then repeats some and skips others)."""
        queryset = super().order_queryset(queryset)
        ordering = queryset.query.order_by
        if self.lists_children_only and ordering:
            first = ordering[0]
            descending = getattr(first, "descending", False) or str(first).startswith("-")
            queryset = queryset.order_by(*ordering, "-pk" if descending else "pk")
        return queryset

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.lists_children_only and self.sees_every_child:
            # The tree keeps each page's count of children (treebeard's numchild, updated
            # by every add, move and delete): no count over 40,000 rows per render.
            paginator.count = self.parent_page.numchild
        return paginator

    def get_base_queryset(self):
        if not self.lists_children_only:
            return super().get_base_queryset()
        pages = self.model._default_manager.filter(children_q(self.parent_page))
        if not self.sees_every_child:
            explorable = self.permission_policy.explorable_instances(self.request.user)
            pages = pages.filter(pk__in=explorable.values_list("pk", flat=True))
        return pages

    def paginate_queryset(self, queryset, page_size):
        if not self.lists_children_only:
            return super().paginate_queryset(queryset, page_size)
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        ids = list(ids)
        found = self.annotate_queryset(self.model._default_manager.filter(pk__in=ids))
        by_id = {page.pk: page for page in found}
        # Each row's "view live" link asks for the sites' root paths; Wagtail keeps them on
        # the page when no request is at hand, so without this every row asks the cache.
        site_root_paths = Site.get_site_root_paths()
        for row in by_id.values():
            row._wagtail_cached_site_root_paths = site_root_paths
        page.object_list = [by_id[pk] for pk in ids if pk in by_id]
        return paginator, page, page.object_list, is_paginated


def explores_whole_subtree(user, page):
    """Whether ``user`` may explore every page below ``page``: Wagtail's explorable pages are
    the subtrees of the user's page permissions (plus the way down to them)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    policy = PagePermissionPolicy()
    return any(
        page.path.startswith(granted.path)
        for granted in policy.instances_with_direct_explore_permission(user)
    )


class CommitteePageViewSet(PageViewSet):
    """Wagtail's page views, with the explorer above (registered in place of Wagtail's own
    viewset for every page type, ``core.wagtail_hooks``)."""

    index_view_class = ChildrenExplorerView
