"""The base form of the site's page types (``BasePage.base_form_class``): a slug conflict is
told at the top of the form as well as on the slug field. The slug lives on the 推广 (promote)
tab, which the editor is usually not on: after leaving an add form and starting again with the
same title, the autosaved draft already holds the slug and publishing failed with an error the
editor could not see."""

from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Page

SLUG_FIELD = "slug"


def slug_conflict_notice(slug):
    return f"同一上级页面下已有网址名“{slug}”，请在“推广”标签中修改网址名（slug）。"


class SlugErrorsOnTopMixin:
    """Any error on the slug field is repeated as a non-field error, shown above the tabs."""

    def clean(self):
        cleaned_data = super().clean()
        if SLUG_FIELD in self.errors:
            slug = self.data.get(self.add_prefix(SLUG_FIELD), "")
            if slug and not Page._slug_is_available(slug, self.parent_page, self.instance):
                self.add_error(None, slug_conflict_notice(slug))
            else:
                first = self.errors[SLUG_FIELD][0]
                self.add_error(None, f"网址名（slug）有误，请在“推广”标签中修改：{first}")
        return cleaned_data


class CommitteePageForm(SlugErrorsOnTopMixin, WagtailAdminPageForm):
    pass
