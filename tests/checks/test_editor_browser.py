"""In the browser: each finding is marked beside its field, and its link opens the field's
panel. Skipped where Chromium or Playwright is missing (tests/browser/helpers.py says how to
get them)."""

import importlib.util

import pytest
from browser.helpers import CHROMIUM, DESKTOP, chromium, missing, new_context

from builders import ensure_wagtail_root
from checks.models import SensitiveWord

from .helpers import committee, news, paragraphs

# axe-core (which missing() also asks for) is not needed here.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None,
    reason=f"browser: {missing()}",
)


@pytest.fixture
def browser():
    """Chromium, headless; the ORM is told the Playwright loop in this thread is safe."""
    with chromium() as browser:
        yield browser


def test_the_finding_is_marked_beside_its_field(live_server, browser):
    from playwright.sync_api import expect

    ensure_wagtail_root()
    site, index, editor = committee("chuzhou")
    SensitiveWord.objects.create(site=site, word="违禁示例")
    page = news(index, paragraphs("会议指出，要把违禁示例一事办好。"), publish=False)
    page.save_revision(user=editor)

    tab = new_context(browser, DESKTOP).new_page()
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", editor.username)
    tab.fill("#id_password", "x")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{live_server.url}/admin/")
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")

    finding = tab.locator("[data-checks-finding]")
    expect(finding).to_have_count(1)
    section = finding.get_attribute("data-checks-section")
    flag = tab.locator(f"#{section} .checks-flag")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text("【敏感词】含敏感词“违禁示例”")
    # The 推广 tab, then the finding's link: back on the 内容 tab, at the body's panel.
    tab.locator("[role=tab]").nth(1).click()
    expect(tab.locator(f"#{section}")).to_be_hidden()
    finding.locator("a").click()
    expect(tab.locator(f"#{section}")).to_be_in_viewport()
