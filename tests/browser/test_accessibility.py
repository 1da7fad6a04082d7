"""axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical on the pages citizens
read most — a county's home page, a meeting report, search results, a member's page, and the
prefecture's home page with its counties — in the normal mode and in 适老化, on a phone."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import OTHER_PAGES, PAGES, describe, open_page, run_axe, serious


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
