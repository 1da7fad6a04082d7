"""Issue 16: a citizen is never told a dropped submission succeeded. A form sent too fast comes
back with everything kept and a request to send it again; only accepted submissions count
towards the limits, which are per committee site with a higher ceiling per address overall;
with the cache unreachable the form still takes submissions and nothing answers 500."""

import re

from django.core.cache import caches
from django.test import TestCase, override_settings
from django_redis.cache import RedisCache

from cppcc.settings.base import redis_cache_settings
from topics.checks import check_topic_rates
from topics.models import SubmissionStatus, TopicSubmission

from .helpers import CODE_RE, form_data, post, stamp, topic_site

RESEND = "请核对下方内容后再次点击“提交议题”"
STAMP_RE = re.compile(r'name="stamp" value="([^"]+)"')


def shown_stamp(response):
    return STAMP_RE.search(response.content.decode()).group(1)


def assert_no_receipt(test, response):
    body = response.content.decode()
    test.assertNotIn("提交成功", body)
    test.assertIsNone(CODE_RE.search(body), "a receipt code was shown")


class TooFast(TestCase):
    """Autofill fills the whole form in a second or two: that person must not be told
    "提交成功" with a code that opens nothing."""

    def setUp(self):
        self.site, self.page, _ = topic_site()

    def test_a_complete_form_sent_too_fast_comes_back_kept_with_a_request_to_resend(self):
        response = post(self.client, self.site, form_data(stamp=stamp(seconds_ago=1.5)))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, RESEND)
        self.assertContains(response, "尚未提交")
        for kept in ("小区停车难", "小区车位少，晚上车辆占用消防通道", "城南镇高桥村", "王小明"):
            self.assertContains(response, kept)
        self.assertContains(response, 'value="13912345678"')
        assert_no_receipt(self, response)
        self.assertFalse(TopicSubmission.objects.exists())

    def test_an_empty_form_sent_at_once_gets_its_errors_not_a_success(self):
        response = post(self.client, self.site, {"stamp": stamp(seconds_ago=0)})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "必需字段")
        assert_no_receipt(self, response)
        self.assertFalse(TopicSubmission.objects.exists())

    def test_sending_it_again_at_once_is_accepted_with_a_working_code(self):
        first = post(self.client, self.site, form_data(stamp=stamp(seconds_ago=1)))
        again = post(self.client, self.site, form_data(stamp=shown_stamp(first)), follow=True)
        self.assertContains(again, "提交成功")
        code = CODE_RE.search(again.content.decode()).group(0)
        self.assertEqual(TopicSubmission.objects.count(), 1)
        receipt = self.client.get(f"/topics/receipt/{code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "小区停车难")

    def test_too_fast_and_invalid_shows_both_and_the_corrected_form_is_accepted(self):
        first = post(self.client, self.site, form_data(mobile="12345", stamp=stamp(0)))
        self.assertContains(first, RESEND)
        self.assertContains(first, "手机号码格式不正确")
        again = post(self.client, self.site, form_data(stamp=shown_stamp(first)), follow=True)
        self.assertContains(again, "提交成功")
        self.assertEqual(TopicSubmission.objects.count(), 1)

    def test_a_form_without_a_valid_stamp_is_handed_back_not_faked(self):
        for bad in ("", "1700000000:forged"):
            response = post(self.client, self.site, form_data(stamp=bad))
            self.assertContains(response, RESEND)
            self.assertContains(response, "小区车位少")
            assert_no_receipt(self, response)
        self.assertFalse(TopicSubmission.objects.exists())

    def test_a_stamp_shown_once_still_expires_after_a_day(self):
        first = post(self.client, self.site, form_data(stamp=stamp(0)))
        self.assertNotEqual(shown_stamp(first), form_data()["stamp"])
        late = post(self.client, self.site, form_data(stamp=stamp(seconds_ago=2 * 86400)))
        self.assertContains(late, "页面打开时间过长")
        self.assertFalse(TopicSubmission.objects.exists())


class Honeypot(TestCase):
    """A bot is not a person: it gets the same form-back answer as a too-fast post, never a
    receipt code, and nothing is kept."""

    def setUp(self):
        self.site, self.page, _ = topic_site()

    def test_a_filled_honeypot_stores_nothing_and_shows_no_code(self):
        response = post(self.client, self.site, form_data(website="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, RESEND)
        assert_no_receipt(self, response)
        self.assertFalse(TopicSubmission.objects.exists())

    def test_the_honeypot_comes_back_empty_so_a_person_can_resend(self):
        # A browser's autofill may fill the hidden field; the person then sends the form again.
        first = post(self.client, self.site, form_data(website="http://spam.example"))
        self.assertNotContains(first, "spam.example")
        again = post(self.client, self.site, form_data(stamp=shown_stamp(first)), follow=True)
        self.assertContains(again, "提交成功")
        self.assertEqual(TopicSubmission.objects.count(), 1)

    def test_a_bot_resending_with_the_honeypot_filled_never_gets_through(self):
        first = post(self.client, self.site, form_data(website="x"))
        again = post(self.client, self.site, form_data(website="x", stamp=shown_stamp(first)))
        assert_no_receipt(self, again)
        self.assertFalse(TopicSubmission.objects.exists())


def two_counties():
    first, _, _ = topic_site("xqu")
    second, _, _ = topic_site("gaotai")
    third, _, _ = topic_site("sunan")
    return first, second, third


@override_settings(TOPIC_SUBMIT_RATE="3/h", TOPIC_SUBMIT_RATE_OVERALL="5/h")
class LimitsCountAcceptedSubmissionsPerSite(TestCase):
    def setUp(self):
        self.first, self.second, self.third = two_counties()

    def accept(self, site, number, **extra):
        response = post(self.client, site, form_data(title=f"议题标题{number}"), **extra)
        self.assertEqual(response.status_code, 302, response.content.decode()[:300])

    def test_five_invalid_submissions_do_not_block_a_valid_one(self):
        for _ in range(5):
            response = post(self.client, self.first, form_data(mobile="12345"))
            self.assertContains(response, "手机号码格式不正确")
        self.accept(self.first, 1)

    def test_too_fast_and_honeypot_returns_do_not_count(self):
        for _ in range(3):
            post(self.client, self.first, form_data(stamp=stamp(0)))
            post(self.client, self.first, form_data(website="x"))
        self.accept(self.first, 1)

    def test_the_limit_on_one_county_leaves_another_countys_form_open(self):
        for number in range(3):
            self.accept(self.first, number)
        refused = post(self.client, self.first, form_data(title="第四个议题"))
        self.assertEqual(refused.status_code, 429)
        self.accept(self.second, 4)
        self.assertEqual(TopicSubmission.objects.filter(site=self.second).count(), 1)

    def test_the_limit_refusal_keeps_the_text_and_says_when_to_retry(self):
        for number in range(3):
            self.accept(self.first, number)
        refused = post(self.client, self.first, form_data(title="第四个议题"))
        self.assertContains(refused, "操作过于频繁", status_code=429)
        self.assertContains(refused, "第四个议题", status_code=429)
        self.assertContains(refused, "小区车位少", status_code=429)
        self.assertGreater(int(refused["Retry-After"]), 0)
        assert_no_receipt(self, refused)
        self.assertEqual(TopicSubmission.objects.count(), 3)

    def test_the_overall_ceiling_per_address_applies_across_counties(self):
        for number in range(3):
            self.accept(self.first, number)
        for number in range(3, 5):
            self.accept(self.second, number)
        # The second county has taken two of its three, but the address has used all five.
        refused = post(self.client, self.second, form_data(title="第六个议题"))
        self.assertEqual(refused.status_code, 429)
        self.assertEqual(post(self.client, self.third, form_data()).status_code, 429)
        self.assertEqual(TopicSubmission.objects.count(), 5)
        self.accept(self.third, 6, REMOTE_ADDR="203.0.113.9")

    def test_duplicates_merged_on_arrival_count_as_accepted(self):
        for _ in range(3):
            self.accept(self.first, 0)
        self.assertEqual(TopicSubmission.objects.filter(status=SubmissionStatus.MERGED).count(), 2)
        self.assertEqual(post(self.client, self.first, form_data()).status_code, 429)


@override_settings(
    CACHES=redis_cache_settings("redis://127.0.0.1:1/0"),
    TOPIC_SUBMIT_RATE="1/h",
    TOPIC_SUBMIT_RATE_OVERALL="1/h",
    TOPIC_LOOKUP_RATE="2/h",
)
class CacheOutage(TestCase):
    """Redis unreachable (django-redis with IGNORE_EXCEPTIONS: reads miss, writes are dropped).
    The counts cannot be kept, so the limits are not enforced; citizens are not turned away,
    and the honeypot, the minimum fill time and the merging of duplicates still apply."""

    def setUp(self):
        # override_settings has already swapped the cache handler (django.test.signals); make
        # sure no connection to the test cache survives and the swap really took effect.
        caches["default"].close()
        self.assertIsInstance(caches["default"], RedisCache)
        self.site, self.page, _ = topic_site()

    def test_the_form_still_accepts_submissions(self):
        self.assertEqual(self.client.get("/topics/", HTTP_HOST=self.site.hostname).status_code, 200)
        codes = []
        for number in range(3):
            response = post(
                self.client, self.site, form_data(title=f"议题标题{number}"), follow=True
            )
            self.assertContains(response, "提交成功")
            codes.append(CODE_RE.search(response.content.decode()).group(0))
        self.assertEqual(TopicSubmission.objects.count(), 3)
        receipt = self.client.get(f"/topics/receipt/{codes[0]}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "议题标题0")

    def test_traps_and_merging_still_apply(self):
        fast = post(self.client, self.site, form_data(stamp=stamp(0)))
        self.assertContains(fast, RESEND)
        bot = post(self.client, self.site, form_data(website="x"))
        assert_no_receipt(self, bot)
        self.assertFalse(TopicSubmission.objects.exists())
        for _ in range(2):
            self.assertEqual(post(self.client, self.site, form_data()).status_code, 302)
        self.assertEqual(TopicSubmission.objects.filter(status=SubmissionStatus.MERGED).count(), 1)

    def test_receipt_lookups_answer_normally(self):
        for _ in range(5):
            response = self.client.get(
                "/topics/receipt/ABCD-EFGH-JKMN-PQRS/", HTTP_HOST=self.site.hostname
            )
            self.assertEqual(response.status_code, 404)
        lookup = self.client.get(
            "/topics/receipt/", {"code": "abcd efgh jkmn pqrs"}, HTTP_HOST=self.site.hostname
        )
        self.assertEqual(lookup.status_code, 302)


class RateSettings(TestCase):
    def test_the_shipped_rates_pass_the_check(self):
        self.assertEqual(check_topic_rates(None), [])

    def test_an_unreadable_rate_stops_the_start_instead_of_every_post(self):
        for value in ("lots", "5/0h", ""):
            with self.subTest(value=value), override_settings(TOPIC_SUBMIT_RATE_OVERALL=value):
                self.assertEqual([e.id for e in check_topic_rates(None)], ["topics.E001"])
