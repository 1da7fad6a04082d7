"""The admin's 网站监测 report: a committee's latest findings in full, its counties' overview
for a prefecture, and the XLSX download. Which committee: ``?site=<id>`` among those the
user may read (monitor.access), else the user's own."""

from django.http import Http404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from . import access, report
from .run import latest_run


def chosen_site(request):
    """The site the request asks about, if the user may read it; 404 otherwise."""
    readable = access.readable_site_ids(request.user)
    wanted = request.GET.get("site", "")
    if wanted:
        if not wanted.isdigit() or int(wanted) not in readable:
            raise Http404("没有这个站点的监测结果，或您无权查看。")
        site_id = int(wanted)
    else:
        own = [pk for pk in access.own_site_ids(request.user) if pk in readable]
        if request.user.is_superuser and not own:
            own = sorted(readable)
        if not own:
            raise Http404("您的账号没有所属的政协站点。")
        site_id = own[0]
    return Site.objects.select_related("root_page").get(pk=site_id)


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitor/report.html"
    page_title = "网站监测"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = chosen_site(self.request)
        run = latest_run(site.pk)
        context.update(
            site=site,
            name=report.committee_name(site),
            run=run,
            groups=report.grouped(run),
            counties=report.overview(others(self.request.user, site)),
            kinds=[kind.label for kind in report.KIND_ORDER],
        )
        return context


def others(user, site):
    """The committees listed under the report: a prefecture's counties (every other site for
    the installation's administrators)."""
    if user.is_superuser:
        return list(Site.objects.exclude(pk=site.pk).order_by("site_name", "pk"))
    return access.counties(site)


def xlsx(request):
    site = chosen_site(request)
    rows = report.overview(access.counties(site))
    return report.xlsx_response(site, latest_run(site.pk), rows)
