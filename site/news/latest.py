"""The newest pages of a home page's news blocks (latest reports, latest of each meeting type,
each county's latest three), chosen once per change to the news.

Choosing them took two dozen queries per render on a prefecture's home page (one per block),
and building those queries, not running them, was most of the page's time. The chosen page ids
are kept under the news tally's generation, which every change to the news moves on
(news.tally): in the shared cache, and in each process (no round trip, no unpickling); the
blocks' querysets are not even built while the choice is kept. Each render fetches the pages
themselves in one query, so titles are current and a page no longer live or public drops out
at once."""

from django.core.cache import cache

from . import tally
from .listing import ITEM_FIELDS
from .models import NewsPage

# key -> (generation, {block name: [page id, …]}): this process's copy of the choices.
_kept: dict[str, tuple[int, dict]] = {}
KEPT = 1000


def chosen_ids(key, plan):
    """{name: [page id, …]}, the blocks in ``plan()``'s order. ``plan`` returns {name:
    (queryset, how many)} and is called only when the choice for the current generation is
    not kept; ``key`` names the page the blocks belong to."""
    generation = tally.GENERATION.current()
    kept = _kept.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    full_key = f"news:latest:{generation}:{key}"
    chosen = cache.get(full_key)
    if chosen is None:
        chosen = {
            name: list(queryset.values_list("pk", flat=True)[:count])
            for name, (queryset, count) in plan().items()
        }
        cache.set(full_key, chosen, tally.TIMEOUT)
    if len(_kept) >= KEPT:
        _kept.clear()
    _kept[key] = (generation, chosen)
    return chosen


def latest(key, plan):
    """{name: [page, …]} for the blocks of ``plan`` (see ``chosen_ids``), fetched in one query."""
    chosen = chosen_ids(key, plan)
    wanted = {pk for ids in chosen.values() for pk in ids}
    # What a news item in a block shows (news/includes/news_item.html), as a list's items:
    # no lead image, no body (decoding each page's JSON body cost more than the query).
    shown = (
        NewsPage.published().select_related(None).select_related("meeting_type").only(*ITEM_FIELDS)
    )
    pages = shown.in_bulk(wanted) if wanted else {}
    return {name: [pages[pk] for pk in ids if pk in pages] for name, ids in chosen.items()}
