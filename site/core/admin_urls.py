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
    form_class = ExternalLinkForm


urlpatterns = [
    path(
        "choose-external-link/",
        CheckedExternalLinkView.as_view(),
        name="wagtailadmin_choose_page_external_link",
    ),
]
