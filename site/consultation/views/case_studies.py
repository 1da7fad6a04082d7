"""The case-study list of a committee (and its counties), filtered by county, platform kind,
method and topic category."""

from django.core.paginator import Paginator

from .. import figures as figs
from ..models import Activity, CaseStudyIndexPage, CaseStudyPage, PlatformKind, TopicCategory
from .common import CaseStudyParams, committees, label_committees, query_without_page


def case_study_list_context(request, index):
    sites = index.listed_sites()
    scope = figs.Scope.of_sites(sites)
    indexes = [index.path]
    if len(sites) > 1:
        indexes += list(
            figs.in_scope(CaseStudyIndexPage.objects.live(), scope)
            .exclude(pk=index.pk)
            .values_list("path", flat=True)
        )
    cases = figs.in_scope(
        CaseStudyPage.objects.live().public(), figs.Scope(sites=(), root_paths=tuple(indexes))
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
    label_committees(page.object_list, sites)
    linked = Activity.objects.filter(case_studies__page__in=cases)
    by_site = committees(sites)
    return {
        "page_obj": page,
        "cases": page.object_list,
        "counties": [
            (s.pk, by_site[s.pk].display_name if s.pk in by_site else s.site_name) for s in sites
        ]
        if len(sites) > 1
        else [],
        "kinds": PlatformKind.objects.filter(platforms__activities__in=linked).distinct(),
        "methods": sorted(set(linked.exclude(method="").values_list("method", flat=True))),
        "categories": TopicCategory.objects.filter(activities__in=linked).distinct(),
        "selected": {"county": county, "kind": kind, "method": method, "category": category},
        "show_committee": len(sites) > 1,
        "query": query_without_page(request),
    }
