"""Every third-party package the code imports is declared (and pinned) in pyproject.toml: a
package that is only installed because Wagtail happens to depend on it today disappears the
day Wagtail stops, and the installation breaks on the next deploy.

Walks every module under site/ and plugins/*/src with ast (imports inside functions too, as
import-linter does) and maps each imported top-level package to the distributions that provide
it (importlib.metadata.packages_distributions()). A plugin may also import what the host
declares: it depends on cppcc-sites."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
HOST = "cppcc-sites"


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject):
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return {normalise(Requirement(spec).name) for spec in project.get("dependencies", [])}


def pinned(pyproject):
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return {
        Requirement(spec).name: str(Requirement(spec).specifier)
        for spec in project.get("dependencies", [])
    }


def own_packages(source_root):
    return {
        path.stem
        for path in source_root.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
    }


def imported(path):
    """(line, top-level package) of every absolute import in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def source_roots():
    """(source root, distributions its modules may import, its own top-level packages)."""
    host = declared(ROOT / "pyproject.toml")
    site = ROOT / "site"
    host_packages = own_packages(site)
    yield site, host, host_packages
    for plugin in sorted((ROOT / "plugins").glob("*/pyproject.toml")):
        allowed = declared(plugin)
        src = plugin.parent / "src"
        own = own_packages(src)
        if HOST in allowed:  # the host's packages (plugin_api) and what it declares
            allowed |= host
            own |= host_packages
        yield src, allowed, own


def undeclared(root, allowed, own, providers):
    problems = []
    for path in sorted(root.rglob("*.py")):
        for line, package in imported(path):
            if package in own or package in sys.stdlib_module_names or package == "__future__":
                continue
            distributions = {normalise(d) for d in providers.get(package, [])}
            if not distributions & allowed:
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                where = f"{shown}:{line}"
                found = ", ".join(sorted(distributions)) or "no installed distribution"
                problems.append(f"{where} imports {package} ({found})")
    return problems


def test_every_imported_package_is_declared():
    providers = packages_distributions()
    problems = []
    for root, allowed, own in source_roots():
        problems += undeclared(root, allowed, own, providers)
    assert problems == [], "declare these in pyproject.toml:\n" + "\n".join(problems)


def test_installed_apps_and_middleware_come_from_declared_packages():
    """Settings name modules by string (INSTALLED_APPS, MIDDLEWARE, backends), never imported
    by a statement the walk above sees."""
    providers = packages_distributions()
    allowed = declared(ROOT / "pyproject.toml")
    own = {package for _, _, packages in source_roots() for package in packages}
    dotted = [
        *settings.INSTALLED_APPS,
        *settings.MIDDLEWARE,
        *(cache["BACKEND"] for cache in settings.CACHES.values()),
        *(backend["BACKEND"] for backend in settings.WAGTAILSEARCH_BACKENDS.values()),
        *(task["BACKEND"] for task in getattr(settings, "TASKS", {}).values()),
    ]
    problems = []
    for name in dotted:
        package = name.split(".")[0]
        if package in own or package in sys.stdlib_module_names:
            continue
        if not {normalise(d) for d in providers.get(package, [])} & allowed:
            problems.append(f"{name} ({package})")
    assert problems == []


def test_dependencies_are_pinned():
    loose = {
        name: specifier
        for name, specifier in pinned(ROOT / "pyproject.toml").items()
        if not specifier.startswith("==")
    }
    assert loose == {}


def test_the_walk_would_notice(tmp_path):
    """The check itself: an undeclared import, inside a function too, is reported."""
    module = tmp_path / "mod.py"
    module.write_text("import os\n\ndef f():\n    import treebeard.mp_tree\n")
    providers = {"treebeard": ["django-treebeard"]}
    problems = undeclared(tmp_path, {"django"}, set(), providers)
    assert len(problems) == 1 and "imports treebeard (django-treebeard)" in problems[0]
    assert undeclared(tmp_path, {"django-treebeard"}, set(), providers) == []
