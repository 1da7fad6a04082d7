"""Public views of the consultation records: platform lists and the 六有 board, activity
timelines, case-study filters and the figures with their drill-down and export."""

import csv
import datetime
import io

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Site

from core import params
from core.committees import site_for_path
from core.models import CommitteeSettings
from core.plugins import registry
from core.spreadsheets import safe_row

from . import figures as figs
from .models import (
    Activity,
    ActivityFormat,
    ActivityIndexPage,
    ActivityStep,
    CaseStudyIndexPage,
    CaseStudyPage,
    PlatformKind,
    PlatformLevel,
    PlatformPage,
    Spine,
    TopicCategory,
)
from .models.platforms import SIX_HAVES_ANNOTATIONS, six_haves_status, with_six_haves


class KnownCountPaginator(Paginator):
    """A paginator told its count instead of counting the rows again."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def _committees(sites):
    return {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}


def _label_committees(items, sites, path_of=lambda item: item.path):
    """Mark each item with the committee it belongs to (for lists spanning counties)."""
    committees = _committees(sites)
    for item in items:
        site = site_for_path(path_of(item), sites)
        item.committee = committees.get(site.pk) if site else None


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# Query parameters (core.params: missing or invalid reads as absent) ----------------------


class PlatformParams(params.QueryParams):
    level = params.ChoiceField(PlatformLevel.choices)
    kind = params.TextField(max_length=60)
    page = params.PageField()


COMPLIANCE_STATUSES = {"missing": "未达标", "compliant": "达标"}


class BoardParams(params.QueryParams):
    status = params.ChoiceField(list(COMPLIANCE_STATUSES.items()), initial="missing")
    page = params.PageField()


class ActivityParams(params.QueryParams):
    step = params.TypedChoiceField(Spine.choices, coerce=int)
    format = params.TextField(max_length=60)
    category = params.TextField(max_length=60)
    level = params.ChoiceField(PlatformLevel.choices)
    year = params.YearField()
    page = params.PageField()


class CaseStudyParams(params.QueryParams):
    county = params.IdField()
    kind = params.TextField(max_length=60)
    method = params.TextField(max_length=60)
    category = params.TextField(max_length=60)
    page = params.PageField()


class PeriodParams(params.QueryParams):
    year = params.YearField()
    start = params.DateField()
    end = params.DateField()

    def __init__(self, query):
        # ``from`` is a Python keyword: the dates are read under their query names.
        super().__init__(
            {"year": query.get("year"), "start": query.get("from"), "end": query.get("to")}
        )


# Platforms -------------------------------------------------------------------------------


def platform_list(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    platforms = PlatformPage.published().filter(scope.under_roots())
    given = PlatformParams(request.GET).values
    level, kind = given["level"], given["kind"]
    filtered = platforms
    if level:
        filtered = filtered.filter(level=level)
    if kind:
        filtered = filtered.filter(kind__slug=kind)
    page = Paginator(
        filtered.select_related("parent_platform").order_by("level", "kind__sort_order", "title"),
        index.page_size,
    ).get_page(given["page"])
    _label_committees(page.object_list, sites)
    return index.render(
        request,
        context_overrides={
            "page_obj": page,
            "platforms": page.object_list,
            "by_level": figs.platforms_by_level(scope),
            "by_kind": figs.platforms_by_kind(scope),
            "total": platforms.count(),
            "selected_level": level,
            "selected_kind": kind,
            "levels": PlatformLevel.choices,
            "show_committee": len(sites) > 1,
            "query": _query_without_page(request),
        },
        template="consultation/platform_index_page.html",
    )


def compliance_board(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    rooms = with_six_haves(
        PlatformPage.published().filter(scope.under_roots(), kind__uses_six_haves=True), sites
    )
    all_met = {name: True for name in SIX_HAVES_ANNOTATIONS.values()}
    compliant = rooms.filter(**all_met)
    given = BoardParams(request.GET).values
    status = given["status"]
    listed = compliant if status == "compliant" else rooms.exclude(pk__in=compliant.values("pk"))
    page = Paginator(listed.order_by("title", "pk"), 50).get_page(given["page"])
    for room in page.object_list:
        room.status = six_haves_status(room)
    _label_committees(page.object_list, sites)
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
            "query": _query_without_page(request),
        },
        template="consultation/compliance_board.html",
    )


# Activities ------------------------------------------------------------------------------


def activity_urls(activities, request=None):
    """Public URL of each activity, on its own committee's activity index: {pk: url}."""
    site_ids = {a.site_id for a in activities}
    if not site_ids:
        return {}
    sites = list(Site.objects.filter(pk__in=site_ids).select_related("root_page"))
    index_by_site = {}
    for index in (
        ActivityIndexPage.objects.live().public().filter(figs.Scope.of_sites(sites).under_roots())
    ):
        site = site_for_path(index.path, sites)
        if site and site.pk not in index_by_site:
            index_by_site[site.pk] = index
    urls = {}
    for activity in activities:
        index = index_by_site.get(activity.site_id)
        if index:
            urls[activity.pk] = f"{index.get_url(request)}{activity.pk}/"
    return urls


def _public_activities():
    return Activity.objects.public().select_related(
        "platform", "platform__kind", "format", "topic_category"
    )


def activity_list(request, index):
    sites = index.listed_sites()
    activities = _public_activities().filter(site__in=sites)
    given = ActivityParams(request.GET).values
    step, fmt, category = given["step"], given["format"], given["category"]
    level, year = given["level"], given["year"]
    filtered = activities
    if step:
        filtered = filtered.filter(current_step=step)
    if fmt:
        filtered = filtered.filter(format__slug=fmt)
    if category:
        filtered = filtered.filter(topic_category__slug=category)
    if level:
        filtered = filtered.filter(platform__level=level)
    if year:
        filtered = filtered.filter(held_on__year=year)
    page = Paginator(filtered.order_by("-last_step_on", "-pk"), index.page_size).get_page(
        given["page"]
    )
    urls = activity_urls(page.object_list, request)
    committees = _committees(sites)
    for activity in page.object_list:
        activity.public_url = urls.get(activity.pk)
        activity.committee = committees.get(activity.site_id)
    return index.render(
        request,
        context_overrides={
            "page_obj": page,
            "activities": page.object_list,
            "steps": Spine.choices,
            "formats": ActivityFormat.objects.all(),
            "categories": TopicCategory.objects.all(),
            "levels": PlatformLevel.choices,
            "selected": {
                "step": str(step or ""),
                "format": fmt,
                "category": category,
                "level": level,
                "year": str(year or ""),
            },
            "show_committee": len(sites) > 1,
            "query": _query_without_page(request),
        },
        template="consultation/activity_index_page.html",
    )


def activity_detail(request, index, pk):
    activity = get_object_or_404(
        _public_activities().prefetch_related(
            Prefetch("steps", queryset=ActivityStep.objects.select_related("attachment")),
            "participants",
            "suggestions",
        ),
        pk=pk,
        site=index.get_site(),
    )
    reached_publication = (activity.current_step or 0) >= Spine.PUBLISH
    timeline = activity.timeline()
    template = "consultation/activity_detail.html"
    extra = {}
    # The activity's county method, if its committee runs it: the steps in the county's own
    # terms and, if the method has one, its own page layout. A disabled method changes nothing.
    method = registry.get(activity.method) if activity.method else None
    config = registry.config_for(activity.method, index.get_site()) if method else None
    if config is not None:
        labels = method.step_labels(config)
        for item in timeline:
            item["method_label"] = labels.get(item["step"].value, "")
        extra = {"method": method, "method_config": config}
        if method.activity_template:
            template = method.activity_template
            extra.update(method.activity_context(activity, config, request))
    return index.render(
        request,
        context_overrides={
            **extra,
            "activity": activity,
            "timeline": timeline,
            "participants": activity.participants.all(),
            "person_times": sum(p.count for p in activity.participants.all()),
            "suggestions": activity.suggestions.all() if reached_publication else [],
            "suggestion_count": len(activity.suggestions.all()),
            "reached_publication": reached_publication,
            "case_studies": CaseStudyPage.objects.live()
            .public()
            .filter(case_activities__activity=activity)
            .distinct(),
        },
        template=template,
    )


# Case studies ----------------------------------------------------------------------------


def case_study_list_context(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    indexes = [index.path]
    if len(sites) > 1:
        indexes += list(
            CaseStudyIndexPage.objects.live()
            .filter(scope.under_roots())
            .exclude(pk=index.pk)
            .values_list("path", flat=True)
        )
    cases = (
        CaseStudyPage.objects.live()
        .public()
        .filter(figs.Scope(sites=(), root_paths=tuple(indexes)).under_roots())
    )
    given = CaseStudyParams(request.GET).values
    kind, method, category = given["kind"], given["method"], given["category"]
    county_site = next((s for s in sites if s.pk == given["county"]), None)
    county = str(county_site.pk) if county_site else ""
    filtered = cases
    if county_site:
        filtered = filtered.filter(path__startswith=county_site.root_page.path)
    if kind:
        filtered = filtered.filter(case_activities__activity__platform__kind__slug=kind)
    if method:
        filtered = filtered.filter(case_activities__activity__method=method)
    if category:
        filtered = filtered.filter(case_activities__activity__topic_category__slug=category)
    filtered = filtered.distinct().select_related("lead_image").order_by("-date", "-pk")
    page = Paginator(filtered, index.page_size).get_page(given["page"])
    _label_committees(page.object_list, sites)
    linked = Activity.objects.filter(case_studies__page__in=cases)
    committees = _committees(sites)
    return {
        "page_obj": page,
        "cases": page.object_list,
        "counties": [
            (s.pk, committees[s.pk].display_name if s.pk in committees else s.site_name)
            for s in sites
        ]
        if len(sites) > 1
        else [],
        "kinds": PlatformKind.objects.filter(platforms__activities__in=linked).distinct(),
        "methods": sorted(set(linked.exclude(method="").values_list("method", flat=True))),
        "categories": TopicCategory.objects.filter(activities__in=linked).distinct(),
        "selected": {"county": county, "kind": kind, "method": method, "category": category},
        "show_committee": len(sites) > 1,
        "query": _query_without_page(request),
    }


# Figures ---------------------------------------------------------------------------------


def parse_period(query):
    """(start, end, error) from ``?year=`` or ``?from=&to=``; bad input is explained, not raised."""
    given = PeriodParams(query)
    year = given.values["year"]
    if year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), ""
    if "year" in given.invalid:
        return (
            None,
            None,
            f"年份应为 {params.MIN_YEAR} 至 {params.MAX_YEAR} 之间的四位数字，如 2023。"
            "已显示全部时间的数据。",
        )
    start, end = given.values["start"], given.values["end"]
    if given.invalid:
        return (
            None,
            None,
            "日期格式应为 YYYY-MM-DD，如 2023-06-30，"
            f"且在 {params.MIN_YEAR} 至 {params.MAX_YEAR} 年之间。已显示全部时间的数据。",
        )
    if start and end and start > end:
        return None, None, "开始日期晚于结束日期。已显示全部时间的数据。"
    return start, end, ""


def _scope_for_request(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    start, end, error = parse_period(request.GET)
    return site, figs.Scope.for_site(site, start, end), error


def _period_query(scope):
    parts = []
    if scope.start:
        parts.append(f"from={scope.start.isoformat()}")
    if scope.end:
        parts.append(f"to={scope.end.isoformat()}")
    return "&".join(parts)


def figures_overview(request):
    site, scope, error = _scope_for_request(request)
    rows = figs.figures_by_site(scope) if len(scope.sites) > 1 else []
    method_figures = [
        {"method": method, "figures": method.figure_values(site, config, scope.start, scope.end)}
        for method, config in registry.enabled_for(site)
        if method.figures
    ]
    return TemplateResponse(
        request,
        "consultation/figures.html",
        {
            "method_figures": method_figures,
            "figures": figs.figures(scope),
            "by_level": figs.platforms_by_level(scope),
            "by_kind": figs.platforms_by_kind(scope),
            "rows": rows,
            "scope": scope,
            "period_error": error,
            "period_query": _period_query(scope),
            "params": request.GET,
            "sites_count": len(scope.sites),
        },
    )


def figures_records(request, key):
    counter = figs.COUNTERS_BY_KEY.get(key)
    if counter is None:
        raise Http404
    site, scope, error = _scope_for_request(request)
    records = counter.records(scope)
    sites = list(Site.objects.filter(pk__in=scope.sites).select_related("root_page"))
    level = kind = ""
    given = PlatformParams(request.GET).values
    if counter.record_kind == "platform":
        level, kind = given["level"], given["kind"]
        if level:
            records = records.filter(level=level)
        if kind:
            records = records.filter(kind__slug=kind)
        records = records.select_related("kind").order_by("title", "pk")
    elif counter.record_kind == "activity":
        records = records.select_related("platform", "format").order_by("-held_on", "-pk")
    elif counter.record_kind == "suggestion":
        records = records.select_related("activity", "activity__platform").order_by(
            "-made_on", "-pk"
        )
    elif counter.record_kind == "participation":
        records = records.select_related("activity", "activity__platform").order_by(
            "-activity__held_on", "activity_id", "pk"
        )
    elif counter.record_kind == "member":
        records = records.select_related("page").order_by("name", "pk")
    if counter.record_kind in ("platform", "activity", "suggestion") and not (level or kind):
        # One record per unit: the (cached) figure is the row count the paginator needs.
        paginator = KnownCountPaginator(records, 50, count=counter.value(scope))
    else:
        paginator = Paginator(records, 50)
    page = paginator.get_page(given["page"])
    if counter.record_kind in ("activity", "suggestion", "participation"):
        # Counted, but shown only as far as the public may see: the topic of an activity at a
        # published platform, a suggestion once its activity reached 公开公示.
        activities = [
            item if counter.record_kind == "activity" else item.activity
            for item in page.object_list
        ]
        urls = activity_urls(activities, request)
        for item, record in zip(page.object_list, activities, strict=True):
            item.public_url = urls.get(record.pk) if record.platform.live else None
            item.is_visible = record.platform.live
            item.is_published = item.is_visible and (record.current_step or 0) >= Spine.PUBLISH
    if counter.record_kind in ("platform",):
        _label_committees(page.object_list, sites)
    elif counter.record_kind == "member":
        _label_committees(page.object_list, sites, path_of=lambda m: m.page.path)
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
            "period_query": _period_query(scope),
            "selected_level": level,
            "selected_kind": kind,
            "query": _query_without_page(request),
            "show_committee": len(sites) > 1,
        },
    )


def figures_table(scope):
    """Header and rows of the per-committee figures table (export and admin)."""
    committees = _committees(list(Site.objects.filter(pk__in=scope.sites)))
    header = ["政协"] + [f"{c.label}（{c.unit}）" for c in figs.COUNTERS]
    rows = []
    for site, values in figs.figures_by_site(scope):
        if site is None:
            name = "合计"
        else:
            name = committees[site.pk].display_name if site.pk in committees else site.site_name
        rows.append([name] + [value for _, value in values])
    return header, rows


def figures_export(request, fmt):
    site, scope, error = _scope_for_request(request)
    header, rows = figures_table(scope)
    period = f"{scope.start or '不限'}至{scope.end or '不限'}"
    filename = f"figures-{scope.start or 'all'}-{scope.end or 'all'}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
        writer = csv.writer(buffer)
        writer.writerow(safe_row(["期间", period]))
        writer.writerow(safe_row(header))
        writer.writerows(safe_row(row) for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "工作成效"
        sheet.append(safe_row(["期间", period]))
        sheet.append(safe_row(header))
        for row in rows:
            sheet.append(safe_row(row))
        sheet.append([])
        sheet.append(["指标", "口径"])
        for counter in figs.COUNTERS:
            sheet.append(safe_row([counter.label, counter.definition]))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
