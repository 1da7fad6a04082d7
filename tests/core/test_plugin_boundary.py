"""Plugins import only ``plugin_api``, Django, Wagtail, the standard library and their own
package: never another plugin or the core apps' internals (docs/plugins.md)."""

from pathlib import Path

from plugin_boundary import boundary_violations

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"


def test_plugins_import_only_the_plugin_interface():
    assert list(PLUGINS.glob("*/src/*/*.py")), "no plugin sources found"
    assert boundary_violations(PLUGINS) == []


def test_the_rule_catches_an_import_of_core_internals(tmp_path):
    source = tmp_path / "cppcc-plugin-x" / "src" / "cppcc_x" / "models.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "from consultation.models import PlatformPage\nfrom plugin_api import Step\n"
        "from core.plugins import registry\n"
    )
    assert boundary_violations(tmp_path) == [
        "cppcc-plugin-x/src/cppcc_x/models.py:1 imports consultation.models",
        "cppcc-plugin-x/src/cppcc_x/models.py:3 imports core.plugins",
    ]
