"""The plugin kernel: what a county consultation method is, the registry of installed methods,
their discovery and the gates on a method being enabled per site.

It sits in ``core`` and imports no other app. Plugins do not import it directly: they import
``plugin_api``, the versioned contract built on it (docs/plugins.md). Settings import this
package (``discover_plugin_apps``), so nothing here may import models at import time.
"""

from .discovery import (
    ENTRY_POINT_GROUP,
    HOST_DISTRIBUTION,
    HOST_VERSION,
    discover_plugin_apps,
)
from .method import (
    ROLE_CHOICES,
    Checklist,
    CompositionRule,
    ConsultationMethod,
    FigureDisplay,
    FigureScope,
    FigureValue,
    MethodConfig,
    MethodFigure,
    ParticipantGroup,
    ParticipantGroupConfig,
    Step,
    composition_rule,
    participant_groups_schema,
)
from .pages import MethodMenuItem, MethodPageMixin, method_menu_item
from .registry import MethodRegistry, PluginAppConfig, load_plugin_demos, registry
from .spine import (
    COLLECT,
    DELIBERATE,
    FEEDBACK,
    IMPLEMENT,
    PARTICIPANT_ROLES,
    PUBLISH,
    RESEARCH,
    SELECT,
    SPINE,
)

__all__ = [
    "COLLECT",
    "DELIBERATE",
    "ENTRY_POINT_GROUP",
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
    "FigureDisplay",
    "FigureScope",
    "FigureValue",
    "MethodConfig",
    "MethodFigure",
    "MethodMenuItem",
    "MethodPageMixin",
    "MethodRegistry",
    "ParticipantGroup",
    "ParticipantGroupConfig",
    "PluginAppConfig",
    "Step",
    "composition_rule",
    "discover_plugin_apps",
    "load_plugin_demos",
    "method_menu_item",
    "participant_groups_schema",
    "registry",
]
