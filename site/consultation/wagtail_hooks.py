"""Admin for the consultation records: activities scoped to the editor's own sites, the shared
taxonomies, and a dashboard panel with the figures and the activities overdue for feedback."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_views import SiteScopedSnippetViewSet
from core.committees import editable_sites
from core.plugins import registry

from . import figures as figs
from .forms import ActivityAdminForm
from .models import Activity, ActivityFormat, PlatformKind, Spine, TopicCategory


class ActivityFilterSet(WagtailFilterSet):
    current_step = django_filters.ChoiceFilter(label="当前环节", choices=Spine.choices)
    overdue = django_filters.BooleanFilter(label="反馈逾期", method="filter_overdue")
    method = django_filters.ChoiceFilter(label="协商工作法", choices=registry.choices)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    class Meta:
        model = Activity
        fields = ["current_step", "overdue", "method"]


class ActivityViewSet(SiteScopedSnippetViewSet):
    model = Activity
    icon = "group"
    menu_label = "协商活动"
    menu_order = 100
    edit_handler = ObjectList(Activity.panels, base_form_class=ActivityAdminForm)
    list_display = [
        "topic",
        "platform",
        Column("current_step", label="当前环节", accessor="get_current_step_display"),
        "held_on",
        "last_step_on",
    ]
    search_fields = ["topic"]
    # Searched in the database (the activities' search documents live in the site search, not
    # in Wagtail's index): a search backend query here failed with "no such column".
    search_backend_name = None
    filterset_class = ActivityFilterSet
    ordering = ["-last_step_on", "-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("platform")


class PlatformKindViewSet(SnippetViewSet):
    model = PlatformKind
    icon = "home"
    menu_label = "平台类型"
    list_display = ["name", "uses_six_haves", "sort_order"]


class TopicCategoryViewSet(SnippetViewSet):
    model = TopicCategory
    icon = "tag"
    menu_label = "议题类别"
    list_display = ["name", "sort_order"]


class ActivityFormatViewSet(SnippetViewSet):
    model = ActivityFormat
    icon = "list-ul"
    menu_label = "协商形式"
    list_display = ["name", "sort_order"]


class ConsultationViewSetGroup(SnippetViewSetGroup):
    menu_label = "基层协商"
    menu_icon = "group"
    menu_order = 250
    items = (ActivityViewSet, PlatformKindViewSet, TopicCategoryViewSet, ActivityFormatViewSet)


register_snippet(ConsultationViewSetGroup)


class ConsultationDashboardPanel(Component):
    """工作成效 of the editor's committees and the activities overdue for feedback."""

    name = "consultation"
    order = 50
    template_name = "consultation/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        sites = list(editable_sites(self.user).select_related("root_page").order_by("site_name"))
        committees = []
        for site in sites[:5]:
            scope = figs.Scope.for_site(site)
            committees.append(
                {"site": site, "figures": figs.figures(scope), "url": f"{site.root_url}/figures/"}
            )
        overdue_count, first_ids = overdue_summary([site.pk for site in sites])
        first = Activity.objects.filter(pk__in=first_ids).select_related("platform")
        return {
            "committees": committees,
            "overdue": [
                {
                    "activity": a,
                    "url": reverse("wagtailsnippets_consultation_activity:edit", args=[a.pk]),
                }
                for a in sorted(first, key=lambda a: first_ids.index(a.pk))
            ],
            "overdue_count": overdue_count,
            "overdue_count_str": str(overdue_count),
            "overdue_list_url": reverse("wagtailsnippets_consultation_activity:list")
            + "?overdue=true",
        }


def overdue_summary(site_ids):
    """(how many activities of these sites are overdue, the ten longest overdue's ids): kept
    with the figures, computed once per change to the records and per day. Counting them on
    each dashboard took 0.2-0.5 s on SQLite with 50,000 activities (a superuser's dashboard
    counts every committee's)."""
    site_ids = sorted(site_ids)

    def compute():
        overdue = Activity.objects.filter(site__in=site_ids).overdue()
        first = overdue.order_by("held_on", "pk").values_list("pk", flat=True)[:10]
        return overdue.count(), list(first)

    key = f"overdue:{timezone.localdate()}:{','.join(map(str, site_ids))}"
    return figs.cached(key, compute)


@hooks.register("construct_homepage_panels")
def add_consultation_panel(request, panels):
    if request.user.has_perm("consultation.change_activity"):
        panels.append(ConsultationDashboardPanel(request.user))
