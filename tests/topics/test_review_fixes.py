"""Edge cases found in review: stale or repeated handling, invisible text, absurd ids, client
addresses behind proxies and on dual-stack sockets, private activities, usage pages."""

from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from builders import make_activity, make_editor
from consultation.models import Activity, ActivityStep, Spine
from core.network import client_ip
from topics import handling
from topics.models import AccessAction, SubmissionStatus, TopicAccessLog, TopicSubmission

from .helpers import form_data, post, submit, topic_site


def receive(site, title="小区停车难", mobile="13912345678"):
    submission, code = handling.receive(
        site,
        {
            "title": title,
            "description": "情况说明" * 3,
            "place": "高桥村",
            "name": "王小明",
            "mobile": mobile,
        },
    )
    return submission, code


class Handling(TestCase):
    def setUp(self):
        self.site, _, self.platform = topic_site()
        self.submission, self.code = receive(self.site)
        self.client.force_login(make_editor(self.site, "xqu-editor"))
        self.url = reverse("topic_submissions:inspect", args=[self.submission.pk])

    def accept(self):
        return self.client.post(
            self.url,
            {"action": "accept", "accept-platform": self.platform.pk, "accept-topic": "停车难"},
            follow=True,
        )

    def test_a_second_click_on_accept_does_not_start_a_second_activity(self):
        self.accept()
        response = self.accept()
        self.assertContains(response, "该议题已被处理")
        self.assertEqual(Activity.objects.count(), 1)

    def test_a_stale_tab_cannot_accept_a_declined_topic(self):
        handling.decline(self.submission, None, "不属于协商范围")
        self.accept()
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, SubmissionStatus.DECLINED)
        self.assertFalse(Activity.objects.exists())

    def test_merging_back_and_forth_cannot_make_a_loop(self):
        other, _ = receive(self.site, title="停车位太少", mobile="13700000000")
        handling.merge(other, self.submission, None)
        with self.assertRaises(handling.AlreadyHandled):
            handling.merge(self.submission, other, None)
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, SubmissionStatus.RECEIVED)

    def test_a_refused_post_that_shows_the_contact_again_is_audited(self):
        response = self.client.post(self.url, {"action": "decline", "decline-reason": ""})
        self.assertContains(response, "13912345678")
        self.assertTrue(
            TopicAccessLog.objects.filter(
                action=AccessAction.VIEW, submission_ids=[self.submission.pk]
            ).exists()
        )

    def test_an_absurd_activity_or_platform_id_is_a_form_error(self):
        response = self.client.post(
            self.url,
            {"action": "accept", "accept-activity": "9" * 30, "accept-platform": "x"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "选择一个有效的选项")

    def test_the_accept_form_does_not_copy_the_citizens_text_into_the_public_description(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, "情况说明情况说明情况说明</textarea>")

    def test_accepted_into_an_activity_that_already_reported_back_keeps_contact_for_the_period(
        self,
    ):
        done = make_activity(self.platform, "早已办结的活动", [Spine.COLLECT, Spine.FEEDBACK])
        handling.accept(self.submission, None, activity=done)
        handling.anonymise_due()
        self.submission.refresh_from_db()
        self.assertIsNone(self.submission.anonymised_at)
        self.assertGreaterEqual(self.submission.purge_after, self.submission.decided_at)

    def test_usage_pages_of_linked_platforms_work_and_do_not_list_submissions(self):
        TopicSubmission.objects.filter(pk=self.submission.pk).update(platform=self.platform)
        self.submission.refresh_from_db()
        self.submission.save()
        response = self.client.get(reverse("wagtailadmin_pages:usage", args=[self.platform.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "小区停车难")


class PublicEdgeCases(TestCase):
    def setUp(self):
        self.site, _, self.platform = topic_site()

    def test_a_title_of_invisible_characters_counts_as_empty(self):
        response = post(self.client, self.site, form_data(title="\u200b\u200b\u200b\u200b\ufeff"))
        self.assertContains(response, "必需字段")
        self.assertFalse(TopicSubmission.objects.exists())

    def test_an_absurd_platform_id_is_an_invalid_choice_not_an_error_page(self):
        response = post(self.client, self.site, form_data(platform="9" * 30))
        self.assertContains(response, "选择一个有效的选项")

    def test_steps_of_an_activity_at_an_unpublished_platform_stay_private(self):
        submission, code = receive(self.site)
        activity = make_activity(self.platform, "停车", [Spine.COLLECT, Spine.PUBLISH])
        ActivityStep.objects.filter(activity=activity, step=Spine.PUBLISH).update(
            summary="公示内容"
        )
        handling.accept(submission, None, activity=activity)
        from topics.validators import format_receipt_code

        url = f"/topics/receipt/{format_receipt_code(code)}/"
        self.assertContains(self.client.get(url, HTTP_HOST=self.site.hostname), "公示内容")
        self.platform.unpublish()
        response = self.client.get(url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "已协商")
        self.assertNotContains(response, "公示内容")

    def test_the_receipt_code_waits_in_the_session_encrypted_and_only_briefly(self):
        code = submit(self.client, self.site)
        self.assertNotIn(code.replace("-", ""), str(dict(self.client.session)))
        post(self.client, self.site, form_data(title="路灯不亮"))
        session = self.client.session
        stored = session["topics_receipt"]
        self.assertTrue(stored.startswith("gAAAAA"))  # a Fernet token
        later = timezone.now().timestamp() + 20 * 60
        from unittest import mock

        with mock.patch("time.time", return_value=later):
            response = self.client.get("/topics/thanks/", HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 302)


class ClientAddress(TestCase):
    def request(self, remote, **meta):
        return RequestFactory().get("/", REMOTE_ADDR=remote, **meta)

    def test_ipv4_clients_on_a_dual_stack_socket_count_as_ipv4(self):
        self.assertEqual(client_ip(self.request("::ffff:203.0.113.9")), "203.0.113.9")

    @override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    def test_behind_a_proxy_the_entry_the_proxy_appended_counts(self):
        request = self.request("10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
        self.assertEqual(client_ip(request), "198.51.100.7")

    @override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    def test_a_missing_or_garbled_header_falls_back_to_the_socket_address(self):
        self.assertEqual(client_ip(self.request("10.0.0.1")), "10.0.0.1")
        self.assertEqual(client_ip(self.request("10.0.0.1", HTTP_X_REAL_IP="nonsense")), "10.0.0.1")

    @override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP", TOPIC_SUBMIT_RATE="1/h")
    def test_the_form_limit_counts_the_address_the_proxy_names(self):
        site, _, _ = topic_site("gaotai")
        first = post(self.client, site, form_data(), HTTP_X_REAL_IP="198.51.100.1")
        second = post(self.client, site, form_data(title="路灯不亮"), HTTP_X_REAL_IP="198.51.100.1")
        other = post(self.client, site, form_data(title="垃圾清运"), HTTP_X_REAL_IP="198.51.100.2")
        self.assertEqual(
            (first.status_code, second.status_code, other.status_code), (302, 429, 302)
        )
