"""Finding the installed plugins (entry-point group ``cppcc.plugins``, as pretix does) and
refusing, before Django starts, one that was not made for this host version.

A plugin states the host versions it supports as a dependency on the host distribution in its
``pyproject.toml`` (``dependencies = ["cppcc-sites>=0.2,<0.3"]``). pip checks it when the plugin
is installed, but not when the host is upgraded under an installed plugin; this check does, on
every start, so that an incompatible plugin is named instead of failing somewhere inside."""

from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

from django.core.exceptions import ImproperlyConfigured
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ENTRY_POINT_GROUP = "cppcc.plugins"
HOST_DISTRIBUTION = "cppcc-sites"
# The host's version (pyproject.toml's [project] version; a test keeps the two equal). Its
# major.minor is the plugin API version (plugin_api.API_VERSION): a change that breaks plugins
# moves it on.
HOST_VERSION = "0.2.0"


def discover_plugin_apps(exclude: Iterable[str] = ()) -> list[str]:
    """Module names of the installed plugins, sorted, minus the excluded ones (by entry-point
    name or module name). Raises ImproperlyConfigured naming any plugin that does not support
    this host version."""
    excluded = set(exclude)
    found = [
        ep
        for ep in entry_points(group=ENTRY_POINT_GROUP)
        if ep.name not in excluded and ep.value not in excluded
    ]
    problems = [problem for ep in found if (problem := incompatibility(ep))]
    if problems:
        raise ImproperlyConfigured(
            "以下插件不支持当前主程序版本，已拒绝启动（升级插件，或在 CPPCC_PLUGINS_EXCLUDE "
            "中排除它）：\n" + "\n".join(problems)
        )
    return sorted({ep.value for ep in found})


def host_requirement(requires: Iterable[str] | None) -> Requirement | None:
    """The plugin's requirement on the host distribution, from its metadata's Requires-Dist
    lines (None if it states none)."""
    for line in requires or ():
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if canonicalize_name(requirement.name) == HOST_DISTRIBUTION:
            return requirement
    return None


def incompatibility(ep: EntryPoint, host_version: str = HOST_VERSION) -> str:
    """Why the plugin behind entry point ``ep`` cannot run on this host ("" if it can)."""
    dist = ep.dist
    if dist is None:  # an entry point not installed from a distribution (tests)
        return ""
    name = f"{dist.metadata['Name']} {dist.version}（入口 {ep.name} = {ep.value}）"
    requirement = host_requirement(dist.requires)
    if requirement is None:
        return f"{name}：未声明支持的主程序版本（pyproject.toml 中应有 {HOST_DISTRIBUTION}>=…,<…）"
    if not requirement.specifier.contains(Version(host_version), prereleases=True):
        return (
            f"{name}：支持 {HOST_DISTRIBUTION}{requirement.specifier}，当前主程序为 {host_version}"
        )
    return ""
