"""The figures committees report, computed from the records and rolled up by site hierarchy.

Each counter is one function returning the records behind the number; its docstring is the
definition shown to readers. The number is the count of those records (or, for person-times,
the sum of their counts), so a figure and its drill-down list can never disagree.

A prefecture's roll-up aggregates hundreds of thousands of rows, so computed values are cached
under a version that every change to the records bumps (``invalidate``, wired to signals in
``apps.py``); a short timeout bounds staleness where the cache is per process (no Redis).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self, TypeVar, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from wagtail.models import Site

from core.committees import descendant_sites
from core.generations import Generation

from .models import (
    Activity,
    Participation,
    PlatformLevel,
    PlatformMember,
    PlatformPage,
    Spine,
    Suggestion,
    SuggestionStatus,
)
from .models.activities import ADOPTED_STATUSES

if TYPE_CHECKING:
    from django.db.models import Aggregate, QuerySet
    from wagtail.models import Page

_T = TypeVar("_T")
_P = TypeVar("_P", bound="Page")


@dataclass(frozen=True)
class Scope:
    """Which committees (sites) and which period (inclusive dates, either may be open)."""

    sites: tuple[int, ...]
    start: datetime.date | None = None
    end: datetime.date | None = None
    root_paths: tuple[str, ...] = field(default=(), compare=False)
    site_order: tuple[int, ...] = field(default=(), compare=False)  # site ids in root_paths' order

    @classmethod
    def for_site(
        cls,
        site: Site,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        rollup: bool = True,
    ) -> Self:
        """A committee's scope; with ``rollup`` its counties (and theirs) are included."""
        sites = [site] + (list(descendant_sites(site)) if rollup else [])
        return cls.of_sites(sites, start, end)

    @classmethod
    def of_sites(
        cls,
        sites: Iterable[Site],
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> Self:
        # The root pages' paths, kept with the figures (a site saved or a page moved
        # invalidates them), rather than read again for each page that counts over sites.
        given = {s.pk: s for s in sites}
        roots = site_root_paths(given)
        order = [pk for pk in given if pk in roots]
        return cls(
            sites=tuple(sorted(order)),
            start=start,
            end=end,
            root_paths=tuple(roots[pk] for pk in order),
            site_order=tuple(order),
        )

    def only(self, site_ids: Container[int]) -> Scope:
        """The same period over those of the scope's committees in ``site_ids``."""
        kept = [i for i, pk in enumerate(self.site_order) if pk in site_ids]
        return Scope(
            sites=tuple(pk for pk in self.sites if pk in site_ids),
            start=self.start,
            end=self.end,
            root_paths=tuple(self.root_paths[i] for i in kept),
            site_order=tuple(self.site_order[i] for i in kept),
        )

    def cache_key(self) -> str:
        return f"{','.join(map(str, self.sites))}:{self.start}:{self.end}"

    def period(self, field_name: str) -> dict[str, datetime.date]:
        """Keyword filters putting ``field_name`` inside the period."""
        filters: dict[str, datetime.date] = {}
        if self.start:
            filters[f"{field_name}__gte"] = self.start
        if self.end:
            filters[f"{field_name}__lte"] = self.end
        return filters

    def under_roots(self, path_field: str = "path", roots: Iterable[str] | None = None) -> Q:
        """Q for pages that sit under one of the scope's site roots (or of ``roots``)."""
        condition = Q(pk__in=[])
        for root in self.root_paths if roots is None else roots:
            condition |= Q(**{f"{path_field}__startswith": root})
        return condition


CACHE_PREFIX = "consultation:figures"
CACHE_TIMEOUT = 300
GENERATION = Generation(f"{CACHE_PREFIX}:version")


def invalidate(**kwargs: object) -> None:
    """Records behind the figures changed: stop serving values cached before the change.

    Bumped at once (so the writing request sees its change) and again on commit (so a value
    computed by another request from the old data meanwhile is not served afterwards)."""
    GENERATION.bump()
    transaction.on_commit(GENERATION.bump)


def cached(key: str, compute: Callable[[], _T]) -> _T:
    """``compute()``, cached under the current generation (``key`` names what it computes)."""
    full_key = f"{CACHE_PREFIX}:{GENERATION.current()}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = (compute(),)  # wrapped: a computed None is a value, not a miss
        cache.set(full_key, found, CACHE_TIMEOUT)
    return found[0]


def site_root_paths(site_ids: Iterable[int] = ()) -> dict[int, str]:
    """{site id: tree path of its root page} of every site (cached, see ``invalidate``);
    read again, not from the cache, if one of ``site_ids`` is missing."""

    def compute() -> dict[int, str]:
        return dict(Site.objects.values_list("pk", "root_page__path"))

    roots = cached("site-root-paths", compute)
    return roots if all(pk in roots for pk in site_ids) else compute()


def platforms(scope: Scope) -> QuerySet[PlatformPage]:
    """协商平台：本级及下级政协已发布的协商平台（阵地）数，按建成日期计入期间。"""
    return in_scope(PlatformPage.objects.live(), scope).filter(**scope.period("established_on"))


def in_scope(pages: QuerySet[_P], scope: Scope) -> QuerySet[_P]:
    """``pages`` (of one page type) under the scope's site roots, found by their page type.

    A prefecture's roots hold nearly every page (its counties' news), so the roots alone
    select the whole page table, and PostgreSQL read all of it (45 ms) to find 2,000
    platforms; the page type is a selective index the planner can start from."""
    return pages.type(pages.model).filter(scope.under_roots())


def activities_held(scope: Scope) -> QuerySet[Activity]:
    """协商活动：期间内召开协商议事（流程“协商议事”环节的日期在期间内）的活动场次。"""
    return Activity.objects.filter(
        site__in=scope.sites, held_on__isnull=False, **scope.period("held_on")
    )


def topics(scope: Scope) -> QuerySet[Activity]:
    """协商议题：期间内确定的议题数（流程“确定议题”环节的日期在期间内），含尚未召开协商的议题。"""
    # A join, not an IN-subquery: an activity has at most one record per step.
    return Activity.objects.filter(
        site__in=scope.sites, steps__step=Spine.SELECT, **scope.period("steps__date")
    )


def participant_person_times(scope: Scope) -> QuerySet[Participation]:
    """参与人次：期间内召开的协商活动中各类参与人员（委员、利益相关方、群众代表、部门负责人等）的人次之和。"""
    return Participation.objects.filter(
        activity__site__in=scope.sites,
        activity__held_on__isnull=False,
        **scope.period("activity__held_on"),
    )


def suggestions_made(scope: Scope) -> QuerySet[Suggestion]:
    """意见建议：期间内提出的意见建议条数（按提出日期）。"""
    return Suggestion.objects.filter(activity__site__in=scope.sites, **scope.period("made_on"))


def suggestions_adopted(scope: Scope) -> QuerySet[Suggestion]:
    """采纳建议：期间内提出、现状态为采纳、办理中或已解决的意见建议条数。"""
    return suggestions_made(scope).filter(status__in=ADOPTED_STATUSES)


def problems_solved(scope: Scope) -> QuerySet[Suggestion]:
    """解决问题：期间内办结（状态为“已解决”，按解决日期）的意见建议条数。"""
    return Suggestion.objects.filter(
        activity__site__in=scope.sites,
        status=SuggestionStatus.SOLVED,
        **scope.period("resolved_on"),
    )


def members_sunk(scope: Scope) -> QuerySet[PlatformMember]:
    """下沉委员：列入已发布协商平台固定成员名单的政协委员人数（同一政协内同名只计一次；按当前名单，不分期间）。"""
    return PlatformMember.objects.filter(is_committee_member=True, page__live=True).filter(
        scope.under_roots("page__path")
    )


@dataclass(frozen=True)
class Counter:
    """A reported figure: ``records`` gives the rows behind it, ``aggregate`` turns them into
    a number, ``site_field`` says which committee a row belongs to (a site foreign key, or
    ``path:<field>`` for pages, whose committee is the site root above them)."""

    key: str
    label: str
    unit: str
    records: Callable[[Scope], QuerySet]
    record_kind: str
    site_field: str
    aggregate: Aggregate = field(default_factory=lambda: Count("pk"))

    @property
    def definition(self) -> str:
        # Every counter function has a docstring "label：definition".
        return cast(str, self.records.__doc__).split("：", 1)[1].strip()

    def by_site(self, scope: Scope) -> dict[int, int]:
        """{site id: value} for each committee in the scope (cached, see ``invalidate``)."""
        return cached(f"{self.key}:{scope.cache_key()}", lambda: self.compute_by_site(scope))

    def compute_by_site(self, scope: Scope) -> dict[int, int]:
        """{site id: value}, computed in one query per root depth."""
        queryset = self.records(scope).order_by()
        if not self.site_field.startswith("path:"):
            rows = queryset.values(self.site_field).annotate(n=self.aggregate)
            return {row[self.site_field]: row["n"] or 0 for row in rows}
        path_field = self.site_field.removeprefix("path:")
        site_by_root = dict(zip(scope.root_paths, scope.site_order, strict=True))
        values: dict[int, int] = {}
        for length in {len(root) for root in scope.root_paths}:
            rows = (
                queryset.filter(
                    scope.under_roots(path_field, [r for r in site_by_root if len(r) == length])
                )
                .annotate(committee=Substr(path_field, 1, length))
                .values("committee")
                .annotate(n=self.aggregate)
            )
            for row in rows:
                values[site_by_root[row["committee"]]] = row["n"] or 0
        return values

    def value(self, scope: Scope) -> int:
        """The scope's figure: the sum over its committees (the roll-up)."""
        return sum(self.by_site(scope).values())


COUNTERS = [
    Counter("platforms", "协商平台", "个", platforms, "platform", "path:path"),
    Counter("activities", "协商活动", "场次", activities_held, "activity", "site_id"),
    Counter("topics", "协商议题", "个", topics, "activity", "site_id"),
    Counter(
        "participants",
        "参与人次",
        "人次",
        participant_person_times,
        "participation",
        "activity__site_id",
        Sum("count"),
    ),
    Counter("suggestions", "意见建议", "条", suggestions_made, "suggestion", "activity__site_id"),
    Counter("adopted", "采纳建议", "条", suggestions_adopted, "suggestion", "activity__site_id"),
    Counter("solved", "解决问题", "个", problems_solved, "suggestion", "activity__site_id"),
    Counter(
        "members",
        "下沉委员",
        "名",
        members_sunk,
        "member",
        "path:page__path",
        Count("name", distinct=True),
    ),
]
COUNTERS_BY_KEY = {c.key: c for c in COUNTERS}


def figures(scope: Scope) -> list[tuple[Counter, int]]:
    """Every counter's value for a scope, in display order: [(counter, value), …]."""
    return [(counter, counter.value(scope)) for counter in COUNTERS]


def platforms_by_level(scope: Scope) -> list[tuple[str, str, int]]:
    """Platform counts by level, in the levels' order: [(value, label, count), …] (cached)."""

    def compute() -> dict[str, int]:
        return dict(platforms(scope).order_by().values_list("level").annotate(n=Count("pk")))

    counts = cached(f"platforms-by-level:{scope.cache_key()}", compute)
    return [(value, label, counts.get(value, 0)) for value, label in PlatformLevel.choices]


def platforms_by_kind(scope: Scope) -> list[tuple[str, str, int]]:
    """Platform counts by kind: [(slug, name, count), …], kinds without platforms left out
    (cached; a changed kind, whose name is shown here, invalidates like the records)."""

    def compute() -> list[tuple[str, str, int]]:
        return list(
            platforms(scope)
            .order_by()
            .values_list("kind__slug", "kind__name")
            .annotate(n=Count("pk"))
            .order_by("kind__sort_order", "kind__name")
        )

    return cached(f"platforms-by-kind:{scope.cache_key()}", compute)


def figures_by_site(scope: Scope) -> list[tuple[Site | None, list[tuple[Counter, int]]]]:
    """One row per committee in the scope (each on its own, not rolled up) and the total:
    [(site or None for the total, [(counter, value), …]), …]; one query per counter."""
    values = {counter.key: counter.by_site(scope) for counter in COUNTERS}
    rows: list[tuple[Site | None, list[tuple[Counter, int]]]] = []
    for site in Site.objects.filter(pk__in=scope.sites).order_by("site_name"):
        rows.append((site, [(c, values[c.key].get(site.pk, 0)) for c in COUNTERS]))
    rows.append((None, [(c, sum(values[c.key].values())) for c in COUNTERS]))
    return rows
