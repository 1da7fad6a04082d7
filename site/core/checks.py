"""Start-up check of the tenancy rule: every admin viewset of a committee-owned model scopes its
listing to the user's committees (per-object views are walled by AdminTenancyWall anyway)."""

from django.core.checks import Error
from django.urls import get_resolver


def unscoped_viewsets():
    from wagtail.admin.viewsets import viewsets

    from .tenancy import CommitteeSnippetViewSetMixin, is_committee_owned

    _ = get_resolver().url_patterns  # loading the admin URLconf registers every viewset
    found = []
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not is_committee_owned(model):
            continue
        if isinstance(viewset, CommitteeSnippetViewSetMixin):
            continue
        if getattr(viewset, "scoped_to_committees", False):
            continue  # a viewset that scopes its own views (and says so)
        found.append(viewset)
    return found


def check_committee_viewsets(app_configs=None, **kwargs):
    return [
        Error(
            f"{viewset.__class__.__name__} registers the committee-owned model "
            f"{viewset.model._meta.label} without scoping its listing to the user's committees.",
            hint="Derive it from core.admin_views.SiteScopedSnippetViewSet "
            "(or core.tenancy.CommitteeSnippetViewSetMixin).",
            obj=viewset.__class__,
            id="core.E001",
        )
        for viewset in unscoped_viewsets()
    ]
