"""A citizen submits a topic and follows it with a receipt code; bad input is explained and kept;
personal data never reaches a public page."""

import re

from django.db import connection
from django.test import Client, TestCase

from consultation.models import TopicCategory
from topics.models import SubmissionStatus, TopicSubmission

from .helpers import form_data, post, stamp, submit, topic_site


class SubmittingATopic(TestCase):
    def setUp(self):
        self.site, self.page, self.platform = topic_site()

    def test_a_submitted_topic_is_stored_with_its_details_and_encrypted_contact(self):
        category = TopicCategory.objects.get(slug="urban-management")
        submit(
            self.client,
            self.site,
            platform=self.platform.pk,
            category=category.pk,
            mobile="+86 139-1234-5678",
        )
        submission = TopicSubmission.objects.get()
        self.assertEqual(
            (submission.site, submission.title, submission.platform, submission.category),
            (self.site, "小区停车难", self.platform.page_ptr.specific, category),
        )
        self.assertEqual((submission.name, submission.mobile), ("王小明", "13912345678"))
        self.assertEqual(submission.status, SubmissionStatus.RECEIVED)
        with connection.cursor() as cursor:
            cursor.execute("SELECT name_encrypted, mobile_encrypted FROM topics_topicsubmission")
            stored = " ".join(cursor.fetchone())
        self.assertNotIn("13912345678", stored)
        self.assertNotIn("王小明", stored)

    def test_the_receipt_code_opens_a_status_page_without_name_or_mobile(self):
        code = submit(self.client, self.site)
        response = Client().get(f"/topics/receipt/{code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "小区停车难")
        self.assertContains(response, "已受理")
        self.assertContains(response, "审核中")
        body = response.content.decode()
        for personal in ("王小明", "王*", "13912345678", "139****5678", "5678"):
            self.assertNotIn(personal, body)

    def test_the_receipt_code_is_shown_once_and_only_its_digest_is_stored(self):
        code = submit(self.client, self.site)
        raw = code.replace("-", "")
        submission = TopicSubmission.objects.get()
        self.assertNotIn(raw, submission.code_digest)
        again = self.client.get("/topics/thanks/", HTTP_HOST=self.site.hostname)
        self.assertEqual(again.status_code, 302)

    def test_a_code_typed_in_lower_case_without_dashes_finds_the_topic(self):
        code = submit(self.client, self.site)
        typed = code.replace("-", "").lower()
        response = self.client.get(
            "/topics/receipt/", {"code": typed}, HTTP_HOST=self.site.hostname, follow=True
        )
        self.assertContains(response, "小区停车难")

    def test_an_unknown_code_answers_404_in_chinese(self):
        response = self.client.get(
            "/topics/receipt/ABCD-EFGH-JKMN-PQRS/", HTTP_HOST=self.site.hostname
        )
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "未找到该回执码", status_code=404)

    def test_a_code_from_another_committee_is_not_found_here(self):
        code = submit(self.client, self.site)
        other, _, _ = topic_site("gaotai")
        response = self.client.get(f"/topics/receipt/{code}/", HTTP_HOST=other.hostname)
        self.assertEqual(response.status_code, 404)

    def test_a_malformed_code_gets_a_message_not_an_error(self):
        response = self.client.get(
            "/topics/receipt/", {"code": "12345"}, HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "回执码应为16位")

    def test_form_and_receipt_pages_are_never_cached_or_indexed(self):
        code = submit(self.client, self.site)
        for path in ("/topics/", f"/topics/receipt/{code}/", "/topics/receipt/"):
            response = self.client.get(path, HTTP_HOST=self.site.hostname)
            self.assertIn("no-store", response["Cache-Control"], path)
            self.assertIn("private", response["Cache-Control"], path)
            self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_the_form_states_purpose_audience_and_retention_before_consent(self):
        response = self.client.get("/topics/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "用来做什么")
        self.assertContains(response, "谁能看到")
        self.assertContains(response, "办结（结果反馈、不予采纳或合并办理）后 180 天删除")
        self.assertNotContains(response, 'type="file"')

    def test_platform_choices_are_this_committees_published_platforms_only(self):
        _, _, foreign = topic_site("gaotai")
        response = post(self.client, self.site, form_data(platform=foreign.pk))
        self.assertContains(response, "选择一个有效的选项")
        self.assertFalse(TopicSubmission.objects.exists())


class BadInput(TestCase):
    def setUp(self):
        self.site, self.page, _ = topic_site()

    def test_missing_consent_is_explained_and_everything_typed_is_kept(self):
        response = post(self.client, self.site, form_data(consent=""))
        self.assertContains(response, "请阅读个人信息处理说明并勾选同意")
        self.assertContains(response, "小区车位少，晚上车辆占用消防通道")
        self.assertContains(response, 'value="13912345678"')
        self.assertFalse(TopicSubmission.objects.exists())

    def test_a_choice_that_is_not_an_ascii_number_is_an_invalid_choice(self):
        for value in ("²", "٣", "99999999999999999999999"):
            with self.subTest(value=value):
                response = post(self.client, self.site, form_data(platform=value, category=value))
                self.assertContains(response, "选择一个有效的选项")
                self.assertFalse(TopicSubmission.objects.exists())

    def test_a_wrong_mobile_number_is_explained(self):
        response = post(self.client, self.site, form_data(mobile="12345"))
        self.assertContains(response, "手机号码格式不正确")
        self.assertFalse(TopicSubmission.objects.exists())

    def test_ten_thousand_characters_are_refused_with_the_limit_named(self):
        response = post(self.client, self.site, form_data(description="协" * 10_000))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2000")
        self.assertFalse(TopicSubmission.objects.exists())

    def test_script_laden_input_is_stored_as_text_and_rendered_inert(self):
        script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        code = submit(self.client, self.site, title=f"停车{script}"[:60], place=script[:60])
        response = self.client.get(f"/topics/receipt/{code}/", HTTP_HOST=self.site.hostname)
        body = response.content.decode()
        self.assertNotIn("<script>alert", body)
        self.assertNotIn("<img src=x", body)
        self.assertIn("&lt;script&gt;", body)

    def test_control_and_bidi_characters_are_dropped(self):
        submit(self.client, self.site, title="小区\u202e停车\x07难")
        self.assertEqual(TopicSubmission.objects.get().title, "小区停车难")

    def test_a_browser_post_with_token_and_origin_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        form = client.get("/topics/", HTTP_HOST=self.site.hostname)
        # Browsers send Origin: null under Referrer-Policy: no-referrer; the form must not.
        self.assertEqual(form["Referrer-Policy"], "same-origin")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
        data = form_data(csrfmiddlewaretoken=token.group(1))
        response = post(client, self.site, data, HTTP_ORIGIN=f"http://{self.site.hostname}")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(TopicSubmission.objects.exists())

    def test_a_post_without_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        response = post(client, self.site, form_data())
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "请返回上一页", status_code=403)
        self.assertFalse(TopicSubmission.objects.exists())

    def test_a_form_left_open_over_a_day_asks_to_submit_again_and_keeps_the_text(self):
        response = post(self.client, self.site, form_data(stamp=stamp(seconds_ago=2 * 86400)))
        self.assertContains(response, "页面打开时间过长")
        self.assertContains(response, "小区车位少")
        self.assertFalse(TopicSubmission.objects.exists())
        fresh = re.search(r'name="stamp" value="([^"]+)"', response.content.decode()).group(1)
        self.assertNotEqual(fresh, form_data()["stamp"])
