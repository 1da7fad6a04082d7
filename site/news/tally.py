"""How many live, public news pages each news section holds, by year, meeting type and kind.

A news list shows facet counts (per year, per meeting type) and a page count; counting them
over a ten-year archive on every render took most of the list's time (0.25 s for the years
alone at 100,000 items). The tally is one grouped query over all sections, computed once per
change to the news and kept in the shared cache under a generation that every change moves on
(publish, unpublish, move, delete, view restriction, meeting type, bulk import). Sections
add up their rows in Python: a few hundred rows, not the archive.

Kept with the rows, under the same generation: the meeting types (a list's filter names
them); the ids of the news pages that are not live or not public (drafts, private pages:
few); the ids of the pages of sections that hold few. With those a list knows exactly which
rows of the news table it leaves out, and reads its page of ids from the news table's own
index instead of asking the page tree of each row whether it is live, public and in scope
(news.listing)."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear, Length, Substr

from core.generations import Generation
from core.tree import subtree_q

GENERATION = Generation("news:tally:generation")
TIMEOUT = 24 * 3600  # a day; the generation makes it stale long before that

# Ids kept: the hidden pages (none kept if there are more), the pages of sections holding at
# most FEW (smallest sections first, at most KEPT ids in all); a list leaves out at most
# UNLISTED ids by id, otherwise it asks the page tree.
MAX_HIDDEN = 500
FEW = 50
KEPT = 1000
UNLISTED = 500


@dataclass(frozen=True)
class Row:
    section_path: str  # the news section's tree path (a news page's parent)
    year: int
    meeting_type_id: int | None
    kind: str
    count: int


@dataclass(frozen=True)
class Kind:
    """A meeting type as lists show and filter it."""

    pk: int
    slug: str
    name: str
    sort_order: int


@dataclass(frozen=True)
class Snapshot:
    rows: list
    meeting_types: dict = field(default_factory=dict)  # {pk: Kind}
    hidden: frozenset | None = None  # ids of news pages not live or not public; None: many
    few: dict = field(default_factory=dict)  # {section path: frozenset of its pages' ids}


def news_changed(**kwargs):
    """Receiver for every signal that can change what the tally counts."""
    if kwargs.get("raw"):
        return
    # At once (the writing request sees its change) and on commit (a tally computed meanwhile
    # by another connection from the rows before the commit is not kept as current).
    GENERATION.bump()
    transaction.on_commit(GENERATION.bump)


def _compute():
    from .models import MeetingType, NewsPage

    grouped = (
        NewsPage.objects.live()
        .public()
        .annotate(
            section_path=Substr("path", 1, Length("path") - NewsPage.steplen),
            year=ExtractYear("date"),
        )
        .order_by()
        .values_list("section_path", "year", "meeting_type_id", "kind")
        .annotate(count=Count("pk"))
    )
    rows = [Row(*row) for row in grouped]
    pages = NewsPage.objects.order_by()
    hidden = list(
        pages.filter(~pages.live_q() | pages.private_q()).values_list("pk", flat=True)[
            : MAX_HIDDEN + 1
        ]
    )
    types = MeetingType.objects.values_list("pk", "slug", "name", "sort_order")
    return Snapshot(
        rows=rows,
        meeting_types={row[0]: Kind(*row) for row in types},
        hidden=frozenset(hidden) if len(hidden) <= MAX_HIDDEN else None,
        few=_few(rows, NewsPage),
    )


def _few(rows, model):
    """{section path: ids of its live, public pages} for the sections that hold few."""
    sizes = Counter()
    for row in rows:
        sizes[row.section_path] += row.count
    chosen, budget = [], KEPT
    for path, size in sorted(sizes.items(), key=lambda item: item[1]):
        if size > FEW or size > budget:
            break
        chosen.append(path)
        budget -= size
    if not chosen:
        return {}
    within = Q()
    for path in chosen:
        within |= subtree_q(path)
    found = {path: set() for path in chosen}
    for pk, path in model.objects.live().public().filter(within).values_list("pk", "path"):
        found.setdefault(path[: -model.steplen], set()).add(pk)
    return {path: frozenset(ids) for path, ids in found.items()}


_last = (None, None)  # (generation, snapshot): this process's copy, read without unpickling


def snapshot():
    global _last
    generation = GENERATION.current()
    if _last[0] == generation:
        return _last[1]
    key = f"news:tally:v3:{generation}"
    found = cache.get(key)
    if found is None:
        found = _compute()
        cache.set(key, found, TIMEOUT)
    _last = (generation, found)
    return found


def rows():
    return snapshot().rows


def _matching(rows, meeting_type_ids, kind, year):
    return [
        row
        for row in rows
        if (meeting_type_ids is None or row.meeting_type_id in meeting_type_ids)
        and (kind is None or row.kind == kind)
        and (year is None or row.year == year)
    ]


# Below this share of all news, a subtree is read by path range rather than found by walking
# the date index (core.tree.subtree_q).
SMALL_SHARE = 0.1


_scopes = (None, {})  # (snapshot, {scope's key: its rows and answers}): this process's
SCOPES_KEPT = 1000


class Scope:
    """The tally rows of a news list: its own section and the whole trees of listed sites.

    A scope's rows and answers are kept per process for the snapshot they come from: a list
    or a home page asks the same questions of the same scope on every render."""

    def __init__(self, section_path, tree_paths=(), excluded_paths=()):
        global _scopes
        self.section_path = section_path
        self.tree_paths = tuple(tree_paths)
        self.excluded_paths = tuple(excluded_paths)
        self.snapshot = snapshot()
        if _scopes[0] is not self.snapshot or len(_scopes[1]) >= SCOPES_KEPT:
            _scopes = (self.snapshot, {})
        key = (section_path, self.tree_paths, self.excluded_paths)
        kept = _scopes[1].get(key)
        if kept is None:
            inside, outside = [], []
            for row in self.snapshot.rows:
                (inside if self._covers(row.section_path) else outside).append(row)
            total = sum(row.count for row in self.snapshot.rows)
            kept = _scopes[1][key] = (inside, outside, total, {})
        self.rows, self.outside, self.total, self._answers = kept

    def _answer(self, question, compute):
        if question not in self._answers:
            self._answers[question] = compute()
        return self._answers[question]

    @property
    def small(self):
        """Whether these pages are few among all news (see core.tree)."""
        return self.count() < SMALL_SHARE * self.total

    def _covers(self, path):
        if self.excluded_paths and path.startswith(self.excluded_paths):
            return False
        return path == self.section_path or path.startswith(self.tree_paths)

    def count(self, *, meeting_type_ids=None, kind=None, year=None):
        """Pages matching the list's filters (None: any). ``meeting_type_ids`` is a set."""
        types = frozenset(meeting_type_ids) if meeting_type_ids is not None else None
        return self._answer(
            ("count", types, kind, year),
            lambda: sum(row.count for row in _matching(self.rows, types, kind, year)),
        )

    def unlisted(self, *, meeting_type_ids=None, kind=None, year=None):
        """The ids of the news pages matching the filters that this list leaves out (not
        live, not public, or outside the scope), or None if they are not known or many: the
        list is then the news table's rows matching the filters less these ids."""
        types = frozenset(meeting_type_ids) if meeting_type_ids is not None else None
        return self._answer(
            ("unlisted", types, kind, year), lambda: self._unlisted(types, kind, year)
        )

    def _unlisted(self, meeting_type_ids, kind, year):
        hidden = self.snapshot.hidden
        if hidden is None:
            return None
        left_out = set(hidden)
        for path in {
            row.section_path for row in _matching(self.outside, meeting_type_ids, kind, year)
        }:
            ids = self.snapshot.few.get(path)
            if ids is None:
                return None
            left_out |= ids
        return frozenset(left_out) if len(left_out) <= UNLISTED else None

    def sections(self):
        """The paths of the news sections in this scope that hold listed pages."""
        return self._answer(
            ("sections",), lambda: tuple(sorted({row.section_path for row in self.rows}))
        )

    def by_year(self, *, meeting_type_ids=None, kind=None, year=None):
        """[(year, count)] of the pages matching the filters, newest first."""
        types = frozenset(meeting_type_ids) if meeting_type_ids is not None else None

        def compute():
            counts = Counter()
            for row in _matching(self.rows, types, kind, year):
                counts[row.year] += row.count
            return tuple(sorted(counts.items(), reverse=True))

        return list(self._answer(("by_year", types, kind, year), compute))

    def by_meeting_type(self, *, kind=None):
        """{meeting type id: count}, pages without a type left out."""

        def compute():
            counts = Counter()
            for row in self.rows:
                if row.meeting_type_id is not None and (kind is None or row.kind == kind):
                    counts[row.meeting_type_id] += row.count
            return counts

        return dict(self._answer(("by_meeting_type", kind), compute))
