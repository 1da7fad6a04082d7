"""Every counter of ``consultation.figures`` checked against hand counts of the records below.

Prefecture P (pingliang) has counties A (zhuanglang) and B (jingchuan); committee X
(jiayuguan) is not under P and must never be counted for P, A or B.

Platforms (level, kind, established):
    P  p1        county    workstation  2021-03-01   roster: 周涛*
    A  a1        village   room         2022-05-01   roster: 李明*, 王芳
    A  a2        township  workstation  2023-05-01   roster: 李明*, 陈静*
    A  a-draft   village   room         2022-01-01   roster: 赵强*          (never published)
    B  b1        village   room         2023-07-01   roster: 李明*
    B  b2        township  council      2024-02-01   roster: 刘洋
    X  x1        village   room         2023-01-01   roster: 孙伟*
    (* = 政协委员)

Activities (确定议题 = SELECT, 协商议事 = DELIBERATE; suggestions as made/status/resolved):
    P1 @p1  SELECT 2022-12-20, DELIBERATE 2023-01-05; member 10;
            2022-12-20 adopted; 2023-01-05 solved 2023-01-20
    A1 @a1  SELECT 2022-06-02, DELIBERATE 2022-06-10, FEEDBACK 2022-08-01; member 3, public 5;
            2022-06-10 solved 2023-02-01; 2022-06-10 adopted; 2022-06-10 not adopted
    A2 @a2  SELECT 2023-03-01, DELIBERATE 2023-03-15; member 2, stakeholder 4;
            2023-03-15 in progress; 2023-03-15 proposed
    A3 @a1  SELECT 2023-11-01 (not deliberated yet); member 7; 2023-11-02 proposed
    B1 @b1  SELECT 2023-06-01, DELIBERATE 2023-07-10, PUBLISH 2023-07-20; department 1, public 8;
            2023-07-10 solved 2023-09-01; 2023-07-10 adopted
    B2 @b1  COLLECT 2024-01-05, SELECT 2024-01-10, DELIBERATE 2024-01-20; member 2;
            2024-01-20 solved 2024-03-01
    X1 @x1  SELECT 2023-02-01, DELIBERATE 2023-02-10; member 100; 2023-02-10 solved 2023-03-01
"""

import datetime

from django.db.models import Sum
from django.test import TestCase
from wagtail.models import Site

from builders import committee_with_platforms, make_activity, make_platform
from consultation import figures
from consultation.figures import COUNTERS, COUNTERS_BY_KEY, Scope
from consultation.models import PlatformPage, Spine
from core.committees import site_for_path

D = datetime.date
YEAR_2023 = {"start": D(2023, 1, 1), "end": D(2023, 12, 31)}

ALL_TIME = {
    "A": {
        "platforms": 2,
        "activities": 2,
        "topics": 3,
        "participants": 14,
        "suggestions": 6,
        "adopted": 3,
        "solved": 1,
        "members": 2,
    },
    "B": {
        "platforms": 2,
        "activities": 2,
        "topics": 2,
        "participants": 11,
        "suggestions": 3,
        "adopted": 3,
        "solved": 2,
        "members": 1,
    },
    "P": {
        "platforms": 1,
        "activities": 1,
        "topics": 1,
        "participants": 10,
        "suggestions": 2,
        "adopted": 2,
        "solved": 1,
        "members": 1,
    },
    "P+A+B": {
        "platforms": 5,
        "activities": 5,
        "topics": 6,
        "participants": 35,
        "suggestions": 11,
        "adopted": 8,
        "solved": 4,
        "members": 4,
    },
}
IN_2023 = {
    "A": {
        "platforms": 1,
        "activities": 1,
        "topics": 2,
        "participants": 6,
        "suggestions": 3,
        "adopted": 1,
        "solved": 1,
        "members": 2,
    },
    "B": {
        "platforms": 1,
        "activities": 1,
        "topics": 1,
        "participants": 9,
        "suggestions": 2,
        "adopted": 2,
        "solved": 1,
        "members": 1,
    },
    "P": {
        "platforms": 0,
        "activities": 1,
        "topics": 0,
        "participants": 10,
        "suggestions": 1,
        "adopted": 1,
        "solved": 1,
        "members": 1,
    },
    "P+A+B": {
        "platforms": 2,
        "activities": 3,
        "topics": 3,
        "participants": 25,
        "suggestions": 6,
        "adopted": 4,
        "solved": 3,
        "members": 4,
    },
}


def values(scope):
    return {counter.key: value for counter, value in figures.figures(scope)}


def record_count(counter, scope):
    """The number the drill-down list behind ``counter`` amounts to, counted independently."""
    records = counter.records(scope)
    if counter.key == "participants":
        return records.aggregate(n=Sum("count"))["n"] or 0
    if counter.key == "members":
        # One per name within each committee.
        sites = list(Site.objects.filter(pk__in=scope.sites).select_related("root_page"))
        return len(
            {
                (site_for_path(member.page.path, sites).pk, member.name)
                for member in records.select_related("page")
            }
        )
    return records.count()


class FiguresTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p, p_index = committee_with_platforms("pingliang", "平凉市政协", level="prefecture")
        cls.a, a_index = committee_with_platforms("zhuanglang", "庄浪县政协", parent=cls.p)
        cls.b, b_index = committee_with_platforms("jingchuan", "泾川县政协", parent=cls.p)
        cls.x, x_index = committee_with_platforms("jiayuguan", "嘉峪关市政协", level="prefecture")

        p1 = make_platform(
            p_index, "p1", "workstation", "county", D(2021, 3, 1), members=[("周涛", True)]
        )
        a1 = make_platform(
            a_index,
            "a1",
            "room",
            "village",
            D(2022, 5, 1),
            members=[("李明", True), ("王芳", False)],
        )
        a2 = make_platform(
            a_index,
            "a2",
            "workstation",
            "township",
            D(2023, 5, 1),
            members=[("李明", True), ("陈静", True)],
        )
        cls.draft = make_platform(
            a_index, "a-draft", "room", "village", D(2022, 1, 1), [("赵强", True)], publish=False
        )
        b1 = make_platform(b_index, "b1", "room", "village", D(2023, 7, 1), [("李明", True)])
        make_platform(b_index, "b2", "council", "township", D(2024, 2, 1), [("刘洋", False)])
        x1 = make_platform(x_index, "x1", "room", "village", D(2023, 1, 1), [("孙伟", True)])

        make_activity(
            p1,
            "P1",
            {Spine.SELECT: D(2022, 12, 20), Spine.DELIBERATE: D(2023, 1, 5)},
            participants=[("member", 10)],
            suggestions=[
                (D(2022, 12, 20), "adopted", None),
                (D(2023, 1, 5), "solved", D(2023, 1, 20)),
            ],
        )
        make_activity(
            a1,
            "A1",
            {
                Spine.SELECT: D(2022, 6, 2),
                Spine.DELIBERATE: D(2022, 6, 10),
                Spine.FEEDBACK: D(2022, 8, 1),
            },
            participants=[("member", 3), ("public_rep", 5)],
            suggestions=[
                (D(2022, 6, 10), "solved", D(2023, 2, 1)),
                (D(2022, 6, 10), "adopted", None),
                (D(2022, 6, 10), "not_adopted", None),
            ],
        )
        make_activity(
            a2,
            "A2",
            {Spine.SELECT: D(2023, 3, 1), Spine.DELIBERATE: D(2023, 3, 15)},
            participants=[("member", 2), ("stakeholder", 4)],
            suggestions=[
                (D(2023, 3, 15), "in_progress", None),
                (D(2023, 3, 15), "proposed", None),
            ],
        )
        make_activity(
            a1,
            "A3",
            {Spine.SELECT: D(2023, 11, 1)},
            participants=[("member", 7)],
            suggestions=[(D(2023, 11, 2), "proposed", None)],
        )
        make_activity(
            b1,
            "B1",
            {
                Spine.SELECT: D(2023, 6, 1),
                Spine.DELIBERATE: D(2023, 7, 10),
                Spine.PUBLISH: D(2023, 7, 20),
            },
            participants=[("department", 1), ("public_rep", 8)],
            suggestions=[
                (D(2023, 7, 10), "solved", D(2023, 9, 1)),
                (D(2023, 7, 10), "adopted", None),
            ],
        )
        make_activity(
            b1,
            "B2",
            {
                Spine.COLLECT: D(2024, 1, 5),
                Spine.SELECT: D(2024, 1, 10),
                Spine.DELIBERATE: D(2024, 1, 20),
            },
            participants=[("member", 2)],
            suggestions=[(D(2024, 1, 20), "solved", D(2024, 3, 1))],
        )
        make_activity(
            x1,
            "X1",
            {Spine.SELECT: D(2023, 2, 1), Spine.DELIBERATE: D(2023, 2, 10)},
            participants=[("member", 100)],
            suggestions=[(D(2023, 2, 10), "solved", D(2023, 3, 1))],
        )

    # Scopes ------------------------------------------------------------------------------

    def scope(self, name, **period):
        if name == "P+A+B":
            return Scope.for_site(self.p, **period)
        return Scope.for_site({"P": self.p, "A": self.a, "B": self.b}[name], rollup=False, **period)

    def test_the_hand_counts_cover_every_counter(self):
        self.assertEqual([c.key for c in COUNTERS], list(ALL_TIME["A"]))

    # (a) each county alone, P on its own, (b) the prefecture rolled up --------------------

    def test_county_a_alone(self):
        self.assertEqual(values(self.scope("A")), ALL_TIME["A"])

    def test_county_b_alone(self):
        self.assertEqual(values(self.scope("B")), ALL_TIME["B"])

    def test_prefecture_without_its_counties(self):
        self.assertEqual(values(self.scope("P")), ALL_TIME["P"])

    def test_prefecture_rolls_up_its_counties(self):
        self.assertEqual(values(self.scope("P+A+B")), ALL_TIME["P+A+B"])

    def test_the_roll_up_covers_the_prefecture_and_its_counties_only(self):
        scope = Scope.for_site(self.p)
        self.assertEqual(set(scope.sites), {self.p.pk, self.a.pk, self.b.pk})

    def test_an_unrelated_committee_counts_only_its_own_records(self):
        self.assertEqual(
            values(Scope.for_site(self.x)),
            {
                "platforms": 1,
                "activities": 1,
                "topics": 1,
                "participants": 100,
                "suggestions": 1,
                "adopted": 1,
                "solved": 1,
                "members": 1,
            },
        )

    # (c) a period --------------------------------------------------------------------------

    def test_county_a_in_a_period(self):
        self.assertEqual(values(self.scope("A", **YEAR_2023)), IN_2023["A"])

    def test_county_b_in_a_period(self):
        self.assertEqual(values(self.scope("B", **YEAR_2023)), IN_2023["B"])

    def test_prefecture_own_records_in_a_period(self):
        self.assertEqual(values(self.scope("P", **YEAR_2023)), IN_2023["P"])

    def test_prefecture_rolled_up_in_a_period(self):
        self.assertEqual(values(self.scope("P+A+B", **YEAR_2023)), IN_2023["P+A+B"])

    def test_period_bounds_are_inclusive(self):
        # A2 was deliberated on 2023-03-15 and its two suggestions were made that day.
        day = D(2023, 3, 15)
        got = values(self.scope("A", start=day, end=day))
        self.assertEqual((got["activities"], got["participants"], got["suggestions"]), (1, 6, 2))

    def test_an_open_ended_period(self):
        # From 2024 on: B2 (held, selected, one suggestion solved) and platform b2.
        got = values(self.scope("P+A+B", start=D(2024, 1, 1)))
        self.assertEqual(
            got,
            {
                "platforms": 1,
                "activities": 1,
                "topics": 1,
                "participants": 2,
                "suggestions": 1,
                "adopted": 1,
                "solved": 1,
                "members": 4,
            },
        )

    def test_solved_counts_by_resolution_date_not_by_when_it_was_made(self):
        # A1's solved suggestion was made in 2022 and resolved in 2023.
        in_2022 = values(self.scope("A", start=D(2022, 1, 1), end=D(2022, 12, 31)))
        in_2023 = values(self.scope("A", **YEAR_2023))
        self.assertEqual((in_2022["suggestions"], in_2022["solved"]), (3, 0))
        self.assertEqual((in_2023["suggestions"], in_2023["solved"]), (3, 1))

    # Drafts and rosters ----------------------------------------------------------------------

    def test_a_draft_platform_is_not_counted(self):
        listed = set(COUNTERS_BY_KEY["platforms"].records(self.scope("A")).values_list("slug"))
        self.assertEqual(listed, {("a1",), ("a2",)})

    def test_a_committee_member_on_a_draft_platform_is_not_counted(self):
        names = set(COUNTERS_BY_KEY["members"].records(self.scope("A")).values_list("name"))
        self.assertNotIn(("赵强",), names)

    def test_publishing_the_draft_adds_it_and_its_roster_to_the_figures(self):
        before = values(self.scope("A"))
        PlatformPage.objects.get(pk=self.draft.pk).save_revision().publish()
        after = values(self.scope("A"))
        self.assertEqual((before["platforms"], after["platforms"]), (2, 3))
        self.assertEqual((before["members"], after["members"]), (2, 3))

    def test_a_member_on_two_platforms_of_one_county_counts_once(self):
        # 李明 sits on a1 and a2: three roster rows of committee members, two people.
        members = COUNTERS_BY_KEY["members"]
        self.assertEqual(members.records(self.scope("A")).count(), 3)
        self.assertEqual(members.value(self.scope("A")), 2)

    def test_the_same_name_in_two_counties_counts_twice(self):
        # 李明 on A's roster and on B's: one person per committee.
        scope = Scope.of_sites([self.a, self.b])
        self.assertEqual(COUNTERS_BY_KEY["members"].value(scope), 3)

    def test_non_committee_members_on_rosters_are_not_counted(self):
        scope = self.scope("P+A+B")
        names = set(COUNTERS_BY_KEY["members"].records(scope).values_list("name", flat=True))
        self.assertEqual(names, {"周涛", "李明", "陈静"})

    def test_members_are_counted_from_the_current_roster_whatever_the_period(self):
        early = values(self.scope("P+A+B", start=D(2000, 1, 1), end=D(2000, 12, 31)))
        self.assertEqual(early["members"], 4)
        self.assertEqual(early["platforms"], 0)

    # Per-committee rows, drill-down records ----------------------------------------------

    def test_figures_by_site_has_a_row_per_committee_then_the_total(self):
        rows = figures.figures_by_site(self.scope("P+A+B"))
        *committees, (total_site, _) = rows
        self.assertCountEqual([s.pk for s, _ in committees], [self.p.pk, self.a.pk, self.b.pk])
        self.assertIsNone(total_site)

    def test_figures_by_site_rows_are_each_committee_on_its_own(self):
        names = {self.p.pk: "P", self.a.pk: "A", self.b.pk: "B"}
        for site, row in figures.figures_by_site(self.scope("P+A+B"))[:-1]:
            with self.subTest(committee=names[site.pk]):
                self.assertEqual({c.key: v for c, v in row}, ALL_TIME[names[site.pk]])

    def test_figures_by_site_rows_sum_to_the_total_row(self):
        for period in ({}, YEAR_2023):
            rows = figures.figures_by_site(self.scope("P+A+B", **period))
            *committees, (total_site, total) = rows
            self.assertIsNone(total_site)
            for index, (counter, value) in enumerate(total):
                with self.subTest(counter=counter.key, period=bool(period)):
                    self.assertEqual(value, sum(row[index][1] for _, row in committees))
                    self.assertEqual(value, counter.value(self.scope("P+A+B", **period)))

    def test_each_counters_records_amount_to_its_value(self):
        for name, period in [
            ("A", {}),
            ("B", {}),
            ("P+A+B", {}),
            ("A", YEAR_2023),
            ("P+A+B", YEAR_2023),
        ]:
            scope = self.scope(name, **period)
            for counter in COUNTERS:
                with self.subTest(scope=name, period=bool(period), counter=counter.key):
                    self.assertEqual(record_count(counter, scope), counter.value(scope))

    # Platforms by level and by kind --------------------------------------------------------

    def test_platforms_by_level_lists_every_level_in_order(self):
        self.assertEqual(
            figures.platforms_by_level(self.scope("P+A+B")),
            [
                ("county", "县（市、区）级", 1),
                ("township", "乡镇（街道）级", 2),
                ("village", "村（社区）级", 2),
                ("park", "园区", 0),
                ("company", "企业", 0),
                ("scenic", "景区", 0),
            ],
        )

    def test_platforms_by_level_for_a_county_in_a_period(self):
        by_level = {v: n for v, _, n in figures.platforms_by_level(self.scope("A", **YEAR_2023))}
        self.assertEqual((by_level["township"], by_level["village"]), (1, 0))

    def test_platforms_by_kind_in_kind_order_leaving_out_empty_kinds(self):
        self.assertEqual(
            figures.platforms_by_kind(self.scope("P+A+B")),
            [
                ("workstation", "委员工作站", 2),
                ("council", "协商议事会", 1),
                ("room", "协商议事室", 2),
            ],
        )

    def test_platforms_by_kind_in_a_period(self):
        self.assertEqual(
            figures.platforms_by_kind(self.scope("P+A+B", **YEAR_2023)),
            [("workstation", "委员工作站", 1), ("room", "协商议事室", 1)],
        )
