"""Subtree filters the database can answer from an index, whichever way suits the subtree.

Wagtail's ``descendant_of`` is ``path LIKE 'prefix%'``, which SQLite cannot answer from the
path index (its LIKE is case-insensitive). For a listing "newest first, first N" that means
walking the date index until N rows of the subtree turn up: instant for a prefecture that
owns half the archive, a walk over all 100,000 rows (35 ms) for a county with four pages.
The same subtree as a range of paths lets the planner read just the subtree from the path
index, which is right for a small subtree and wrong for a large one (it then sorts 50,000
rows). Callers that know the subtree's size (the news tally does) say which it is."""

from django.db.models import Q
from wagtail.models import Page

# Tree paths are steps of 0-9A-Z (treebeard's alphabet, upper case), at most this long.
_PATH_LENGTH = Page._meta.get_field("path").max_length


def subtree_q(path: str, *, inclusive: bool = False, small: bool = True) -> Q:
    """Pages under the page at ``path`` (and that page itself if ``inclusive``).

    ``small``: the subtree is a small share of the pages it is filtered from; read it by
    path range. Otherwise leave the path as a filter on rows found some other way."""
    if small:
        scope = Q(path__range=(path, path + "Z" * (_PATH_LENGTH - len(path))))
    else:
        scope = Q(path__startswith=path)
    if not inclusive:
        scope &= ~Q(path=path)
    return scope


def children_q(page, *, small: bool = True) -> Q:
    """The children of ``page``: with ``small``, one range of the (depth, path) index (core
    migration 0003); Wagtail's ``child_of`` ANDs a LIKE with the depth, which reads every page
    at that depth (the whole archive, for depth 4)."""
    return Q(depth=page.depth + 1) & subtree_q(page.path, small=small)
