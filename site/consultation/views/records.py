"""The drill-down of a figure: the records behind a core counter, as far as the public may
see them, so that a figure and its list never disagree."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Site

from .. import figures as figs
from ..models import Spine
from .activities import activity_urls
from .common import (
    KnownCountPaginator,
    RecordParams,
    committees,
    label_committees,
    query_without_page,
)
from .period import period_query, scope_for_request

ORDERINGS = {
    "platform": (("kind",), ("title", "pk")),
    # The activity's platform is prefetched for the page (see _ordered), not joined.
    "activity": (("format",), ("-held_on", "-pk")),
    "suggestion": (("activity", "activity__platform"), ("-made_on", "-pk")),
    "participation": (
        ("activity", "activity__platform"),
        ("-activity__held_on", "activity_id", "pk"),
    ),
    "member": (("page",), ("name", "pk")),
}


def figures_records(request, key):
    counter = figs.COUNTERS_BY_KEY.get(key)
    if counter is None:
        raise Http404
    site, scope, error = scope_for_request(request)
    given = RecordParams(request.GET).values
    scope, committee, committee_error = _one_committee(scope, given["committee"])
    sites = list(Site.objects.filter(pk__in=scope.sites).select_related("root_page"))
    level = kind = ""
    if counter.record_kind == "platform":
        level, kind = given["level"], given["kind"]
    records = _ordered(_filtered(counter.records(scope), level, kind), counter.record_kind)
    if counter.record_kind in ("platform", "activity", "suggestion") and not (level or kind):
        # One record per unit: the (cached) figure is the row count the paginator needs.
        paginator = KnownCountPaginator(records, 50, count=counter.value(scope))
    else:
        paginator = Paginator(records, 50)
    page = paginator.get_page(given["page"])
    _mark_visibility(page.object_list, counter.record_kind, request)
    if counter.record_kind == "platform":
        label_committees(page.object_list, sites)
    elif counter.record_kind == "member":
        label_committees(page.object_list, sites, path_of=lambda m: m.page.path)
    return TemplateResponse(
        request,
        "consultation/figure_records.html",
        {
            "counter": counter,
            "value": page.paginator.count if (level or kind) else counter.value(scope),
            "page_obj": page,
            "records": page.object_list,
            "scope": scope,
            "period_error": error,
            "committee": committee,
            "committee_error": committee_error,
            "period_query": period_query(scope),
            "selected_level": level,
            "selected_kind": kind,
            "query": query_without_page(request),
            "show_committee": len(sites) > 1,
        },
    )


def _one_committee(scope, site_id):
    """(scope, the committee's settings or None, error): ``?committee=`` narrows a roll-up to
    one of its committees on its own, as the per-committee table's row counts it."""
    if site_id is None:
        return scope, None, ""
    if site_id not in scope.sites:
        return scope, None, "所选政协不在本站的统计范围内，已显示全部政协的记录。"
    narrowed = scope.only({site_id})
    return narrowed, committees([site_id]).get(site_id), ""


def _filtered(records, level, kind):
    """Platforms of a level or kind (the page's filters)."""
    if level:
        records = records.filter(level=level)
    if kind:
        records = records.filter(kind__slug=kind)
    return records


def _ordered(records, record_kind):
    related, ordering = ORDERINGS.get(record_kind, ((), ()))
    records = records.select_related(*related) if related else records
    if record_kind == "activity":
        # Joined, the platforms drove the plan and every activity was sorted (Activity.public).
        records = records.prefetch_related("platform")
    return records.order_by(*ordering) if ordering else records


def _mark_visibility(items, record_kind, request):
    """Counted, but shown only as far as the public may see: the topic of an activity at a
    published platform, a suggestion once its activity reached 公开公示."""
    if record_kind not in ("activity", "suggestion", "participation"):
        return
    activities = [item if record_kind == "activity" else item.activity for item in items]
    urls = activity_urls(activities, request)
    for item, record in zip(items, activities, strict=True):
        item.public_url = urls.get(record.pk) if record.platform.live else None
        item.is_visible = record.platform.live
        item.is_published = item.is_visible and (record.current_step or 0) >= Spine.PUBLISH
