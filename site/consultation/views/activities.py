"""Activities: the public URL of each, a committee's (and its counties') activity list and the
timeline of one activity, in its county method's terms where the committee runs it."""

import hashlib

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from core.paginator import KnownCountPaginator
from core.plugins import registry

from .. import figures as figs
from ..models import (
    Activity,
    ActivityFormat,
    ActivityIndexPage,
    ActivityStep,
    CaseStudyPage,
    PlatformLevel,
    PlatformPage,
    Spine,
    TopicCategory,
)
from .common import ActivityParams, committees, query_without_page


def activity_urls(activities, request=None):
    """Public URL of each activity, on its own committee's activity index: {pk: url}."""
    site_ids = {a.site_id for a in activities}
    if not site_ids:
        return {}
    roots = figs.site_root_paths(site_ids)
    # An index belongs to the committee (of those listed) with the nearest root above it; the
    # first of each committee's is taken. There is about one index per committee, so all are
    # read: cheaper than building a filter on the roots.
    base_by_site = {}
    for index in ActivityIndexPage.objects.live().public().order_by("path"):
        site_id = max(
            (pk for pk in site_ids if index.path.startswith(roots[pk])),
            key=lambda pk: len(roots[pk]),
            default=None,
        )
        if site_id is not None and site_id not in base_by_site:
            base_by_site[site_id] = index.get_url(request)
    return {
        activity.pk: f"{base_by_site[activity.site_id]}{activity.pk}/"
        for activity in activities
        if base_by_site.get(activity.site_id)
    }


def _public_activities():
    # The platforms are fetched for the page's rows afterwards, not joined: an inner join made
    # the planner drive a newest-first list from the platforms and sort every activity.
    return (
        Activity.objects.public()
        .select_related("format", "topic_category")
        .prefetch_related(
            Prefetch("platform", queryset=PlatformPage.objects.select_related("kind"))
        )
    )


def activity_list(request, index):
    sites = index.listed_sites()
    # The list shows each activity's platform by title only: read for the page's rows below.
    activities = Activity.objects.public().select_related("format").filter(site__in=sites)
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
    # The count, over all of a prefecture's activities, is kept until the records change.
    asked = f"{sorted(s.pk for s in sites)}{sorted(given.items())}".encode()
    key = f"activity-list:{hashlib.sha256(asked).hexdigest()}"
    total = figs.cached(key, filtered.count)
    page = KnownCountPaginator(
        filtered.order_by("-last_step_on", "-pk"), index.page_size, count=total
    )
    page = page.get_page(given["page"])
    urls = activity_urls(page.object_list, request)
    by_site = committees(sites)
    titles = dict(
        PlatformPage.objects.filter(pk__in={a.platform_id for a in page.object_list})
        .order_by()
        .values_list("pk", "title")
    )
    for activity in page.object_list:
        activity.public_url = urls.get(activity.pk)
        activity.committee = by_site.get(activity.site_id)
        activity.platform_title = titles.get(activity.platform_id, "")
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
            "query": query_without_page(request),
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
