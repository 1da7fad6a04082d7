"""The news index (新闻栏目): a committee's reports, filtered by meeting type, kind and year,
with its counties' reports too where a prefecture lists them."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from core import params
from core.committees import listed_sites
from core.models import BasePage
from core.paginator import KnownCountPaginator
from core.tree import children_q, subtree_q

from ..listing import listing, ordered_ids, page_ids, pages_for
from ..tally import Scope as tally_scope
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
    kind = models.CharField(
        "栏目类别",
        max_length=20,
        choices=NewsKind.choices,
        blank=True,
        help_text="选定后（如“通知公告”）本栏目只列出该类别，并列出本站各栏目中该类别的全部新闻；"
        "首页的同名区块链接到本栏目。留空则列出本栏目下的全部新闻。",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("include_child_committees"),
        FieldPanel("kind"),
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

    @property
    def home_path(self):
        """The path of the committee's home page (this section's parent)."""
        return self.path[: -self.steplen]

    def tree_paths(self, listed):
        """The whole trees this section lists besides its own pages: the listed counties'
        sites and, for a section of one kind (通知公告), its own committee's whole site."""
        own = [self.home_path] if self.kind else []
        return own + list(listed.tree_paths)

    def news_items(self, sites=None, *, small=True):
        """Live, public news under this index (and under the listed counties' sites; the
        whole committee site for a section of one kind). ``small``: they are few among all
        news (core.tree.subtree_q)."""
        scope = subtree_q(self.home_path if self.kind else self.path, small=small)
        for site in (sites or self.listed_sites())[1:]:
            scope |= subtree_q(site.root_page.path, small=small)
        pages = NewsPage.published_under(scope, small=small)
        return pages.filter(kind=self.kind) if self.kind else pages

    def route(self, request, path_components):
        """A news page found with its meeting type in one query; Wagtail's routing asks for
        the child page, then for its specific fields, then for its meeting type."""
        if path_components:
            child = (
                NewsPage.objects.filter(children_q(self), slug=path_components[0])
                .select_related("meeting_type")
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listed = listing(self)
        given = NewsIndexParams(request.GET).values
        type_slug, kind, year = given["type"], self.kind or given["kind"], given["year"]
        # Counts come from the tally (news.tally), never from counting the archive per render.
        tally = tally_scope(self.path, self.tree_paths(listed))
        known_types = tally.snapshot.meeting_types
        type_counts = tally.by_meeting_type(kind=self.kind or None)
        meeting_types = sorted(
            (known_types[pk] for pk in type_counts if pk in known_types),
            key=lambda t: (t.sort_order, t.name),
        )
        filters = {
            "meeting_type_ids": {t.pk for t in meeting_types if t.slug == type_slug}
            if type_slug
            else None,
            "kind": kind or None,
            "year": year or None,
        }
        ids = ordered_ids(tally, filters, small=tally.small)
        page = KnownCountPaginator(ids, self.page_size, count=tally.count(**filters)).get_page(
            given["page"]
        )
        ids = page_ids(tally, filters, page.number, self.page_size, small=tally.small)
        page.object_list = list(pages_for(ids))
        for item in page.object_list:
            item.committee = listed.site_for_path(item.path)
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
            years=[
                {"year": y, "count": count} for y, count in tally.by_year(kind=self.kind or None)
            ],
            fixed_kind=bool(self.kind),
            show_committee=len(listed.sites) > 1,
        )
        return context
