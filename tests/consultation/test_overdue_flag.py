"""An activity whose 结果反馈 is overdue is flagged to editors."""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from consultation.models import Activity, ActivityStep, ConsultationSettings, Spine

from .test_public_activity import build_site, platform

TODAY = datetime.date(2026, 6, 30)


def deliberated(page, topic, days_ago, feedback=False):
    record = Activity(platform=page, topic=topic)
    when = TODAY - datetime.timedelta(days=days_ago)
    record.steps = [ActivityStep(step=Spine.DELIBERATE, date=when)]
    if feedback:
        record.steps.add(ActivityStep(step=Spine.FEEDBACK, date=when + datetime.timedelta(days=1)))
    record.save()
    return record


class OverdueTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, platforms, _ = build_site("huixian")
        cls.room = platform(platforms, "gaoqiao")
        cls.other_site, other_platforms, _ = build_site("xqu")
        cls.other_room = platform(other_platforms, "chengnan")

    def overdue(self):
        return set(Activity.objects.overdue(today=TODAY).values_list("topic", flat=True))

    def test_deliberated_past_the_deadline_without_feedback_is_overdue(self):
        deliberated(self.room, "逾期", days_ago=31)
        deliberated(self.room, "未到期", days_ago=30)
        self.assertEqual(self.overdue(), {"逾期"})

    def test_feedback_clears_the_flag(self):
        deliberated(self.room, "已反馈", days_ago=90, feedback=True)
        self.assertEqual(self.overdue(), set())

    def test_an_activity_not_yet_deliberated_is_not_overdue(self):
        record = Activity(platform=self.room, topic="刚收集")
        record.steps = [ActivityStep(step=Spine.COLLECT, date=TODAY - datetime.timedelta(days=400))]
        record.save()
        self.assertEqual(self.overdue(), set())

    def test_each_site_sets_its_own_deadline(self):
        deliberated(self.room, "徽县45天", days_ago=45)
        deliberated(self.other_room, "X区45天", days_ago=45)
        settings = ConsultationSettings.for_site(self.other_site)
        settings.feedback_due_days = 60
        settings.save()
        self.assertEqual(self.overdue(), {"徽县45天"})

    def test_editors_see_overdue_activities_on_the_dashboard_and_in_the_list(self):
        late = deliberated(self.room, "逾期未反馈的议题", days_ago=400)
        deliberated(self.room, "已反馈的议题", days_ago=400, feedback=True)
        self.client.force_login(get_user_model().objects.create_superuser("root", password="x"))
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "逾期未反馈的议题")
        self.assertNotContains(dashboard, "已反馈的议题")
        listing = self.client.get(
            reverse("wagtailsnippets_consultation_activity:list"), {"overdue": "true"}
        )
        self.assertContains(listing, late.topic)
        self.assertNotContains(listing, "已反馈的议题")
