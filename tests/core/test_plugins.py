from importlib.metadata import EntryPoint

from core import plugins


def fake_entry_points(*eps):
    def entry_points(group):
        return [ep for ep in eps if ep.group == group]

    return entry_points


def test_plugins_are_discovered_from_the_entry_point_group(monkeypatch):
    monkeypatch.setattr(
        plugins,
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
        plugins,
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
