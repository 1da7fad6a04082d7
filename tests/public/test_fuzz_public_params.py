"""Every public view, driven with generated query strings, never answers 5xx.

The demo (every public page kind with real content) is loaded once for the module; each public
URL kind is then requested with query strings Hypothesis builds from the parameter names that
view reads plus random ones, and values that have broken parsers before: integers of any size,
Unicode digits (² ٣ 〇), negative numbers, huge strings, empty values, NUL bytes,
percent-encoded invalid UTF-8 and repeated keys. The test client re-raises a view's exception
(``raise_request_exception``), so a would-be 500 fails the test with its traceback.

Reproducible: a fixed seed per URL kind, no example database. The number of requests made is
printed (``-s``) and recorded as the ``fuzz_requests`` property (``--junitxml``).
"""

import io
import re
import traceback
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException
from wagtail.models import Site

# Examples per URL kind: a few for the unknown parameters every page must shrug off, more for
# each parameter the view reads; ~40 kinds stay well under a minute on SQLite.
BASE_EXAMPLES, EXAMPLES_PER_PARAM, MAX_EXAMPLES = 6, 3, 24
# The whole run must make at least this many requests (a kind that vanished from the demo, or
# a strategy that stopped producing queries, would otherwise pass quietly).
MIN_REQUESTS = 700


@dataclass(frozen=True)
class Target:
    kind: str
    host: str
    path: str
    params: tuple = ()
    fixed: str = ""  # a query the generated one is appended to


def _page(model, host=None):
    """The first live page of ``model`` (on ``host``'s site if given): (host, path)."""
    pages = model.objects.live().public().order_by("path")
    if host is not None:
        root = Site.objects.get(hostname=host).root_page
        pages = pages.descendant_of(root, inclusive=True)
    page = pages.first()
    assert page is not None, f"the demo has no live {model.__name__}"
    _, root_url, path = page.get_url_parts()
    return urlsplit(root_url).hostname, path


def _targets(receipt_code):
    from cppcc_bench.models import BenchMeetingPage
    from cppcc_three_in_one.models import ThreeInOnePage
    from cppcc_youshi.models import CoverageReportPage

    from consultation import figures
    from consultation.models import (
        ActivityIndexPage,
        CaseStudyIndexPage,
        CaseStudyPage,
        PlatformIndexPage,
        PlatformPage,
    )
    from consultation.models.activities import Activity
    from consultation.views import ActivityParams, BoardParams, CaseStudyParams, PlatformParams
    from home.models import HomePage
    from members.models import MemberIndexPage, MemberPage
    from members.views import DirectoryParams, MemberParams
    from news.models import MeetingType, NewsIndexPage, NewsIndexParams, NewsPage
    from public.preferences import PreferenceParams
    from search.views import SearchParams
    from topics.models import TopicSubmissionPage

    def read(declaration):
        """The names a view reads: its core.params declaration's fields."""
        return tuple(declaration.base_fields)

    prefecture, county = "pingliang.localhost", "huixian.localhost"
    period = ("year", "from", "to")  # consultation.views.PeriodParams, under their query names
    platforms_host, platforms = _page(PlatformIndexPage, prefecture)
    topics_host, topics = _page(TopicSubmissionPage, county)
    targets = [
        Target("home (prefecture)", prefecture, "/"),
        Target("home (county)", *_page(HomePage, county)),
        Target("news index", *_page(NewsIndexPage, prefecture), read(NewsIndexParams)),
        Target("news report", *_page(NewsPage, prefecture)),
        Target("member index", *_page(MemberIndexPage), read(DirectoryParams)),
        Target("member", *_page(MemberPage), read(MemberParams)),
        Target("platform index", platforms_host, platforms, read(PlatformParams)),
        Target("六有 board", platforms_host, f"{platforms}liuyou/", read(BoardParams)),
        Target("platform", *_page(PlatformPage)),
        Target("activity index", *_page(ActivityIndexPage, prefecture), read(ActivityParams)),
        Target("case study index", *_page(CaseStudyIndexPage, prefecture), read(CaseStudyParams)),
        Target("case study", *_page(CaseStudyPage)),
        Target("figures", prefecture, "/figures/", period),
        Target("figures export csv", prefecture, "/figures/export.csv", period),
        Target("figures export xlsx", county, "/figures/export.xlsx", period),
        Target("search", county, "/search/", read(SearchParams)),
        Target("search json", prefecture, "/search/", read(SearchParams), fixed="format=json"),
        Target("topics form", topics_host, topics),
        Target("receipt lookup", topics_host, f"{topics}receipt/", ("code",)),
        Target("feed rss", prefecture, "/feeds/rss/"),
        Target("feed atom", county, "/feeds/atom/"),
        Target("sitemap.xml", prefecture, "/sitemap.xml", ("p",)),
        Target("sitemap section", prefecture, "/sitemap-pages.xml", ("p",)),
        Target("robots.txt", county, "/robots.txt"),
        Target("网站地图", prefecture, "/sitemap/"),
        Target("三位一体", *_page(ThreeInOnePage)),
        Target("有事来协商 coverage", *_page(CoverageReportPage)),
        Target("板凳协商会", *_page(BenchMeetingPage)),
        Target("preferences", county, "/preferences/", read(PreferenceParams)),
    ]
    if receipt_code:
        targets.append(Target("receipt", topics_host, f"{topics}receipt/{receipt_code}/"))
    activity = Activity.objects.public().filter(site__hostname=prefecture).first() or (
        Activity.objects.public().first()
    )
    host, path = _page(ActivityIndexPage, activity.site.hostname)
    targets.append(Target("activity", host, f"{path}{activity.pk}/"))
    for counter in figures.COUNTERS:
        # Only the platforms' records filter by level and kind.
        filters = read(PlatformParams) if counter.record_kind == "platform" else ("page",)
        targets.append(
            Target(
                f"figure records {counter.key}",
                prefecture,
                f"/figures/{counter.key}/",
                (*period, *filters),
            )
        )
    meeting_type = MeetingType.objects.filter(reports__live=True).first()
    targets.append(Target("meeting-type feed", county, f"/feeds/{meeting_type.slug}/rss/"))
    return targets


def _known_values():
    """Values the views accept, so that generated queries also reach the filtering code."""
    from consultation.models import ActivityFormat, PlatformKind, PlatformLevel, TopicCategory
    from members.models import Role, Sector, SpecialCommittee
    from news.models import MeetingType, NewsKind

    values = ["all", "date", "json", "missing", "compliant", "hant", "hans", "1", "0", "协商"]
    values += list(PlatformLevel.values) + list(Role.values) + list(NewsKind.values)
    for model in (MeetingType, PlatformKind, ActivityFormat, TopicCategory):
        values += list(model.objects.values_list("slug", flat=True)[:5])
    for model in (Sector, SpecialCommittee, Site):
        values += [str(pk) for pk in model.objects.values_list("pk", flat=True)[:5]]
    values += ["2023", "2024", "2023-01-01", "2024-12-31", "/news/", "//evil.example/"]
    return values


ODD_VALUES = [
    "",
    "²",
    "٣",
    "〇",
    "١٢٣٤",
    "２０２３",
    "²⁰²³",
    "-1",
    "-0",
    "0",
    "00",
    "+5",
    "1e5",
    "1.0",
    "1.5",
    "NaN",
    "inf",
    " 7 ",
    "0x10",
    "1_000",
    "9" * 23,
    "9" * 5000,
    "0000",
    "0001",
    "9999",
    "0001-01-01",
    "9999-12-31",
    "2023-02-30",
    "20230101",
    "2023-W01-1",
    "\x00",
    "1\x00",
    "a\r\nb",
    "/\r\nLocation: //evil.example/",
    "%",
    "%zz",
    "%%00",
    "&",
    "=",
    "x" * 10_000,
    "协" * 3000,
]


def _encode(text, safe=""):
    return quote(text.encode("utf-8", "surrogatepass"), safe=safe)


# Number-like text: ASCII digits mixed with digits int() refuses although str.isdigit() accepts
# them (² ① ⑴), digits int() reads (٣ ２), numerals that are neither (〇 Ⅻ) and signs.
NUMBERISH = "0123456789²³¹⁰①⑴⒈٣٠２〇Ⅻ-+.e _"


# Set on every parameter a view reads, one value per request, before the generated queries:
# each class of value that has answered 500 here is tried on every parameter of every view.
SWEEP = ["²", "①", "٣", "〇", "9" * 23, str(2**63), "-1", "0000", "\x00", "x" * 5000]


def _values(known):
    tricky = st.one_of(
        st.sampled_from(ODD_VALUES),
        st.text(alphabet=NUMBERISH, min_size=1, max_size=6),
        st.integers(min_value=2**31 - 2, max_value=2**80).map(str),
    )
    return st.one_of(
        tricky,
        tricky,
        tricky,
        st.text(alphabet=st.characters(categories=("Nd", "No", "Nl")), min_size=1, max_size=6),
        st.integers().map(str),
        st.integers(max_value=-1).map(str),
        st.sampled_from(known),
        st.sampled_from(known),
        st.text(max_size=40),
        st.text(min_size=200, max_size=1000),
    )


@st.composite
def _queries(draw, names, known):
    """A raw query string: mostly the view's own parameter names, some random ones; values
    quoted, or with the separators left raw, or bytes that are not UTF-8; some keys repeated."""
    view_names = st.sampled_from(names) if names else st.nothing()
    other_names = st.one_of(
        st.sampled_from(["page", "p", "q", "id", "", "page[]"]), st.text(max_size=8)
    )
    name = st.one_of(view_names, view_names, other_names) if names else other_names
    value = _values(known)
    pairs = []
    for _ in range(draw(st.integers(0, 5))):
        key, val = draw(name), draw(value)
        style = draw(st.sampled_from(["quoted", "quoted", "quoted", "raw", "bytes"]))
        if style == "raw":
            pairs.append(f"{_encode(key, '&=%+;')}={_encode(val, '&=%+;')}")
        elif style == "bytes":
            junk = draw(st.binary(min_size=1, max_size=12))
            pairs.append(f"{_encode(key)}={quote(junk, safe='')}")
        else:
            pairs.append(f"{_encode(key)}={_encode(val)}")
        if draw(st.integers(0, 3)) == 0:
            pairs.append(pairs[-1])  # a repeated key
    return "&".join(pairs)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back; returns a
    real receipt code from the load's output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        found = re.search(r"审核中 ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})", out.getvalue())
        yield found.group(1) if found else None
        transaction.set_rollback(True)


def _fuzz(client, target, known):
    """Drive one URL kind; returns the number of requests made."""
    made = 0

    @seed(zlib.crc32(target.kind.encode()))  # reproducible, and different for each kind
    @settings(
        max_examples=min(BASE_EXAMPLES + EXAMPLES_PER_PARAM * len(target.params), MAX_EXAMPLES),
        deadline=None,
        database=None,
        # No explain phase: it traces every line and makes a failing run many times slower.
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(query=_queries(target.params, known))
    def drive(query):
        nonlocal made
        made += 1
        query = "&".join(part for part in (target.fixed, query) if part)
        url = f"{target.path}?{query}" if query else target.path
        response = client.get(url, HTTP_HOST=target.host)
        assert response.status_code < 500, (target.kind, url[:300], response.status_code)

    if target.params:
        for value in SWEEP:
            query = "&".join(f"{_encode(name)}={_encode(value)}" for name in target.params)
            drive = example(query=query)(drive)
    drive()
    return made


@pytest.mark.django_db
def test_no_public_view_answers_5xx_to_any_query_string(demo, record_property):
    targets = _targets(demo)
    known = _known_values()
    client = Client(raise_request_exception=True)
    count = 0
    failures = []
    for target in targets:
        try:
            count += _fuzz(client, target, known)
        except HypothesisException:
            raise
        except Exception as error:  # noqa: BLE001 - collected, reported together below
            notes = "\n".join(getattr(error, "__notes__", []))
            tb = "".join(traceback.format_exception(error))[-3000:]
            failures.append(f"== {target.kind} ({target.host}{target.path})\n{notes}\n{tb}")
    print(f"\nfuzz: {count} requests over {len(targets)} public URL kinds")
    record_property("fuzz_requests", count)
    assert not failures, "\n\n".join(failures)
    assert count >= MIN_REQUESTS, count
