"""The public pages' content security policy, as Chromium enforces it: no page the demo serves
trips it (its scripts, styles, images and the committee colours all load), for a reader and for
an editor who gets Wagtail's user bar, while a script injected into a page is refused."""

import pytest
from playwright.sync_api import Error, expect

from .helpers import COUNTY, OTHER_PAGES, PAGES, PASSWORD, open_page

# Added over the DevTools protocol before any page script, so the policy does not apply to it.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(phone):
    phone.add_init_script(COLLECT_VIOLATIONS)
    return phone


def violations(page):
    page.wait_for_load_state("load")
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("name", list(PAGES) + list(OTHER_PAGES))
def test_no_public_page_trips_the_policy(demo_server, watched, name):
    page = watched
    if name in PAGES:
        open_page(page, demo_server, name)
    else:
        site, path, *follow = OTHER_PAGES[name]
        page.goto(demo_server(site, path))
        if follow:
            page.locator(follow[0]).first.click()
            page.wait_for_load_state()
    assert violations(page) == [], page.url


def test_the_committee_colours_and_the_stylesheet_apply(demo_server, watched):
    page = watched
    page.goto(demo_server(COUNTY))
    primary = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()"
    )
    assert primary.startswith("#"), primary
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
    assert header != "inline", "site.css did not apply"
    assert violations(page) == []


def test_a_script_injected_into_a_page_does_not_run(demo_server, watched):
    page = watched
    page.goto(demo_server(COUNTY))
    with pytest.raises(Error, match="Content Security Policy"):
        page.add_script_tag(content="window.__injected = true")
    assert page.evaluate("window.__injected === undefined")
    # The collector the other tests rely on saw it.
    assert any(v.startswith("script-src") for v in violations(page)), violations(page)


def test_an_editor_with_the_user_bar_trips_nothing(demo_server, watched):
    page = watched
    page.goto(demo_server(COUNTY, "/admin/login/"))
    page.fill("input[name=username]", f"{COUNTY}-editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(demo_server(COUNTY))
    expect(page.locator("wagtail-userbar")).to_be_attached()
    assert violations(page) == []
