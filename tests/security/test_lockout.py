"""Login lockout (django-axes) on Wagtail's admin login: five failures of one account from one
address lock that pair for 30 minutes, and only that pair."""

import datetime

from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import TestCase, override_settings

from .helpers import LOGIN_URL, PASSWORD, entries, login, make_user

HERE = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


def fail(client, username, times, address=HERE, **extra):
    for _ in range(times):
        response = login(client, username, "wrong-password", address=address, **extra)
    return response


class Lockout(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("zhuanglang-editor")
        cls.colleague = make_user("zhuanglang-member01")

    def assert_locked(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录已锁定", status_code=429)
        self.assertContains(response, "30 分钟后再试", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def assert_logged_in(self, response):
        self.assertEqual(response.status_code, 302, response.content[:300])
        self.assertEqual(response["Location"], "/admin/")

    def test_a_wrong_password_says_so_in_chinese_before_the_limit(self):
        response = fail(self.client, "zhuanglang-editor", 4)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "密码不匹配，请重试")
        self.assert_logged_in(login(self.client, "zhuanglang-editor"))

    def test_the_fifth_failure_locks_even_the_right_password_out(self):
        self.assert_locked(fail(self.client, "zhuanglang-editor", 5))
        self.assert_locked(login(self.client, "zhuanglang-editor"))

    def test_the_lock_holds_only_for_that_account_from_that_address(self):
        fail(self.client, "zhuanglang-editor", 5)
        # A colleague behind the same village centre address signs in.
        self.assert_logged_in(login(self.client, "zhuanglang-member01"))
        self.client.logout()
        # The account owner signs in from another address.
        self.assert_logged_in(login(self.client, "zhuanglang-editor", address=ELSEWHERE))

    def test_the_lock_ends_after_the_cool_off_without_being_extended_by_more_tries(self):
        fail(self.client, "zhuanglang-editor", 5)
        fail(self.client, "zhuanglang-editor", 3)  # refused while locked; not counted
        self.assertEqual(AccessAttempt.objects.get().failures_since_start, 5)
        AccessAttempt.objects.update(
            attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=31)
        )
        self.assert_logged_in(login(self.client, "zhuanglang-editor"))

    def test_a_success_clears_the_count_so_only_consecutive_failures_lock(self):
        fail(self.client, "zhuanglang-editor", 4)
        self.assert_logged_in(login(self.client, "zhuanglang-editor"))
        self.client.logout()
        fail(self.client, "zhuanglang-editor", 4)
        self.assert_logged_in(login(self.client, "zhuanglang-editor"))

    @override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    def test_behind_the_proxy_the_address_comes_from_the_configured_header(self):
        # Every request reaches the application from the proxy's own address.
        fail(self.client, "zhuanglang-editor", 5, address="10.0.0.2", HTTP_X_REAL_IP=HERE)
        self.assertEqual(AccessAttempt.objects.get().ip_address, HERE)
        self.assert_locked(
            login(self.client, "zhuanglang-editor", address="10.0.0.2", HTTP_X_REAL_IP=HERE)
        )
        self.assert_logged_in(
            login(self.client, "zhuanglang-editor", address="10.0.0.2", HTTP_X_REAL_IP=ELSEWHERE)
        )

    def test_an_ipv6_client_is_locked_per_64_block(self):
        for host in range(1, 6):
            login(self.client, "zhuanglang-editor", "wrong", address=f"2001:db8:5:7::{host:x}")
        self.assert_locked(login(self.client, "zhuanglang-editor", address="2001:db8:5:7::99"))
        self.assert_logged_in(login(self.client, "zhuanglang-editor", address="2001:db8:5:8::1"))

    def test_the_lockout_is_in_the_audit_log(self):
        fail(self.client, "zhuanglang-editor", 5)
        lock = entries("cppcc.lockout", object_id=str(self.user.pk)).get()
        self.assertIn("连续 5 次登录失败", lock.data["message"])
        self.assertEqual(lock.data["ip"], HERE)

    def test_the_login_page_states_the_rules_and_offers_no_remember_me(self):
        response = self.client.get(LOGIN_URL)
        self.assertContains(response, "连续 5 次密码错误将暂停该账号从本地址登录 30 分钟")
        self.assertContains(response, "30 分钟无操作将自动退出")
        self.assertNotContains(response, 'name="remember"')
        self.assertRegex(response.content.decode(), r'for="id_password"[^>]*>\s*密码')


class Unlock(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("huixian-editor")
        cls.admin = make_user("admin", superuser=True)

    def setUp(self):
        fail(self.client, "huixian-editor", 5)
        self.assertEqual(login(self.client, "huixian-editor").status_code, 429)

    def test_a_superuser_sees_and_lifts_the_lock_in_the_admin(self):
        self.client.force_login(self.admin)
        page = self.client.get("/admin/security/lockouts/")
        self.assertContains(page, "huixian-editor")
        self.assertContains(page, HERE)
        response = self.client.post(
            "/admin/security/lockouts/", {"username": "huixian-editor", "ip_address": HERE}
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(login(self.client, "huixian-editor").status_code, 302)
        unlock = entries("cppcc.unlock", object_id=str(self.user.pk)).get()
        self.assertEqual(unlock.user, self.admin)

    def test_an_empty_or_malformed_unlock_lifts_nothing(self):
        self.client.force_login(self.admin)
        for data in ({}, {"username": "", "ip_address": ""}, {"ip_address": "not-an-ip"}):
            response = self.client.post("/admin/security/lockouts/", data)
            self.assertEqual(response.status_code, 302)
        self.assertEqual(AccessAttempt.objects.count(), 1)

    def test_an_editor_cannot_open_the_lockouts(self):
        other = make_user("jiayuguan-editor")
        self.client.force_login(other)
        # Wagtail answers a refused admin view with a redirect to the dashboard.
        page = self.client.get("/admin/security/lockouts/")
        self.assertEqual((page.status_code, page["Location"]), (302, "/admin/"))
        response = self.client.post(
            "/admin/security/lockouts/", {"username": "huixian-editor", "ip_address": HERE}
        )
        self.assertEqual((response.status_code, response["Location"]), (302, "/admin/"))
        self.assertEqual(AccessAttempt.objects.count(), 1)
        self.assertFalse(entries("cppcc.unlock").exists())

    def test_the_management_command_unlocks_an_account(self):
        call_command("axes_reset_username", "huixian-editor", stdout=open("/dev/null", "w"))
        self.assertEqual(login(self.client, "huixian-editor").status_code, 302)


def test_the_demo_password_and_the_test_password_meet_the_policy():
    from django.contrib.auth.password_validation import validate_password

    from demo.management.commands.load_demo import DEFAULT_PASSWORD

    validate_password(DEFAULT_PASSWORD)
    validate_password(PASSWORD)
