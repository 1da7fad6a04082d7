import tomllib
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import plugin_api
from core import plugins
from core.plugins import discovery

ROOT = Path(__file__).resolve().parents[2]


def fake_entry_points(*eps):
    def entry_points(group):
        return [ep for ep in eps if ep.group == group]

    return entry_points


def test_plugins_are_discovered_from_the_entry_point_group(monkeypatch):
    monkeypatch.setattr(
        discovery,
        "entry_points",
        fake_entry_points(
            EntryPoint("three_in_one", "cppcc_three_in_one", plugins.ENTRY_POINT_GROUP),
            EntryPoint("bench", "cppcc_bench", plugins.ENTRY_POINT_GROUP),
            EntryPoint("other", "unrelated_module", "console_scripts"),
        ),
    )
    assert plugins.discover_plugin_apps() == ["cppcc_bench", "cppcc_three_in_one"]


def test_excluded_plugins_are_left_out_by_name_or_module(monkeypatch):
    monkeypatch.setattr(
        discovery,
        "entry_points",
        fake_entry_points(
            EntryPoint("three_in_one", "cppcc_three_in_one", plugins.ENTRY_POINT_GROUP),
            EntryPoint("bench", "cppcc_bench", plugins.ENTRY_POINT_GROUP),
            EntryPoint("luzhou", "cppcc_luzhou", plugins.ENTRY_POINT_GROUP),
        ),
    )
    assert plugins.discover_plugin_apps(exclude=["bench", "cppcc_luzhou"]) == ["cppcc_three_in_one"]


def test_installed_apps_include_every_discovered_plugin(settings):
    from django.conf import settings as live

    assert set(live.PLUGIN_APPS) <= set(live.INSTALLED_APPS)
    assert live.PLUGIN_APPS == plugins.discover_plugin_apps(exclude=live.CPPCC_PLUGINS_EXCLUDE)


class FakeDistribution:
    """Just what start-up reads of an installed plugin's metadata."""

    def __init__(self, name, requires, version="1.0.0"):
        self.metadata = {"Name": name}
        self.version = version
        self.requires = requires


def installed(name, module, requires):
    ep = EntryPoint(name, module, plugins.ENTRY_POINT_GROUP)
    return ep._for(FakeDistribution(f"cppcc-plugin-{name}", requires))


def test_a_plugin_for_another_host_version_is_refused_at_start_up_by_name(monkeypatch):
    monkeypatch.setattr(
        discovery,
        "entry_points",
        fake_entry_points(
            installed("good", "cppcc_good", [f"cppcc-sites>={plugins.HOST_VERSION}"]),
            installed("old", "cppcc_old", ["cppcc-sites<0.1", "jsonschema"]),
            installed("silent", "cppcc_silent", ["jsonschema>=4"]),
        ),
    )
    with pytest.raises(ImproperlyConfigured) as refused:
        discovery.discover_plugin_apps()
    message = str(refused.value)
    assert "cppcc-plugin-old 1.0.0" in message and f"当前主程序为 {plugins.HOST_VERSION}" in message
    assert "cppcc-plugin-silent" in message and "未声明支持的主程序版本" in message
    assert "cppcc-plugin-good" not in message


def test_an_excluded_incompatible_plugin_does_not_stop_start_up(monkeypatch):
    monkeypatch.setattr(
        discovery,
        "entry_points",
        fake_entry_points(
            installed("good", "cppcc_good", ["cppcc-sites>=0.1,<99"]),
            installed("old", "cppcc_old", ["cppcc-sites<0.1"]),
        ),
    )
    assert discovery.discover_plugin_apps(exclude=["old"]) == ["cppcc_good"]


def test_the_host_version_is_the_distribution_version_and_names_the_api_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == plugins.HOST_DISTRIBUTION
    assert project["version"] == plugins.HOST_VERSION
    assert plugin_api.API_VERSION == ".".join(plugins.HOST_VERSION.split(".")[:2])


@pytest.mark.parametrize("pyproject", sorted((ROOT / "plugins").glob("*/pyproject.toml")))
def test_every_bundled_plugin_states_a_host_range_that_includes_this_host(pyproject):
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    requirement = discovery.host_requirement(dependencies)
    assert requirement is not None, f"{pyproject} states no host versions"
    assert requirement.specifier.contains(plugins.HOST_VERSION)
