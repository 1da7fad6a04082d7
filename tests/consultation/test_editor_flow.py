"""The whole editor's path through the admin: register a room, attach 六有 evidence, record an
activity through the seven steps with suggestions, publish a case study — and watch the board
and the home-page figures follow, on the county and on the prefecture."""

import datetime

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from builders import (
    activity_form,
    add_page,
    committee_with_platforms,
    make_document,
    make_editor,
    make_image,
    make_platform,
)
from consultation.models import Activity, CaseStudyIndexPage, PlatformKind, PlatformPage, Spine

from .helpers import figure

TODAY = datetime.date.today()


class EditorFlowTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, _ = committee_with_platforms("pingliang", level="prefecture")
        cls.county, cls.platforms = committee_with_platforms("huixian", parent=cls.prefecture)
        cls.cases = add_page(
            cls.county.root_page, CaseStudyIndexPage(title="典型案例", slug="cases")
        )
        cls.editor = make_editor(cls.county)
        cls.photo = make_image("现场照片")
        cls.rules = make_document("议事规则")

    def setUp(self):
        self.client.force_login(self.editor)

    def room_form(self, evidence):
        return nested_form_data(
            {
                "title": "高桥镇协商议事室",
                "slug": "gaoqiao",
                "level": "township",
                "kind": PlatformKind.objects.get(slug="room").pk,
                "parent_platform": "",
                "established_on": "2022-03-01",
                "address": "高桥镇便民服务中心",
                "latitude": "",
                "longitude": "",
                "opening_hours": "工作日 9:00–17:00",
                "contact": "",
                "description": "",
                "duties": "",
                "members": inline_formset(
                    [
                        {
                            "name": "李委员",
                            "role": "member",
                            "is_committee_member": "on",
                            "affiliation": "",
                        }
                    ]
                ),
                "photos": inline_formset([]),
                "evidence": inline_formset(evidence),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )

    def board(self, status):
        return self.client.get(
            "/platforms/liuyou/", {"status": status}, HTTP_HOST=self.county.hostname
        )

    def test_an_editor_takes_a_room_to_compliance_and_the_figures_follow(self):
        home = lambda site: self.client.get("/", HTTP_HOST=site.hostname)  # noqa: E731
        before = figure(home(self.prefecture), "协商活动")

        # 1. Register the room with evidence for four items and a roster.
        add = reverse(
            "wagtailadmin_pages:add", args=("consultation", "platformpage", self.platforms.pk)
        )
        evidence = [
            {"item": item, "image": self.photo.pk, "document": "", "note": ""}
            for item in ("venue", "sign", "facilities")
        ] + [{"item": "rules", "image": "", "document": self.rules.pk, "note": ""}]
        response = self.client.post(add, self.room_form(evidence))
        self.assertEqual(response.status_code, 302, response.content[:300])
        room = PlatformPage.objects.get(slug="gaoqiao")
        self.assertTrue(room.live)
        # Only 有活动记录 is missing: no activity yet.
        self.assertEqual(room.six_haves()["missing"], ["records"])
        self.assertContains(self.board("missing"), "高桥镇协商议事室")

        # 2. Record an activity at the room through all seven steps, with suggestions.
        steps = [(step, TODAY - datetime.timedelta(days=14 - step)) for step in Spine.values]
        response = self.client.post(
            reverse("wagtailsnippets_consultation_activity:add"),
            activity_form(
                room,
                steps,
                suggestions=[("落实医保政策", "solved"), ("简化报销", "adopted")],
                topic="议医保、解民忧、惠民生",
            ),
        )
        self.assertEqual(response.status_code, 302)
        record = Activity.objects.get(topic="议医保、解民忧、惠民生")

        # The room turns compliant: 六有 complete.
        self.assertTrue(room.six_haves()["compliant"])
        self.assertContains(self.board("compliant"), "高桥镇协商议事室")
        self.assertNotContains(self.board("missing"), "高桥镇协商议事室")

        # 3. Publish a case study from the activity.
        add_case = reverse(
            "wagtailadmin_pages:add", args=("consultation", "casestudypage", self.cases.pk)
        )
        response = self.client.post(
            add_case,
            nested_form_data(
                {
                    "title": "议医保解民忧",
                    "slug": "yiyibao",
                    "date": TODAY.isoformat(),
                    "summary": "",
                    "case_activities": inline_formset([{"activity": record.pk}]),
                    "lead_image": "",
                    "body": streamfield([]),
                    "comments": inline_formset([]),
                    "action-publish": "publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 302, response.content[:300])
        case = self.client.get("/cases/yiyibao/", HTTP_HOST=self.county.hostname)
        self.assertContains(case, "议医保、解民忧、惠民生")

        # 4. The figures on the county and the prefecture home pages changed.
        county_home = home(self.county)
        self.assertEqual(figure(county_home, "协商活动"), 1)
        self.assertEqual(figure(county_home, "解决问题"), 1)
        self.assertEqual(figure(county_home, "采纳建议"), 2)
        self.assertEqual(figure(county_home, "下沉委员"), 1)
        self.assertEqual(figure(home(self.prefecture), "协商活动"), before + 1)
        self.assertContains(home(self.county), "议医保解民忧")


class PlatformGroupingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county, cls.platforms = committee_with_platforms("xqu")
        cls.other, other_platforms = committee_with_platforms("huixian")
        cls.own_station = make_platform(cls.platforms, "station", kind="workstation")
        cls.foreign_station = make_platform(other_platforms, "station", kind="workstation")
        cls.editor = make_editor(cls.county)

    def post_room(self, parent_platform):
        self.client.force_login(self.editor)
        form = EditorFlowTest.room_form(self, evidence=[])
        form["parent_platform"] = parent_platform.pk
        add = reverse(
            "wagtailadmin_pages:add", args=("consultation", "platformpage", self.platforms.pk)
        )
        return self.client.post(add, form)

    def test_a_room_groups_under_its_own_committees_workstation(self):
        self.assertEqual(self.post_room(self.own_station).status_code, 302)
        self.assertEqual(PlatformPage.objects.get(slug="gaoqiao").parent_platform, self.own_station)

    def test_a_room_cannot_group_under_another_committees_workstation(self):
        response = self.post_room(self.foreign_station)
        self.assertContains(response, "所属平台须是本政协的平台")
        self.assertFalse(PlatformPage.objects.filter(slug="gaoqiao").exists())
