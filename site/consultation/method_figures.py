"""The figures county methods (plugins) add, rolled up by site hierarchy like the core counters.

Each county configures a method its own way, so the committees of a scope that enabled a method
are grouped by configuration; a figure is computed for each group over the scope's period and
the groups' values are combined (``MethodFigure.combine``). A method that no committee of the
scope enabled contributes nothing. Values are cached under the core figures' generation, and
with the configuration in the key, so a changed configuration is never served stale.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from wagtail.models import Site

from core.plugins import registry

from .figures import cached

if TYPE_CHECKING:
    from core.plugins import (
        ConsultationMethod,
        FigureDisplay,
        FigureValue,
        MethodConfig,
        MethodFigure,
    )

    from .figures import Scope


class MethodFigures(TypedDict):
    """One enabled method's figures over a scope, as the figures page shows them."""

    method: ConsultationMethod
    sites: list[Site]  # the scope's committees that enabled it
    figures: list[tuple[MethodFigure, FigureDisplay]]


@dataclass(frozen=True)
class MethodInScope:
    """A method with figures and the configuration of each committee of a scope that
    enabled it: {site id: config}."""

    method: ConsultationMethod
    configs: dict[int, MethodConfig]

    def groups(self) -> list[tuple[MethodConfig, list[int]]]:
        """[(config, [site id, …])]: the committees sharing each configuration."""
        groups: dict[str, tuple[MethodConfig, list[int]]] = {}
        for site_id, config in self.configs.items():
            groups.setdefault(_config_key(config), (config, []))[1].append(site_id)
        return list(groups.values())

    def value(self, figure: MethodFigure, scope: Scope) -> FigureValue:
        """The figure over the scope's committees that enabled the method (the roll-up)."""
        groups = self.groups()
        if not figure.additive:
            # Computed once over them all; it must not depend on the configuration, so any
            # configuration will do: theirs if they share one, else the method's defaults.
            config = groups[0][0] if len(groups) == 1 else self.method.config_with_defaults({})
            return self.compute(figure, scope.only(self.configs), config)
        return figure.combine(
            self.compute(figure, scope.only(site_ids), config) for config, site_ids in groups
        )

    def by_site(self, figure: MethodFigure, scope: Scope) -> dict[int, FigureValue]:
        """{site id: value} for each committee that enabled the method, each on its own."""
        return {
            site_id: self.compute(figure, scope.only([site_id]), config)
            for site_id, config in self.configs.items()
        }

    def compute(self, figure: MethodFigure, scope: Scope, config: MethodConfig) -> FigureValue:
        digest = hashlib.sha256(_config_key(config).encode()).hexdigest()[:16]
        key = f"method:{self.method.key}:{figure.key}:{scope.cache_key()}:{digest}"
        return cached(key, lambda: figure.compute(scope, config))


def _config_key(config: MethodConfig) -> str:
    return json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)


def enabled_methods(scope: Scope) -> list[MethodInScope]:
    """[MethodInScope] for each installed method with figures that at least one committee of
    the scope enabled, in the registry's order (one query whatever the number of committees)."""
    configs: dict[str, dict[int, MethodConfig]] = {}
    for site_id, enabled in registry.enabled_by_site(scope.sites).items():
        for method, config in enabled:
            if method.figures:
                configs.setdefault(method.key, {})[site_id] = config
    return [MethodInScope(m, configs[m.key]) for m in registry.all() if m.key in configs]


def method_figures(scope: Scope, enabled: list[MethodInScope] | None = None) -> list[MethodFigures]:
    """Each enabled method's figures over the scope, rolled up and as shown:
    [{"method", "sites": [site, …] that enabled it, "figures": [(figure, value), …]}]."""
    enabled = enabled_methods(scope) if enabled is None else enabled
    names = {s.pk: s for s in Site.objects.filter(pk__in=scope.sites).order_by("site_name")}
    return [
        {
            "method": item.method,
            "sites": [site for pk, site in names.items() if pk in item.configs],
            "figures": [
                (figure, figure.display(item.value(figure, scope)))
                for figure in item.method.figures
            ],
        }
        for item in enabled
    ]


def method_columns(
    scope: Scope, enabled: list[MethodInScope] | None = None
) -> tuple[
    list[tuple[ConsultationMethod, MethodFigure]],
    dict[int, list[FigureDisplay]],
    list[FigureDisplay],
]:
    """The per-committee table's method columns: ``(columns, by_site, totals)`` with
    columns [(method, figure)], by_site {site id: [value as shown, …]} ("" where the
    committee did not enable the method) and totals [rolled-up value as shown, …]."""
    columns: list[tuple[ConsultationMethod, MethodFigure]] = []
    by_site: dict[int, list[FigureDisplay]] = {site_id: [] for site_id in scope.sites}
    totals: list[FigureDisplay] = []
    for item in enabled_methods(scope) if enabled is None else enabled:
        for figure in item.method.figures:
            values = item.by_site(figure, scope)
            for site_id in scope.sites:
                shown = figure.display(values[site_id]) if site_id in values else ""
                by_site[site_id].append(shown)
            columns.append((item.method, figure))
            totals.append(figure.display(item.value(figure, scope)))
    return columns, by_site, totals


def column_label(method: ConsultationMethod, figure: MethodFigure) -> str:
    label = f"{method.name}·{figure.label}"
    return f"{label}（{figure.unit}）" if figure.unit else label
