"""The plugin API: the one module a county plugin imports, besides Django and Wagtail.

A plugin is a Django app in its own distribution (docs/plugins.md). Everything it needs from
the host is named here and nowhere else, so the host's apps can change behind it; a name
listed in ``__all__`` changes only with ``API_VERSION``. A plugin states the host versions it
supports in its ``pyproject.toml`` (``dependencies = ["cppcc-sites>=0.2,<0.3"]``); the host
refuses at start-up a plugin whose range does not include it.

- Declaring a method: ``ConsultationMethod`` with ``Step``s on the ``SPINE``, ``Checklist``s,
  composition rules (``participant_groups_schema``, ``composition_rule``), ``MethodFigure``s
  computed over a ``FigureScope`` (several committees and a period, so they roll up).
- Wiring it in: ``PluginAppConfig`` (``method = "pkg.method.MyMethod"``), ``registry``,
  ``MethodPageMixin`` for page types, ``method_menu_item``/``activities_menu_item`` and
  ``MethodSnippetViewSet`` for the admin.
- Records and pages to build on (resolved on first use: plugins import this module while apps
  are still loading): ``BasePage``, ``PlatformPage``, ``PlatformIndexPage``,
  ``ActivityIndexPage``, ``BodyStreamBlock``, ``Activity``, ``Suggestion``,
  ``SuggestionStatus``, ``PlatformLevel``, ``SixHaves``; and the services ``figure_scope``
  (a committee's scope, for a plugin's own pages), ``activities``, ``suggestions``,
  ``platforms`` (a scope's records), ``shared_figures``, ``activity_urls``, ``with_six_haves``,
  ``six_haves_status``, ``descendant_sites``, ``editable_sites``, ``pages_in_editable_sites``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from core.plugins import (
    COLLECT,
    DELIBERATE,
    FEEDBACK,
    HOST_DISTRIBUTION,
    HOST_VERSION,
    IMPLEMENT,
    PARTICIPANT_ROLES,
    PUBLISH,
    RESEARCH,
    ROLE_CHOICES,
    SELECT,
    SPINE,
    Checklist,
    CompositionRule,
    ConsultationMethod,
    FigureScope,
    MethodFigure,
    MethodPageMixin,
    ParticipantGroup,
    PluginAppConfig,
    Step,
    composition_rule,
    method_menu_item,
    participant_groups_schema,
    registry,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from wagtail.admin.menu import MenuItem
    from wagtail.models import Site

    from consultation.models import Activity, PlatformPage, Suggestion

# major.minor of the host version: plugins declare the host versions they support.
API_VERSION = ".".join(HOST_VERSION.split(".")[:2])


def activities_menu_item(method_key: str, label: str, order: int) -> MenuItem:
    """An admin menu item listing the activities that followed ``method_key``, shown only to
    editors of a committee that enabled it (register it with ``register_admin_menu_item``)."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    url = reverse("wagtailsnippets_consultation_activity:list") + f"?method={method_key}"
    return method_menu_item(MenuItem, method_key)(label, url, icon_name="group", order=order)


def figure_scope(
    site: Site,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    rollup: bool = False,
) -> FigureScope:
    """The scope of ``site`` (with its counties, and theirs, if ``rollup``) over a period, as
    the host computes figures over: for a plugin's own pages and ``figure_values``."""
    from consultation.figures import Scope

    return Scope.for_site(site, start, end, rollup=rollup)


def activities(scope: FigureScope, method: str | None = None) -> QuerySet[Activity]:
    """The activities of the scope's committees (all of them, whatever their dates: filter on
    ``held_on`` or the steps' dates with ``scope.period(...)``), optionally only those that
    followed ``method``."""
    from consultation.models import Activity

    queryset = Activity.objects.filter(site__in=scope.sites)
    return queryset.filter(method=method) if method else queryset


def suggestions(scope: FigureScope, method: str | None = None) -> QuerySet[Suggestion]:
    """The suggestions made in the scope's committees' activities (optionally of ``method``)."""
    from consultation.models import Suggestion

    queryset = Suggestion.objects.filter(activity__site__in=scope.sites)
    return queryset.filter(activity__method=method) if method else queryset


def platforms(scope: FigureScope, six_haves: bool = False) -> QuerySet[PlatformPage]:
    """The published platforms of the scope's committees (whatever their dates: filter on
    ``established_on`` with ``scope.period(...)``); with ``six_haves``, annotated for
    ``six_haves_status``."""
    from wagtail.models import Site

    from consultation.figures import Scope, in_scope
    from consultation.models import PlatformPage
    from consultation.models.platforms import with_six_haves

    sites = Site.objects.filter(pk__in=scope.sites)
    roots = scope if isinstance(scope, Scope) else Scope.of_sites(sites)
    queryset = in_scope(PlatformPage.objects.live(), roots)
    return with_six_haves(queryset, list(sites)) if six_haves else queryset


def shared_figures(
    site: Site,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    rollup: bool = False,
) -> list[tuple[str, str, str, int]]:
    """The core counters for ``site`` (with its counties if ``rollup``) over a period:
    [(key, label, unit, value)]. Plugins report e.g. a campaign period with these."""
    from consultation import figures

    scope = figures.Scope.for_site(site, start, end, rollup=rollup)
    return [(c.key, c.label, c.unit, c.value(scope)) for c in figures.COUNTERS]


def _host_models() -> dict[str, object]:
    from consultation import models as consultation
    from consultation.models import platforms
    from consultation.views import activity_urls
    from core import admin_views, blocks, committees
    from core.models import BasePage

    return {
        "BasePage": BasePage,
        "BodyStreamBlock": blocks.BodyStreamBlock,
        "PlatformPage": consultation.PlatformPage,
        "PlatformIndexPage": consultation.PlatformIndexPage,
        "ActivityIndexPage": consultation.ActivityIndexPage,
        "Activity": consultation.Activity,
        "Suggestion": consultation.Suggestion,
        "SuggestionStatus": consultation.SuggestionStatus,
        "PlatformLevel": consultation.PlatformLevel,
        "SixHaves": consultation.SixHaves,
        "with_six_haves": platforms.with_six_haves,
        "six_haves_status": platforms.six_haves_status,
        "activity_urls": activity_urls,
        "SiteScopedSnippetViewSet": admin_views.SiteScopedSnippetViewSet,
        "MethodSnippetViewSet": admin_views.MethodSnippetViewSet,
        "descendant_sites": committees.descendant_sites,
        "editable_sites": committees.editable_sites,
        "pages_in_editable_sites": committees.pages_in_editable_sites,
    }


LAZY_NAMES = (
    "BasePage",
    "BodyStreamBlock",
    "PlatformPage",
    "PlatformIndexPage",
    "ActivityIndexPage",
    "Activity",
    "Suggestion",
    "SuggestionStatus",
    "PlatformLevel",
    "SixHaves",
    "with_six_haves",
    "six_haves_status",
    "activity_urls",
    "SiteScopedSnippetViewSet",
    "MethodSnippetViewSet",
    "descendant_sites",
    "editable_sites",
    "pages_in_editable_sites",
)


def __getattr__(name: str) -> Any:
    # Models cannot be imported while apps load (plugins import this module in apps.py).
    if name in LAZY_NAMES:
        value = _host_models()[name]
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "API_VERSION",
    "COLLECT",
    "DELIBERATE",
    "FEEDBACK",
    "HOST_DISTRIBUTION",
    "HOST_VERSION",
    "IMPLEMENT",
    "PARTICIPANT_ROLES",
    "PUBLISH",
    "RESEARCH",
    "ROLE_CHOICES",
    "SELECT",
    "SPINE",
    "Checklist",
    "CompositionRule",
    "ConsultationMethod",
    "FigureScope",
    "MethodFigure",
    "MethodPageMixin",
    "ParticipantGroup",
    "PluginAppConfig",
    "Step",
    "activities",
    "activities_menu_item",
    "composition_rule",
    "figure_scope",
    "method_menu_item",
    "participant_groups_schema",
    "platforms",
    "registry",
    "shared_figures",
    "suggestions",
    *LAZY_NAMES,
]
