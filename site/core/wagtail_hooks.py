"""The tenancy rule's hooks into Wagtail: the admin API's image and document lists, and the page
chooser, show a user only what belongs to their committees (see ``core.tenancy``)."""

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from . import tenancy


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
