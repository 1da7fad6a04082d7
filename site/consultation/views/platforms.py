"""The platform list of a committee (and its counties) and the 六有 compliance board."""

import hashlib

from django.core.paginator import Paginator

from .. import figures as figs
from ..models import PlatformLevel, PlatformPage
from ..models.platforms import SIX_HAVES_ANNOTATIONS, six_haves_status, with_six_haves
from .common import (
    COMPLIANCE_STATUSES,
    BoardParams,
    PlatformParams,
    label_committees,
    query_without_page,
)

LIST_ORDER = ("level", "kind__sort_order", "title", "pk")


def _listed_ids(scope, queryset, **filters):
    """The ids of ``queryset``'s platforms in list order, kept with the figures until the
    records change: the order (by level, kind and title) sorts every platform of the scope,
    2,000 for a prefecture, which is not worth doing again for each page of each visitor."""
    asked = f"{scope.cache_key()}:{sorted((k, v) for k, v in filters.items() if v)}".encode()
    return figs.cached(
        f"platform-list-ids:{hashlib.sha256(asked).hexdigest()}",
        lambda: list(queryset.order_by(*LIST_ORDER).values_list("pk", flat=True)),
    )


def platform_list(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    platforms = figs.in_scope(PlatformPage.published(), scope)
    given = PlatformParams(request.GET).values
    level, kind = given["level"], given["kind"]
    filtered = platforms
    if level:
        filtered = filtered.filter(level=level)
    if kind:
        filtered = filtered.filter(kind__slug=kind)
    total = len(_listed_ids(scope, platforms))
    page = Paginator(
        _listed_ids(scope, filtered, level=level, kind=kind), index.page_size
    ).get_page(given["page"])
    rows = PlatformPage.published().select_related("parent_platform").in_bulk(page.object_list)
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    label_committees(page.object_list, sites)
    return index.render(
        request,
        context_overrides={
            "page_obj": page,
            "platforms": page.object_list,
            "by_level": figs.platforms_by_level(scope),
            "by_kind": figs.platforms_by_kind(scope),
            "total": total,
            "selected_level": level,
            "selected_kind": kind,
            "levels": PlatformLevel.choices,
            "show_committee": len(sites) > 1,
            "query": query_without_page(request),
        },
        template="consultation/platform_index_page.html",
    )


def compliance_board(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    rooms = with_six_haves(
        figs.in_scope(PlatformPage.published(), scope).filter(kind__uses_six_haves=True), sites
    )
    all_met = {name: True for name in SIX_HAVES_ANNOTATIONS.values()}
    compliant = rooms.filter(**all_met)
    given = BoardParams(request.GET).values
    status = given["status"]
    listed = compliant if status == "compliant" else rooms.exclude(pk__in=compliant.values("pk"))
    page = Paginator(listed.order_by("title", "pk"), 50).get_page(given["page"])
    for room in page.object_list:
        room.status = six_haves_status(room)
    label_committees(page.object_list, sites)
    compliant_count = compliant.count()
    total = rooms.count()
    return index.render(
        request,
        context_overrides={
            "page_obj": page,
            "rooms": page.object_list,
            "status": status,
            "statuses": COMPLIANCE_STATUSES,
            "compliant_count": compliant_count,
            "missing_count": total - compliant_count,
            "total": total,
            "show_committee": len(sites) > 1,
            "query": query_without_page(request),
        },
        template="consultation/compliance_board.html",
    )
