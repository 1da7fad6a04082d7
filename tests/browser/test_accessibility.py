"""axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical on the pages citizens
read most — a county's home page, a meeting report, search results, a member's page, and the
prefecture's home page with its counties — in the normal mode and in 适老化, on a phone."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import describe, run_axe, serious

COUNTY = "huixian"

PAGES = {
    "home": "/",
    "prefecture": "/",  # on pingliang
    "report": None,  # the county's latest meeting report, found from its home page
    "search": "/search/?q=协商",
    "member": None,  # the first member listed under 委员风采
}


def open_page(page, demo_server, name):
    if name == "report":
        page.goto(demo_server(COUNTY))
        page.locator("section[aria-labelledby=h-reports] a.news-title").first.click()
        page.wait_for_url("**/news/*/")
    elif name == "member":
        page.goto(demo_server(COUNTY, "/members/"))
        page.locator("main a.news-title").first.click()
        page.wait_for_url("**/members/*/")
    else:
        page.goto(demo_server("pingliang" if name == "prefecture" else COUNTY, PAGES[name]))
    expect(page.locator("main h1")).to_be_visible()


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violations(demo_server, phone, shot, name, mode):
    page = phone
    open_page(page, demo_server, name)
    if mode == "elder":
        url = page.url
        page.locator("a#elder-toggle").click()
        page.wait_for_url(url)
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    shot(page, "page", full_page=True)
    violations = run_axe(page)
    found = serious(violations)
    assert not found, f"{page.url} ({mode}): {describe(found)}"


# Every other public page type of the core and the demo's plugins, and the routed views: (site,
# path), or (site, index path, link to follow) where the address depends on the records.
OTHER_PAGES = {
    "news-index": ("pingliang", "/news/"),
    "platform-index": ("pingliang", "/platforms/"),
    "platform": ("huixian", "/platforms/gaoqiao/"),
    "activity-index": ("huixian", "/consultations/"),
    "activity": ("huixian", "/consultations/", "main a[href*='/consultations/'][href$='/']"),
    "case-study-index": ("pingliang", "/cases/"),
    "case-study": ("jiayuguan", "/cases/case-2/"),
    "member-index": ("huixian", "/members/"),
    "figures": ("huixian", "/figures/"),
    "topic-form": ("xqu", "/topics/"),
    "topic-receipt": ("xqu", "/topics/receipt/DEMA-0009-0000-000A/"),
    "site-map": ("huixian", "/sitemap/"),
    "not-found": ("huixian", "/no-such-page/"),
    "three-in-one": ("jiayuguan", "/platforms/sanwei-yiti/"),
    "bench-meeting": ("xqu", "/bench/"),
    "bench-activity": ("xqu", "/consultations/", "main a[href*='/consultations/'][href$='/']"),
    "coverage-report": ("luzhou", "/coverage/"),
}


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("name", list(OTHER_PAGES))
def test_every_other_page_type_has_no_serious_violations(demo_server, phone, shot, name, mode):
    site, path, *follow = OTHER_PAGES[name]
    page = phone
    if mode == "elder":
        page.context.add_cookies([{"name": "cppcc_elder", "value": "1", "url": demo_server(site)}])
    page.goto(demo_server(site, path))
    if follow:
        links = page.locator(follow[0])
        hrefs = [
            h
            for h in links.evaluate_all("els => els.map(e => e.href)")
            if h.rstrip("/")[-1].isdigit()
        ]
        assert hrefs, f"no link to follow on {path}"
        page.goto(hrefs[0])
    expect(page.locator("main h1")).to_be_visible()
    if mode == "elder":
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    shot(page, "page", full_page=True)
    found = serious(run_axe(page))
    assert not found, f"{page.url} ({mode}): {describe(found)}"
