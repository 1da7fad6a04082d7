"""A workstation's public page (委员工作站): its head and members linked to their profiles,
its duties, and the activities held there and at the council and rooms attached to it."""

import datetime

from django.test import TestCase
from django.urls import reverse

from builders import committee_with_members, deliberated_activity, make_platform
from members.models import MemberPage


class WorkstationPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        rows = [{"编号": "1", "姓名": "甲委员", "担任站长": "东湖委员工作站"}]
        cls.site, cls.index, stations, _, _ = committee_with_members("gaotai", rows)
        cls.station = stations["东湖"]
        cls.head = MemberPage.objects.get(roster_id="1")
        cls.room = make_platform(cls.index, "room-a", title="东湖社区议事室")
        cls.room.parent_platform = cls.station
        cls.room.save_revision().publish()
        cls.draft_room = make_platform(cls.index, "room-b", title="未发布议事室", publish=False)
        cls.draft_room.parent_platform = cls.station
        cls.draft_room.save()
        day = datetime.date(2024, 5, 6)
        deliberated_activity(cls.station, "工作站自己的协商", day)
        deliberated_activity(cls.room, "议事室里的协商", day)
        deliberated_activity(cls.draft_room, "草稿议事室的协商", day)

    def get(self):
        return self.client.get(self.station.url, HTTP_HOST=self.site.hostname)

    def test_lists_activities_of_the_station_and_its_published_rooms(self):
        response = self.get()
        self.assertContains(response, "工作站自己的协商")
        self.assertContains(response, "议事室里的协商")
        self.assertNotContains(response, "草稿议事室的协商")

    def test_links_the_head_to_their_member_page(self):
        response = self.get()
        self.assertContains(response, f'href="{self.head.relative_url(self.site)}"')
        self.assertContains(response, "站长")

    def test_member_dashboard_lists_the_pages_they_may_edit(self):
        self.client.force_login(self.head.user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "我的委员页面")
        for page in (self.head, self.station):
            self.assertContains(response, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertNotContains(response, reverse("wagtailadmin_pages:edit", args=(self.room.pk,)))
