"""Background work of the consultation app (django-tasks)."""

from django_tasks import task


@task(queue_name="bulk")
def warm_figures():
    """After a bulk change (the demo loaded, records imported): compute each committee's
    figures page — its figures rolled up over its counties, the per-committee table and the
    county methods' figures — into the cache, so that the first reader does not wait for them.
    Returns how many committees were warmed."""
    from wagtail.models import Site

    from core.models import CommitteeSettings

    from . import figures as figs
    from . import method_figures

    warmed = 0
    for site in Site.objects.filter(pk__in=CommitteeSettings.objects.values("site")):
        scope = figs.Scope.for_site(site)
        enabled = method_figures.enabled_methods(scope)
        figs.figures(scope)
        method_figures.method_figures(scope, enabled)
        if len(scope.sites) > 1:
            figs.figures_by_site(scope)
            method_figures.method_columns(scope, enabled)
        warmed += 1
    return warmed
