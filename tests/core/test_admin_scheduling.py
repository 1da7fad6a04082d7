"""Scheduling from the publish menu (issue 21): "定时发布…" in the publish menu opens Wagtail's
scheduling dialog, whose "定时发布" button publishes with the go-live time set there; a report
so created is scheduled, not live."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from builders import NewsIndexPageFactory, make_committee, make_editor, meeting_type
from news.models import NewsPage


def report_form(go_live_at, **overrides):
    data = {
        "title": "高台县政协召开十届五次常委会议",
        "slug": "shijie-wuci",
        "kind": "meeting_report",
        "date": "2026-12-01",
        "summary": "",
        "meeting_type": str(meeting_type("chairpersons").pk),
        "term": "10",
        "sitting": "5",
        "place": "县政协机关",
        "presided_by": "县政协主席",
        "attendees": "",
        "member_attendances": inline_formset([]),
        "reviewed_reports": inline_formset([]),
        "lead_image": "",
        "body": streamfield([("paragraph", rich_text("<p>会议传达学习了有关精神。</p>"))]),
        "correspondent": "",
        "photographer": "",
        "source": "",
        "tags": "",
        "comments": inline_formset([]),
        "go_live_at": go_live_at,
        "expire_at": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data({key: value for key, value in data.items() if value is not None})


class ScheduleFromThePublishMenuTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("gaotai", "高台县政协")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)
        cls.editor = make_editor(cls.site)

    def setUp(self):
        self.client.force_login(self.editor)
        self.add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", self.index.pk))
        self.go_live = timezone.localtime() + datetime.timedelta(days=2)

    def test_the_publish_menu_opens_the_scheduling_dialog(self):
        response = self.client.get(self.add_url)
        self.assertContains(
            response,
            '<button type="button" class="button"'
            ' data-a11y-dialog-show="schedule-publishing-dialog" data-cppcc-schedule>',
        )
        self.assertContains(response, "定时发布…")
        self.assertContains(response, 'id="schedule-publishing-dialog"')
        # The dialog's own button publishes with the times set in it.
        dialog = response.content.decode().split('id="schedule-publishing-dialog"', 1)[1]
        self.assertIn('name="action-publish"', dialog.split("</form>", 1)[0])

    def test_a_report_created_from_the_publish_menu_is_scheduled(self):
        go_live_at = self.go_live.strftime("%Y-%m-%d %H:%M")
        response = self.client.post(self.add_url, report_form(go_live_at))
        self.assertEqual(response.status_code, 302, response.content[:2000])
        page = NewsPage.objects.get(slug="shijie-wuci")
        self.assertFalse(page.live)
        scheduled = page.scheduled_revision
        self.assertIsNotNone(scheduled)
        self.assertEqual(
            scheduled.approved_go_live_at.replace(second=0, microsecond=0),
            self.go_live.replace(second=0, microsecond=0),
        )
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertContains(edit, "定时发布")
        self.assertNotContains(edit, "Schedule to publish")

    def test_a_draft_is_scheduled_from_its_edit_form(self):
        self.client.post(self.add_url, report_form("", **{"action-publish": None}))
        page = NewsPage.objects.get(slug="shijie-wuci")
        self.assertFalse(page.live)
        self.assertIsNone(page.scheduled_revision)
        go_live_at = self.go_live.strftime("%Y-%m-%d %H:%M")
        edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        response = self.client.post(edit_url, report_form(go_live_at))
        self.assertEqual(response.status_code, 302)
        page = NewsPage.objects.get(pk=page.pk)
        self.assertFalse(page.live)
        self.assertIsNotNone(page.scheduled_revision)

    def test_an_expiry_before_the_go_live_time_is_refused_in_chinese(self):
        go_live_at = self.go_live.strftime("%Y-%m-%d %H:%M")
        expire_at = (self.go_live - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        response = self.client.post(self.add_url, report_form(go_live_at, expire_at=expire_at))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(NewsPage.objects.filter(slug="shijie-wuci").exists())
        errors = [
            e for field_errors in response.context["form"].errors.values() for e in field_errors
        ]
        self.assertTrue(errors)
        for error in errors:
            self.assertNotRegex(error, "[A-Za-z]{3,}")
        self.assertContains(response, "页面有错误，未能创建，请按提示修改。")
