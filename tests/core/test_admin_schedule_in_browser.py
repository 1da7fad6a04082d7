"""In a browser (Debian's Chromium, skipped when missing): the publish menu's "定时发布…" opens
Wagtail's scheduling dialog, whose "定时发布" button schedules the report; the rich text editor's
prompt comes from the project's JavaScript catalogue, in Chinese."""

import datetime
import os
import re

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.urls import reverse
from django.utils import timezone

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ensure_wagtail_root,
    make_committee,
    make_editor,
)
from news.models import NewsPage

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Gaotai-editor-2026"

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
)


class ScheduleInTheBrowserTest(StaticLiveServerTestCase):
    @classmethod
    def setUpClass(cls):
        pytest.importorskip("playwright")
        from playwright.sync_api import sync_playwright

        super().setUpClass()
        # Playwright's sync API runs an event loop in this thread; nothing else uses it.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe
        super().tearDownClass()
        ensure_wagtail_root()  # for the tests that follow

    def setUp(self):
        ensure_wagtail_root()  # which the flush after a transactional test removes
        site = make_committee("gaotai", "高台县政协")
        index = NewsIndexPageFactory(parent=site.root_page)
        self.report = NewsPageFactory(parent=index, slug="shijie-wuci", publish=False)
        editor = make_editor(site)
        editor.set_password(PASSWORD)
        editor.save()
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(15_000)
        self.page = context.new_page()
        self.addCleanup(context.close)
        self.page.goto(self.live_server_url + reverse("wagtailadmin_login"))
        self.page.fill("#id_username", editor.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def test_the_publish_menu_schedules_a_report(self):
        from playwright.sync_api import expect

        page = self.page
        page.goto(self.live_server_url + reverse("wagtailadmin_pages:edit", args=(self.report.pk,)))
        page.get_by_role("button", name="更多动作").click()
        page.get_by_role("button", name="定时发布…").click()
        dialog = page.locator("#schedule-publishing-dialog")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("设置发布计划")
        go_live = timezone.localtime() + datetime.timedelta(days=3)
        dialog.locator("input[name=go_live_at]").fill(go_live.strftime("%Y-%m-%d %H:%M"))
        button = dialog.get_by_role("button", name="定时发布")
        expect(button).to_be_visible()
        # The date picker lies over the dialog's buttons until the editor moves on.
        button.evaluate("button => button.click()")
        expect(page.locator(".messages")).to_be_visible()
        report = NewsPage.objects.get(pk=self.report.pk)
        self.assertFalse(report.live)
        self.assertIsNotNone(report.scheduled_revision)

    def test_the_editors_scripts_speak_chinese(self):
        page = self.page
        index = self.report.get_parent()
        page.goto(
            self.live_server_url
            + reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
        )
        prompt = page.evaluate("gettext('Write something or type \u2018/\u2019 to insert a block')")
        self.assertEqual(prompt, "输入内容，或输入“/”插入内容块")
        self.assertEqual(page.evaluate("gettext('Insert a block')"), "插入内容块")
