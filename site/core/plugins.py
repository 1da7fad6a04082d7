"""The plugin interface (county consultation methods).

A county plugin is a Django app shipped in its own distribution and published under the
entry-point group ``cppcc.plugins``; settings append every such module to INSTALLED_APPS
(as pretix does). Its AppConfig (a ``PluginAppConfig``) names a ``ConsultationMethod``: data
declaring the method's brand, its steps mapped onto the shared spine, its platform standards,
its participant-composition rules and the JSON schema of its per-site configuration. Every
gate asks one registry, ``registry``, which methods a site has enabled.

Plugins import only this module, Django and Wagtail. This module is imported by settings, so
it must not import models at import time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from django.apps import AppConfig
from django.utils.module_loading import import_string

ENTRY_POINT_GROUP = "cppcc.plugins"

# The shared spine (consultation.models.Spine), restated here so that plugins need not import
# core internals: every method step maps onto one of these.
COLLECT, SELECT, RESEARCH, DELIBERATE, PUBLISH, IMPLEMENT, FEEDBACK = range(1, 8)
SPINE = {
    COLLECT: "收集议题",
    SELECT: "确定议题",
    RESEARCH: "议前调研",
    DELIBERATE: "协商议事",
    PUBLISH: "公开公示",
    IMPLEMENT: "办理实施",
    FEEDBACK: "结果反馈",
}
# Participant roles an activity records (consultation.models.ParticipantRole keys).
PARTICIPANT_ROLES = {
    "member": "政协委员",
    "stakeholder": "利益相关方",
    "public_rep": "群众代表",
    "department": "部门负责人",
    "party_rep": "党代表",
    "npc_rep": "人大代表",
    "expert": "专家学者",
    "other": "其他",
}


def discover_plugin_apps(exclude=()):
    """Module names of the installed plugins, sorted, minus the excluded ones.

    An entry point may be excluded by its name or by its module name.
    """
    excluded = set(exclude)
    modules = {
        ep.value
        for ep in entry_points(group=ENTRY_POINT_GROUP)
        if ep.name not in excluded and ep.value not in excluded
    }
    return sorted(modules)


@dataclass(frozen=True)
class Step:
    """One step of a county's process, named as the county names it, mapped onto the spine."""

    label: str
    spine: int
    description: str = ""

    def __post_init__(self):
        if self.spine not in SPINE:
            raise ValueError(f"step “{self.label}”: spine must be 1–7, not {self.spine!r}")


@dataclass(frozen=True)
class Checklist:
    """A platform standard (e.g. 六有): items a platform of the given kinds must show."""

    key: str
    name: str
    items: tuple  # ((key, label), …)
    platform_kinds: tuple = ()  # PlatformKind slugs it applies to; empty = all


@dataclass(frozen=True)
class ParticipantGroup:
    """One part of a composition rule: at least ``minimum`` participants of these roles."""

    label: str
    roles: tuple
    minimum: int

    def __post_init__(self):
        unknown = [role for role in self.roles if role not in PARTICIPANT_ROLES]
        if unknown:
            raise ValueError(f"group “{self.label}”: unknown roles {unknown}")


@dataclass(frozen=True)
class CompositionRule:
    """Who must take part in an activity (e.g. 1+7+3), and what is missing when they don't."""

    key: str
    name: str
    groups: tuple = field(default_factory=tuple)

    def problems(self, counts):
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
    """A figure a method adds to the figures of the sites that enabled it. ``compute(site,
    config, start, end)`` counts records (never a typed number); ``definition`` is shown with
    the value, as the core counters' definitions are."""

    key: str
    label: str
    unit: str
    definition: str
    compute: Callable


ROLE_CHOICES = [{"title": label, "value": key} for key, label in PARTICIPANT_ROLES.items()]


def participant_groups_schema(title="人员组成", help_text="", max_items=10):
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


def composition_rule(key, name, groups):
    """A CompositionRule from configured groups ([] when none are configured: no check)."""
    parsed = tuple(
        ParticipantGroup(g["label"], tuple(g["roles"]), g["minimum"]) for g in groups or []
    )
    return [CompositionRule(key, name, parsed)] if parsed else []


class ConsultationMethod:
    """A county's consultation method, declared as data. Subclass it in a plugin and name it
    in the plugin's AppConfig (``method = "pkg.method.MyMethod"``)."""

    key = ""
    name = ""
    slogan = ""
    description = ""
    steps = ()
    standards = ()
    figures = ()  # MethodFigure, …
    # Template of the public page of an activity that followed this method (None: the core
    # timeline); used only on sites that enabled the method. Its context gains
    # ``method``, ``method_config`` and whatever ``activity_context`` returns.
    activity_template = None
    # JSON schema of the per-site configuration an editor fills in when enabling the method.
    # The admin renders it as a form (django-jsonform): give properties a "title" and, for
    # enumerations, "choices" [{"title", "value"}] besides "enum".
    config_schema = {"type": "object", "properties": {}, "additionalProperties": False}
    default_config = {}

    def composition_rules(self, config):
        """The composition rules in force for a site with this ``config``."""
        return []

    def steps_for(self, config):
        """The county's steps in force for this ``config`` (a method may let the county
        rename or choose them); by default the declared ``steps``."""
        return self.steps

    def step_labels(self, config):
        """{spine step: the county's label(s) for it}, for timelines shown in its terms."""
        labels = {}
        for step in self.steps_for(config):
            labels.setdefault(step.spine, []).append(step.label)
        return {spine: "、".join(names) for spine, names in labels.items()}

    def activity_context(self, activity, config, request):
        """Extra context for ``activity_template``."""
        return {}

    def figure_values(self, site, config, start=None, end=None):
        """[(figure, value)] of this method's figures for ``site`` and a period."""
        return [(figure, figure.compute(site, config, start, end)) for figure in self.figures]

    def check_participants(self, counts, config):
        """Every problem with an activity's participants (role → person-times)."""
        return [p for rule in self.composition_rules(config) for p in rule.problems(counts)]

    def validate_config(self, config):
        """Messages for a configuration that does not match ``config_schema`` ([] if valid)."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(self.config_schema)
        return [
            f"{'/'.join(str(p) for p in error.absolute_path) or '配置'}：{error.message}"
            for error in sorted(validator.iter_errors(config), key=lambda e: list(e.path))
        ]

    def config_with_defaults(self, config):
        return {**self.default_config, **(config or {})}

    def page_types(self):
        """The page types of this method (those mixing in MethodPageMixin with its key)."""
        from wagtail.models import get_page_models

        return [
            model
            for model in get_page_models()
            if issubclass(model, MethodPageMixin) and model.method_key == self.key
        ]

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"


class MethodRegistry:
    """The installed methods, and which of them each site has enabled."""

    def __init__(self):
        self._methods = {}

    def register(self, method):
        if not method.key:
            raise ValueError(f"{method!r} has no key")
        existing = self._methods.get(method.key)
        if existing is not None and type(existing) is not type(method):
            raise ValueError(f"two methods use the key {method.key!r}")
        self._methods[method.key] = method
        return method

    def unregister(self, key):
        self._methods.pop(key, None)

    def all(self):
        return sorted(self._methods.values(), key=lambda m: m.key)

    def get(self, key):
        return self._methods.get(key)

    def choices(self):
        return [(m.key, m.name) for m in self.all()]

    def enabled_for(self, site):
        """[(method, config)] enabled on ``site``, config merged over the method's defaults.
        A method enabled in the settings but no longer installed is skipped."""
        if site is None:
            return []
        from core.models import EnabledMethod

        rows = EnabledMethod.objects.filter(setting__site=site, enabled=True).order_by(
            "sort_order", "pk"
        )
        enabled = []
        for row in rows:
            method = self.get(row.key)
            if method is not None:
                enabled.append((method, method.config_with_defaults(row.config)))
        return enabled

    def disabled_page_types(self, site):
        """Page models of the methods ``site`` has not enabled: a disabled method contributes
        no page to that site (its pages answer 404 there)."""
        enabled = {method.key for method, _ in self.enabled_for(site)}
        return [
            model
            for method in self.all()
            if method.key not in enabled
            for model in method.page_types()
        ]

    def is_enabled(self, key, site):
        return any(method.key == key for method, _ in self.enabled_for(site))

    def config_for(self, key, site):
        return next(
            (config for method, config in self.enabled_for(site) if method.key == key), None
        )

    def enable(self, key, site, config=None):
        """Enable ``key`` on ``site`` (demo loaders, scripts); an existing configuration is
        kept unless ``config`` is given."""
        from core.models import EnabledMethod, MethodSettings

        setting = MethodSettings.for_site(site)
        if setting.pk is None:
            setting.save()
        row, created = EnabledMethod.objects.get_or_create(
            setting=setting, key=key, defaults={"config": config or {}}
        )
        if not created:
            row.enabled = True
            if config is not None:
                row.config = config
            row.save()
        return row

    def sites_enabled(self, key, sites=None):
        """The sites (of ``sites``, default all) that enabled the method ``key``."""
        from wagtail.models import Site

        from core.models import EnabledMethod

        site_ids = EnabledMethod.objects.filter(key=key, enabled=True).values("setting__site")
        queryset = Site.objects.filter(pk__in=site_ids)
        if sites is not None:
            queryset = queryset.filter(pk__in=[s.pk for s in sites])
        return queryset

    def sites_for_user(self, key, user):
        """The committee sites ``user`` edits that enabled ``key``: where the method's admin
        menus and records are offered to that user."""
        from core.committees import editable_sites

        return self.sites_enabled(key).filter(pk__in=editable_sites(user).values("pk"))


registry = MethodRegistry()


def load_plugin_demos(sites):
    """Run every installed plugin's demo loader (``PluginAppConfig.demo``) on ``sites``."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if isinstance(config, PluginAppConfig) and config.demo:
            import_string(config.demo)(sites)


class PluginAppConfig(AppConfig):
    """Base AppConfig of a county plugin; ``method`` names its ConsultationMethod class."""

    method = None
    # Optional dotted path to ``load(sites)``: the plugin's demo content, run by load_demo.
    demo = None
    # "app_label.codename" permissions every committee's editors get for the plugin's records
    # (its admin views must scope them to the committees that enabled it).
    editor_permissions = ()
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        super().ready()
        if self.method:
            method_class = (
                import_string(self.method) if isinstance(self.method, str) else self.method
            )
            registry.register(method_class())


class MethodMenuItem:
    """Mixed into a Wagtail ``MenuItem`` (``class M(MethodMenuItem, MenuItem)``): shown only to
    users who edit at least one site that enabled the method ``method_key``."""

    method_key = ""

    def is_shown(self, request):
        return super().is_shown(request) and (
            registry.sites_for_user(self.method_key, request.user).exists()
        )


def method_menu_item(menu_item_class, method_key):
    """``menu_item_class`` gated on ``method_key``, for ``get_menu_item`` of a plugin viewset."""
    return type(
        f"{method_key.title().replace('_', '')}{menu_item_class.__name__}",
        (MethodMenuItem, menu_item_class),
        {"method_key": method_key},
    )


def activities_menu_item(method_key, label, order):
    """An admin menu item listing the activities that followed ``method_key``, shown only to
    editors of a committee that enabled it (register it with ``register_admin_menu_item``)."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    url = reverse("wagtailsnippets_consultation_activity:list") + f"?method={method_key}"
    return method_menu_item(MenuItem, method_key)(label, url, icon_name="group", order=order)


class MethodPageMixin:
    """Mixed into a plugin's page types (before the core page class): the page type can be
    created only on sites that enabled the method, and its pages answer 404 elsewhere."""

    method_key = ""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and registry.is_enabled(
            cls.method_key, parent.get_site()
        )

    def route(self, request, path_components):
        from django.http import Http404

        if not registry.is_enabled(self.method_key, self.get_site()):
            raise Http404
        return super().route(request, path_components)

    def method_config(self):
        return registry.config_for(self.method_key, self.get_site())

    def method(self):
        return registry.get(self.method_key)


def shared_figures(site, start=None, end=None, rollup=False):
    """The core counters for ``site`` (with its counties if ``rollup``) over a period:
    [(key, label, unit, value)]. Plugins report e.g. a campaign period with these."""
    from consultation import figures

    scope = figures.Scope.for_site(site, start, end, rollup=rollup)
    return [(c.key, c.label, c.unit, c.value(scope)) for c in figures.COUNTERS]


# The core pieces a plugin builds on, imported lazily (this module is imported by settings,
# before any model exists): ``from core.plugins import PlatformPage``.
CORE_EXPORTS = {
    "BasePage": "core.models.BasePage",
    "PlatformPage": "consultation.models.PlatformPage",
    "PlatformIndexPage": "consultation.models.PlatformIndexPage",
    "Activity": "consultation.models.Activity",
    "SixHaves": "consultation.models.SixHaves",
    "with_six_haves": "consultation.models.platforms.with_six_haves",
    "six_haves_status": "consultation.models.platforms.six_haves_status",
    "BodyStreamBlock": "core.blocks.BodyStreamBlock",
    "Suggestion": "consultation.models.Suggestion",
    "SuggestionStatus": "consultation.models.SuggestionStatus",
    "PlatformLevel": "consultation.models.PlatformLevel",
    "Spine": "consultation.models.Spine",
    "ActivityIndexPage": "consultation.models.ActivityIndexPage",
    "SiteScopedSnippetViewSet": "core.admin_views.SiteScopedSnippetViewSet",
    "MethodSnippetViewSet": "core.admin_views.MethodSnippetViewSet",
    "pages_in_editable_sites": "core.committees.pages_in_editable_sites",
    "editable_sites": "core.committees.editable_sites",
    "descendant_sites": "core.committees.descendant_sites",
    "activity_urls": "consultation.views.activity_urls",
}


def __getattr__(name):
    if name in CORE_EXPORTS:
        return import_string(CORE_EXPORTS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
