"""The news index (新闻栏目): a committee's reports, filtered by meeting type, kind and year,
with its counties' reports too where a prefecture lists them."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from core import params
from core.committees import listed_sites, site_for_path
from core.models import BasePage, CommitteeSettings
from core.paginator import KnownCountPaginator
from core.tree import subtree_q

from ..tally import Scope as tally_scope
from .meeting_types import MeetingType
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

    def news_items(self, sites=None, *, small=True):
        """Live, public news under this index (and under the listed counties' sites).
        ``small``: they are few among all news (core.tree.subtree_q)."""
        scope = subtree_q(self.path, small=small)
        for site in (sites or self.listed_sites())[1:]:
            scope |= subtree_q(site.root_page.path, small=small)
        return NewsPage.published_under(scope, small=small)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sites = self.listed_sites()
        given = NewsIndexParams(request.GET).values
        type_slug, kind, year = given["type"], given["kind"], given["year"]
        # Counts come from the tally (news.tally), never from counting the archive per render.
        tally = tally_scope(self.path, [site.root_page.path for site in sites[1:]])
        type_counts = tally.by_meeting_type()
        meeting_types = list(
            MeetingType.objects.filter(pk__in=type_counts).order_by("sort_order", "name")
        )
        filtered = self.news_items(sites, small=tally.small)
        type_ids = None
        if type_slug:
            type_ids = {t.pk for t in meeting_types if t.slug == type_slug}
            filtered = filtered.filter(meeting_type__in=type_ids)
        if kind:
            filtered = filtered.filter(kind=kind)
        if year:
            filtered = filtered.filter(date__year=year)
        total = tally.count(meeting_type_ids=type_ids, kind=kind or None, year=year or None)
        page = KnownCountPaginator(filtered, self.page_size, count=total).get_page(given["page"])
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
            meeting_types=[
                {
                    "meeting_type__slug": t.slug,
                    "meeting_type__name": t.name,
                    "count": type_counts[t.pk],
                }
                for t in meeting_types
            ],
            years=[{"year": y, "count": count} for y, count in tally.by_year()],
            show_committee=len(sites) > 1,
        )
        return context
