"""Activities (records, not pages) are found once their platform is published, and leave the
index with it; platforms and members are found like any page."""

from django.test import TestCase

from builders import committee_with_platforms, make_activity, make_platform
from consultation.models import ActivityStep, Spine


class ActivitiesInSearch(TestCase):
    def setUp(self):
        self.site, platforms = committee_with_platforms("xqu")
        self.room = make_platform(platforms, "gaoqiao")

    def titles(self, q):
        data = self.client.get(
            "/search/", {"q": q, "format": "json"}, HTTP_HOST=self.site.hostname
        ).json()
        return [(r["title"], r["type"]) for r in data["results"]]

    def test_an_activity_is_found_by_its_topic_and_public_steps_only(self):
        with self.captureOnCommitCallbacks(execute=True):
            record = make_activity(
                self.room, "皖西摩配大市场物业管理问题", [Spine.COLLECT, Spine.PUBLISH]
            )
        self.assertIn(("皖西摩配大市场物业管理问题", "协商活动"), self.titles("物业管理"))
        self.assertIn(("皖西摩配大市场物业管理问题", "协商活动"), self.titles("公开公示情况说明"))
        # Internal step records and notes are not searchable.
        self.assertEqual(self.titles("收集议题内部记录"), [])
        self.assertEqual(self.titles("内部备注不公开"), [])
        with self.captureOnCommitCallbacks(execute=True):
            ActivityStep.objects.create(activity=record, step=Spine.FEEDBACK, summary="问题已解决")
            record.save()
        self.assertIn(("皖西摩配大市场物业管理问题", "协商活动"), self.titles("问题已解决"))

    def test_unpublishing_the_platform_takes_its_activities_out(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_activity(self.room, "皖西摩配大市场物业管理问题", [Spine.COLLECT])
        self.assertEqual(len(self.titles("物业管理")), 1)
        self.room.unpublish()
        self.assertEqual(self.titles("物业管理"), [])

    def test_a_platform_is_found_as_a_page(self):
        self.assertIn(("gaoqiao议事室", "协商平台"), self.titles("gaoqiao"))
