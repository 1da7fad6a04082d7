"""Gates on a method being enabled: admin menu items and page types of a plugin show only on
the committee sites that enabled its method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .registry import registry

# The mixins subclass what they are mixed into for the type checker only (their ``super()``
# calls resolve there); at run time their base is ``object``, as a mixin's is.
if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.admin.menu import MenuItem
    from wagtail.admin.menu import MenuItem as _MenuItemBase
    from wagtail.models import Page
    from wagtail.models import Page as _PageBase
    from wagtail.url_routing import RouteResult

    from .method import ConsultationMethod, MethodConfig
else:
    _MenuItemBase = _PageBase = object


class MethodMenuItem(_MenuItemBase):
    """Mixed into a Wagtail ``MenuItem`` (``class M(MethodMenuItem, MenuItem)``): shown only to
    users who edit at least one site that enabled the method ``method_key``."""

    method_key = ""

    def is_shown(self, request: HttpRequest) -> bool:
        return super().is_shown(request) and (
            registry.sites_for_user(self.method_key, request.user).exists()
        )


def method_menu_item(menu_item_class: type[MenuItem], method_key: str) -> type[MenuItem]:
    """``menu_item_class`` gated on ``method_key``, for ``get_menu_item`` of a plugin viewset."""
    return type(
        f"{method_key.title().replace('_', '')}{menu_item_class.__name__}",
        (MethodMenuItem, menu_item_class),
        {"method_key": method_key},
    )


class MethodPageMixin(_PageBase):
    """Mixed into a plugin's page types (before the core page class): the page type can be
    created only on sites that enabled the method, and its pages answer 404 elsewhere."""

    method_key = ""

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        return super().can_create_at(parent) and registry.is_enabled(
            cls.method_key, parent.get_site()
        )

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        from django.http import Http404

        if not registry.is_enabled(self.method_key, self.get_site()):
            raise Http404
        return super().route(request, path_components)

    def method_config(self) -> MethodConfig | None:
        return registry.config_for(self.method_key, self.get_site())

    def method(self) -> ConsultationMethod | None:
        return registry.get(self.method_key)
