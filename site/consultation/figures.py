"""The figures committees report, computed from the records and rolled up by site hierarchy.

Each counter is one function returning the records behind the number; its docstring is the
definition shown to readers. The number is the count of those records (or, for person-times,
the sum of their counts), so a figure and its drill-down list can never disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from wagtail.models import Site

from core.committees import descendant_sites

from .models import (
    Activity,
    ActivityStep,
    Participation,
    PlatformLevel,
    PlatformMember,
    PlatformPage,
    Spine,
    Suggestion,
    SuggestionStatus,
)
from .models.activities import ADOPTED_STATUSES


@dataclass(frozen=True)
class Scope:
    """Which committees (sites) and which period (inclusive dates, either may be open)."""

    sites: tuple
    start: datetime.date | None = None
    end: datetime.date | None = None
    root_paths: tuple = field(default=(), compare=False)

    @classmethod
    def for_site(cls, site, start=None, end=None, rollup=True):
        """A committee's scope; with ``rollup`` its counties (and theirs) are included."""
        sites = [site] + (list(descendant_sites(site)) if rollup else [])
        return cls.of_sites(sites, start, end)

    @classmethod
    def of_sites(cls, sites, start=None, end=None):
        sites = list(Site.objects.filter(pk__in=[s.pk for s in sites]).select_related("root_page"))
        return cls(
            sites=tuple(sorted(s.pk for s in sites)),
            start=start,
            end=end,
            root_paths=tuple(s.root_page.path for s in sites),
        )

    def period(self, field_name):
        """Keyword filters putting ``field_name`` inside the period."""
        filters = {}
        if self.start:
            filters[f"{field_name}__gte"] = self.start
        if self.end:
            filters[f"{field_name}__lte"] = self.end
        return filters

    def under_roots(self, path_field="path", roots=None):
        """Q for pages that sit under one of the scope's site roots (or of ``roots``)."""
        condition = Q(pk__in=[])
        for root in self.root_paths if roots is None else roots:
            condition |= Q(**{f"{path_field}__startswith": root})
        return condition


def platforms(scope):
    """协商平台：本级及下级政协已发布的协商平台（阵地）数，按建成日期计入期间。"""
    return PlatformPage.objects.live().filter(scope.under_roots(), **scope.period("established_on"))


def activities_held(scope):
    """协商活动：期间内召开协商议事（流程“协商议事”环节的日期在期间内）的活动场次。"""
    return Activity.objects.filter(site__in=scope.sites, **scope.period("held_on"))


def topics(scope):
    """协商议题：期间内确定的议题数（流程“确定议题”环节的日期在期间内），含尚未召开协商的议题。"""
    return Activity.objects.filter(
        site__in=scope.sites,
        pk__in=ActivityStep.objects.filter(step=Spine.SELECT, **scope.period("date")).values(
            "activity"
        ),
    )


def participant_person_times(scope):
    """参与人次：期间内召开的协商活动中各类参与人员（委员、利益相关方、群众代表、部门负责人等）的人次之和。"""
    return Participation.objects.filter(
        activity__site__in=scope.sites, **scope.period("activity__held_on")
    )


def suggestions_made(scope):
    """意见建议：期间内提出的意见建议条数（按提出日期）。"""
    return Suggestion.objects.filter(activity__site__in=scope.sites, **scope.period("made_on"))


def suggestions_adopted(scope):
    """采纳建议：期间内提出、现状态为采纳、办理中或已解决的意见建议条数。"""
    return suggestions_made(scope).filter(status__in=ADOPTED_STATUSES)


def problems_solved(scope):
    """解决问题：期间内办结（状态为“已解决”，按解决日期）的意见建议条数。"""
    return Suggestion.objects.filter(
        activity__site__in=scope.sites,
        status=SuggestionStatus.SOLVED,
        **scope.period("resolved_on"),
    )


def members_sunk(scope):
    """下沉委员：列入已发布协商平台固定成员名单的政协委员人数（同一政协内同名只计一次；按当前名单，不分期间）。"""
    return PlatformMember.objects.filter(is_committee_member=True, page__live=True).filter(
        scope.under_roots("page__path")
    )


def count_members_sunk(scope):
    # One person may be on several platforms of the same committee: count distinct
    # (committee root, name). Committee roots all sit at the same depth under the tree root.
    total = 0
    for length in {len(p) for p in scope.root_paths}:
        roots = [p for p in scope.root_paths if len(p) == length]
        total += (
            members_sunk(scope)
            .filter(scope.under_roots("page__path", roots))
            .annotate(committee=Substr("page__path", 1, length))
            .values("committee", "name")
            .distinct()
            .count()
        )
    return total


@dataclass(frozen=True)
class Counter:
    key: str
    label: str
    unit: str
    records: object
    record_kind: str
    total: object = None  # scope → number; defaults to counting the records

    @property
    def definition(self):
        return self.records.__doc__.split("：", 1)[1].strip()

    def value(self, scope):
        if self.total:
            return self.total(scope)
        return self.records(scope).count()


def _sum_counts(scope):
    return participant_person_times(scope).aggregate(n=Sum("count"))["n"] or 0


COUNTERS = [
    Counter("platforms", "协商平台", "个", platforms, "platform"),
    Counter("activities", "协商活动", "场次", activities_held, "activity"),
    Counter("topics", "协商议题", "个", topics, "activity"),
    Counter(
        "participants", "参与人次", "人次", participant_person_times, "participation", _sum_counts
    ),
    Counter("suggestions", "意见建议", "条", suggestions_made, "suggestion"),
    Counter("adopted", "采纳建议", "条", suggestions_adopted, "suggestion"),
    Counter("solved", "解决问题", "个", problems_solved, "suggestion"),
    Counter("members", "下沉委员", "名", members_sunk, "member", count_members_sunk),
]
COUNTERS_BY_KEY = {c.key: c for c in COUNTERS}


def figures(scope):
    """Every counter's value for a scope, in display order: [(counter, value), …]."""
    return [(counter, counter.value(scope)) for counter in COUNTERS]


def platforms_by_level(scope):
    """Platform counts by level, in the levels' order: [(value, label, count), …]."""
    counts = dict(platforms(scope).order_by().values_list("level").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in PlatformLevel.choices]


def platforms_by_kind(scope):
    """Platform counts by kind: [(slug, name, count), …], kinds without platforms left out."""
    return list(
        platforms(scope)
        .order_by()
        .values_list("kind__slug", "kind__name")
        .annotate(n=Count("pk"))
        .order_by("kind__sort_order", "kind__name")
    )


def figures_by_site(scope):
    """One row per committee in the scope (each on its own, not rolled up) and the total:
    [(site or None for the total, [(counter, value), …]), …]."""
    rows = []
    for site in Site.objects.filter(pk__in=scope.sites).order_by("site_name"):
        own = Scope.of_sites([site], scope.start, scope.end)
        rows.append((site, figures(own)))
    rows.append((None, figures(scope)))
    return rows
