"""The public member directory (委员风采): this term's live members, filtered by sector, special
committee, role, platform and name; bad filter values are ignored, never a server error."""

import datetime

from django.test import TestCase, override_settings

from builders import committee_with_members, deliberated_activity, roster_rows
from members.models import MemberIndexPage, MemberPage, Membership, Sector, SpecialCommittee, Term


class MemberDirectoryTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        rows = [
            {
                "编号": "1",
                "姓名": "张经济",
                "界别": "经济界",
                "职务": "常委",
                "专委会": "提案委员会",
                "担任站长": "东湖委员工作站",
            },
            {"编号": "2", "姓名": "李农业", "界别": "农业界", "职务": "委员"},
            {"编号": "3", "姓名": "王经济", "界别": "经济界", "职务": "委员"},
        ]
        cls.site, _, _, cls.term, _ = committee_with_members("lingtai", rows)
        cls.index = MemberIndexPage.objects.child_of(cls.site.root_page).get()
        # A member of the previous term only, and one whose page is not published.
        earlier = Term.objects.create(
            site=cls.site,
            number=9,
            starts_on=datetime.date(2016, 12, 1),
            ends_on=datetime.date(2021, 11, 30),
        )
        former = MemberPage(title="赵前任", slug="former")
        cls.index.add_child(instance=former)
        former.save_revision().publish()
        Membership.objects.create(member=former, term=earlier)
        draft = MemberPage(title="钱草稿", slug="draft", live=False)
        cls.index.add_child(instance=draft)
        Membership.objects.create(member=draft, term=cls.term)

    def names(self, **params):
        response = self.client.get(self.index.url, params, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        return [m.title for m in response.context["members"]]

    def test_lists_the_current_terms_live_members(self):
        self.assertEqual(sorted(self.names()), sorted(["张经济", "李农业", "王经济"]))

    def test_filters_by_sector_committee_and_role(self):
        economy = Sector.objects.get(name="经济界").pk
        self.assertEqual(sorted(self.names(sector=economy)), sorted(["张经济", "王经济"]))
        proposals = SpecialCommittee.objects.get(name="提案委员会").pk
        self.assertEqual(self.names(committee=proposals), ["张经济"])
        self.assertEqual(self.names(role="standing"), ["张经济"])
        self.assertEqual(self.names(sector=economy, role="member"), ["王经济"])

    def test_filters_by_platform_and_name(self):
        station = MemberPage.objects.get(title="张经济").platform_assignments.get().page
        self.assertEqual(self.names(platform=station.pk), ["张经济"])
        self.assertEqual(self.names(q="农业"), ["李农业"])

    def test_bad_filter_values_are_ignored(self):
        everyone = sorted(self.names())
        for params in ({"sector": "abc"}, {"role": "xyz"}, {"page": "999"}, {"platform": "x1"}):
            with self.subTest(params=params):
                self.assertEqual(sorted(self.names(**params)), everyone)

    def test_out_of_range_and_non_ascii_ids_are_ignored(self):
        """An id beyond the database's integer range once reached the query (500 on SQLite's
        OverflowError); a superscript digit passes str.isdigit() but not int()."""
        everyone = sorted(self.names())
        for name in ("sector", "committee", "platform"):
            for value in ("99999999999999999999999", str(2**63), "²", "-5", "0"):
                with self.subTest(name=name, value=value):
                    self.assertEqual(sorted(self.names(**{name: value})), everyone)

    def test_a_nul_byte_in_the_name_search_is_ignored(self):
        """PostgreSQL refuses NUL in a string literal: the filter must never see one."""
        self.assertEqual(sorted(self.names(q="农\x00业")), sorted(self.names()))

    def test_a_member_page_ignores_an_out_of_range_term(self):
        member = MemberPage.objects.get(title="张经济")
        for value in ("99999999999999999999999", "²", "10"):
            with self.subTest(value=value):
                response = self.client.get(
                    member.url, {"term": value}, HTTP_HOST=self.site.hostname
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["term"], self.term)

    def test_the_page_shows_the_filters_and_the_count(self):
        response = self.client.get(self.index.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "第十届委员，共 3 人")
        self.assertContains(response, "东湖委员工作站")
        self.assertNotContains(response, "钱草稿")


@override_settings(PAGE_CACHE_ENABLED=False)  # what rendering costs, not the page cache
class QueryCountTest(TestCase):
    """Lists do not query once per member or per activity (counts in docs/benchmarks.md)."""

    def count(self, url, host):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        # The render after a first one: a change to the records moves the generations that
        # per-change state (menus, committee chrome, site lookup) is kept under, and the first
        # render after it builds that state again, once.
        self.assertEqual(self.client.get(url, HTTP_HOST=host).status_code, 200)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url, HTTP_HOST=host).status_code, 200)
        return len(queries)

    def test_directory_and_member_page_queries_do_not_grow_with_the_records(self):
        from consultation.models import AttendanceRole

        rows = [{"编号": str(n), "姓名": f"委员{n}", "界别": "经济界"} for n in range(1, 4)]
        site, _, stations, term, _ = committee_with_members("qingyang", rows)
        index = MemberIndexPage.objects.child_of(site.root_page).get()
        member = MemberPage.objects.get(roster_id="1")
        station = stations["东湖"]
        deliberated_activity(
            station,
            "议题1",
            datetime.date(2023, 1, 5),
            attendees=[(member, AttendanceRole.HOST)],
            suggestions=[(member, "adopted")],
        )
        self.count(index.url, site.hostname)  # warm the site and settings caches
        before = (self.count(index.url, site.hostname), self.count(member.url, site.hostname))
        from members.roster import import_roster

        more = [{"编号": str(n), "姓名": f"委员{n}", "界别": "农业界"} for n in range(4, 12)]
        import_roster(roster_rows(more), site=site, term=term, username_prefix="qy-")
        for n in range(2, 8):
            deliberated_activity(
                station,
                f"议题{n}",
                datetime.date(2023, 1, n + 5),
                attendees=[(member, AttendanceRole.ATTENDEE)],
                suggestions=[(member, "proposed")],
            )
        after = (self.count(index.url, site.hostname), self.count(member.url, site.hostname))
        self.assertEqual(after, before)
