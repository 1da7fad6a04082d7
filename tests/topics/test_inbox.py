"""Editors handle their committee's submissions in the admin — accept into an activity, merge,
decline — and every look is audited; members and other committees' editors see nothing."""

import csv
import io

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import NoReverseMatch, reverse

from builders import committee_with_members, make_activity, make_editor
from consultation.models import Activity, ActivityStep, Spine
from members.models import MemberPage
from topics import handling
from topics.models import AccessAction, SubmissionStatus, TopicAccessLog, TopicSubmission

from .helpers import submit, topic_site


def inbox(name="index", *args):
    return reverse(f"topic_submissions:{name}", args=args)


class Inbox(TestCase):
    def setUp(self):
        self.site, self.page, self.platform = topic_site()
        self.code = submit(self.client, self.site)
        self.submission = TopicSubmission.objects.get()
        self.editor = make_editor(self.site, "xqu-editor")
        self.client.force_login(self.editor)

    def test_the_editor_sees_the_submission_in_the_inbox_without_contact_details(self):
        response = self.client.get(inbox())
        self.assertContains(response, "小区停车难")
        self.assertNotContains(response, "13912345678")

    def test_opening_a_submission_shows_the_contact_and_is_written_to_the_audit_log(self):
        response = self.client.get(inbox("inspect", self.submission.pk))
        self.assertContains(response, "13912345678")
        self.assertContains(response, "王小明")
        entry = TopicAccessLog.objects.filter(action=AccessAction.VIEW).get()
        self.assertEqual(
            (entry.user, entry.site, entry.submission_ids),
            (self.editor, self.site, [self.submission.pk]),
        )

    def test_listing_is_written_to_the_audit_log(self):
        self.client.get(inbox())
        entry = TopicAccessLog.objects.filter(action=AccessAction.LIST).get()
        self.assertEqual(entry.submission_ids, [self.submission.pk])

    def test_export_holds_the_contact_details_defuses_formulas_and_is_audited(self):
        submit(self.client, self.site, title='=HYPERLINK("http://x")停车', mobile="13700000000")
        response = self.client.get(inbox(), {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertIn("手机号码", rows[0])
        self.assertIn("13912345678", sum(rows, []))
        titles = [row[rows[0].index("议题")] for row in rows[1:]]
        self.assertIn('\'=HYPERLINK("http://x")停车', titles)
        entry = TopicAccessLog.objects.filter(action=AccessAction.EXPORT).get()
        self.assertEqual(len(entry.submission_ids), 2)

    def test_accepting_into_a_new_activity_starts_it_and_the_citizen_sees_the_progress(self):
        response = self.client.post(
            inbox("inspect", self.submission.pk),
            {
                "action": "accept",
                "accept-activity": "",
                "accept-platform": self.platform.pk,
                "accept-topic": "高桥村小区停车难",
                "accept-topic_description": "小区停车位不足",
                "accept-reason": "将在高桥村议事室协商。",
            },
        )
        activity = Activity.objects.get()
        self.assertRedirects(
            response, reverse("wagtailsnippets_consultation_activity:edit", args=[activity.pk])
        )
        self.assertEqual(activity.current_step, Spine.COLLECT)
        self.assertEqual(activity.topic_source, "public")
        self.submission.refresh_from_db()
        self.assertEqual(
            (self.submission.status, self.submission.activity),
            (SubmissionStatus.ACCEPTED, activity),
        )
        for step, summary in ((Spine.DELIBERATE, "议事会协商"), (Spine.FEEDBACK, "新增停车位40个")):
            ActivityStep.objects.create(activity=activity, step=step, summary=summary)
        activity.save()
        receipt = self.client.get(f"/topics/receipt/{self.code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "已采纳为协商议题")
        self.assertContains(receipt, "将在高桥村议事室协商。")
        self.assertContains(receipt, "新增停车位40个")
        self.assertContains(receipt, "查看这次协商活动的公开情况")
        self.assertNotContains(receipt, "议事会协商")  # 协商议事 records are internal

    def test_accepting_into_an_existing_activity_links_it(self):
        existing = make_activity(self.platform, "停车问题协商", [Spine.COLLECT, Spine.SELECT])
        self.client.post(
            inbox("inspect", self.submission.pk),
            {"action": "accept", "accept-activity": existing.pk, "accept-platform": ""},
        )
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.activity, existing)
        receipt = self.client.get(f"/topics/receipt/{self.code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "已安排协商")

    def test_declining_needs_a_reason_which_the_citizen_then_sees(self):
        response = self.client.post(
            inbox("inspect", self.submission.pk), {"action": "decline", "decline-reason": ""}
        )
        self.assertContains(response, "必需字段")
        self.client.post(
            inbox("inspect", self.submission.pk),
            {"action": "decline", "decline-reason": "属于物业合同纠纷，请向街道反映。"},
        )
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, SubmissionStatus.DECLINED)
        self.assertIsNotNone(self.submission.purge_after)
        receipt = self.client.get(f"/topics/receipt/{self.code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "未采纳")
        self.assertContains(receipt, "属于物业合同纠纷，请向街道反映。")
        self.assertEqual(
            TopicAccessLog.objects.filter(action=AccessAction.DECLINE).get().user, self.editor
        )

    def test_merging_a_duplicate_shows_the_citizen_the_other_topics_progress(self):
        second_code = submit(self.client, self.site, title="停车位太少", mobile="13700000000")
        duplicate = TopicSubmission.objects.get(title="停车位太少")
        self.client.post(
            inbox("inspect", duplicate.pk), {"action": "merge", "merge-into": self.submission.pk}
        )
        duplicate.refresh_from_db()
        self.assertEqual(duplicate.merged_into, self.submission)
        self.client.post(
            inbox("inspect", self.submission.pk),
            {"action": "decline", "decline-reason": "已列入明年城建计划。"},
        )
        receipt = self.client.get(f"/topics/receipt/{second_code}/", HTTP_HOST=self.site.hostname)
        self.assertContains(receipt, "已合并办理")
        self.assertContains(receipt, "已列入明年城建计划。")


class WhoSeesTheInbox(TestCase):
    def setUp(self):
        self.site, _, _ = topic_site()
        submit(self.client, self.site)
        self.submission = TopicSubmission.objects.get()

    def test_another_committees_editor_sees_neither_the_list_nor_the_submission(self):
        other, _, _ = topic_site("gaotai")
        self.client.force_login(make_editor(other, "gaotai-editor"))
        self.assertNotContains(self.client.get(inbox()), "小区停车难")
        response = self.client.get(inbox("inspect", self.submission.pk))
        self.assertEqual(response.status_code, 404)
        response = self.client.post(
            inbox("inspect", self.submission.pk), {"action": "decline", "decline-reason": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, SubmissionStatus.RECEIVED)

    def test_a_member_account_cannot_reach_the_inbox_the_export_or_the_log(self):
        rows = [{"编号": "01", "姓名": "甲委员", "担任站长": "东湖委员工作站"}]
        site, _, _, _, report = committee_with_members("jiuquan", rows)
        assert report.errors == [], report.errors
        handling.receive(
            site,
            {
                "title": "路灯不亮",
                "description": "村口路灯坏了两个月",
                "place": "东湖村",
                "name": "李大姐",
                "mobile": "13700000000",
            },
        )
        theirs = TopicSubmission.objects.get(site=site)
        self.client.force_login(MemberPage.objects.get(roster_id="01").user)
        for url in (
            inbox(),
            inbox() + "?export=csv",
            inbox("inspect", theirs.pk),
            reverse("topic_access_log:index"),
        ):
            response = self.client.get(url)
            self.assertNotEqual(response.status_code, 200, url)
            self.assertNotIn(b"13700000000", getattr(response, "content", b""))
        response = self.client.post(
            inbox("inspect", theirs.pk), {"action": "decline", "decline-reason": "x"}
        )
        self.assertNotEqual(response.status_code, 200)
        theirs.refresh_from_db()
        self.assertEqual(theirs.status, SubmissionStatus.RECEIVED)
        self.assertFalse(TopicAccessLog.objects.exists())

    def test_there_is_no_add_edit_or_delete_view(self):
        self.client.force_login(get_user_model().objects.create_superuser("root", password="x"))
        for name in ("add", "edit", "delete"):
            with self.assertRaises(NoReverseMatch):
                reverse(f"topic_submissions:{name}", args=[] if name == "add" else [1])
        self.assertEqual(
            self.client.get(f"/admin/topics/submissions/delete/{self.submission.pk}/").status_code,
            404,
        )


class AuditLog(TestCase):
    def setUp(self):
        self.site, _, _ = topic_site()
        submit(self.client, self.site)
        self.editor = make_editor(self.site, "xqu-editor")
        self.client.force_login(self.editor)
        self.client.get(inbox())
        self.entry = TopicAccessLog.objects.get()

    def test_editors_read_their_committees_log(self):
        response = self.client.get(reverse("topic_access_log:index"))
        self.assertContains(response, "xqu-editor")
        self.assertContains(response, "查看列表")

    def test_log_entries_cannot_be_changed_or_deleted(self):
        with self.assertRaises(PermissionDenied):
            self.entry.delete()
        with self.assertRaises(PermissionDenied):
            TopicAccessLog.objects.all().delete()
        with self.assertRaises(PermissionDenied):
            TopicAccessLog.objects.update(detail="")
        self.entry.detail = "改写"
        with self.assertRaises(PermissionDenied):
            self.entry.save()
        self.assertFalse(self.editor.has_perm("topics.delete_topicaccesslog"))
        self.assertEqual(
            self.client.post(f"/admin/topics/access-log/delete/{self.entry.pk}/").status_code,
            404,
        )
        self.assertEqual(TopicAccessLog.objects.count(), 1)


class Dashboard(TestCase):
    def test_the_editors_dashboard_lists_topics_waiting_for_a_decision(self):
        site, _, _ = topic_site()
        submit(self.client, site)
        submit(self.client, site, title="路灯不亮", mobile="13700000000")
        handling.decline(TopicSubmission.objects.get(title="路灯不亮"), None, "已转交供电所")
        self.client.force_login(make_editor(site, "xqu-editor"))
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "待处理的群众议题（1）")
        self.assertContains(response, "小区停车难")
        self.assertNotContains(response, "13912345678")
