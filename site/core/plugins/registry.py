"""The installed methods and which of them each committee site has enabled: the one registry
every gate asks. Plugins register through their ``PluginAppConfig``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from django.apps import AppConfig
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet
    from wagtail.models import Page, Site

    from core.models import EnabledMethod

    from .method import ConsultationMethod, MethodConfig

_Method = TypeVar("_Method", bound="ConsultationMethod")


class MethodRegistry:
    """The installed methods, and which of them each site has enabled."""

    def __init__(self) -> None:
        self._methods: dict[str, ConsultationMethod] = {}

    def register(self, method: _Method) -> _Method:
        if not method.key:
            raise ValueError(f"{method!r} has no key")
        existing = self._methods.get(method.key)
        if existing is not None and type(existing) is not type(method):
            raise ValueError(f"two methods use the key {method.key!r}")
        self._methods[method.key] = method
        return method

    def unregister(self, key: str) -> None:
        self._methods.pop(key, None)

    def all(self) -> list[ConsultationMethod]:
        return sorted(self._methods.values(), key=lambda m: m.key)

    def get(self, key: str) -> ConsultationMethod | None:
        return self._methods.get(key)

    def choices(self) -> list[tuple[str, str]]:
        return [(m.key, m.name) for m in self.all()]

    def enabled_for(self, site: Site | None) -> list[tuple[ConsultationMethod, MethodConfig]]:
        """[(method, config)] enabled on ``site``, config merged over the method's defaults.
        A method enabled in the settings but no longer installed is skipped."""
        if site is None:
            return []
        return self.enabled_by_site([site.pk]).get(site.pk, [])

    def enabled_by_site(
        self, site_ids: Iterable[int]
    ) -> dict[int, list[tuple[ConsultationMethod, MethodConfig]]]:
        """{site id: [(method, config)]} as ``enabled_for`` gives them, for several sites in one
        query (a prefecture's figures over its counties)."""
        from core.models import EnabledMethod

        rows = EnabledMethod.objects.filter(setting__site__in=list(site_ids), enabled=True)
        enabled: dict[int, list[tuple[ConsultationMethod, MethodConfig]]] = {}
        for site_id, key, config in rows.order_by("sort_order", "pk").values_list(
            "setting__site_id", "key", "config"
        ):
            method = self.get(key)
            if method is not None:
                enabled.setdefault(site_id, []).append(
                    (method, method.config_with_defaults(config))
                )
        return enabled

    def disabled_page_types(self, site: Site | None) -> list[type[Page]]:
        """Page models of the methods ``site`` has not enabled: a disabled method contributes
        no page to that site (its pages answer 404 there)."""
        enabled = {method.key for method, _ in self.enabled_for(site)}
        return [
            model
            for method in self.all()
            if method.key not in enabled
            for model in method.page_types()
        ]

    def is_enabled(self, key: str, site: Site | None) -> bool:
        return any(method.key == key for method, _ in self.enabled_for(site))

    def config_for(self, key: str, site: Site | None) -> MethodConfig | None:
        return next(
            (config for method, config in self.enabled_for(site) if method.key == key), None
        )

    def enable(self, key: str, site: Site, config: MethodConfig | None = None) -> EnabledMethod:
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

    def sites_enabled(self, key: str, sites: Iterable[Site] | None = None) -> QuerySet[Site]:
        """The sites (of ``sites``, default all) that enabled the method ``key``."""
        from wagtail.models import Site

        from core.models import EnabledMethod

        site_ids = EnabledMethod.objects.filter(key=key, enabled=True).values("setting__site")
        queryset = Site.objects.filter(pk__in=site_ids)
        if sites is not None:
            queryset = queryset.filter(pk__in=[s.pk for s in sites])
        return queryset

    def sites_for_user(self, key: str, user: User | AnonymousUser) -> QuerySet[Site]:
        """The committee sites ``user`` edits that enabled ``key``: where the method's admin
        menus and records are offered to that user."""
        from core.committees import editable_sites

        return self.sites_enabled(key).filter(pk__in=editable_sites(user).values("pk"))


registry = MethodRegistry()


def load_plugin_demos(sites: Mapping[str, Site]) -> None:
    """Run every installed plugin's demo loader (``PluginAppConfig.demo``) on ``sites``."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if isinstance(config, PluginAppConfig) and config.demo:
            import_string(config.demo)(sites)


class PluginAppConfig(AppConfig):
    """Base AppConfig of a county plugin; ``method`` names its ConsultationMethod class."""

    method: str | type[ConsultationMethod] | None = None
    # Optional dotted path to ``load(sites)`` (sites: {committee slug: Site}): the plugin's demo
    # content, run by load_demo.
    demo: str | None = None
    # "app_label.codename" permissions every committee's editors get for the plugin's records
    # (its admin views must scope them to the committees that enabled it).
    editor_permissions: tuple[str, ...] = ()
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        super().ready()
        if self.method:
            method_class = (
                import_string(self.method) if isinstance(self.method, str) else self.method
            )
            registry.register(method_class())
