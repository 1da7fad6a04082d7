"""Wagtail's view restrictions, read once per request instead of once per ``.public()``.

Every ``.public()`` queryset asks the database for all view restrictions (with their pages)
to build its exclusion; a home page made eleven such queries. Within a request the answer is
kept (``RestrictionsPerRequest``), and dropped as soon as a restriction is saved or deleted,
so a page made private is never listed, even later in the same request. Outside a request
(commands, the worker) nothing is kept and Wagtail's own lookup runs as before."""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.query import PageQuerySet

_ORIGINAL_PRIVATE_Q = PageQuerySet.private_q
_restricted = ContextVar("cppcc_restricted_pages", default=None)


def _memoised_private_q(self):
    memo = _restricted.get()
    if memo is None:
        return _ORIGINAL_PRIVATE_Q(self)
    if "pages" not in memo:
        from wagtail.models import PageViewRestriction

        memo["pages"] = list(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        )
    q = Q()
    for path, depth in memo["pages"]:
        # What Wagtail's descendant_of_q(restriction.page, inclusive=True) says.
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def restrictions_changed(**kwargs):
    memo = _restricted.get()
    if memo is not None:
        memo.clear()


def install():
    """From core's AppConfig.ready()."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction

    PageQuerySet.private_q = _memoised_private_q
    for signal in (post_save, post_delete):
        signal.connect(
            restrictions_changed, sender=PageViewRestriction, dispatch_uid=f"restr-{signal}"
        )


class RestrictionsPerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _restricted.set({})
        try:
            return self.get_response(request)
        finally:
            _restricted.reset(token)
