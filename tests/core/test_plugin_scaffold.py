"""The scaffold's plugin, built outside ``plugins/`` and pip-installed apart from the project,
works on the site that enables it and is absent from the others, with no change to core."""

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from plugin_boundary import boundary_violations

from core import plugins
from core.plugins import discovery

CHECKOUT = Path(__file__).resolve().parents[2]


def isolated_env(lib):
    """The plugin on the path of a child process only; its own SQLite test database, never
    the database of this run (a second test_<name> on PostgreSQL would clash)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["PYTHONPATH"] = str(lib)
    env["CPPCC_VAR_DIR"] = str(lib.parent / "var")
    (lib.parent / "var").mkdir(exist_ok=True)
    return env


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    root = tmp_path_factory.mktemp("county-contractor")
    call_command(
        "startplugin", "tea_talk", title="茶话协商", county="某县政协", directory=str(root)
    )
    dist = root / "cppcc-plugin-tea-talk"
    lib = root / "lib"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--target", str(lib), str(dist)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return root, dist, lib


def test_the_scaffold_writes_an_installable_distribution(installed_plugin):
    root, dist, lib = installed_plugin
    pyproject = (dist / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."cppcc.plugins"]' in pyproject
    assert 'tea_talk = "cppcc_tea_talk"' in pyproject
    for path in (
        "src/cppcc_tea_talk/apps.py",
        "src/cppcc_tea_talk/method.py",
        "src/cppcc_tea_talk/models.py",
        "src/cppcc_tea_talk/migrations/0001_initial.py",
        "src/cppcc_tea_talk/templates/tea_talk/tea_talk_page.html",
        "tests/test_tea_talk.py",
    ):
        assert (dist / path).is_file(), path
    assert (lib / "cppcc_tea_talk" / "templates" / "tea_talk" / "tea_talk_page.html").is_file()
    entry_points = next(lib.glob("cppcc_plugin_tea_talk-*.dist-info")) / "entry_points.txt"
    assert "cppcc_tea_talk" in entry_points.read_text()
    # It states the host versions it supports, and this host is one of them.
    metadata = (next(lib.glob("cppcc_plugin_tea_talk-*.dist-info")) / "METADATA").read_text()
    requires = [
        line.split(":", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    ]
    requirement = discovery.host_requirement(requires)
    assert requirement is not None and requirement.specifier.contains(plugins.HOST_VERSION)


def test_the_scaffolded_plugin_keeps_to_the_plugin_interface(installed_plugin):
    root, dist, lib = installed_plugin
    assert boundary_violations(root) == []


def test_this_process_never_saw_the_plugin(installed_plugin):
    from core.plugins import registry

    assert find_spec("cppcc_tea_talk") is None
    assert registry.get("tea_talk") is None


def test_installed_elsewhere_it_runs_on_the_enabling_site_only(installed_plugin):
    root, dist, lib = installed_plugin
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(CHECKOUT / "pyproject.toml"),
         "-p", "no:cacheprovider", "-q", str(dist / "tests")],
        cwd=CHECKOUT,
        env=isolated_env(lib),
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout


def test_its_migration_matches_its_models(installed_plugin):
    root, dist, lib = installed_plugin
    result = subprocess.run(
        [sys.executable, str(CHECKOUT / "site" / "manage.py"), "makemigrations",
         "--check", "--dry-run", "tea_talk"],
        env=isolated_env(lib),
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    "name, message",
    [
        ("Tea-Talk", "无效"),
        ("x", "无效"),
        ("class", "无效"),
        ("three_in_one", "已安装"),
    ],
)
def test_the_scaffold_refuses_a_bad_or_taken_name(name, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("startplugin", name, directory=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_the_scaffold_never_overwrites_a_plugin(tmp_path):
    (tmp_path / "cppcc-plugin-tea-talk").mkdir()
    with pytest.raises(CommandError, match="已存在"):
        call_command("startplugin", "tea_talk", directory=str(tmp_path))
