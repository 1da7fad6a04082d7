"""The 六有 standard of a consultation room: evidence with a photo or a document, a roster, an
activity held there within the site's window; and the public compliance board."""

import datetime

from django.test import TestCase
from django.utils import timezone

from builders import (
    committee_with_platforms,
    make_activity,
    make_document,
    make_image,
    make_platform,
)
from consultation.models import (
    ConsultationSettings,
    PlatformEvidence,
    PlatformIndexPage,
    PlatformMember,
    PlatformPage,
    SixHaves,
    Spine,
)
from consultation.models.platforms import six_haves_status, with_six_haves

TODAY = datetime.date(2026, 6, 30)
PHOTO_ITEMS = [SixHaves.VENUE, SixHaves.SIGN, SixHaves.FACILITIES]


def days_ago(days, today=TODAY):
    return today - datetime.timedelta(days=days)


def deliberate(platform, days, today=TODAY, topic=None):
    """An activity whose 协商议事 step was ``days`` days before ``today``."""
    return make_activity(
        platform,
        topic or f"{days}天前的协商",
        {Spine.SELECT: days_ago(days + 1, today), Spine.DELIBERATE: days_ago(days, today)},
    )


class SixHavesRulesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index = committee_with_platforms("jiayuguan", "嘉峪关市政协")
        cls.other_site, cls.other_index = committee_with_platforms("suzhouqu", "肃州区政协")
        cls.photo = make_image()
        cls.document = make_document()

    def room(self, slug="room", index=None):
        return make_platform(index or self.index, slug, "room")

    def status(self, room, sites=None):
        annotated = with_six_haves(
            PlatformPage.objects.filter(pk=room.pk), sites or [self.site], today=TODAY
        )
        return six_haves_status(annotated.get())

    def set_record_days(self, site, days):
        settings = ConsultationSettings.for_site(site)
        settings.activity_record_days = days
        settings.save()

    # Evidence ------------------------------------------------------------------------------

    def test_a_room_without_evidence_misses_all_six(self):
        status = self.status(self.room())
        self.assertEqual(status, {"met": [], "missing": list(SixHaves), "compliant": False})

    def test_a_photo_meets_its_item_only(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.SIGN, image=self.photo)
        self.assertEqual(self.status(room)["met"], [SixHaves.SIGN])

    def test_a_document_meets_its_item_only(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.RULES, document=self.document)
        self.assertEqual(self.status(room)["met"], [SixHaves.RULES])

    def test_evidence_whose_file_is_gone_no_longer_meets_the_item(self):
        room = self.room()
        photo = make_image("后来删除的照片")
        PlatformEvidence.objects.create(page=room, item=SixHaves.VENUE, image=photo)
        photo.delete()
        self.assertIn(SixHaves.VENUE, self.status(room)["missing"])

    def test_evidence_of_another_room_does_not_count(self):
        room, other = self.room("room"), self.room("other")
        PlatformEvidence.objects.create(page=other, item=SixHaves.VENUE, image=self.photo)
        self.assertIn(SixHaves.VENUE, self.status(room)["missing"])

    # 有固定成员 -----------------------------------------------------------------------------

    def test_the_admin_refuses_evidence_without_a_file(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            PlatformEvidence(page=self.room(), item=SixHaves.SIGN, note="挂了牌子").full_clean()

    def test_a_roster_row_meets_fixed_members(self):
        room = self.room()
        PlatformMember.objects.create(page=room, name="李明")
        self.assertEqual(self.status(room)["met"], [SixHaves.MEMBERS])

    def test_roster_evidence_meets_fixed_members_without_a_roster(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.MEMBERS, document=self.document)
        self.assertEqual(self.status(room)["met"], [SixHaves.MEMBERS])

    # 有活动记录 -----------------------------------------------------------------------------

    def test_uploaded_evidence_does_not_meet_activity_records(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.RECORDS, image=self.photo)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_an_activity_held_on_the_last_day_of_the_window_meets_activity_records(self):
        room = self.room()
        deliberate(room, 180)
        self.assertEqual(self.status(room)["met"], [SixHaves.RECORDS])

    def test_an_activity_held_a_day_before_the_window_does_not(self):
        room = self.room()
        deliberate(room, 181)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_an_activity_not_yet_deliberated_does_not_count(self):
        room = self.room()
        make_activity(room, "只确定了议题", {Spine.SELECT: days_ago(1)})
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_an_activity_dated_after_today_does_not_count(self):
        room = self.room()
        make_activity(room, "下周协商", {Spine.DELIBERATE: TODAY + datetime.timedelta(days=7)})
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_an_activity_at_another_platform_does_not_count(self):
        room, other = self.room("room"), self.room("other")
        deliberate(other, 1)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])
        self.assertIn(SixHaves.RECORDS, self.status(other)["met"])

    def test_activities_held_at_a_room_still_count_after_it_moves_to_another_committee(self):
        today = timezone.localdate()
        room = self.room()
        deliberate(room, 10, today=today)
        room.move(self.other_index, pos="last-child")
        moved = PlatformPage.objects.get(pk=room.pk)
        self.assertEqual(moved.get_site().pk, self.other_site.pk)
        self.assertIn(SixHaves.RECORDS, moved.six_haves()["met"])

    def test_a_longer_window_set_for_the_site_takes_in_an_older_activity(self):
        room = self.room()
        deliberate(room, 300)
        self.set_record_days(self.site, 365)
        self.assertIn(SixHaves.RECORDS, self.status(room)["met"])

    def test_a_shorter_window_set_for_the_site_leaves_out_a_recent_activity(self):
        room = self.room()
        deliberate(room, 40)
        self.set_record_days(self.site, 30)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_the_window_boundary_follows_the_site_setting(self):
        room = self.room()
        deliberate(room, 30)
        self.set_record_days(self.site, 30)
        self.assertIn(SixHaves.RECORDS, self.status(room)["met"])
        self.set_record_days(self.site, 29)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_each_site_applies_its_own_window_in_one_query(self):
        room = self.room("room")
        other = self.room("other-room", index=self.other_index)
        deliberate(room, 200)
        deliberate(other, 200)
        self.set_record_days(self.other_site, 365)
        annotated = {
            page.pk: six_haves_status(page)
            for page in with_six_haves(
                PlatformPage.objects.filter(pk__in=[room.pk, other.pk]),
                [self.site, self.other_site],
                today=TODAY,
            )
        }
        self.assertIn(SixHaves.RECORDS, annotated[room.pk]["missing"])
        self.assertIn(SixHaves.RECORDS, annotated[other.pk]["met"])

    # Everything together ------------------------------------------------------------------

    def test_a_room_with_all_six_is_compliant(self):
        room = self.room()
        for item in PHOTO_ITEMS:
            PlatformEvidence.objects.create(page=room, item=item, image=self.photo)
        PlatformEvidence.objects.create(page=room, item=SixHaves.RULES, document=self.document)
        PlatformMember.objects.create(page=room, name="李明")
        deliberate(room, 10)
        self.assertEqual(
            self.status(room), {"met": list(SixHaves), "missing": [], "compliant": True}
        )

    def test_a_room_missing_one_item_is_not_compliant(self):
        room = self.room()
        for item in PHOTO_ITEMS:
            PlatformEvidence.objects.create(page=room, item=item, image=self.photo)
        PlatformMember.objects.create(page=room, name="李明")
        deliberate(room, 10)
        status = self.status(room)
        self.assertEqual(status["missing"], [SixHaves.RULES])
        self.assertFalse(status["compliant"])

    def test_the_page_reports_its_own_status_as_of_today(self):
        today = timezone.localdate()
        room = self.room()
        PlatformMember.objects.create(page=room, name="李明")
        deliberate(room, 180, today=today)
        self.assertEqual(room.six_haves()["met"], [SixHaves.RECORDS, SixHaves.MEMBERS])
        self.set_record_days(self.site, 179)
        self.assertEqual(room.six_haves()["met"], [SixHaves.MEMBERS])


class ComplianceBoardTest(TestCase):
    """The public board at ``<platform index>/liuyou/``."""

    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.site, cls.index = committee_with_platforms("gaotai", "高台县政协")
        photo, document = make_image(), make_document()
        cls.compliant = make_platform(
            cls.index, "full", "room", title="六有齐全议事室", members=[("李明", True)]
        )
        for item in PHOTO_ITEMS:
            PlatformEvidence.objects.create(page=cls.compliant, item=item, image=photo)
        PlatformEvidence.objects.create(page=cls.compliant, item=SixHaves.RULES, document=document)
        deliberate(cls.compliant, 5, today=today)
        cls.partial = make_platform(
            cls.index, "partial", "room", title="缺项议事室", members=[("王芳", False)]
        )
        PlatformEvidence.objects.create(page=cls.partial, item=SixHaves.VENUE, image=photo)
        cls.empty = make_platform(cls.index, "empty", "room", title="空白议事室")
        make_platform(cls.index, "station", "workstation", title="委员工作站甲")
        make_platform(cls.index, "draft", "room", title="草稿议事室", publish=False)

    def board(self, **params):
        url = self.index.relative_url(self.site) + "liuyou/"
        response = self.client.get(url, params, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        return response

    def listed(self, response):
        return {room.title: room.status["missing"] for room in response.context["rooms"]}

    def test_the_board_lists_rooms_missing_items_by_default(self):
        self.assertEqual(set(self.listed(self.board())), {"缺项议事室", "空白议事室"})

    def test_each_listed_room_shows_what_it_is_missing(self):
        listed = self.listed(self.board())
        self.assertEqual(
            listed["缺项议事室"],
            [SixHaves.SIGN, SixHaves.FACILITIES, SixHaves.RULES, SixHaves.RECORDS],
        )
        self.assertEqual(listed["空白议事室"], list(SixHaves))

    def test_the_missing_items_are_named_on_the_page(self):
        html = self.board().content.decode()
        row = html[html.index("缺项议事室") : html.index("</tr>", html.index("缺项议事室"))]
        self.assertIn("2/6", row)
        for label in ("有标志", "有设施", "有制度", "有活动记录"):
            self.assertIn(f'<span class="missing">{label}</span>', row)
        self.assertNotIn('<span class="missing">有场所</span>', row)

    def test_the_compliant_tab_lists_only_compliant_rooms(self):
        response = self.board(status="compliant")
        self.assertEqual(self.listed(response), {"六有齐全议事室": []})
        self.assertContains(response, "六有齐全")

    def test_the_tabs_count_rooms_by_status(self):
        context = self.board().context
        self.assertEqual(
            (context["missing_count"], context["compliant_count"], context["total"]), (2, 1, 3)
        )

    def test_an_unknown_status_shows_the_missing_tab(self):
        response = self.board(status="<script>")
        self.assertEqual(response.context["status"], "missing")
        self.assertEqual(set(self.listed(response)), {"缺项议事室", "空白议事室"})

    def test_kinds_without_the_standard_are_not_on_the_board(self):
        for status in ("missing", "compliant"):
            with self.subTest(status=status):
                self.assertNotContains(self.board(status=status), "委员工作站甲")

    def test_draft_rooms_are_not_on_the_board(self):
        self.assertNotContains(self.board(), "草稿议事室")

    def test_a_room_becomes_compliant_when_its_last_item_is_met(self):
        PlatformEvidence.objects.create(
            page=self.partial, item=SixHaves.SIGN, image=make_image("标志")
        )
        PlatformEvidence.objects.create(
            page=self.partial, item=SixHaves.FACILITIES, image=make_image("设施")
        )
        PlatformEvidence.objects.create(
            page=self.partial, item=SixHaves.RULES, document=make_document()
        )
        deliberate(self.partial, 1, today=timezone.localdate())
        self.assertIn("缺项议事室", self.listed(self.board(status="compliant")))
        self.assertNotIn("缺项议事室", self.listed(self.board()))


class PrefectureBoardTest(TestCase):
    """A prefecture's board that takes in its counties judges each room by its own county."""

    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.prefecture, cls.index = committee_with_platforms(
            "zhangye", "张掖市政协", level="prefecture"
        )
        cls.index.include_child_committees = True
        cls.index.save_revision().publish()
        cls.county, county_index = committee_with_platforms(
            "linze", "临泽县政协", parent=cls.prefecture
        )
        cls.unrelated, unrelated_index = committee_with_platforms("minqin", "民勤县政协")
        photo, document = make_image(), make_document()
        for index, slug, title in [
            (cls.index, "city-room", "市级议事室"),
            (county_index, "county-room", "县级议事室"),
            (unrelated_index, "other-room", "外地议事室"),
        ]:
            room = make_platform(index, slug, "room", title=title, members=[("李明", True)])
            for item in PHOTO_ITEMS:
                PlatformEvidence.objects.create(page=room, item=item, image=photo)
            PlatformEvidence.objects.create(page=room, item=SixHaves.RULES, document=document)
            deliberate(room, 200, today=today)
        settings = ConsultationSettings.for_site(cls.county)
        settings.activity_record_days = 365
        settings.save()

    def board(self, **params):
        index = PlatformIndexPage.objects.get(pk=self.index.pk)
        url = index.relative_url(self.prefecture) + "liuyou/"
        response = self.client.get(url, params, HTTP_HOST=self.prefecture.hostname)
        self.assertEqual(response.status_code, 200)
        return {room.title for room in response.context["rooms"]}

    def test_a_county_room_is_judged_by_the_countys_window(self):
        self.assertEqual(self.board(status="compliant"), {"县级议事室"})

    def test_a_prefecture_room_is_judged_by_the_prefectures_window(self):
        self.assertEqual(self.board(status="missing"), {"市级议事室"})
