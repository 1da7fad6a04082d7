"""What a county's consultation method declares, as data: steps on the spine, platform
standards, participant-composition rules, figures and the schema of its per-site configuration."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypedDict, cast

from .spine import PARTICIPANT_ROLES, SPINE

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest
    from wagtail.models import Page

# A site's configuration of a method: the JSON object an editor fills in (``config_schema``).
MethodConfig: TypeAlias = dict[str, Any]
# What ``MethodFigure.compute`` returns: a number, a (part, whole) share, or None (not applicable).
FigureValue: TypeAlias = int | float | tuple[int, int] | None
# A figure's value as shown and exported (``MethodFigure.display``).
FigureDisplay: TypeAlias = int | float | str


class FigureScope(Protocol):
    """What a figure is computed over: several committees (site ids) and a period (inclusive
    dates, either may be open). The consultation figures' ``Scope`` is one."""

    # Read-only: a scope is a value (the consultation figures' ``Scope`` is a frozen dataclass).
    @property
    def sites(self) -> tuple[int, ...]: ...

    @property
    def start(self) -> datetime.date | None: ...

    @property
    def end(self) -> datetime.date | None: ...

    def period(self, field_name: str) -> dict[str, datetime.date]:
        """Keyword filters putting ``field_name`` inside the period."""
        ...


@dataclass(frozen=True)
class Step:
    """One step of a county's process, named as the county names it, mapped onto the spine."""

    label: str
    spine: int
    description: str = ""

    def __post_init__(self) -> None:
        if self.spine not in SPINE:
            raise ValueError(f"step “{self.label}”: spine must be 1–7, not {self.spine!r}")


@dataclass(frozen=True)
class Checklist:
    """A platform standard (e.g. 六有): items a platform of the given kinds must show."""

    key: str
    name: str
    items: tuple[tuple[str, str], ...]  # ((key, label), …)
    platform_kinds: tuple[str, ...] = ()  # PlatformKind slugs it applies to; empty = all


@dataclass(frozen=True)
class ParticipantGroup:
    """One part of a composition rule: at least ``minimum`` participants of these roles."""

    label: str
    roles: tuple[str, ...]
    minimum: int

    def __post_init__(self) -> None:
        unknown = [role for role in self.roles if role not in PARTICIPANT_ROLES]
        if unknown:
            raise ValueError(f"group “{self.label}”: unknown roles {unknown}")


@dataclass(frozen=True)
class CompositionRule:
    """Who must take part in an activity (e.g. 1+7+3), and what is missing when they don't."""

    key: str
    name: str
    groups: tuple[ParticipantGroup, ...] = field(default_factory=tuple)

    def problems(self, counts: Mapping[str, int]) -> list[str]:
        """Messages for each group short of its minimum; ``counts`` maps role → person-times."""
        found = []
        for group in self.groups:
            have = sum(counts.get(role, 0) for role in group.roles)
            if have < group.minimum:
                roles = "、".join(PARTICIPANT_ROLES[r] for r in group.roles)
                found.append(
                    f"“{self.name}”要求{group.label}至少 {group.minimum} 人（{roles}），"
                    f"现有 {have} 人。"
                )
        return found


@dataclass(frozen=True)
class MethodFigure:
    """A figure a method adds to the figures of the committees that enabled it, rolled up to
    the prefecture like the core counters. ``compute(scope, config)`` counts records of the
    scope's committees (a ``FigureScope``) in its period, never a typed number, and returns

    - a number;
    - a pair ``(part, whole)`` for a share (达标数/总数), shown ``part/whole`` or, with
      ``percent``, ``67%（2/3）``;
    - ``None`` where the figure does not apply (e.g. no deadline configured), shown “—”.

    Each county configures the method its own way, so the host calls ``compute`` once per
    group of committees sharing a configuration and adds the results up (pairs part by part;
    ``None`` adds nothing). A figure that is no sum (a median) sets ``additive=False``: it is
    computed once over all those committees, so it must not depend on the configuration.
    ``definition`` is shown with the value, as the core counters' definitions are."""

    key: str
    label: str
    unit: str
    definition: str
    compute: Callable[[FigureScope, MethodConfig], FigureValue]
    additive: bool = True
    percent: bool = False

    def combine(self, values: Iterable[FigureValue]) -> FigureValue:
        """One value from the values of several groups of committees."""
        found = [value for value in values if value is not None]
        if not found:
            return None
        # One figure's values are all shares or all numbers.
        if isinstance(found[0], tuple):
            shares = cast("list[tuple[int, int]]", found)
            return (sum(v[0] for v in shares), sum(v[1] for v in shares))
        return sum(cast("list[int | float]", found))

    def display(self, value: FigureValue) -> FigureDisplay:
        """The value as shown and exported: numbers stay numbers."""
        if value is None:
            return "—"
        if isinstance(value, tuple):
            part, whole = value
            if not self.percent:
                return f"{part}/{whole}"
            return f"{part * 100 / whole:.0f}%（{part}/{whole}）" if whole else "—"
        return value


ROLE_CHOICES = [{"title": label, "value": key} for key, label in PARTICIPANT_ROLES.items()]


class ParticipantGroupConfig(TypedDict):
    """One configured group, as ``participant_groups_schema`` lets a county fill it in."""

    label: str
    roles: list[str]
    minimum: int


def participant_groups_schema(
    title: str = "人员组成", help_text: str = "", max_items: int = 10
) -> dict[str, Any]:
    """The configuration schema of a list of participant groups (label, roles, minimum), as a
    county fills in a composition rule (1+7+3, the parties of a bench meeting, …)."""
    return {
        "type": "array",
        "title": title,
        "helpText": help_text,
        "maxItems": max_items,
        "items": {
            "type": "object",
            "title": "一组人员",
            "properties": {
                "label": {"type": "string", "title": "名称", "minLength": 1, "maxLength": 40},
                "roles": {
                    "type": "array",
                    "title": "身份",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {
                        "type": "string",
                        "enum": list(PARTICIPANT_ROLES),
                        "choices": ROLE_CHOICES,
                    },
                },
                "minimum": {"type": "integer", "title": "最少人数", "minimum": 0, "maximum": 999},
            },
            "required": ["label", "roles", "minimum"],
            "additionalProperties": False,
        },
    }


def composition_rule(
    key: str, name: str, groups: Iterable[ParticipantGroupConfig] | None
) -> list[CompositionRule]:
    """A CompositionRule from configured groups ([] when none are configured: no check)."""
    parsed = tuple(
        ParticipantGroup(g["label"], tuple(g["roles"]), g["minimum"]) for g in groups or []
    )
    return [CompositionRule(key, name, parsed)] if parsed else []


class ConsultationMethod:
    """A county's consultation method, declared as data. Subclass it in a plugin and name it
    in the plugin's AppConfig (``method = "pkg.method.MyMethod"``)."""

    key: str = ""
    name: str = ""
    slogan: str = ""
    description: str = ""
    steps: tuple[Step, ...] = ()
    standards: tuple[Checklist, ...] = ()
    figures: tuple[MethodFigure, ...] = ()
    # Template of the public page of an activity that followed this method (None: the core
    # timeline); used only on sites that enabled the method. Its context gains
    # ``method``, ``method_config`` and whatever ``activity_context`` returns.
    activity_template: str | None = None
    # JSON schema of the per-site configuration an editor fills in when enabling the method.
    # The admin renders it as a form (django-jsonform): give properties a "title" and, for
    # enumerations, "choices" [{"title", "value"}] besides "enum".
    config_schema: dict[str, Any] = {
        "type": "object",
        "properties": {},
        "additionalProperties": False,
    }
    default_config: MethodConfig = {}

    def composition_rules(self, config: MethodConfig) -> list[CompositionRule]:
        """The composition rules in force for a site with this ``config``."""
        return []

    def steps_for(self, config: MethodConfig) -> Sequence[Step]:
        """The county's steps in force for this ``config`` (a method may let the county
        rename or choose them); by default the declared ``steps``."""
        return self.steps

    def step_labels(self, config: MethodConfig) -> dict[int, str]:
        """{spine step: the county's label(s) for it}, for timelines shown in its terms."""
        labels: dict[int, list[str]] = {}
        for step in self.steps_for(config):
            labels.setdefault(step.spine, []).append(step.label)
        return {spine: "、".join(names) for spine, names in labels.items()}

    def activity_context(
        self, activity: Model, config: MethodConfig, request: HttpRequest
    ) -> dict[str, Any]:
        """Extra context for ``activity_template``."""
        return {}

    def figure_values(
        self, scope: FigureScope, config: MethodConfig
    ) -> list[tuple[MethodFigure, FigureDisplay]]:
        """[(figure, value as shown)] of this method's figures over ``scope`` (a
        ``FigureScope``) with one ``config``, as on a committee's own page; the host's
        figures pages roll up committees with different configurations themselves."""
        return [(figure, figure.display(figure.compute(scope, config))) for figure in self.figures]

    def check_participants(self, counts: Mapping[str, int], config: MethodConfig) -> list[str]:
        """Every problem with an activity's participants (role → person-times)."""
        return [p for rule in self.composition_rules(config) for p in rule.problems(counts)]

    def validate_config(self, config: MethodConfig) -> list[str]:
        """Messages for a configuration that does not match ``config_schema`` ([] if valid)."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(self.config_schema)
        return [
            f"{'/'.join(str(p) for p in error.absolute_path) or '配置'}：{error.message}"
            for error in sorted(validator.iter_errors(config), key=lambda e: list(e.path))
        ]

    def config_with_defaults(self, config: Mapping[str, Any] | None) -> MethodConfig:
        return {**self.default_config, **(config or {})}

    def page_types(self) -> list[type[Page]]:
        """The page types of this method (those mixing in MethodPageMixin with its key)."""
        from wagtail.models import get_page_models

        from .pages import MethodPageMixin

        return [
            model
            for model in get_page_models()
            if issubclass(model, MethodPageMixin) and model.method_key == self.key
        ]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key}>"
