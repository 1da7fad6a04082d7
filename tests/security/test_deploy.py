"""`manage.py check --deploy` is clean under production settings with the environment
.env.example documents; HTTPS redirect and HSTS are on by default and can be turned off behind
a proxy that redirects itself. Each case runs in a fresh interpreter: settings are read once."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FERNET_KEY = "x5lqvWfqg0Zp0uUo9-bOIcmTQq0YQpD0b2u0sZx2Hmk="
PRINT = """
import json, django
from django.conf import settings
django.setup()
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_AGE", "SESSION_IDLE_TIMEOUT",
         "SESSION_EXPIRE_AT_BROWSER_CLOSE", "AXES_FAILURE_LIMIT", "X_FRAME_OPTIONS",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SILENCED_SYSTEM_CHECKS"]
values = {name: getattr(settings, name) for name in names}
values["AXES_COOLOFF_SECONDS"] = settings.AXES_COOLOFF_TIME.total_seconds()
values["frame_src"] = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
print(json.dumps(values))
"""


def documented_environment(tmp_path):
    """.env.example as an operator fills it in: its values, plus the secrets it leaves blank."""
    env = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z_]+)=(.*)$", line)
        if match:
            env[match[1]] = match[2]
    env.update(
        DJANGO_SETTINGS_MODULE="cppcc.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        PERSONAL_DATA_KEYS=FERNET_KEY,
        CPPCC_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def run(args, env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    environ.update(env, PYTHONPATH=str(ROOT / "site"))
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(tmp_path, **overrides):
    result = run(["-c", PRINT], {**documented_environment(tmp_path), **overrides})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = run(["site/manage.py", "check", "--deploy"], documented_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_warns_when_the_https_settings_are_turned_off(tmp_path):
    """The clean check above is not vacuous: the same run reports what is missing."""
    env = {
        **documented_environment(tmp_path),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    result = run(["site/manage.py", "check", "--deploy"], env)
    assert "security.W008" in result.stdout + result.stderr
    assert "security.W004" in result.stdout + result.stderr


def test_https_redirect_and_a_year_of_hsts_by_default(tmp_path):
    values = production_settings(tmp_path)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert "security.W021" in values["SILENCED_SYSTEM_CHECKS"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]


@pytest.mark.parametrize("off", ["false", "0", "no", "off", "False"])
def test_a_proxy_that_redirects_itself_can_turn_the_redirect_off(tmp_path, off):
    assert production_settings(tmp_path, SECURE_SSL_REDIRECT=off)["SECURE_SSL_REDIRECT"] is False


def test_hsts_preload_when_the_operator_asks_for_it(tmp_path):
    values = production_settings(tmp_path, SECURE_HSTS_PRELOAD="true", SECURE_HSTS_SECONDS="600")
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert "security.W021" not in values["SILENCED_SYSTEM_CHECKS"]


def test_lockout_session_and_frame_settings_come_from_the_environment(tmp_path):
    values = production_settings(
        tmp_path,
        SESSION_IDLE_MINUTES="15",
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_MINUTES="60",
        CSP_FRAME_SRC="https://v.example.cn",
    )
    assert values["SESSION_IDLE_TIMEOUT"] == values["SESSION_COOKIE_AGE"] == 15 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["AXES_FAILURE_LIMIT"] == 3
    assert values["AXES_COOLOFF_SECONDS"] == 3600
    assert values["frame_src"] == ["'self'", "https://v.example.cn"]
