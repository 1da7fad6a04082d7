"""Settings come from the environment; production refuses to start without its secrets.

Each case imports the settings in a fresh interpreter, since settings are read once."""

import json
import os
import subprocess
import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parents[2] / "site"
SECRET = "x" * 50
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
    "debug": settings.DEBUG,
    "static_root": str(settings.STATIC_ROOT),
    "media_root": str(settings.MEDIA_ROOT),
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "conn_health_checks": settings.DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
}))
"""
CLEARED = [
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "CPPCC_VAR_DIR",
    "PERSONAL_DATA_KEYS",
    "DATABASE_CONN_MAX_AGE",
]
FERNET_KEY = "x5lqvWfqg0Zp0uUo9-bOIcmTQq0YQpD0b2u0sZx2Hmk="


def run_settings(module, **env):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(env, DJANGO_SETTINGS_MODULE=module, PYTHONPATH=str(SITE_DIR))
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=SITE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def load(module, **env):
    result = run_settings(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("cppcc.settings.production", ALLOWED_HOSTS="zx.example.cn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_settings(
        "cppcc.settings.production", DJANGO_SECRET_KEY="short", ALLOWED_HOSTS="zx.example.cn"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("cppcc.settings.production", DJANGO_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_settings(
        "cppcc.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS="zx.example.cn",
        PERSONAL_DATA_KEYS=FERNET_KEY,
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_production_refuses_to_start_without_personal_data_keys():
    result = run_settings(
        "cppcc.settings.production", DJANGO_SECRET_KEY=SECRET, ALLOWED_HOSTS="zx.example.cn"
    )
    assert result.returncode != 0
    assert "PERSONAL_DATA_KEYS" in result.stderr


def test_production_starts_with_its_secrets(tmp_path):
    values = load(
        "cppcc.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS="zx.example.cn",
        PERSONAL_DATA_KEYS=FERNET_KEY,
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert values["debug"] is False
    # Database connections are kept between requests (and checked before reuse).
    assert (values["conn_max_age"], values["conn_health_checks"]) == (60, True)


def test_unset_database_url_means_a_sqlite_file_under_var(tmp_path):
    values = load("cppcc.settings.dev", CPPCC_VAR_DIR=str(tmp_path))
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(tmp_path / "db.sqlite3")


def test_database_url_selects_postgresql():
    values = load("cppcc.settings.dev", DATABASE_URL="postgres://u@db.internal:5432/cppcc")
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "cppcc"


def test_cache_is_local_memory_without_redis_url_and_redis_with_it():
    assert load("cppcc.settings.dev")["cache"].endswith("LocMemCache")
    values = load("cppcc.settings.dev", REDIS_URL="redis://127.0.0.1:6379/3")
    assert values["cache"] == "core.cache.RedisCache"  # django-redis, failures read as misses


def test_search_uses_the_database_without_elasticsearch_url():
    assert load("cppcc.settings.dev")["search"] == "wagtail.search.backends.database"


def test_elasticsearch_url_selects_the_elasticsearch8_backend():
    values = load("cppcc.settings.dev", ELASTICSEARCH_URL="http://es1:9200,http://es2:9200")
    assert values["search"] == "wagtail.search.backends.elasticsearch8"
    assert values["search_urls"] == ["http://es1:9200", "http://es2:9200"]


def test_media_and_static_roots_come_from_the_environment(tmp_path):
    values = load(
        "cppcc.settings.dev", STATIC_ROOT=str(tmp_path / "s"), MEDIA_ROOT=str(tmp_path / "m")
    )
    assert values["static_root"] == str(tmp_path / "s")
    assert values["media_root"] == str(tmp_path / "m")


def test_the_sites_speak_chinese_in_shanghai_time():
    values = load("cppcc.settings.dev")
    assert (values["language"], values["tz"]) == ("zh-hans", "Asia/Shanghai")


def test_env_example_documents_every_variable_the_settings_read():
    settings_dir = SITE_DIR / "cppcc" / "settings"
    source = "".join(p.read_text() for p in settings_dir.glob("*.py"))
    import re

    read = set(re.findall(r'(?:environ\.get|env_list)\(\s*"([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (SITE_DIR.parent / ".env.example").read_text(), re.M)
    )
    assert read and read <= documented, f"undocumented: {sorted(read - documented)}"
