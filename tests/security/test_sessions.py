"""Admin sessions end after 30 minutes without activity and when the browser closes; the
editor's background pings do not count as activity."""

import time

from django.contrib.sessions.models import Session
from django.test import TestCase
from django.utils import timezone

from security.middleware import LAST_ACTIVITY

from .helpers import entries, login, make_user

IDLE = 30 * 60


class IdleLogout(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("gaotai-editor", superuser=True)

    def setUp(self):
        self.assertEqual(login(self.client, "gaotai-editor").status_code, 302)

    def last_activity(self, seconds_ago):
        session = self.client.session
        session[LAST_ACTIVITY] = time.time() - seconds_ago
        session.save()

    def test_a_session_idle_for_longer_than_the_limit_is_signed_out(self):
        self.last_activity(IDLE + 5)
        response = self.client.get("/admin/", follow=True)
        self.assertEqual(response.redirect_chain[0][0], "/admin/login/?next=/admin/")
        self.assertContains(response, "30 分钟未操作，为保障安全已自动退出")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(entries("cppcc.session_expired", object_id=str(self.user.pk)).count(), 1)

    def test_activity_within_the_limit_keeps_the_session_and_renews_it(self):
        self.last_activity(IDLE - 60)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertLess(time.time() - self.client.session[LAST_ACTIVITY], 5)
        expiry = Session.objects.get(session_key=self.client.session.session_key).expire_date
        remaining = (expiry - timezone.now()).total_seconds()
        self.assertTrue(IDLE - 30 < remaining <= IDLE, remaining)

    def test_the_editors_background_ping_does_not_count_as_activity(self):
        from wagtail.models import Page

        page = Page.objects.filter(depth=2).first()
        self.last_activity(IDLE - 60)
        before = self.client.session[LAST_ACTIVITY]
        url = f"/admin/editing-sessions/ping/wagtailcore/page/{page.pk}/0/"
        self.assertEqual(self.client.post(url).status_code, 200)
        self.assertEqual(self.client.session[LAST_ACTIVITY], before)

    def test_the_session_cookie_ends_with_the_browser(self):
        cookie = self.client.cookies["sessionid"]
        self.assertEqual((cookie["max-age"], cookie["expires"]), ("", ""))

    def test_a_normal_logout_is_in_the_audit_log(self):
        self.client.post("/admin/logout/")
        self.assertEqual(entries("cppcc.logout", object_id=str(self.user.pk)).count(), 1)
        self.assertFalse(entries("cppcc.session_expired").exists())
