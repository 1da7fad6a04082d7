"""What a news list needs per render, found once per change or read from an index.

- Which sites a news section lists (its own and, for a prefecture, its counties'), with their
  tree paths and committee names: three queries per render before, now kept per process
  under a generation that moves on with every change to a site, a committee's settings or a
  page move (the section's own fields are part of the key).
- The page of ids, in two steps. Ordering news by date and reading page 200 meant joining
  2,400 rows to the page tree to ask of each whether it is live, public and in scope, 30 ms
  at 100,000 items. When the tally (news.tally) shows that every listed page of the filters
  lies in the list's scope, and knows the few news pages that are not live or not public,
  the ids come from the news table's (date, id) index alone; otherwise the page tree is asked
  of each row, limited to the sections that hold news. Either way only ids are read past the
  offset; the dozen pages shown are fetched by id in the same statement."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from core.committees import listed_sites
from core.generations import Generation
from core.models import CommitteeSettings
from core.tree import subtree_q

SITES = Generation("news:listing:sites")


def sites_changed(**kwargs):
    """Receiver for changes to sites, committees' settings and the page tree's shape."""
    if kwargs.get("raw"):
        return
    SITES.bump()
    transaction.on_commit(SITES.bump)  # as news.tally.news_changed


@dataclass(frozen=True)
class ListedSite:
    site_id: int
    root_path: str
    display_name: str  # the committee's, as a list item shows it


@dataclass(frozen=True)
class Listing:
    sites: tuple  # of ListedSite, the section's own site first

    @property
    def tree_paths(self):
        """The root paths of the listed sites other than the section's own."""
        return [site.root_path for site in self.sites[1:]]

    def site_for_path(self, path):
        """The listed site whose tree holds ``path`` (the deepest, for nested trees)."""
        best = None
        for site in self.sites:
            if path.startswith(site.root_path) and (
                best is None or len(site.root_path) > len(best.root_path)
            ):
                best = site
        return best


_kept = (None, {})  # (generation, {(section pk, path, include children): Listing})


def listing(index):
    """The Listing of the news section ``index`` (a NewsIndexPage)."""
    global _kept
    generation = SITES.current()
    if _kept[0] != generation:
        _kept = (generation, {})
    key = (index.pk, index.path, index.include_child_committees)
    found = _kept[1].get(key)
    if found is None:
        found = _kept[1][key] = _compute(index)
    return found


def _compute(index):
    sites = listed_sites(index, index.include_child_committees)
    committees = {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}
    listed = []
    for site in sites:
        committee = committees.get(site.pk)
        name = committee.display_name if committee else (site.site_name or site.hostname)
        listed.append(ListedSite(site.pk, site.root_page.path, name))
    return Listing(tuple(listed))


def news_filter(*, meeting_type_ids=None, kind=None, year=None):
    """The list's filters, on the news table's own columns."""
    q = Q()
    if meeting_type_ids is not None:
        q &= Q(meeting_type__in=meeting_type_ids)
    if kind:
        q &= Q(kind=kind)
    if year:
        q &= Q(date__year=year)
    return q


def ordered_ids(scope, filters, *, small):
    """The ids of the listed pages, newest first (a queryset, sliced by the paginator).

    ``scope`` is the list's news.tally.Scope, ``filters`` the list's (news_filter)."""
    from .models import NewsPage

    unlisted = scope.unlisted(**filters)
    if unlisted is not None:
        # The listed pages are the news rows of the filters less the few the tally knows to
        # be left out, in the order of the (date, id) index.
        pages = NewsPage.objects.filter(news_filter(**filters))
        if unlisted:
            pages = pages.exclude(pk__in=sorted(unlisted))
        order = ("-date", "-pk")
    else:
        within = Q(pk__in=[])
        for path in scope.sections():
            within |= subtree_q(path, small=small)
        pages = NewsPage.objects.live().public().filter(within, news_filter(**filters))
        # A small scope is read by path; "NULLS LAST" keeps PostgreSQL off the date index
        # (see NewsPage.published_under).
        order = (F("date").desc(nulls_last=True), "-pk") if small else ("-date", "-pk")
    return pages.order_by(*order).values_list("pk", flat=True)


def page_ids(scope, filters, number, size, *, small):
    """The ids on page ``number`` (from 1) of ``size``: ``ordered_ids`` from the page's first
    year on, so that the offset counts the pages of that year only (the tally counts the
    newer years); a county's page 1,000 walked 12,000 rows of the date index."""
    import datetime

    ids = ordered_ids(scope, filters, small=small)
    offset = (number - 1) * size
    if filters.get("year") is None and offset:
        newer = 0
        for year, count in scope.by_year(**filters):
            if newer + count > offset:
                if newer:
                    ids = ids.filter(date__lt=datetime.date(year + 1, 1, 1))
                    offset -= newer
                break
            newer += count
    return ids[offset : offset + size]


# What a list item shows (news/includes/news_item.html) and its link needs: building the
# pages from every column of the page and the news tables (the body's JSON included) took
# more time than the query.
ITEM_FIELDS = (
    "title",
    "url_path",
    "path",
    "date",
    "kind",
    "summary",
    "term",
    "sitting",
    "meeting_type__name",
    "meeting_type__numbered_name",
)


def pages_for(ids):
    """The listed pages of a slice of ``ordered_ids``, newest first, with the fields a list
    item shows."""
    from .models import NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("meeting_type")
        .only(*ITEM_FIELDS)
        .order_by("-date", "-pk")
    )
