"""Gates on a method being enabled: admin menu items and page types of a plugin show only on
the committee sites that enabled its method."""

from .registry import registry


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
