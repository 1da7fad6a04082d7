"""Admin views of Wagtail's that this project replaces, routed ahead of Wagtail's own URLs
under the same names."""

from django.urls import path
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.views.chooser import ExternalLinkView


class RequiredURLOrAbsolutePathField(URLOrAbsolutePathField):
    """Wagtail's field raises on a POST that lacks the field altogether (a 500)."""

    def to_python(self, value):
        return super().to_python("" if value is None else value)


class ExternalLinkForm(ExternalLinkChooserForm):
    url = RequiredURLOrAbsolutePathField(required=True, label="网址")


class CheckedExternalLinkView(ExternalLinkView):
    """Wagtail turns a pasted URL of a page into an internal link and answers with the page's
    draft title: only pages of the editor's own committees are matched (a link to another
    committee's page stays an external link)."""

    form_class = ExternalLinkForm

    def post(self, request):
        from wagtail.models import Site

        from .tenancy import committee_site_ids

        if not request.user.is_superuser:
            own = committee_site_ids(request.user)
            request._wagtail_cached_site_root_paths = [
                root for root in Site.get_site_root_paths() if root.site_id in own
            ]
        return super().post(request)


urlpatterns = [
    path(
        "choose-external-link/",
        CheckedExternalLinkView.as_view(),
        name="wagtailadmin_choose_page_external_link",
    ),
]
