"""The duty record (履职档案) is compiled per term from the records: activities attended with
their role, topics raised, suggestions and their outcome, meetings attended, hand entries."""

import datetime

from django.test import TestCase
from django.urls import reverse

from builders import (
    TERM_START,
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_members,
    deliberated_activity,
    make_editor,
    make_platform,
)
from consultation.models import AttendanceRole, SuggestionStatus
from members.models import DutyEntry, DutyEntryKind, MemberPage, Membership, Term, duty_record
from news.models import MeetingAttendance

IN_TERM = datetime.date(2023, 6, 1)
BEFORE_TERM = TERM_START - datetime.timedelta(days=10)


class DutyRecordTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        rows = [{"编号": "1", "姓名": "甲委员"}, {"编号": "2", "姓名": "乙委员"}]
        cls.site, cls.index, stations, cls.term, _ = committee_with_members("huining", rows)
        cls.station = stations["东湖"]
        cls.member = MemberPage.objects.get(roster_id="1")
        cls.other = MemberPage.objects.get(roster_id="2")
        cls.hosted = deliberated_activity(
            cls.station,
            "老旧小区加装电梯",
            IN_TERM,
            attendees=[(cls.member, AttendanceRole.HOST), (cls.other, AttendanceRole.ATTENDEE)],
            raised_by=cls.member,
            suggestions=[(cls.member, SuggestionStatus.ADOPTED), (cls.other, "proposed")],
        )
        deliberated_activity(
            cls.station,
            "上一届的协商",
            BEFORE_TERM,
            attendees=[(cls.member, AttendanceRole.SPEAKER)],
            suggestions=[(cls.member, SuggestionStatus.SOLVED)],
        )
        news_index = NewsIndexPageFactory(parent=cls.site.root_page)
        cls.meeting = NewsPageFactory(parent=news_index, title="常委会议", date=IN_TERM)
        MeetingAttendance.objects.create(page=cls.meeting, member=cls.member)

    def test_record_lists_what_the_member_did_in_the_term_only(self):
        record = duty_record(self.member, self.term)
        self.assertEqual(
            [(a.activity.topic, a.role) for a in record.consultations],
            [("老旧小区加装电梯", AttendanceRole.HOST)],
        )
        self.assertEqual([a.topic for a in record.topics], ["老旧小区加装电梯"])
        self.assertEqual(
            [(s.content, s.status) for s in record.suggestions],
            [("老旧小区加装电梯建议", SuggestionStatus.ADOPTED)],
        )
        self.assertEqual(record.suggestions_adopted, 1)
        self.assertEqual([m.page.title for m in record.meetings], ["常委会议"])

    def test_the_earlier_term_holds_the_earlier_activity(self):
        earlier = Term.objects.create(
            site=self.site,
            number=self.term.number - 1,
            starts_on=TERM_START - datetime.timedelta(days=5 * 365),
            ends_on=TERM_START - datetime.timedelta(days=1),
        )
        record = duty_record(self.member, earlier)
        self.assertEqual([a.activity.topic for a in record.consultations], ["上一届的协商"])
        self.assertEqual([s.status for s in record.suggestions], [SuggestionStatus.SOLVED])
        self.assertEqual(record.meetings, [])

    def test_public_record_leaves_out_draft_platforms_unpublished_steps_and_reports(self):
        draft = make_platform(self.index, "draft-room", publish=False)
        deliberated_activity(draft, "草稿平台上的协商", IN_TERM, attendees=[(self.member, "host")])
        unpublished = deliberated_activity(
            self.station, "尚未公开的协商", IN_TERM, suggestions=[(self.member, "proposed")]
        )
        unpublished.steps.filter(step=5).delete()
        unpublished.save()
        self.meeting.unpublish()
        public = duty_record(self.member, self.term)
        internal = duty_record(self.member, self.term, public=False)
        self.assertNotIn("草稿平台上的协商", [a.activity.topic for a in public.consultations])
        self.assertIn("草稿平台上的协商", [a.activity.topic for a in internal.consultations])
        self.assertNotIn("尚未公开的协商建议", [s.content for s in public.suggestions])
        self.assertIn("尚未公开的协商建议", [s.content for s in internal.suggestions])
        self.assertEqual(public.meetings, [])
        self.assertEqual(len(internal.meetings), 1)

    def test_member_page_shows_the_counts_and_hand_entries(self):
        DutyEntry.objects.create(
            member=self.member,
            kind=DutyEntryKind.PROPOSAL,
            title="关于加快电梯加装的提案",
            date=IN_TERM,
        )
        response = self.client.get(self.member.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "履职档案（第十届）")
        self.assertContains(response, "参加协商 <strong>1</strong> 次")
        self.assertContains(response, "采纳 <strong>1</strong> 条")
        self.assertContains(response, "出席会议 <strong>1</strong> 次")
        self.assertContains(response, "关于加快电梯加装的提案")
        self.assertContains(response, "手工录入")

    def test_member_page_switches_to_another_term(self):
        earlier = Term.objects.create(
            site=self.site,
            number=9,
            starts_on=datetime.date(2016, 12, 1),
            ends_on=TERM_START - datetime.timedelta(days=1),
        )
        Membership.objects.create(member=self.member, term=earlier)
        response = self.client.get(self.member.url + "?term=9", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "履职档案（第九届）")
        self.assertContains(response, "上一届的协商")
        self.assertNotContains(response, "老旧小区加装电梯")

    def test_contact_is_shown_only_if_the_member_chooses(self):
        member = MemberPage.objects.get(pk=self.member.pk)
        member.phone = "0943-1234567"
        member.save_revision().publish()
        response = self.client.get(member.url, HTTP_HOST=self.site.hostname)
        self.assertNotContains(response, "0943-1234567")
        member.show_contact = True
        member.save_revision().publish()
        response = self.client.get(member.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "0943-1234567")


class DutyEntryAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, _, _, _, _ = committee_with_members("jingning", [{"编号": "1", "姓名": "甲委员"}])
        cls.other_site, _, _, _, _ = committee_with_members(
            "zhenyuan", [{"编号": "1", "姓名": "丙委员"}]
        )
        cls.member = MemberPage.objects.get(title="甲委员")
        cls.stranger = MemberPage.objects.get(title="丙委员")
        cls.editor = make_editor(cls.site, "jingning-editor")
        cls.other_editor = make_editor(cls.other_site, "zhenyuan-editor")

    def add(self, member):
        return self.client.post(
            reverse("wagtailsnippets_members_dutyentry:add"),
            {
                "member": member.pk,
                "kind": DutyEntryKind.SOCIAL_INFO,
                "date": "2024-03-01",
                "title": "关于农村饮水安全的社情民意信息",
                "outcome": "",
            },
        )

    def test_editor_adds_an_entry_recorded_as_entered_by_them(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.add(self.member).status_code, 302)
        entry = DutyEntry.objects.get()
        self.assertEqual((entry.entered_by, entry.site), (self.editor, self.site))

    def test_editor_cannot_add_an_entry_for_another_committees_member(self):
        self.client.force_login(self.editor)
        response = self.add(self.stranger)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "只能选择本政协的委员")
        self.assertFalse(DutyEntry.objects.exists())

    def test_another_committees_editor_neither_lists_nor_opens_the_entry(self):
        entry = DutyEntry.objects.create(member=self.member, kind="other", title="内部事项")
        self.client.force_login(self.other_editor)
        listing = self.client.get(reverse("wagtailsnippets_members_dutyentry:list"))
        self.assertNotContains(listing, "内部事项")
        edit = self.client.get(reverse("wagtailsnippets_members_dutyentry:edit", args=(entry.pk,)))
        self.assertNotEqual(edit.status_code, 200)
        self.client.force_login(self.editor)
        listing = self.client.get(reverse("wagtailsnippets_members_dutyentry:list"))
        self.assertContains(listing, "内部事项")
