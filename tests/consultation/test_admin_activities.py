"""Editors record activities in the admin: only their own committee's, on their own
platforms, with the spine recorded in order."""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from builders import (
    activity_form,
    committee_with_platforms,
    make_activity,
    make_editor,
    make_platform,
)
from consultation.models import Activity, Spine

D = datetime.date


def url(name, *args):
    return reverse(f"wagtailsnippets_consultation_activity:{name}", args=args)


class ActivityAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a, platforms_a = committee_with_platforms("xqu")
        cls.site_b, platforms_b = committee_with_platforms("huixian")
        cls.room_a = make_platform(platforms_a, "chengnan")
        cls.room_b = make_platform(platforms_b, "gaoqiao")
        cls.own = make_activity(cls.room_a, "本区的议题", steps=[1, 2])
        cls.foreign = make_activity(cls.room_b, "外县的议题", steps=[1, 2])
        cls.editor = make_editor(cls.site_a)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_lists_only_their_committees_activities(self):
        response = self.client.get(url("list"))
        self.assertContains(response, "本区的议题")
        self.assertNotContains(response, "外县的议题")

    def test_editor_opens_their_own_activity(self):
        self.assertEqual(self.client.get(url("edit", self.own.pk)).status_code, 200)

    def test_editor_cannot_open_another_committees_activity(self):
        # The tenancy wall answers as if another committee's record did not exist.
        for view in ("edit", "delete", "history", "usage", "copy"):
            with self.subTest(view=view):
                response = self.client.get(url(view, self.foreign.pk))
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "外县的议题", status_code=404)

    def test_superusers_open_every_committees_activity(self):
        admin = get_user_model().objects.create_superuser("root", password="x")
        self.client.force_login(admin)
        for view in ("edit", "delete", "history", "usage"):
            with self.subTest(view=view):
                self.assertEqual(self.client.get(url(view, self.foreign.pk)).status_code, 200)

    def test_editor_cannot_change_or_delete_another_committees_activity(self):
        self.client.post(
            url("edit", self.foreign.pk),
            activity_form(self.room_b, [(1, D(2023, 1, 1))], topic="改掉"),
        )
        self.client.post(url("delete", self.foreign.pk))
        self.foreign.refresh_from_db()
        self.assertEqual(self.foreign.topic, "外县的议题")

    def test_editor_records_an_activity_through_all_seven_steps(self):
        steps = [(step, D(2023, 1, step)) for step in Spine.values]
        response = self.client.post(
            url("add"),
            activity_form(self.room_a, steps, suggestions=[("规范货物仓储", "solved")]),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        created = Activity.objects.get(topic="摩配大市场物业管理问题")
        self.assertEqual(created.site, self.site_a)
        self.assertEqual(created.current_step, Spine.FEEDBACK)
        self.assertEqual(created.held_on, D(2023, 1, 4))
        self.assertEqual(created.suggestions.get().resolved_on, datetime.date.today())

    def test_steps_dated_out_of_order_are_refused_with_a_reason(self):
        steps = [(1, D(2023, 2, 1)), (2, D(2023, 1, 1))]
        response = self.client.post(url("add"), activity_form(self.room_a, steps))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请按流程顺序填写日期")
        self.assertFalse(Activity.objects.filter(topic="摩配大市场物业管理问题").exists())

    def test_a_step_recorded_twice_is_refused(self):
        steps = [(1, D(2023, 1, 1)), (1, D(2023, 1, 2))]
        response = self.client.post(url("add"), activity_form(self.room_a, steps))
        self.assertContains(response, "只能记录一次")

    def test_publication_needs_a_deliberation_first(self):
        steps = [(1, D(2023, 1, 1)), (5, D(2023, 1, 2))]
        response = self.client.post(url("add"), activity_form(self.room_a, steps))
        self.assertContains(response, "须先记录“协商议事”环节")

    def test_editor_cannot_record_an_activity_at_another_committees_platform(self):
        response = self.client.post(url("add"), activity_form(self.room_b, [(1, D(2023, 1, 1))]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Activity.objects.filter(topic="摩配大市场物业管理问题").exists())

    def test_dashboard_shows_the_editors_figures(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "基层协商工作成效")
        self.assertContains(response, "xqu政协")
        self.assertNotContains(response, "huixian政协")


class TaxonomyPermissionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        county, _ = committee_with_platforms("xqu")
        cls.county_editor = make_editor(county)
        cls.prefecture_editor = make_editor(prefecture)

    def test_county_editors_add_a_local_platform_kind(self):
        self.client.force_login(self.county_editor)
        response = self.client.post(
            reverse("wagtailsnippets_consultation_platformkind:add"),
            {"name": "楼院议事厅", "slug": "", "uses_six_haves": "on", "sort_order": "100"},
        )
        self.assertEqual(response.status_code, 302)
        from consultation.models import PlatformKind

        self.assertTrue(PlatformKind.objects.get(name="楼院议事厅").uses_six_haves)

    def test_only_top_level_editors_change_the_shared_kinds(self):
        from consultation.models import PlatformKind

        room = PlatformKind.objects.get(slug="room")
        edit = reverse("wagtailsnippets_consultation_platformkind:edit", args=[room.pk])
        self.client.force_login(self.county_editor)
        self.assertRedirects(self.client.get(edit), reverse("wagtailadmin_home"))
        self.client.force_login(self.prefecture_editor)
        self.assertEqual(self.client.get(edit).status_code, 200)
