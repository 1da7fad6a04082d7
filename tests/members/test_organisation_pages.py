"""机构设置 and 领导信息: the bodies as editors type them; the leadership computed from the
current term's memberships (never a former chair, never another committee's leaders)."""

import datetime

from django.test import TestCase

from builders import committee_with_members
from members.models import (
    LeadershipPage,
    MemberIndexPage,
    MemberPage,
    Membership,
    OrganisationPage,
    Role,
    Term,
)
from plugin_api.testing import add_page

ROWS = [
    {"编号": "1", "姓名": "甲副主席", "职务": "副主席"},
    {"编号": "2", "姓名": "乙主席", "职务": "主席"},
    {"编号": "3", "姓名": "丙秘书长", "职务": "秘书长"},
    {"编号": "4", "姓名": "丁副主席", "职务": "副主席"},
    {"编号": "5", "姓名": "戊常委", "职务": "常委"},
    {"编号": "6", "姓名": "己委员", "职务": "委员"},
]


class LeadershipPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, _, _, cls.term, report = committee_with_members("lingtai", ROWS)
        assert not report.errors, report.errors
        cls.index = MemberIndexPage.objects.child_of(cls.site.root_page).get()
        # The previous term's chair, still a member page on the site.
        earlier = Term.objects.create(
            site=cls.site,
            number=9,
            starts_on=datetime.date(2016, 12, 1),
            ends_on=datetime.date(2021, 11, 30),
        )
        former = add_page(cls.index, MemberPage(title="庚前任主席", slug="former"))
        Membership.objects.create(member=former, term=earlier, role=Role.CHAIR)
        # A vice-chair of this term who left office, and one whose profile is a draft.
        left = add_page(cls.index, MemberPage(title="辛已离任", slug="left"))
        Membership.objects.create(
            member=left, term=cls.term, role=Role.VICE_CHAIR, ends_on=datetime.date(2023, 1, 1)
        )
        draft = add_page(cls.index, MemberPage(title="壬草稿", slug="draft"), publish=False)
        Membership.objects.create(member=draft, term=cls.term, role=Role.SECRETARY_GENERAL)
        # Another committee with its own chair.
        cls.other, _, _, _, _ = committee_with_members(
            "jingning", [{"编号": "1", "姓名": "癸外县主席", "职务": "主席"}]
        )
        cls.page = add_page(cls.site.root_page, LeadershipPage(title="领导信息", slug="leaders"))

    def get(self):
        response = self.client.get(self.page.url, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        return response

    def test_lists_the_current_terms_leaders_by_rank(self):
        leaders = self.get().context["leaders"]
        self.assertEqual(
            [(leader["role"], leader["member"].title) for leader in leaders],
            [
                ("主席", "乙主席"),
                ("副主席", "甲副主席"),
                ("副主席", "丁副主席"),
                ("秘书长", "丙秘书长"),
                ("秘书长", "壬草稿"),
            ],
        )

    def test_former_chairs_standing_members_and_other_committees_are_not_shown(self):
        html = self.get().content.decode()
        for name in ("庚前任主席", "辛已离任", "戊常委", "己委员", "癸外县主席"):
            self.assertNotIn(name, html)

    def test_each_leader_links_to_their_page_when_a_reader_may_open_it(self):
        html = self.get().content.decode()
        chair = MemberPage.objects.get(title="乙主席")
        self.assertIn(f'<a href="{chair.relative_url(self.site)}">乙主席</a>', html)
        self.assertIn("壬草稿", html)
        self.assertNotIn('">壬草稿</a>', html)

    def test_a_new_chair_shows_at_once(self):
        self.get()  # cached
        seat = Membership.objects.get(member__title="戊常委")
        seat.role = Role.CHAIR
        seat.save()
        titles = [leader["member"].title for leader in self.get().context["leaders"]]
        self.assertEqual(titles[:2], ["乙主席", "戊常委"])

    def test_without_a_term_the_page_says_so(self):
        other_page = add_page(
            self.other.root_page, LeadershipPage(title="领导信息", slug="leaders")
        )
        Membership.objects.filter(site=self.other).delete()
        Term.objects.filter(site=self.other).delete()
        response = self.client.get(other_page.url, HTTP_HOST=self.other.hostname)
        self.assertContains(response, "暂无领导信息")


class OrganisationPageTest(TestCase):
    def test_bodies_show_with_their_duties_and_contact(self):
        site, _, _, _, _ = committee_with_members("lingtai", [])
        page = OrganisationPage(
            title="机构设置",
            slug="organisation",
            intro="县政协设办公室和专门委员会。",
            bodies=[
                ("body", {"name": "办公室", "duties": "负责日常工作。", "contact": "0933-1"}),
                ("body", {"name": "提案委员会", "duties": "负责提案工作。", "contact": ""}),
            ],
        )
        add_page(site.root_page, page)
        response = self.client.get(page.url, HTTP_HOST=site.hostname)
        html = response.content.decode()
        self.assertInHTML("<h2>办公室</h2>", html)
        self.assertInHTML("<h2>提案委员会</h2>", html)
        self.assertIn("负责提案工作。", html)
        self.assertIn("联系方式：0933-1", html)
        self.assertEqual(html.count("联系方式："), 1)
