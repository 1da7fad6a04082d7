"""The prefecture's per-committee figures table on a small phone (375 px): committee names on
one line, the first column kept in view while the figures scroll sideways inside a focusable,
labelled region, and a committee's count opening that committee's records."""

import re

from playwright.sync_api import expect

from .helpers import new_context

SMALL_PHONE = {"width": 375, "height": 812}
LINES = """e => { const r = document.createRange(); r.selectNodeContents(e);
                  return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size; }"""


def test_the_figures_table_reads_on_a_small_phone(demo_server, browser, shot):
    context = new_context(browser, SMALL_PHONE)
    page = context.new_page()
    try:
        page.goto(demo_server("pingliang", "/figures/"))
        region = page.get_by_role("region", name=re.compile("各政协分项统计表"))
        region.scroll_into_view_if_needed()
        shot(page, "table")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        names = page.locator(".figures-table tbody th")
        assert names.count() >= 3
        assert names.evaluate_all(f"els => els.map({LINES})") == [1] * names.count()

        # The keyboard scrolls the region; the committee names stay where they were.
        first = names.first.bounding_box()
        region.focus()
        page.keyboard.press("End")
        page.keyboard.press("ArrowRight")
        # Keyboard scrolling may be animated: wait for it to move rather than read at once.
        page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
        assert names.first.bounding_box()["x"] == first["x"]
        shot(page, "table-scrolled")

        # A committee's count opens exactly its records.
        link = page.locator(".figures-table tbody tr:not(.figures-total) td a").first
        count = link.inner_text()
        row_name = link.locator("xpath=ancestor::tr/th").inner_text()
        link.click()
        expect(page.locator("h1")).to_contain_text(f"{row_name} · ")
        expect(page.locator("h1")).to_contain_text(f"：{count} ")
    finally:
        context.close()
