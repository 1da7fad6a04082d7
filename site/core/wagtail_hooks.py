"""The tenancy rule's hooks into Wagtail: the admin API's image and document lists, and the page
chooser, show a user only what belongs to their committees (see ``core.tenancy``). And the
admin at an archive's scale: the page explorer (``core.explorer``) and the dashboard's page
count read the page tree by index."""

from wagtail import hooks
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, Site

from . import tenancy
from .explorer import CommitteePageViewSet
from .tree import subtree_q


class CommitteeCollectionsMixin:
    """Files in the collections the user was granted anything on (their committee's)."""

    def get_queryset(self):
        return tenancy.scope_collection_members(super().get_queryset(), self.request.user)


class CommitteeImagesAdminAPIViewSet(CommitteeCollectionsMixin, ImagesAdminAPIViewSet):
    pass


class CommitteeDocumentsAdminAPIViewSet(CommitteeCollectionsMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=1000)
def scope_admin_api(router):
    # After Wagtail's own images and documents apps have registered their endpoints.
    router.register_endpoint("images", CommitteeImagesAdminAPIViewSet)
    router.register_endpoint("documents", CommitteeDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def keep_page_chooser_to_committee(pages, request):
    """Members see the pages they may edit and the way down to them; editors their committees'
    pages and other committees' live pages (to link to them), never another's drafts."""
    return tenancy.chooser_pages(pages, request.user)


@hooks.register("register_admin_viewset", order=1000)
def register_page_explorer():
    # After Wagtail's own base page viewset, which this one replaces for every page type.
    return CommitteePageViewSet()


class TreePagesSummaryItem(PagesSummaryItem):
    """Wagtail's "N pages" on the dashboard, counted the way the page table can answer: a
    superuser's count is every page but the tree's root (a plain count, read from the
    smallest index), an editor's their site's subtree as one range of the path index.
    Wagtail counts ``path LIKE 'root%'``, which SQLite cannot read from an index (100,000
    rows, 34 ms)."""

    def get_context_data(self, parent_context):
        site_details = get_site_for_user(self.request.user)
        root_page = site_details["root_page"]
        page_count = 0
        if root_page:
            if root_page.is_root():
                page_count = Page.objects.count() - Page.objects.filter(depth=1).count()
                # As Wagtail: with a single site, link to its home page, not the tree root.
                try:
                    root_page = Site.objects.get().root_page
                except (Site.DoesNotExist, Site.MultipleObjectsReturned):
                    pass
            else:
                page_count = Page.objects.filter(subtree_q(root_page.path, inclusive=True)).count()
        return {
            "root_page": root_page,
            "total_pages": page_count,
            "site_name": site_details["site_name"],
        }


@hooks.register("construct_homepage_summary_items", order=100)
def count_pages_by_index(request, summary_items):
    # After Wagtail's own items (order 0), before members.wagtail_hooks hides them (1000).
    summary_items[:] = [
        TreePagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]


# The admin in Chinese: the installation's own editor's guide, scheduling from the publish menu.


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    from django.urls import path

    from .editors_guide import EditorsGuideView

    return [path("editors-guide/", EditorsGuideView.as_view(), name="cppcc_editors_guide")]


@hooks.register("construct_help_menu")
def point_help_at_the_chinese_guide(request, menu_items):
    """Wagtail's help menu links to its English guide and release notes on the internet: the
    guide item opens the installation's guide in Chinese instead, the release notes go."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    kept = []
    for item in menu_items:
        if item.name.startswith("whats-new-in-wagtail"):
            continue
        if item.name == "editor-guide":
            item = MenuItem(
                "编辑指南",
                reverse("cppcc_editors_guide"),
                name="editor-guide",
                icon_name="help",
                order=item.order,
            )
        kept.append(item)
    menu_items[:] = kept


@hooks.register("register_page_action_menu_item")
def register_schedule_menu_item():
    from .publish_menu import schedule_menu_item

    return schedule_menu_item()


@hooks.register("insert_global_admin_js")
def translate_jsonform_editor():
    from .jsonform_zh import jsonform_script

    return jsonform_script()
