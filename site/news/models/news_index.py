"""The news index (新闻栏目): a committee's reports, filtered by meeting type, kind and year,
with its counties' reports too where a prefecture lists them."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from wagtail.admin.panels import FieldPanel

from core import params
from core.committees import listed_sites, site_for_path
from core.models import BasePage, CommitteeSettings

from .pages import NewsKind, NewsPage


class NewsIndexParams(params.QueryParams):
    type = params.TextField(max_length=60)
    year = params.YearField()
    kind = params.ChoiceField(NewsKind.choices)
    page = params.PageField()


class NewsIndexPage(BasePage):
    intro = models.TextField("导语", blank=True, max_length=500)
    include_child_committees = models.BooleanField(
        "包含下级政协的报道",
        default=False,
        help_text="市（州）政协可在本栏目中同时列出所属县（市、区）政协的报道。",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("include_child_committees"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    page_size = 12

    class Meta:
        verbose_name = "新闻栏目"
        verbose_name_plural = "新闻栏目"

    def listed_sites(self):
        """The sites whose reports this index lists: its own and, if enabled, those below."""
        return listed_sites(self, self.include_child_committees)

    def news_items(self, sites=None):
        """Live, public news under this index (and under the listed counties' sites)."""
        scope = Q(path__startswith=self.path)
        for site in (sites or self.listed_sites())[1:]:
            scope |= Q(path__startswith=site.root_page.path)
        return NewsPage.published().filter(scope)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sites = self.listed_sites()
        items = self.news_items(sites)
        given = NewsIndexParams(request.GET).values
        type_slug, kind, year = given["type"], given["kind"], given["year"]
        filtered = items
        if type_slug:
            filtered = filtered.filter(meeting_type__slug=type_slug)
        if kind:
            filtered = filtered.filter(kind=kind)
        if year:
            filtered = filtered.filter(date__year=year)
        page = Paginator(filtered, self.page_size).get_page(given["page"])
        committees = {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}
        for item in page.object_list:
            site = site_for_path(item.path, sites)
            item.committee = committees.get(site.pk) if site else None
        context.update(
            page_obj=page,
            items=page.object_list,
            selected_type=type_slug,
            selected_year=str(year or ""),
            selected_kind=kind,
            kinds=NewsKind.choices,
            meeting_types=(
                items.exclude(meeting_type=None)
                .values("meeting_type__slug", "meeting_type__name")
                .annotate(count=Count("pk"))
                .order_by("meeting_type__sort_order", "meeting_type__name")
            ),
            years=(
                items.annotate(year=ExtractYear("date"))
                .values("year")
                .annotate(count=Count("pk"))
                .order_by("-year")
            ),
            show_committee=len(sites) > 1,
        )
        return context
