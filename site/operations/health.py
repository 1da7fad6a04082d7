"""Health checks for load balancers, orchestrators and monitoring: ``/healthz`` (the process
answers) and ``/readyz`` (what a request needs is reachable: database, cache, search backend,
migrations applied, the background worker beating).

Cheap enough to be called every second: no template, no session, no page cache, no database
query for ``/healthz``; each check of ``/readyz`` runs in a small thread pool and is given
HEALTH_CHECK_TIMEOUT seconds, so a hung dependency makes the answer 503 in bounded time instead
of hanging the probe. The answer is never a 500: a check that raises reports its error class.

HealthCheckMiddleware, first in MIDDLEWARE, answers both paths before anything else runs, on
any host name: Django refuses a Host header that ALLOWED_HOSTS does not list (a balancer probing
by address), and the HTTPS redirect would answer a plain-HTTP probe with 301. Without the
middleware the two URLs are still routed (cppcc.urls), behind those checks.

Messages are short and name no host or address: the endpoints answer anyone who asks."""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils import timezone

logger = logging.getLogger("cppcc.health")

OK = "ok"
HEALTHZ_PATH = "/healthz"
READYZ_PATH = "/readyz"
# A check whose answer is not a failure but says it could not look (e.g. no worker heartbeat
# module installed): reported, never turns the status to "fail".
UNKNOWN_PREFIX = "unknown"

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="health")
_process_key = f"health:{uuid.uuid4().hex}"


def _timeout() -> float:
    return float(getattr(settings, "HEALTH_CHECK_TIMEOUT", 2.0))


def _error(error: BaseException) -> str:
    return f"unreachable ({type(error).__name__})"


# The checks: each returns OK or a short message, or raises. -------------------------------


def _uses_database(check: Callable[[], str]) -> Callable[[], str]:
    """Runs ``check`` in the pool thread as a request would use the database: a connection
    past its CONN_MAX_AGE (or broken) is replaced before and closed after."""

    @functools.wraps(check)
    def run() -> str:
        connection = connections[DEFAULT_DB_ALIAS]
        connection.close_if_unusable_or_obsolete()
        try:
            return check()
        finally:
            connection.close_if_unusable_or_obsolete()

    return run


@_uses_database
def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_cache() -> str:
    """Writes a value and reads it back: the production cache turns an unreachable Redis into
    a miss (core.cache), so only a round trip tells."""
    token = uuid.uuid4().hex
    cache.set(_process_key, token, 30)
    if cache.get(_process_key) != token:
        return "unreachable"
    return OK


def search_backend_is_database() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return "elasticsearch" not in backend


def check_search() -> str:
    """Elasticsearch answers a ping; the database backend is reachable when the database is
    (run_checks reports it with the database's answer)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    client = backend.es
    if not client.options(request_timeout=_timeout()).ping():
        return "unreachable"
    return OK


class _MigrationState:
    """Whether every migration is applied, remembered for the life of the process once true
    (a deploy migrates before it starts the new code); a false answer is asked again after a
    few seconds, not on every probe (loading the migration graph takes a while)."""

    retry_seconds = 5.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.applied = False
        self.last: tuple[float, str] | None = None

    def reset(self) -> None:
        with self.lock:
            self.applied = False
            self.last = None


migration_state = _MigrationState()


@_uses_database
def check_migrations() -> str:
    if migration_state.applied:
        return OK
    with migration_state.lock:
        last = migration_state.last
        if last is not None and time.monotonic() - last[0] < migration_state.retry_seconds:
            return last[1]
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        answer = OK if not plan else f"{len(plan)} migrations not applied"
        migration_state.applied = not plan
        migration_state.last = (time.monotonic(), answer)
        return answer


WORKER_HEARTBEAT = "worker"


@_uses_database
def check_worker() -> str:
    """The background worker's last heartbeat (operations.heartbeat) is at most
    HEALTH_WORKER_MAX_AGE seconds old."""
    try:
        from operations.heartbeat import last_beat
    except ImportError:
        return f"{UNKNOWN_PREFIX} (no heartbeat module)"
    beat = last_beat(WORKER_HEARTBEAT)
    if beat is None:
        return "no heartbeat"
    if isinstance(beat, datetime):
        age = (timezone.now() - beat).total_seconds()
    else:
        age = time.time() - float(beat)
    max_age = float(getattr(settings, "HEALTH_WORKER_MAX_AGE", 180))
    if age > max_age:
        return f"last heartbeat {int(age)} s ago"
    return OK


def readiness_checks() -> dict[str, Callable[[], str]]:
    checks: dict[str, Callable[[], str]] = {
        "database": check_database,
        "cache": check_cache,
        "migrations": check_migrations,
        "worker": check_worker,
    }
    if not search_backend_is_database():
        checks["search"] = check_search
    return checks


# Running them ------------------------------------------------------------------------------


def _guarded(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception as error:  # noqa: BLE001 - a probe reports, it never raises
        logger.warning("readiness check %s failed", name, exc_info=True)
        return _error(error)


def run_checks(checks: dict[str, Callable[[], str]], timeout: float | None = None) -> dict:
    """Every check at once in the pool; one that has not answered within ``timeout`` seconds
    (counted from the start, not per check) reports "timeout"."""
    timeout = _timeout() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    futures = {name: _pool.submit(_guarded, name, check) for name, check in checks.items()}
    results: dict[str, str] = {}
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            future.cancel()  # not started yet (the pool is busy with hung checks): never start
            results[name] = "timeout"
        except Exception as error:  # noqa: BLE001
            results[name] = _error(error)
    if "search" not in checks and "database" in results:
        # Wagtail's database search backend: reachable when the database is.
        results["search"] = results["database"]
    return results


def is_failure(answer: str) -> bool:
    return answer != OK and not answer.startswith(UNKNOWN_PREFIX)


def _json(body: dict, status: int) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, sort_keys=True),
        content_type="application/json",
        status=status,
    )
    # Never stored by the page cache, a proxy or the balancer.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz(request) -> HttpResponse:
    """The process is alive and answers requests. No database, no cache."""
    return _json({"status": "ok", "checks": {}}, 200)


def readyz(request) -> HttpResponse:
    """200 when every dependency answers, 503 naming the ones that do not. ``?skip=worker``
    (comma-separated names) leaves checks out, e.g. for a balancer that must not take every app
    server out of rotation because the worker is down."""
    try:
        checks = readiness_checks()
        skip = {name.strip() for name in request.GET.get("skip", "").split(",")}
        checks = {name: check for name, check in checks.items() if name not in skip}
        results = run_checks(checks)
        for name in skip & {"search"}:
            results.pop(name, None)
        failed = any(is_failure(answer) for answer in results.values())
        status = "fail" if failed else "ok"
        return _json({"status": status, "checks": results}, 503 if failed else 200)
    except Exception as error:  # noqa: BLE001 - a probe reports, it never raises
        logger.warning("readiness probe failed", exc_info=True)
        return _json({"status": "fail", "checks": {"probe": _error(error)}}, 503)


VIEWS = {HEALTHZ_PATH: healthz, READYZ_PATH: readyz}


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers /healthz and /readyz (GET or HEAD) on any host name, before
    host validation, the HTTPS redirect, sessions and the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = VIEWS.get(request.path_info.rstrip("/"))
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
