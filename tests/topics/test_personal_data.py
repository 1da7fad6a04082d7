"""Contact details are encrypted with rotatable keys and erased on schedule: the retention period
the citizen was told of runs from when the topic is closed."""

import io

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from builders import make_activity
from consultation.models import ActivityStep, Spine
from topics import crypto, handling
from topics.models import AccessAction, TopicAccessLog, TopicSettings, TopicSubmission

from .helpers import topic_site

DAY = timezone.timedelta(days=1)


def receive(site, title="小区停车难", mobile="13912345678"):
    submission, _ = handling.receive(
        site,
        {
            "title": title,
            "description": "情况说明" * 3,
            "place": "高桥村",
            "name": "王小明",
            "mobile": mobile,
        },
    )
    return submission


def run_job(*args):
    out = io.StringIO()
    call_command("anonymise_topic_submissions", *args, stdout=out)
    return out.getvalue()


class Anonymisation(TestCase):
    def setUp(self):
        self.site, _, self.platform = topic_site()
        rules = TopicSettings.for_site(self.site)
        rules.retention_days = 30
        rules.save()

    def test_a_declined_topic_keeps_its_contact_until_the_period_ends_then_loses_it(self):
        submission = receive(self.site)
        handling.decline(submission, None, "不属于协商范围")
        self.assertIn("0 条", run_job())
        TopicSubmission.objects.filter(pk=submission.pk).update(purge_after=timezone.now() - DAY)
        self.assertIn("1 条", run_job())
        submission.refresh_from_db()
        self.assertEqual(
            (submission.name, submission.mobile, submission.mobile_digest), ("", "", "")
        )
        self.assertIsNotNone(submission.anonymised_at)
        self.assertEqual(submission.title, "小区停车难")  # the topic itself stays
        entry = TopicAccessLog.objects.get(action=AccessAction.ANONYMISE)
        self.assertEqual((entry.username, entry.submission_ids), ("系统", [submission.pk]))

    def test_the_period_is_the_one_promised_at_submission_even_if_the_setting_changes(self):
        submission = receive(self.site)
        rules = TopicSettings.for_site(self.site)
        rules.retention_days = 365
        rules.save()
        handling.decline(submission, None, "不属于协商范围")
        submission.refresh_from_db()
        expected = submission.decided_at + 30 * DAY
        self.assertEqual(submission.purge_after, expected)

    def test_an_open_topic_is_never_anonymised(self):
        submission = receive(self.site)
        TopicSubmission.objects.filter(pk=submission.pk).update(
            submitted_at=timezone.now() - 1000 * DAY
        )
        run_job()
        submission.refresh_from_db()
        self.assertEqual(submission.mobile, "13912345678")

    def test_an_accepted_topic_closes_when_its_activity_reports_back(self):
        submission = receive(self.site)
        activity = make_activity(self.platform, "停车问题", [Spine.COLLECT])
        handling.accept(submission, None, activity=activity)
        run_job()
        submission.refresh_from_db()
        self.assertIsNone(submission.purge_after)
        TopicSubmission.objects.filter(pk=submission.pk).update(
            decided_at=timezone.now() - 50 * DAY
        )
        ActivityStep.objects.create(
            activity=activity, step=Spine.FEEDBACK, date=timezone.localdate() - 40 * DAY
        )
        activity.save()
        run_job()
        submission.refresh_from_db()
        self.assertIsNotNone(submission.anonymised_at)
        self.assertEqual(submission.mobile, "")

    def test_dry_run_reports_without_erasing(self):
        submission = receive(self.site)
        handling.decline(submission, None, "x")
        TopicSubmission.objects.filter(pk=submission.pk).update(purge_after=timezone.now() - DAY)
        self.assertIn("1 条（未删除）", run_job("--dry-run"))
        submission.refresh_from_db()
        self.assertEqual(submission.mobile, "13912345678")

    def test_the_receipt_still_works_after_anonymisation(self):
        submission, code = handling.receive(
            self.site,
            {
                "title": "路灯不亮",
                "description": "情况说明" * 3,
                "place": "高桥村",
                "name": "王小明",
                "mobile": "13912345678",
            },
        )
        handling.decline(submission, None, "已转交供电所处理")
        TopicSubmission.objects.filter(pk=submission.pk).update(purge_after=timezone.now() - DAY)
        run_job()
        from topics.validators import format_receipt_code

        response = self.client.get(
            f"/topics/receipt/{format_receipt_code(code)}/", HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "已转交供电所处理")


class Encryption(TestCase):
    def setUp(self):
        self.site, _, _ = topic_site()
        self.addCleanup(crypto.reset_keys)

    def test_contact_details_survive_a_key_rotation(self):
        old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        with override_settings(PERSONAL_DATA_KEYS=[old]):
            crypto.reset_keys()
            submission = receive(self.site)
        with override_settings(PERSONAL_DATA_KEYS=[new, old]):
            crypto.reset_keys()
            submission.refresh_from_db()
            self.assertEqual(submission.mobile, "13912345678")

    def test_without_the_key_the_stored_contact_cannot_be_read(self):
        with override_settings(PERSONAL_DATA_KEYS=[Fernet.generate_key().decode()]):
            crypto.reset_keys()
            submission = receive(self.site)
        with override_settings(PERSONAL_DATA_KEYS=[Fernet.generate_key().decode()]):
            crypto.reset_keys()
            submission.refresh_from_db()
            with self.assertRaises(crypto.InvalidToken):
                submission.mobile  # noqa: B018

    def test_the_same_mobile_is_stored_differently_each_time(self):
        first, second = receive(self.site), receive(self.site, title="路灯不亮")
        self.assertNotEqual(first.mobile_encrypted, second.mobile_encrypted)
        self.assertEqual(first.mobile_digest, second.mobile_digest)
        self.assertNotIn("13912345678", first.mobile_digest)


class EditorPermissions(TestCase):
    def test_editor_groups_may_handle_submissions_and_read_the_log_but_not_delete(self):
        from django.contrib.auth.models import Group

        from core.committees import editor_group_name

        site, _, _ = topic_site()
        group = Group.objects.get(name=editor_group_name(site.site_name))
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertLessEqual(
            {"view_topicsubmission", "change_topicsubmission", "view_topicaccesslog"}, codenames
        )
        self.assertNotIn("delete_topicsubmission", codenames)
        self.assertNotIn("delete_topicaccesslog", codenames)

    def test_after_migrate_existing_editor_groups_get_the_permissions(self):
        from django.contrib.auth.models import Group, Permission

        from core.committees import editor_group_name, grant_declared_permissions

        site, _, _ = topic_site()
        group = Group.objects.get(name=editor_group_name(site.site_name))
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="topics"))
        grant_declared_permissions(using="default")
        self.assertTrue(group.permissions.filter(codename="change_topicsubmission").exists())
