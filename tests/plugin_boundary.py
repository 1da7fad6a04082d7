"""The plugin import rule (docs/plugins.md): plugin sources import only ``plugin_api``,
Django, Wagtail (with modelcluster and taggit), the standard library and their own package."""

import ast
import sys

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
                module == "plugin_api"
                or root in ALLOWED_ROOTS
                or root == package
                or root in sys.stdlib_module_names
            )
            if not allowed:
                found.append(f"{source.relative_to(plugins_dir)}:{line} imports {module}")
    return found
