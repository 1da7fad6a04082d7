"""A citizen on a phone: opens a county's home page, searches in Chinese, opens a report from
the results, switches on 适老化 and 繁體 and finds both still on as they go on reading."""

import re

from playwright.sync_api import expect

COUNTY = "huixian"
QUERY = "协商"


def font_metrics(page):
    """The body's computed font size and line height, in px."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.body);
            const size = parseFloat(style.fontSize);
            const line = style.lineHeight === "normal" ? 1.2 * size : parseFloat(style.lineHeight);
            return {size, line};
        }"""
    )


def fits_the_screen(page):
    """Nothing wider than the viewport: no sideways scrolling on a phone."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_citizen_reads_searches_and_switches_modes(demo_server, phone, shot):
    page = phone

    # The county's home page: its name, the latest meeting reports, readable on a phone.
    page.goto(demo_server(COUNTY))
    expect(page.locator(".brand-name")).to_have_text("徽县政协")
    expect(page.locator("#h-reports")).to_be_visible()
    assert fits_the_screen(page)
    shot(page, "home")

    # Search in Chinese from the header's search box.
    search_box = page.locator("form[role=search] #site-search")
    expect(search_box).to_be_visible()
    search_box.fill(QUERY)
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-results .news-item")
    expect(results.first).to_be_visible()
    marks = page.locator(".search-results mark")
    expect(marks.first).to_be_visible()
    assert QUERY in marks.all_inner_texts()
    assert fits_the_screen(page)
    shot(page, "search")

    # Open a meeting report from the results.
    report_link = page.locator(".search-results a.news-title[href*='/news/']").first
    title = report_link.inner_text().strip()
    report_link.click()
    page.wait_for_url(re.compile(r"/news/[^/?]+/$"))
    expect(page.locator("main h1")).to_have_text(title)
    assert fits_the_screen(page)
    shot(page, "report")
    report_path = path_of(page)
    normal = font_metrics(page)

    # 适老化: large type and generous lines, on the same URL.
    modes = page.locator("header nav.reading-modes[aria-label='阅读模式']")
    expect(modes).to_be_visible()
    modes.locator("a#elder-toggle").click()
    page.wait_for_load_state()
    assert path_of(page) == report_path
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    elder = font_metrics(page)
    assert elder["size"] >= 1.5 * normal["size"], (normal, elder)
    assert elder["line"] >= 1.3 * elder["size"], elder
    assert fits_the_screen(page)
    shot(page, "report-elder")

    # 繁體 on top of it: the page reads in Traditional characters, still the same URL.
    page.locator("a#script-toggle").click()
    page.wait_for_load_state()
    assert path_of(page) == report_path
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    body = page.locator("body").inner_text()
    assert "政協" in body and "政协" not in body
    shot(page, "report-elder-hant")

    # Both persist: the home page, then a new search, whose results are Traditional too.
    page.locator("a.brand").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    expect(page.locator(".brand-name")).to_have_text("徽縣政協")
    assert fits_the_screen(page)
    shot(page, "home-elder-hant")

    search_box.fill(QUERY)
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert "協商" in page.locator(".search-results mark").all_inner_texts()
    assert "协商" not in page.locator(".search-results").inner_text()
    assert fits_the_screen(page)
    page.locator(".search-results").scroll_into_view_if_needed()
    shot(page, "search-elder-hant")

    # And both switch back off with the same links.
    page.locator("a#elder-toggle").click()
    page.wait_for_load_state()
    expect(page.locator("html")).not_to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    page.locator("a#script-toggle").click()
    page.wait_for_load_state()
    expect(page.locator("html")).not_to_have_attribute("lang", "zh-Hant")
    expect(page.locator(".brand-name")).to_have_text("徽县政协")
    assert path_of(page).startswith("/search/?q=")


def test_reading_modes_work_from_the_keyboard_alone(demo_server, phone, shot):
    """Tab from the top of the page to each switch and press Enter: no mouse, no script."""
    page = phone
    page.goto(demo_server(COUNTY))

    def tab_to(element_id):
        for _ in range(15):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"#{element_id} is not reachable with Tab")

    tab_to("elder-toggle")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused switch shows no focus outline"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)elder(\s|$)"))
    tab_to("script-toggle")
    shot(page, "keyboard-focus")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator(".brand-name")).to_have_text("徽縣政協")
