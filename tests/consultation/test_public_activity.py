"""What citizens see of activities: the topic and the public steps, never internal notes;
suggestions once published; nothing of unpublished platforms or of other committees."""

from django.test import TestCase

from builders import activity_index, committee_with_platforms, make_activity, make_platform
from consultation.models import Spine
from core.models import CommitteeSettings


class ActivityPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.platforms = committee_with_platforms("xqu")
        cls.room = make_platform(cls.platforms, "chengnan")
        cls.published = make_activity(
            cls.room,
            "摩配大市场物业管理问题",
            steps=range(1, 6),
            suggestions=["规范货物仓储"],
            participants=[("member", 3), ("stakeholder", 6)],
        )
        cls.deliberated = make_activity(
            cls.room, "特色小镇发展", steps=range(1, 5), suggestions=["破解要素制约"]
        )

    def get(self, record):
        return self.client.get(f"/consultations/{record.pk}/", HTTP_HOST=self.site.hostname)

    def test_citizens_see_the_topic_and_public_step_summaries(self):
        response = self.get(self.published)
        self.assertContains(response, "摩配大市场物业管理问题")
        self.assertContains(response, "公开公示情况说明")

    def test_internal_steps_show_as_done_without_their_summaries(self):
        response = self.get(self.published)
        self.assertContains(response, "议前调研")
        self.assertNotContains(response, "议前调研情况说明")
        self.assertNotContains(response, "协商议事情况说明")

    def test_internal_notes_are_never_shown(self):
        response = self.get(self.published)
        self.assertNotContains(response, "内部备注不公开")
        self.assertNotContains(response, "内部记录")

    def test_the_current_step_is_marked_on_the_timeline(self):
        response = self.get(self.published)
        html = response.content.decode()
        current = html.index("timeline-step reached current")
        self.assertIn("公开公示", html[current : current + 120])

    def test_suggestions_are_shown_once_published(self):
        self.assertContains(self.get(self.published), "规范货物仓储")

    def test_suggestions_wait_for_publication(self):
        response = self.get(self.deliberated)
        self.assertNotContains(response, "破解要素制约")
        self.assertContains(response, "意见建议将在公开公示后公布")

    def test_participant_person_times_are_summed(self):
        self.assertContains(self.get(self.published), "共 9 人次")

    def test_activities_of_an_unpublished_platform_are_not_public(self):
        draft = make_platform(self.platforms, "draft", publish=False)
        hidden = make_activity(draft, "草稿平台上的活动", steps=[1])
        self.assertEqual(self.get(hidden).status_code, 404)
        listing = self.client.get("/consultations/", HTTP_HOST=self.site.hostname)
        self.assertNotContains(listing, "草稿平台上的活动")
        self.assertContains(listing, "摩配大市场物业管理问题")

    def test_another_committees_activity_is_not_served_here(self):
        other_site, other_platforms = committee_with_platforms("huixian")
        other = make_activity(make_platform(other_platforms, "gaoqiao"), "议医保", steps=[1, 2])
        self.assertEqual(self.get(other).status_code, 404)
        response = self.client.get(f"/consultations/{other.pk}/", HTTP_HOST=other_site.hostname)
        self.assertContains(response, "议医保")

    def test_the_list_filters_by_current_step(self):
        response = self.client.get(
            "/consultations/", {"step": Spine.DELIBERATE}, HTTP_HOST=self.site.hostname
        )
        self.assertContains(response, "特色小镇发展")
        self.assertNotContains(response, "摩配大市场物业管理问题")

    def test_bad_filter_values_are_ignored_not_errors(self):
        response = self.client.get(
            "/consultations/",
            {"step": "99", "year": "20x3", "level": "<script>", "page": "-1"},
            HTTP_HOST=self.site.hostname,
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>")
        self.assertContains(response, "特色小镇发展")

    def test_a_prefecture_list_can_include_its_counties(self):
        prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        prefecture_index = activity_index(prefecture)
        settings = CommitteeSettings.for_site(self.site)
        settings.parent_site = prefecture
        settings.save()
        url = "/consultations/"
        self.assertNotContains(self.client.get(url, HTTP_HOST=prefecture.hostname), "特色小镇发展")
        prefecture_index.include_child_committees = True
        prefecture_index.save_revision().publish()
        response = self.client.get(url, HTTP_HOST=prefecture.hostname)
        self.assertContains(response, "特色小镇发展")
        self.assertContains(response, f'href="http://{self.site.hostname}/consultations/')
