"""The plugin interface (county consultation methods).

A county plugin is a Django app shipped in its own distribution and published under the
entry-point group ``cppcc.plugins``; settings append every such module to INSTALLED_APPS
(as pretix does). This module is imported by settings, so it must not import models.
"""

from importlib.metadata import entry_points

from django.apps import AppConfig

ENTRY_POINT_GROUP = "cppcc.plugins"


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


class PluginAppConfig(AppConfig):
    """Base AppConfig of a county plugin; ``method`` names its ConsultationMethod class."""

    method = None
    default_auto_field = "django.db.models.BigAutoField"
