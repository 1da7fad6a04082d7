"""Bots and floods: traps that hand bot posts back unsent, limits per address (IPv6 per /64)
answered with 429, repeated submissions merged."""

import re

from django.test import TestCase, override_settings
from django.utils import timezone

from topics.models import SubmissionStatus, TopicSettings, TopicSubmission

from .helpers import CODE_RE, form_data, post, stamp, submit, topic_site


class BotTraps(TestCase):
    def setUp(self):
        self.site, self.page, _ = topic_site()

    def assert_handed_back_unsent(self, data):
        """Nothing kept, no success and no receipt code: the form comes back instead."""
        response = post(self.client, self.site, data, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "您的议题尚未提交")
        self.assertNotContains(response, "提交成功")
        self.assertIsNone(CODE_RE.search(response.content.decode()))
        self.assertFalse(TopicSubmission.objects.exists())

    def test_a_filled_honeypot_is_handed_back_unsent(self):
        self.assert_handed_back_unsent(form_data(website="http://spam.example"))

    def test_a_form_posted_faster_than_a_person_can_type_is_handed_back_unsent(self):
        self.assert_handed_back_unsent(form_data(stamp=stamp(seconds_ago=0)))

    def test_a_post_without_the_form_stamp_is_handed_back_unsent(self):
        self.assert_handed_back_unsent(form_data(stamp=""))

    def test_a_forged_stamp_is_handed_back_unsent(self):
        self.assert_handed_back_unsent(form_data(stamp="1700000000:forged"))

    def test_a_person_correcting_a_field_at_once_is_not_taken_for_a_bot(self):
        first = post(self.client, self.site, form_data(mobile="12345", stamp=stamp(5)))
        self.assertContains(first, "手机号码格式不正确")
        kept = re.search(r'name="stamp" value="([^"]+)"', first.content.decode()).group(1)
        second = post(self.client, self.site, form_data(stamp=kept), follow=True)
        self.assertContains(second, "提交成功")
        self.assertEqual(TopicSubmission.objects.count(), 1)

    def test_the_honeypot_is_hidden_from_people_and_screen_readers(self):
        response = self.client.get("/topics/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, '<div class="hp" aria-hidden="true">')
        self.assertContains(response, 'tabindex="-1"')


@override_settings(TOPIC_SUBMIT_RATE="3/h", TOPIC_LOOKUP_RATE="4/h")
class RateLimits(TestCase):
    def setUp(self):
        self.site, self.page, _ = topic_site()

    def test_the_fourth_post_within_the_hour_gets_429_with_a_clear_message(self):
        for number in range(3):
            response = post(self.client, self.site, form_data(title=f"议题标题{number}"))
            self.assertEqual(response.status_code, 302)
        response = post(self.client, self.site, form_data(title="第四个议题"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "操作过于频繁", status_code=429)
        self.assertGreater(int(response["Retry-After"]), 0)
        self.assertEqual(TopicSubmission.objects.count(), 3)

    def test_bot_posts_are_not_counted_and_never_stored(self):
        for _ in range(4):
            post(self.client, self.site, form_data(website="spam"))
        self.assertFalse(TopicSubmission.objects.exists())
        response = post(self.client, self.site, form_data())
        self.assertEqual(response.status_code, 302)

    def test_another_address_is_not_limited(self):
        for number in range(4):
            post(
                self.client,
                self.site,
                form_data(title=f"议题标题{number}"),
                REMOTE_ADDR="203.0.113.7",
            )
        response = post(self.client, self.site, form_data(), REMOTE_ADDR="203.0.113.8")
        self.assertEqual(response.status_code, 302)

    def test_ipv6_addresses_in_one_slash_64_share_a_limit(self):
        for number in range(3):
            post(
                self.client,
                self.site,
                form_data(title=f"议题标题{number}"),
                REMOTE_ADDR=f"2001:db8:1:2::{number + 1}",
            )
        same_64 = post(self.client, self.site, form_data(), REMOTE_ADDR="2001:db8:1:2:ffff::9")
        self.assertEqual(same_64.status_code, 429)
        next_64 = post(self.client, self.site, form_data(), REMOTE_ADDR="2001:db8:1:3::1")
        self.assertEqual(next_64.status_code, 302)

    def test_receipt_lookups_are_limited_so_codes_cannot_be_guessed(self):
        for _ in range(4):
            response = self.client.get(
                "/topics/receipt/ABCD-EFGH-JKMN-PQRS/", HTTP_HOST=self.site.hostname
            )
            self.assertEqual(response.status_code, 404)
        response = self.client.get(
            "/topics/receipt/ABCD-EFGH-JKMN-PQRS/", HTTP_HOST=self.site.hostname
        )
        self.assertEqual(response.status_code, 429)

    def test_reading_the_form_is_not_limited(self):
        for _ in range(6):
            response = self.client.get("/topics/", HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)


class Duplicates(TestCase):
    def setUp(self):
        self.site, self.page, _ = topic_site()

    def test_the_same_topic_from_the_same_mobile_is_merged_into_the_first(self):
        first = submit(self.client, self.site)
        second = submit(self.client, self.site, title=" 小区 停车难 ", mobile="139 1234 5678")
        self.assertNotEqual(first, second)
        original, repeat = TopicSubmission.objects.order_by("pk")
        self.assertEqual(repeat.status, SubmissionStatus.MERGED)
        self.assertEqual(repeat.merged_into, original)
        self.assertTrue(repeat.auto_merged)
        response = self.client.get(f"/topics/receipt/{second}/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "已合并办理")
        self.assertContains(response, "审核中")

    def test_a_different_mobile_or_title_is_a_new_topic(self):
        submit(self.client, self.site)
        submit(self.client, self.site, mobile="13700000000")
        submit(self.client, self.site, title="路灯不亮")
        self.assertEqual(
            TopicSubmission.objects.filter(status=SubmissionStatus.RECEIVED).count(), 3
        )

    def test_outside_the_window_the_same_topic_is_new(self):
        rules = TopicSettings.for_site(self.site)
        rules.duplicate_window_hours = 24
        rules.save()
        submit(self.client, self.site)
        TopicSubmission.objects.update(submitted_at=timezone.now() - timezone.timedelta(hours=25))
        submit(self.client, self.site)
        self.assertFalse(TopicSubmission.objects.filter(status=SubmissionStatus.MERGED).exists())
