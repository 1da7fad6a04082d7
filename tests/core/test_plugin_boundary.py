"""Plugins import only ``core.plugins``, Django, Wagtail, the standard library and their own
package: never another plugin or the core apps' internals (ARCHITECTURE.md)."""

import ast
import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
ALLOWED_ROOTS = {"django", "wagtail", "modelcluster", "taggit"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def boundary_violations(plugins_dir):
    found = []
    for source in sorted(plugins_dir.glob("*/src/*/**/*.py")):
        package = source.relative_to(plugins_dir).parts[2]
        for line, module in imported_modules(source):
            root = module.split(".")[0]
            allowed = (
                module == "core.plugins"
                or root in ALLOWED_ROOTS
                or root == package
                or root in sys.stdlib_module_names
            )
            if not allowed:
                found.append(f"{source.relative_to(plugins_dir)}:{line} imports {module}")
    return found


def test_plugins_import_only_the_plugin_interface():
    assert list(PLUGINS.glob("*/src/*/*.py")), "no plugin sources found"
    assert boundary_violations(PLUGINS) == []


def test_the_rule_catches_an_import_of_core_internals(tmp_path):
    source = tmp_path / "cppcc-plugin-x" / "src" / "cppcc_x" / "models.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "from consultation.models import PlatformPage\nfrom core.plugins import Step\n"
    )
    assert boundary_violations(tmp_path) == [
        "cppcc-plugin-x/src/cppcc_x/models.py:1 imports consultation.models"
    ]
