"""Three-level coverage (县、乡镇、村) computed from the registered units and the platforms."""

from django.db.models import Count, Q

from plugin_api import registry

from .method import KEY

LEVELS = (("county", "县（市、区）级"), ("township", "乡镇（街道）级"), ("village", "村（社区）级"))


def coverage_for_site(site):
    """{level: {"total", "covered", "uncovered": [unit, …], "platforms"}} for one committee.

    County level: the committee itself, covered once it has a published county-level platform.
    Township and village levels: the units registered for the committee, covered when linked to
    a published platform.
    """
    from plugin_api import PlatformPage

    from .models import CoverageUnit

    root = site.root_page
    platforms = dict(
        PlatformPage.objects.live()
        .filter(path__startswith=root.path)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
    )
    units = CoverageUnit.objects.filter(site=site)
    served = Q(platform__isnull=False, platform__live=True)
    totals = dict(units.order_by().values_list("level").annotate(n=Count("pk")))
    covered = dict(units.filter(served).order_by().values_list("level").annotate(n=Count("pk")))
    report = {
        "county": {
            "total": 1,
            "covered": 1 if platforms.get("county") else 0,
            "uncovered": [],
            "platforms": platforms.get("county", 0),
        }
    }
    for level in ("township", "village"):
        report[level] = {
            "total": totals.get(level, 0),
            "covered": covered.get(level, 0),
            "uncovered": list(
                units.filter(level=level)
                .exclude(served)
                .select_related("parent")
                .order_by("parent__name", "name")
            ),
            "platforms": platforms.get(level, 0),
        }
    return report


def units_covered(scope, level):
    """(covered, registered) units of ``level`` (township, village) of the scope's committees:
    the coverage figures, rolled up."""
    from .models import CoverageUnit

    units = CoverageUnit.objects.filter(site__in=scope.sites, level=level)
    served = Q(platform__isnull=False, platform__live=True)
    return units.filter(served).count(), units.count()


def coverage_report(site):
    """One entry per committee (the site and the committees below it that run the method):
    [{"site", "levels": [(key, label, row with "rate")], "complete"}]."""
    from plugin_api import descendant_sites

    sites = [site, *registry.sites_enabled(KEY, list(descendant_sites(site)))]
    entries = []
    for committee_site in sites:
        report = coverage_for_site(committee_site)
        levels = []
        for key, label in LEVELS:
            row = report[key]
            row["rate"] = round(row["covered"] * 100 / row["total"]) if row["total"] else None
            levels.append((key, label, row))
        entries.append(
            {
                "site": committee_site,
                "levels": levels,
                "complete": all(r["total"] and r["covered"] == r["total"] for _, _, r in levels),
            }
        )
    return entries
