"""With the cache down, every public page kind still answers normally (rendered, not served from
the cache), a citizen's topic is still accepted, editors still log in; the outage is logged once
per interval; a request for an unknown host is refused without a cache traceback.

The whole cache backend is swapped through settings, so that every caller meets it (Wagtail's
site lookup, django-ratelimit, the page, figure and search caches), in two ways: the production
backend against a closed port (what an unreachable Redis looks like), and the production backend
over a client that fails every call with an error django-redis does not know
(tests/failing_cache.py), which proves that no path reaches past core.cache."""

import logging
import re
import socket
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils.html import escape
from wagtail.models import Page, Site

from core.cache import Circuit
from core.models import CommitteeSettings
from cppcc.settings.base import redis_cache_settings

from ..topics.helpers import form_data

CLOSED_PORT = "redis://127.0.0.1:1/0"
OUTAGES = {
    "closed-port": redis_cache_settings(CLOSED_PORT),
    "failing-client": redis_cache_settings(CLOSED_PORT, client_class="failing_cache.FailingClient"),
}
DEMO_PASSWORD = "cppcc-demo-2026"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back, and the
    public URLs of each kind found in it (while the cache still works)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        yield public_urls()
        transaction.set_rollback(True)
    cache.clear()


def host(site):
    return f"{site.hostname}:{site.port}"


def first_page(model_name, site=None):
    pages = Page.objects.live().public().filter(content_type__model=model_name.lower())
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    page = pages.order_by("path").first()
    assert page is not None, f"the demo has no live {model_name}"
    return page.specific


def on(page):
    """(host, path) of a page on its own site."""
    site_id, root, path = page.get_url_parts()
    site = Site.objects.get(pk=site_id)
    return host(site), path


def case(page, suffix="", status=200, text=None):
    where, path = on(page)
    return SimpleNamespace(host=where, path=path + suffix, status=status, text=text or page.title)


def public_urls():
    prefecture = Site.objects.get(is_default_site=True)
    county = CommitteeSettings.objects.filter(parent_site=prefecture).first().site
    news_index = first_page("NewsIndexPage", prefecture)
    report = first_page("NewsPage", prefecture)
    meeting_type = report.meeting_type.slug
    activity_index = first_page("ActivityIndexPage", Site.objects.get(hostname__startswith="jia"))
    where, index_path = on(activity_index)
    listing = Client().get(index_path, HTTP_HOST=where).content.decode()
    activity_path = re.search(rf'href="({re.escape(index_path)}\d+/)"', listing).group(1)
    p = host(prefecture)
    urls = {
        "home-prefecture": case(prefecture.root_page.specific),
        "home-county": case(county.root_page.specific),
        "news-index": case(news_index),
        "news-index-filtered": case(news_index, f"?type={meeting_type}"),
        "report": case(report),
        "member-index": case(first_page("MemberIndexPage")),
        "member": case(first_page("MemberPage")),
        "platform-index": case(first_page("PlatformIndexPage")),
        "platform": case(first_page("PlatformPage")),
        "six-haves-board": case(first_page("PlatformIndexPage"), "liuyou/", text="六有"),
        "activity-index": case(activity_index),
        "activity": SimpleNamespace(host=where, path=activity_path, status=200, text="协商"),
        "case-study-index": case(first_page("CaseStudyIndexPage")),
        "case-study": case(first_page("CaseStudyPage")),
        "topic-form": case(first_page("TopicSubmissionPage", county)),
        "receipt-lookup": case(
            first_page("TopicSubmissionPage", county), "receipt/", text="回执码"
        ),
        "figures": SimpleNamespace(host=p, path="/figures/", status=200, text="协商活动"),
        "figure-records": SimpleNamespace(
            host=p, path="/figures/activities/", status=200, text="协商活动"
        ),
        "figures-xlsx": SimpleNamespace(host=p, path="/figures/export.xlsx", status=200, text="PK"),
        "figures-csv": SimpleNamespace(
            host=p, path="/figures/export.csv", status=200, text="协商活动（场次）"
        ),
        "search": SimpleNamespace(host=p, path="/search/?q=协商", status=200, text="<mark"),
        "search-json": SimpleNamespace(
            host=p, path="/search/?q=协商&format=json", status=200, text='"results"'
        ),
        "feed-rss": SimpleNamespace(host=p, path="/feeds/rss/", status=200, text=report.title),
        "feed-atom": SimpleNamespace(host=p, path="/feeds/atom/", status=200, text=report.title),
        "feed-meeting-type": SimpleNamespace(
            host=p, path=f"/feeds/{meeting_type}/rss/", status=200, text=report.title
        ),
        "sitemap-xml": SimpleNamespace(
            host=p, path="/sitemap.xml", status=200, text=report.full_url
        ),
        "robots-txt": SimpleNamespace(host=p, path="/robots.txt", status=200, text="Sitemap:"),
        "site-map-page": SimpleNamespace(host=p, path="/sitemap/", status=200, text="网站地图"),
        "preferences": SimpleNamespace(
            host=p, path="/preferences/?elder=1&next=/news/", status=302, text=""
        ),
        "not-found": SimpleNamespace(host=p, path="/no-such-page/", status=404, text="页面未找到"),
    }
    # Every other page type with a live page in the demo: the plugins' pages among them.
    named = {
        "HomePage",
        "NewsIndexPage",
        "NewsPage",
        "MemberIndexPage",
        "MemberPage",
        "PlatformIndexPage",
        "PlatformPage",
        "ActivityIndexPage",
        "CaseStudyIndexPage",
        "CaseStudyPage",
        "TopicSubmissionPage",
    }
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        kind = type(page).__name__
        if kind not in named:
            named.add(kind)
            urls[f"page-{kind}"] = case(page)
    return urls


KINDS = [
    "home-prefecture",
    "home-county",
    "news-index",
    "news-index-filtered",
    "report",
    "member-index",
    "member",
    "platform-index",
    "platform",
    "six-haves-board",
    "activity-index",
    "activity",
    "case-study-index",
    "case-study",
    "topic-form",
    "receipt-lookup",
    "figures",
    "figure-records",
    "figures-xlsx",
    "figures-csv",
    "search",
    "search-json",
    "feed-rss",
    "feed-atom",
    "feed-meeting-type",
    "sitemap-xml",
    "robots-txt",
    "site-map-page",
    "preferences",
    "not-found",
]


def check(client, url):
    """Twice: both times rendered with real content, never served from the cache."""
    for _ in range(2):
        response = client.get(url.path, HTTP_HOST=url.host)
        assert response.status_code == url.status, (url.path, response.status_code)
        assert response.get("X-Page-Cache") != "hit", url.path
        body = b"".join(response) if response.streaming else response.content
        if url.text:
            assert escape(url.text).encode() in body or url.text.encode() in body, url.path


@pytest.fixture(params=sorted(OUTAGES))
def outage(request):
    """The closed port as production runs it; the failing client with every call attempted (no
    circuit breaker), so that each of them fails in a way django-redis does not know."""
    retry = 0 if request.param == "failing-client" else 5
    with override_settings(CACHES=OUTAGES[request.param], CACHE_OUTAGE_RETRY_SECONDS=retry):
        yield request.param


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_every_public_page_kind_answers_with_the_cache_down(demo, outage, client, kind):
    check(client, demo[kind])


@pytest.mark.django_db
def test_every_page_type_in_the_demo_answers_with_the_cache_down(demo, outage, client):
    pages = {kind: url for kind, url in demo.items() if kind.startswith("page-")}
    # Among them the county plugins' pages (三位一体, 板凳协商会, 有事来协商).
    plugins = {"page-ThreeInOnePage", "page-BenchMeetingPage", "page-CoverageReportPage"}
    assert plugins <= set(pages), sorted(pages)
    for url in pages.values():
        check(client, url)


@pytest.mark.django_db
def test_a_citizens_topic_is_accepted_and_its_receipt_shown_with_the_cache_down(
    demo, outage, client
):
    form = demo["topic-form"]
    response = client.post(form.path, form_data(), HTTP_HOST=form.host)
    assert response.status_code == 302, response.status_code
    assert response["Location"].endswith("thanks/")
    thanks = client.get(response["Location"], HTTP_HOST=form.host)
    assert thanks.status_code == 200
    code = re.search(rb'class="receipt-code"[^>]*>([^<]+)<', thanks.content).group(1).decode()
    receipt = client.get(f"{form.path}receipt/{code}/", HTTP_HOST=form.host)
    assert receipt.status_code == 200
    assert "小区停车难" in receipt.content.decode()


@pytest.mark.django_db
def test_an_editor_logs_in_and_sees_the_dashboard_with_the_cache_down(demo, outage, client):
    where = demo["home-prefecture"].host
    response = client.post(
        "/admin/login/", {"username": "admin", "password": DEMO_PASSWORD}, HTTP_HOST=where
    )
    assert response.status_code == 302, response.status_code
    dashboard = client.get("/admin/", HTTP_HOST=where)
    assert dashboard.status_code == 200  # not the redirect to the login form
    assert dashboard.wsgi_request.user.username == "admin"


@pytest.mark.django_db
def test_an_outage_is_logged_once_per_interval_not_per_request(demo, client, caplog, settings):
    """Dozens of failing cache calls in ten requests (each one tried: no circuit breaker): one
    record; the next interval's record says how many were held back."""
    settings.CACHE_OUTAGE_LOG_SECONDS = 60
    settings.CACHE_OUTAGE_RETRY_SECONDS = 0
    home = demo["home-prefecture"]
    clock = SimpleNamespace(now=10.0**9)  # later than any record an earlier test let through
    with (
        override_settings(CACHES=OUTAGES["closed-port"]),
        mock.patch("core.cache.time.monotonic", lambda: clock.now),
        caplog.at_level(logging.WARNING),
    ):
        for _ in range(10):
            assert client.get(home.path, HTTP_HOST=home.host).status_code == 200
        first = [r for r in caplog.records if r.name == "cppcc.cache"]
        clock.now += 61
        assert client.get(home.path, HTTP_HOST=home.host).status_code == 200
        second = [r for r in caplog.records if r.name == "cppcc.cache"][len(first) :]
    assert len(first) == 1, [r.getMessage() for r in first]
    assert "cache unreachable" in first[0].getMessage()
    assert len(second) == 1
    held_back = int(re.search(r"\[(\d+) more cache failures", second[0].getMessage()).group(1))
    assert held_back >= 20  # dozens of failing calls per request
    # Nothing else reported the outage meanwhile: no traceback per request from anyone.
    assert not [r for r in caplog.records if r.name != "cppcc.cache"], caplog.records


@pytest.mark.django_db
def test_an_unreachable_cache_is_tried_once_per_retry_interval_not_per_call(demo, client, settings):
    """The circuit breaker: after a failed call, the cache is skipped (a miss) without touching
    the network until CACHE_OUTAGE_RETRY_SECONDS have passed; then one call tries again."""
    settings.CACHE_OUTAGE_RETRY_SECONDS = 5
    home = demo["home-prefecture"]
    clock = SimpleNamespace(now=2 * 10.0**9)  # past any wait an earlier test started
    with (
        override_settings(CACHES=OUTAGES["failing-client"]),
        mock.patch("core.cache.time.monotonic", lambda: clock.now),
    ):
        failing = caches["default"].client._client
        for _ in range(5):
            assert client.get(home.path, HTTP_HOST=home.host).status_code == 200
        tried_first = len(failing.calls)
        clock.now += 6
        assert client.get(home.path, HTTP_HOST=home.host).status_code == 200
        tried_then = len(failing.calls) - tried_first
    assert tried_first == 1, failing.calls  # five pages, dozens of cache calls each
    assert tried_then == 1


def test_the_circuit_closes_once_the_cache_answers_again():
    circuit = Circuit()
    clock = SimpleNamespace(now=100.0)
    with (
        override_settings(CACHE_OUTAGE_RETRY_SECONDS=5),
        mock.patch("core.cache.time.monotonic", lambda: clock.now),
    ):
        assert circuit.attempt()
        circuit.failed()
        assert not circuit.attempt()
        clock.now += 5
        assert circuit.attempt()  # the one trial call …
        assert not circuit.attempt()  # … while the others still skip
        circuit.answered()
        assert circuit.attempt() and circuit.attempt()


@pytest.fixture
def hung_redis():
    """A server that accepts connections (the kernel completes them) and never answers, like a
    hung or overloaded Redis, or one behind a firewall that drops its replies."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    server.setblocking(False)
    yield SimpleNamespace(url=f"redis://127.0.0.1:{server.getsockname()[1]}/0", server=server)
    server.close()


def connections_made(server):
    """How many connections reached the hung server since the last look (each one is a cache
    call that waited for the socket timeout)."""
    made = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return made
        conn.close()
        made += 1


@pytest.mark.django_db
def test_a_hung_cache_costs_one_timeout_not_one_per_call(demo, client, hung_redis):
    """Without the circuit breaker the home page waited for the 0.5 s socket timeout on each of
    its ~50 cache calls (26 s); now one call waits, then the cache is skipped. Counted in
    connections to the hung server rather than in seconds, which a busy machine makes noisy."""
    home = demo["home-prefecture"]
    with override_settings(CACHES=redis_cache_settings(hung_redis.url)):
        started = time.monotonic()
        response = client.get(home.path, HTTP_HOST=home.host)
        first = time.monotonic() - started
        waited_first = connections_made(hung_redis.server)
        assert client.get(home.path, HTTP_HOST=home.host).status_code == 200
        waited_second = connections_made(hung_redis.server)
    assert response.status_code == 200
    assert escape(home.text).encode() in response.content
    assert first < 8, first
    assert 1 <= waited_first <= 2, waited_first
    assert waited_second == 0


@pytest.mark.django_db
def test_a_disallowed_host_is_refused_without_a_cache_traceback(client, caplog, settings):
    settings.ALLOWED_HOSTS = [".localhost"]
    with caplog.at_level(logging.WARNING):
        response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    # Django's own one-line security record, and nothing from the page cache.
    assert [r.name for r in caplog.records] == ["django.security.DisallowedHost"]


def test_a_missing_key_is_still_an_answer_not_an_outage(settings):
    """``incr`` on a key that is not there raises ValueError (django-ratelimit and the generation
    counters start the count then); core.cache lets it through."""
    settings.CACHES = redis_cache_settings(
        "redis://127.0.0.1:1/9", client_class="failing_cache.MissingKeyClient"
    )
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert cache.get("counter", "default") == "default"
