"""Activities deliberated more than the site's ``feedback_due_days`` ago without a 结果反馈 step
are overdue, and editors are told on the dashboard and in the activity list."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone

from builders import committee_with_platforms, make_activity, make_platform
from consultation.models import Activity, ConsultationSettings, Spine
from core.committees import editor_group_name

TODAY = datetime.date(2026, 6, 30)


def deliberated(platform, topic, days, today=TODAY, then=()):
    """An activity deliberated ``days`` before ``today``; ``then`` lists later steps reached,
    each a day after the previous one."""
    held = today - datetime.timedelta(days=days)
    steps = {Spine.SELECT: held - datetime.timedelta(days=1), Spine.DELIBERATE: held}
    for offset, step in enumerate(then, start=1):
        steps[step] = held + datetime.timedelta(days=offset)
    return make_activity(platform, topic, steps)


def set_due_days(site, days):
    settings = ConsultationSettings.for_site(site)
    settings.feedback_due_days = days
    settings.save()


class OverdueQueryTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, index = committee_with_platforms("huixian", "徽县政协")
        cls.room = make_platform(index, "gaoqiao")
        cls.other_site, other_index = committee_with_platforms("liangdang", "两当县政协")
        cls.other_room = make_platform(other_index, "zhanmen")

    def overdue(self):
        return set(Activity.objects.overdue(today=TODAY).values_list("topic", flat=True))

    def test_deliberated_more_than_30_days_ago_without_feedback_is_overdue(self):
        deliberated(self.room, "31天未反馈", 31)
        self.assertEqual(self.overdue(), {"31天未反馈"})

    def test_not_overdue_on_the_last_day_of_the_deadline(self):
        deliberated(self.room, "30天未反馈", 30)
        self.assertEqual(self.overdue(), set())

    def test_progress_short_of_feedback_is_still_overdue(self):
        deliberated(self.room, "已公示未反馈", 90, then=[Spine.PUBLISH, Spine.IMPLEMENT])
        self.assertEqual(self.overdue(), {"已公示未反馈"})

    def test_the_feedback_step_clears_the_flag(self):
        deliberated(self.room, "已反馈", 90, then=[Spine.PUBLISH, Spine.FEEDBACK])
        self.assertEqual(self.overdue(), set())

    def test_recording_feedback_later_clears_the_flag(self):
        activity = deliberated(self.room, "补记反馈", 90)
        self.assertEqual(self.overdue(), {"补记反馈"})
        activity.steps.add(activity.steps.model(step=Spine.FEEDBACK, date=TODAY))
        activity.save()
        self.assertEqual(self.overdue(), set())

    def test_an_activity_never_deliberated_is_not_overdue(self):
        old = TODAY - datetime.timedelta(days=400)
        make_activity(self.room, "只收集了议题", {Spine.COLLECT: old, Spine.SELECT: old})
        self.assertEqual(self.overdue(), set())

    def test_a_longer_deadline_set_for_a_site_applies_to_that_site_only(self):
        deliberated(self.room, "徽县45天", 45)
        deliberated(self.other_room, "两当45天", 45)
        set_due_days(self.other_site, 60)
        self.assertEqual(self.overdue(), {"徽县45天"})

    def test_a_shorter_deadline_set_for_a_site_flags_earlier(self):
        deliberated(self.room, "徽县11天", 11)
        deliberated(self.other_room, "两当11天", 11)
        set_due_days(self.site, 10)
        self.assertEqual(self.overdue(), {"徽县11天"})

    def test_the_deadline_day_follows_the_site_setting(self):
        deliberated(self.room, "10天", 10)
        set_due_days(self.site, 10)
        self.assertEqual(self.overdue(), set())
        set_due_days(self.site, 9)
        self.assertEqual(self.overdue(), {"10天"})

    def test_overdue_narrows_an_existing_queryset(self):
        deliberated(self.room, "徽县逾期", 90)
        deliberated(self.other_room, "两当逾期", 90)
        mine = Activity.objects.filter(site=self.site).overdue(today=TODAY)
        self.assertEqual(list(mine.values_list("topic", flat=True)), ["徽县逾期"])


class OverdueAdminTest(TestCase):
    """The dashboard and the snippet listing use today's date."""

    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.site, index = committee_with_platforms("chengxian", "成县政协")
        room = make_platform(index, "dongjie", title="东街议事室")
        cls.other_site, other_index = committee_with_platforms("kangxian", "康县政协")
        other_room = make_platform(other_index, "nanqiao", title="南桥议事室")
        deliberated(room, "成县逾期未反馈议题", 60, today=today)
        deliberated(room, "成县按期反馈议题", 60, today=today, then=[Spine.FEEDBACK])
        deliberated(room, "成县尚未到期议题", 5, today=today)
        deliberated(other_room, "康县逾期未反馈议题", 60, today=today)
        cls.superuser = get_user_model().objects.create_superuser("root", password="x")
        cls.editor = get_user_model().objects.create_user("chengxian-editor", password="x")
        cls.editor.groups.add(Group.objects.get(name=editor_group_name("成县政协")))

    def dashboard(self, user):
        self.client.force_login(user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        return response

    def listing(self, **params):
        self.client.force_login(self.superuser)
        response = self.client.get("/admin/snippets/consultation/activity/", params)
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_dashboard_shows_overdue_activities(self):
        response = self.dashboard(self.superuser)
        self.assertContains(response, "成县逾期未反馈议题")
        self.assertContains(response, "康县逾期未反馈议题")
        self.assertContains(response, "结果反馈逾期的协商活动（2）")

    def test_the_dashboard_leaves_out_activities_not_overdue(self):
        response = self.dashboard(self.superuser)
        self.assertNotContains(response, "成县按期反馈议题")
        self.assertNotContains(response, "成县尚未到期议题")

    def test_an_editor_sees_only_their_own_committees_overdue_activities(self):
        response = self.dashboard(self.editor)
        self.assertContains(response, "成县逾期未反馈议题")
        self.assertNotContains(response, "康县逾期未反馈议题")

    def test_the_overdue_filter_lists_only_overdue_activities(self):
        response = self.listing(overdue="true")
        self.assertEqual(
            {a.topic for a in response.context["object_list"]},
            {"成县逾期未反馈议题", "康县逾期未反馈议题"},
        )
        self.assertNotContains(response, "成县按期反馈议题")
        self.assertNotContains(response, "成县尚未到期议题")

    def test_the_not_overdue_filter_lists_the_others(self):
        response = self.listing(overdue="false")
        self.assertEqual(
            {a.topic for a in response.context["object_list"]},
            {"成县按期反馈议题", "成县尚未到期议题"},
        )

    def test_without_the_filter_every_activity_is_listed(self):
        self.assertEqual(len(self.listing().context["object_list"]), 4)
