"""/healthz and /readyz: a short JSON answer, 200 or 503 naming what is down, on any host, never
from the page cache, never a 500, in bounded time."""

import json
import sys
import threading
import time
import types
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from cppcc.settings.base import redis_cache_settings
from operations import health

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def client():
    # An address ALLOWED_HOSTS would never list: a balancer probing an app server directly.
    return Client(HTTP_HOST="10.0.0.7:8000")


@pytest.fixture(autouse=True)
def _fresh_migration_state():
    health.migration_state.reset()
    yield
    health.migration_state.reset()


@pytest.fixture
def heartbeat(monkeypatch):
    """A stand-in for operations.heartbeat whose last beat the test sets."""
    module = types.ModuleType("operations.heartbeat")
    module.beats = {"worker": timezone.now()}
    module.last_beat = lambda name: module.beats.get(name)
    monkeypatch.setitem(sys.modules, "operations.heartbeat", module)
    return module


def answer(response):
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


@pytest.mark.django_db
def test_healthz_answers_on_any_host_without_the_database(
    client, settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["pingliang.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert answer(response) == {"status": "ok", "checks": {}}
    assert "Set-Cookie" not in response


def test_healthz_needs_no_database_at_all(client):
    """Not even a connection: this test has no database access (pytest-django would raise)."""
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_ok(client, settings, heartbeat):
    settings.ALLOWED_HOSTS = ["pingliang.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/readyz")
    body = answer(response)
    assert response.status_code == 200, body
    assert body == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "search": "ok",
            "migrations": "ok",
            "worker": "ok",
        },
    }
    assert client.head("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_names_a_failing_cache(client, settings, heartbeat):
    settings.CACHES = redis_cache_settings(CLOSED_PORT, client_class="failing_cache.FailingClient")
    response = client.get("/readyz")
    body = answer(response)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["cache"] == "unreachable"
    assert body["checks"]["database"] == "ok"
    # No host or address in what anyone may read.
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_names_an_unreachable_redis(client, settings, heartbeat):
    settings.CACHES = redis_cache_settings(CLOSED_PORT)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert answer(response)["checks"]["cache"] == "unreachable"


@pytest.mark.django_db
def test_readyz_is_not_served_from_the_page_cache(client, settings, heartbeat):
    assert client.get("/readyz").status_code == 200
    settings.CACHES = redis_cache_settings(CLOSED_PORT, client_class="failing_cache.FailingClient")
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_a_stale_or_missing_worker_heartbeat_fails_unless_skipped(client, settings, heartbeat):
    settings.HEALTH_WORKER_MAX_AGE = 60
    heartbeat.beats["worker"] = timezone.now() - timedelta(seconds=300)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert answer(response)["checks"]["worker"].startswith("last heartbeat 30")

    heartbeat.beats.clear()
    assert answer(client.get("/readyz"))["checks"]["worker"] == "no heartbeat"

    response = client.get("/readyz?skip=worker")
    assert response.status_code == 200
    assert "worker" not in answer(response)["checks"]


@pytest.mark.django_db
def test_without_a_heartbeat_module_the_worker_is_unknown_not_failed(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "operations.heartbeat", None)  # import raises ImportError
    response = client.get("/readyz")
    assert response.status_code == 200
    assert answer(response)["checks"]["worker"].startswith("unknown")


@pytest.mark.django_db
def test_unapplied_migrations_fail_and_an_applied_state_is_remembered(
    client, monkeypatch, heartbeat
):
    from django.db.migrations.executor import MigrationExecutor

    plan = [("a migration", False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: plan)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert answer(response)["checks"]["migrations"] == "1 migrations not applied"

    health.migration_state.reset()
    plan.clear()
    assert client.get("/readyz").status_code == 200
    calls = []
    monkeypatch.setattr(MigrationExecutor, "__init__", lambda *a, **k: calls.append(a))
    assert client.get("/readyz").status_code == 200
    assert calls == []  # remembered for the process: the graph is not loaded again


@pytest.mark.django_db
def test_a_hung_check_answers_timeout_in_bounded_time(client, settings, monkeypatch, heartbeat):
    settings.HEALTH_CHECK_TIMEOUT = 0.3
    release = threading.Event()

    def hung():
        release.wait(5)
        return "ok"

    monkeypatch.setattr(health, "check_cache", hung)
    started = time.monotonic()
    response = client.get("/readyz")
    release.set()
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert answer(response)["checks"]["cache"] == "timeout"


@pytest.mark.django_db
def test_a_check_that_raises_is_reported_not_a_500(client, monkeypatch, heartbeat):
    def broken():
        raise RuntimeError("secret details at 10.1.2.3")

    monkeypatch.setattr(health, "check_cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert answer(response)["checks"]["cache"] == "unreachable (RuntimeError)"
    assert "10.1.2.3" not in response.content.decode()


def test_elasticsearch_is_pinged_when_configured(settings, monkeypatch):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://x"]}
    }
    pinged = []

    class Client:
        def options(self, **kwargs):
            pinged.append(kwargs)
            return self

        def ping(self):
            return False

    backend = types.SimpleNamespace(es=Client())
    monkeypatch.setattr("wagtail.search.backends.get_search_backend", lambda: backend)
    assert "search" in health.readiness_checks()
    assert health.check_search() == "unreachable"
    assert pinged and pinged[0]["request_timeout"] > 0


@pytest.mark.django_db
def test_the_url_routes_answer_too(settings, heartbeat):
    """Without the middleware (a settings file that leaves it out) the URLs still answer."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "HealthCheck" not in m]
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert connection.vendor  # the database stayed usable


@pytest.mark.django_db(transaction=True)
def test_readyz_reads_the_workers_heartbeat(client):
    """Committed: the checks run on their own connections (SQLite would see the table locked
    by the test's open transaction)."""
    heartbeat = pytest.importorskip("operations.heartbeat")
    assert answer(client.get("/readyz"))["checks"]["worker"] == "no heartbeat"
    heartbeat.beat(heartbeat.WORKER)
    response = client.get("/readyz")
    assert response.status_code == 200, answer(response)
