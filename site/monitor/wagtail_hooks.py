"""Admin: the 网站监测 panel on each editor's dashboard, the report view and its menu item."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from . import access, report, views
from .run import latest_run

SHOWN_PER_KIND = 5
OWN_SITES_SHOWN = 3


class MonitorPanel(Component):
    """The latest run's findings for the editor's committee; a prefecture's editors also get
    their counties' overview, the installation's administrators every committee's."""

    name = "monitor"
    order = 40
    template_name = "monitor/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        # The installation's administrators keep no committee: they get every one's overview.
        own_ids = [] if self.user.is_superuser else access.own_site_ids(self.user)
        committees = []
        for site in Site.objects.filter(pk__in=own_ids[:OWN_SITES_SHOWN]).order_by("site_name"):
            run = latest_run(site.pk)
            groups = [
                (label, kind, findings[:SHOWN_PER_KIND], len(findings))
                for label, kind, findings in report.grouped(run)
            ]
            committees.append(
                {
                    "site": site,
                    "name": report.committee_name(site),
                    "run": run,
                    "groups": groups,
                    "report_url": f"{reverse('monitor_report')}?site={site.pk}",
                    "panel_id": f"monitor-{site.pk}",
                }
            )
        below = []
        if self.user.is_superuser:
            below = list(Site.objects.order_by("site_name", "pk"))
        else:
            for site in Site.objects.filter(pk__in=own_ids):
                below += access.counties(site)
        return {
            "committees": committees,
            "rows": report.overview(below),
            "rows_heading": "网站监测：各政协" if self.user.is_superuser else "网站监测：下级政协",
            "kinds": [kind.label for kind in report.KIND_ORDER],
        }


@hooks.register("construct_homepage_panels")
def add_monitor_panel(request, panels):
    if access.own_site_ids(request.user) or request.user.is_superuser:
        panels.append(MonitorPanel(request.user))


@hooks.register("register_admin_urls")
def register_monitor_urls():
    return [
        path("monitor/", views.ReportView.as_view(), name="monitor_report"),
        path("monitor/xlsx/", views.xlsx, name="monitor_report_xlsx"),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(request.user.is_superuser or access.own_site_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_monitor_menu_item():
    return EditorsMenuItem("网站监测", reverse("monitor_report"), icon_name="warning", order=950)
