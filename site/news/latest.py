"""The newest pages of a home page's news blocks (latest reports, latest of each meeting type,
each county's latest three), chosen once per change to the news.

Choosing them took two dozen queries per render on a prefecture's home page (one per block),
and building those queries, not running them, was most of the page's time. The chosen page ids
are kept under the news tally's generation, which every change to the news moves on
(news.tally); each render fetches the pages themselves in one query, so titles are current and
a page no longer live or public drops out at once."""

from django.core.cache import cache

from . import tally
from .models import NewsPage


def latest(key, blocks):
    """{name: [page, …]} for ``blocks`` = {name: (queryset, how many)}; ``key`` names the page
    the blocks belong to. A block's queryset runs only when its ids are not kept yet."""
    full_key = f"news:latest:{tally.GENERATION.current()}:{key}"
    chosen = cache.get(full_key) or {}
    missing = [name for name in blocks if name not in chosen]
    if missing:
        for name in missing:
            queryset, count = blocks[name]
            chosen[name] = list(queryset.values_list("pk", flat=True)[:count])
        cache.set(full_key, chosen, tally.TIMEOUT)
    wanted = {pk for name in blocks for pk in chosen[name]}
    pages = NewsPage.published().in_bulk(wanted) if wanted else {}
    return {name: [pages[pk] for pk in chosen[name] if pk in pages] for name in blocks}
