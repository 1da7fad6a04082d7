"""A county's editor logs in to the admin, writes a 主席会议 report under the site's news index,
publishes it, and finds it on the county's home page, where a reader who had the page open
before sees it too."""

import re

from playwright.sync_api import expect

from .helpers import PASSWORD, PHONE, new_context

COUNTY = "jiayuguan"
TITLE = "嘉峪关市政协召开五届九次主席会议"


def test_editor_publishes_a_meeting_report(demo_server, browser, desktop, shot):
    # A reader has the home page open (and any page cache filled) before the report exists.
    reader = new_context(browser, PHONE).new_page()
    reader.goto(demo_server(COUNTY))
    expect(reader.locator("#h-reports")).to_be_visible()
    expect(reader.get_by_text(TITLE)).to_have_count(0)

    page = desktop
    page.goto(demo_server(COUNTY, "/admin/"))
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", f"{COUNTY}-editor")
    page.fill("#id_password", PASSWORD)
    shot(page, "login")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    shot(page, "dashboard")

    # Pages: the editor starts at their committee's home page; into its news index, add a page.
    page.goto(demo_server(COUNTY, "/admin/pages/"))
    expect(page.locator("h1")).to_contain_text("嘉峪关市政协")
    news_row = page.locator("tr", has_text="新闻动态")
    news_row.get_by_role("link", name=re.compile("子页面")).click()
    page.get_by_role("link", name="添加子页面").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/news/newspage/\d+/"))

    page.fill("#id_title", TITLE)
    expect(page.locator("#id_kind")).to_have_value("meeting_report")
    page.fill(
        "#id_summary",
        "会议听取了嘉峪关市政协各专门委员会近期工作情况汇报，研究部署下一阶段重点工作。",
    )
    page.get_by_role("button", name=re.compile(r"选择\s*会议类型")).click()
    chooser = page.locator(".modal-content")
    chooser.get_by_role("link", name="主席会议", exact=True).click()
    expect(chooser).to_be_hidden()
    page.fill("#id_term", "5")
    page.fill("#id_sitting", "9")
    page.fill("#id_place", "市政协机关会议室")
    shot(page, "form")

    # Publish straight away: editors may, the workflow is for members' changes.
    page.get_by_role("button", name="更多动作").click()
    # The footer's 发布 (the scheduling dialog has a button of the same name: 定时发布).
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已创建并发布")
    shot(page, "published")

    # The home page lists it among the latest meeting reports, for the editor and the reader.
    page.goto(demo_server(COUNTY))
    reports = page.locator("section[aria-labelledby=h-reports]")
    expect(reports.get_by_role("link", name=TITLE)).to_be_visible()
    reader.reload()
    reader_reports = reader.locator("section[aria-labelledby=h-reports]")
    expect(reader_reports.get_by_role("link", name=TITLE)).to_be_visible()
    shot(reader, "home")

    reader_reports.get_by_role("link", name=TITLE).click()
    expect(reader.locator("main h1")).to_have_text(TITLE)
    expect(reader.locator(".kicker")).to_have_text("嘉峪关市政协五届九次主席会议")
    shot(reader, "report")
    reader.context.close()
