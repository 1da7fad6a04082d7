"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium, never a
downloaded browser) against a live server holding the demo content, with axe-core (npm, in
tests/browser/node_modules) for the accessibility checks.

Skipped, with the reason, when Chromium, axe-core or Playwright is missing: `apt-get install
chromium fonts-noto-cjk` (done by .ci/run) and `make browser-deps` bring them.

The demo takes several seconds to load, so it is loaded once for the whole package into the test
database, served by one live server, and flushed when the package is done (as pytest-django does
after a transactional test). The tests only talk to it through the browser.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from builders import ensure_wagtail_root

from .helpers import DESKTOP, HERE, PHONE, SCREENSHOTS, chromium, missing, new_context

# The database the settings name, before pytest-django swaps in the test database's name.
CONFIGURED_DB_NAME = settings.DATABASES["default"]["NAME"]


def pytest_collection_modifyitems(config, items):
    reason = missing()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"browser tests: {reason}")
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root():
    """The demo's images live in the package's media directory (see demo_server): keep it, rather
    than the per-test one tests/conftest.py sets."""


def restore_initial_data():
    ensure_wagtail_root()


@pytest.fixture(scope="package")
def demo_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """A live server (127.0.0.1, free port) over the test database with the demo loaded for it.

    Returns ``url(slug, path="/")`` → ``http://<slug>.localhost:<port><path>``; Chromium resolves
    every ``*.localhost`` name to the loopback, and Wagtail picks the site by host and port.

    The tests carry no django_db mark, so that pytest-django neither flushes the demo after each
    test nor wraps it in a transaction the server cannot see; they run after every test that uses
    the database, and when they are the only ones selected, the test database is created here."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.live_server_helper import LiveServer

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("browser-media"))
    media.enable()
    with django_db_blocker.unblock():
        created = None
        if connection.settings_dict["NAME"] == CONFIGURED_DB_NAME:
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        restore_initial_data()
        server = LiveServer("127.0.0.1")
        port = server.thread.port
        try:
            call_command("load_demo", "--port", str(port), stdout=io.StringIO())
            yield lambda slug, path="/": f"http://{slug}.localhost:{port}{path}"
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            if created is not None:
                teardown_databases(created, verbosity=0)
            media.disable()


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium, headless, for the package (helpers.chromium)."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def phone(browser):
    """A fresh page (no cookies) in a phone-sized viewport, 390×844."""
    context = new_context(browser, PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = new_context(browser, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def shot(request):
    """``shot(page, step)`` saves var/screenshots/<test>-<step>.png: what the viewport shows, or
    the whole page with ``full_page=True``. <test> is the module's name without test_, then the
    parameters if any (citizen-search.png, accessibility-home-elder-page.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = request.module.__name__.rpartition(".")[2].removeprefix("test_")
    if hasattr(request.node, "callspec"):
        test += "-" + request.node.callspec.id

    def take(page, step, full_page=False):
        path = SCREENSHOTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
