"""Generate a county plugin distribution (``manage.py startplugin``): pyproject with the entry
point, app config, method, a page type with its migration and template, and tests. The files
come from ``plugin_template/``; ``${name}`` placeholders are filled with ``string.Template`` (the
templates themselves contain Django template syntax, left as it is)."""

import keyword
import re
from importlib.util import find_spec
from pathlib import Path
from string import Template

TEMPLATE_DIR = Path(__file__).resolve().parent / "plugin_template"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class ScaffoldError(Exception):
    pass


def wagtailcore_leaf():
    """The newest wagtailcore migration: what the page type's migration depends on."""
    from django.db.migrations.loader import MigrationLoader

    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("wagtailcore")
    return leaves[0][1]


def plugin_context(name, title="", county=""):
    if not NAME_PATTERN.match(name) or keyword.iskeyword(name) or "__" in name:
        raise ScaffoldError(
            f"插件标识“{name}”无效：须为 2–40 位小写字母、数字或下划线，以字母开头，如 bench_talk。"
        )
    from core.plugins import registry

    module = f"cppcc_{name}"
    if registry.get(name) is not None:
        raise ScaffoldError(f"已安装标识为“{name}”的协商工作法，请换一个标识。")
    if find_spec(module) is not None:
        raise ScaffoldError(f"Python 模块 {module} 已存在，请换一个标识。")
    return {
        "label": name,
        "module": module,
        "dist": f"cppcc-plugin-{name.replace('_', '-')}",
        "camel": "".join(part.capitalize() for part in name.split("_")),
        "slug": name.replace("_", "-"),
        "title": title or name,
        "county": county or "本地政协",
        "wagtailcore_leaf": wagtailcore_leaf(),
        "host_requirement": host_requirement(),
    }


def host_requirement():
    """The host range a new plugin supports: this host's major.minor up to the next minor
    (before 1.0 a minor version may break plugins), e.g. ``cppcc-sites>=0.2,<0.3``."""
    from core.plugins import HOST_DISTRIBUTION, HOST_VERSION

    major, minor = (int(part) for part in HOST_VERSION.split(".")[:2])
    upper = f"{major + 1}" if major >= 1 else f"0.{minor + 1}"
    return f"{HOST_DISTRIBUTION}>={major}.{minor},<{upper}"


def render_plugin(context, directory):
    """Write the distribution into ``directory``/<dist>; returns its path."""
    target = Path(directory) / context["dist"]
    if target.exists():
        raise ScaffoldError(f"{target} 已存在。")
    paths = {
        "__dist__": context["dist"],
        "__module__": context["module"],
        "__label__": context["label"],
    }
    for source in sorted(TEMPLATE_DIR.rglob("*-tpl")):
        relative = str(source.relative_to(TEMPLATE_DIR)).removesuffix("-tpl")
        for placeholder, value in paths.items():
            relative = relative.replace(placeholder, value)
        destination = Path(directory) / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = Template(source.read_text(encoding="utf-8")).substitute(context)
        destination.write_text(text, encoding="utf-8")
    return target
