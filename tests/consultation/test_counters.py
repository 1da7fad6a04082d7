"""Every counter and the roll-up, checked against hand counts of the records built here.

Prefecture P has counties A and B; committee X stands apart and must never be counted.
"""

import datetime

from django.test import TestCase

from builders import committee_with_platforms, make_activity, make_platform
from consultation import figures
from consultation.models import PlatformMember

D = datetime.date


def values(scope):
    return {counter.key: value for counter, value in figures.figures(scope)}


class CounterTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p, p_platforms = committee_with_platforms("pingliang", level="prefecture")
        cls.a, a_platforms = committee_with_platforms("zhuanglang", parent=cls.p)
        cls.b, b_platforms = committee_with_platforms("gaotai", parent=cls.p)
        cls.x, x_platforms = committee_with_platforms("jiayuguan", level="prefecture")

        # Platforms: A has 2 live (2022, 2023) + 1 draft; B has 1 (2023); P has 1 (2021); X 1.
        a1 = make_platform(a_platforms, "a1", kind="room", level="village")
        a1.established_on = D(2022, 5, 1)
        a1.save_revision().publish()
        a2 = make_platform(a_platforms, "a2", kind="workstation", level="township")
        a2.established_on = D(2023, 5, 1)
        a2.save_revision().publish()
        make_platform(a_platforms, "a-draft", publish=False)
        b1 = make_platform(b_platforms, "b1", kind="room", level="village")
        b1.established_on = D(2023, 7, 1)
        b1.save_revision().publish()
        p1 = make_platform(p_platforms, "p1", kind="workstation", level="county")
        p1.established_on = D(2021, 1, 1)
        p1.save_revision().publish()
        x1 = make_platform(x_platforms, "x1")

        # Rosters: 李 on two A platforms counts once in A; 李 in B counts again; 王 in A is not
        # a committee member; X's members never count for P.
        for page, name, member in [
            (a1, "李", True),
            (a2, "李", True),
            (a2, "王", False),
            (b1, "李", True),
            (b1, "张", True),
            (x1, "赵", True),
        ]:
            PlatformMember.objects.create(page=page, name=name, is_committee_member=member)

        # Activities (dates of 确定议题 = 2, 协商议事 = 4, 结果反馈 = 7):
        make_activity(
            a1,
            "A-held-2022",
            {1: D(2022, 6, 1), 2: D(2022, 6, 2), 4: D(2022, 6, 10), 7: D(2022, 8, 1)},
            suggestions=[
                (D(2022, 6, 10), "solved", D(2022, 7, 1)),
                (D(2022, 6, 10), "adopted", None),
                (D(2022, 6, 10), "not_adopted", None),
            ],
            participants=[("member", 3), ("public_rep", 4)],
        )
        make_activity(
            a2,
            "A-held-2023",
            {2: D(2023, 1, 5), 4: D(2023, 2, 1)},
            suggestions=[
                (D(2023, 2, 1), "in_progress", None),
                (D(2023, 2, 1), "solved", D(2024, 1, 10)),
            ],
            participants=[("department", 2)],
        )
        make_activity(
            a1,
            "A-selected-only",
            {1: D(2023, 3, 1), 2: D(2023, 3, 2)},
            participants=[("member", 9)],
        )  # not held: its participants do not count
        make_activity(
            b1,
            "B-held-2023",
            {2: D(2023, 4, 1), 4: D(2023, 4, 20)},
            suggestions=[(D(2023, 4, 20), "proposed", None)],
            participants=[("stakeholder", 5)],
        )
        make_activity(
            x1,
            "X-held",
            {2: D(2023, 1, 1), 4: D(2023, 1, 2)},
            suggestions=[(D(2023, 1, 2), "solved", D(2023, 2, 1))],
            participants=[("member", 50)],
        )

    def test_each_county_alone(self):
        a = values(figures.Scope.for_site(self.a, rollup=False))
        self.assertEqual(
            a,
            {
                "platforms": 2,
                "activities": 2,
                "topics": 3,
                "participants": 9,
                "suggestions": 5,
                "adopted": 4,
                "solved": 2,
                "members": 1,
            },
        )
        b = values(figures.Scope.for_site(self.b, rollup=False))
        self.assertEqual(
            b,
            {
                "platforms": 1,
                "activities": 1,
                "topics": 1,
                "participants": 5,
                "suggestions": 1,
                "adopted": 0,
                "solved": 0,
                "members": 2,
            },
        )

    def test_the_prefecture_rolls_up_its_counties_and_not_others(self):
        p = values(figures.Scope.for_site(self.p))
        self.assertEqual(
            p,
            {
                "platforms": 4,
                "activities": 3,
                "topics": 4,
                "participants": 14,
                "suggestions": 6,
                "adopted": 4,
                "solved": 2,
                "members": 3,
            },
        )

    def test_the_prefecture_alone_counts_only_its_own(self):
        p = values(figures.Scope.for_site(self.p, rollup=False))
        self.assertEqual(p["platforms"], 1)
        self.assertEqual(p["activities"], 0)

    def test_a_period_counts_what_happened_in_it(self):
        in_2023 = values(figures.Scope.for_site(self.p, D(2023, 1, 1), D(2023, 12, 31)))
        self.assertEqual(
            in_2023,
            {
                "platforms": 2,
                "activities": 2,
                "topics": 3,
                "participants": 7,
                "suggestions": 3,
                "adopted": 2,
                "solved": 0,
                "members": 3,
            },
        )
        solved_2024 = values(figures.Scope.for_site(self.p, D(2024, 1, 1), None))
        self.assertEqual(solved_2024["solved"], 1)
        self.assertEqual(solved_2024["activities"], 0)

    def test_committee_rows_add_up_to_the_total(self):
        rows = figures.figures_by_site(figures.Scope.for_site(self.p))
        *committees, (none, total) = rows
        self.assertIsNone(none)
        self.assertEqual({site.pk for site, _ in committees}, {self.p.pk, self.a.pk, self.b.pk})
        for index, (counter, value) in enumerate(total):
            self.assertEqual(sum(row[index][1] for _, row in committees), value, counter.key)

    def test_drill_down_records_match_each_count(self):
        scope = figures.Scope.for_site(self.p)
        for counter in figures.COUNTERS:
            if counter.key in ("participants", "members"):
                continue
            with self.subTest(counter=counter.key):
                self.assertEqual(counter.records(scope).count(), counter.value(scope))
        self.assertEqual(
            sum(
                figures.COUNTERS_BY_KEY["participants"]
                .records(scope)
                .values_list("count", flat=True)
            ),
            14,
        )

    def test_breakdowns_by_level_and_kind(self):
        scope = figures.Scope.for_site(self.p)
        self.assertEqual(
            {value: n for value, _, n in figures.platforms_by_level(scope)},
            {"county": 1, "township": 1, "village": 2, "park": 0, "company": 0, "scenic": 0},
        )
        self.assertEqual(
            {slug: n for slug, _, n in figures.platforms_by_kind(scope)},
            {"workstation": 2, "room": 2},
        )

    def test_unpublishing_a_platform_takes_it_out_of_the_figures(self):
        scope = figures.Scope.for_site(self.a, rollup=False)
        self.assertEqual(values(scope)["platforms"], 2)
        from consultation.models import PlatformPage

        PlatformPage.objects.get(slug="a2").unpublish()
        self.assertEqual(values(scope)["platforms"], 1)
        self.assertEqual(values(scope)["members"], 1)  # 李 still on a1

    def test_a_platform_moved_to_another_committee_takes_its_activities_along(self):
        from consultation.models import Activity, PlatformIndexPage, PlatformPage

        a = figures.Scope.for_site(self.a, rollup=False)
        b = figures.Scope.for_site(self.b, rollup=False)
        self.assertEqual((values(a)["activities"], values(b)["activities"]), (2, 1))
        b_index = PlatformIndexPage.objects.get(url_path__startswith="/gaotai/")
        PlatformPage.objects.get(slug="a2").move(b_index, pos="last-child")
        self.assertEqual((values(a)["activities"], values(b)["activities"]), (1, 2))
        self.assertEqual(Activity.objects.get(topic="A-held-2023").site, self.b)
