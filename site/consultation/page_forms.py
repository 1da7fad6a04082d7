"""Admin forms of the consultation page types (kept apart from the models they serve)."""

from core.page_form import CommitteePageForm


class PlatformPageForm(CommitteePageForm):
    """A platform groups under a platform of its own committee only."""

    def clean(self):
        cleaned = super().clean()
        parent_platform = cleaned.get("parent_platform")
        site = self.parent_page.get_site() if self.parent_page else None
        if parent_platform and site and not parent_platform.path.startswith(site.root_page.path):
            self.add_error("parent_platform", "所属平台须是本政协的平台。")
        return cleaned
