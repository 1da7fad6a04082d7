"""What the browser tests share: where things are, the pages they open, and the axe-core run."""

import contextlib
import importlib.util
import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "cppcc-demo-2026"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing():
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk; .ci/run does)"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing (make browser-deps)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (make install)"
    return None


@contextlib.contextmanager
def chromium():
    """Debian's Chromium, headless. Playwright's sync API runs an event loop in this thread, and
    Django's ORM refuses to run in a thread with a running loop unless told it is safe — it is
    here, nothing else uses the loop — so it is told, while the browser is open."""
    from playwright.sync_api import sync_playwright

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def new_context(browser, viewport):
    """A browser context with no cookies: a new reader."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
    context.set_default_timeout(15_000)
    return context


def run_axe(page):
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated over the DevTools protocol, not as a <script> element: the public pages'
        # content security policy (script-src 'self') refuses inline scripts, as it should.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(r => ({
            passes: r.passes.length,
            violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html,
                                          summary: n.failureSummary})),
            })),
        }))""",
        AXE_TAGS,
    )
    assert result["passes"], "axe-core checked nothing: is the page empty?"
    return result["violations"]


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations):
    return json.dumps(violations, ensure_ascii=False, indent=1)


COUNTY = "huixian"

PAGES = {
    "home": "/",
    "prefecture": "/",  # on pingliang
    "report": None,  # the county's latest meeting report, found from its home page
    "search": "/search/?q=协商",
    "member": None,  # the first member listed under 委员风采
}


def open_page(page, demo_server, name):
    """Open one of ``PAGES`` on the demo server, following links where its address depends on
    the records."""
    from playwright.sync_api import expect

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
