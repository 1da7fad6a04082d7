"""How many live, public news pages each news section holds, by year, meeting type and kind.

A news list shows facet counts (per year, per meeting type) and a page count; counting them
over a ten-year archive on every render took most of the list's time (0.25 s for the years
alone at 100,000 items). The tally is one grouped query over all sections, computed once per
change to the news and kept in the shared cache under a generation that every change moves on
(publish, unpublish, move, delete, view restriction, meeting type, bulk import). Sections
add up their rows in Python: a few hundred rows, not the archive."""

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear, Length, Substr

from core.generations import Generation

GENERATION = Generation("news:tally:generation")
TIMEOUT = 24 * 3600  # a day; the generation makes it stale long before that


@dataclass(frozen=True)
class Row:
    section_path: str  # the news section's tree path (a news page's parent)
    year: int
    meeting_type_id: int | None
    kind: str
    count: int


def news_changed(**kwargs):
    """Receiver for every signal that can change what the tally counts."""
    if kwargs.get("raw"):
        return
    GENERATION.bump()


def _compute():
    from .models import NewsPage

    rows = (
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
    return [Row(*row) for row in rows]


_last = (None, None)  # (generation, rows): this process's copy, read without unpickling


def rows():
    global _last
    generation = GENERATION.current()
    if _last[0] == generation:
        return _last[1]
    key = f"news:tally:{generation}"
    found = cache.get(key)
    if found is None:
        found = _compute()
        cache.set(key, found, TIMEOUT)
    _last = (generation, found)
    return found


# Below this share of all news, a subtree is read by path range rather than found by walking
# the date index (core.tree.subtree_q).
SMALL_SHARE = 0.1


class Scope:
    """The tally rows of a news list: its own section and the whole trees of listed sites."""

    def __init__(self, section_path, tree_paths=(), excluded_paths=()):
        self.section_path = section_path
        self.tree_paths = tuple(tree_paths)
        self.excluded_paths = tuple(excluded_paths)
        everything = rows()
        self.rows = [row for row in everything if self._covers(row.section_path)]
        self.total = sum(row.count for row in everything)

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
        return sum(
            row.count
            for row in self.rows
            if (meeting_type_ids is None or row.meeting_type_id in meeting_type_ids)
            and (kind is None or row.kind == kind)
            and (year is None or row.year == year)
        )

    def by_year(self):
        """[(year, count)], newest first."""
        counts = Counter()
        for row in self.rows:
            counts[row.year] += row.count
        return sorted(counts.items(), reverse=True)

    def by_meeting_type(self, *, kind=None):
        """{meeting type id: count}, pages without a type left out."""
        counts = Counter()
        for row in self.rows:
            if row.meeting_type_id is not None and (kind is None or row.kind == kind):
                counts[row.meeting_type_id] += row.count
        return dict(counts)
