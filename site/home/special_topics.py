"""专题专栏: topic collections editors curate. A topic page has a banner, an introduction, the
pages an editor chose (in their order) and, optionally, the committee's news carrying a tag."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from core.models import BasePage
from core.tree import subtree_q
from news.models import NewsPage

TAGGED_SHOWN = 20


class SpecialTopicIndexPage(BasePage):
    """专题专栏: the list of a committee's topic collections."""

    intro = models.TextField("导语", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.SpecialTopicPage"]

    class Meta:
        verbose_name = "专题专栏"
        verbose_name_plural = "专题专栏"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = (
            SpecialTopicPage.objects.child_of(self)
            .live()
            .public()
            .select_related("banner")
            .order_by("path")
        )
        return context


class SpecialTopicPage(BasePage):
    """One 专题: a banner, an introduction and the pages chosen for it."""

    # A 专题 is a 栏目 that leads to content: search lists the pages it collects, not it.
    search_listed = False
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="横幅图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="首页和专题页顶部显示；请在图片的“描述”中填写替代文字。",
    )
    intro = models.TextField("专题简介", blank=True, max_length=1000)
    tag = models.CharField(
        "自动收录标签",
        max_length=100,
        blank=True,
        help_text="填写后，本站带有此标签的新闻也列入本专题（最新的 20 条）。",
    )
    show_on_home = models.BooleanField("在首页显示", default=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("banner"),
        FieldPanel("intro"),
        FieldPanel("show_on_home"),
        InlinePanel("items", label="专题内容（按顺序显示）"),
        FieldPanel("tag"),
    ]
    parent_page_types = ["home.SpecialTopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"

    def chosen_pages(self):
        """The chosen pages that readers may see, in the editor's order (one query for the
        pages, one for their specific fields)."""
        ids = [item.page_id for item in self.items.all() if item.page_id]
        own = subtree_q(self.path[: 2 * self.steplen])  # never another committee's page
        found = Page.objects.live().public().filter(own, pk__in=ids).specific().in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def tagged_news(self):
        """The committee's live, public news carrying the tag, newest first."""
        if not self.tag:
            return NewsPage.objects.none()
        home_path = self.path[: 2 * self.steplen]
        return (
            NewsPage.published()
            .filter(subtree_q(home_path), tags__name=self.tag)
            .distinct()[:TAGGED_SHOWN]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = self.chosen_pages()
        chosen_ids = {p.pk for p in chosen}
        context["chosen"] = chosen
        context["tagged"] = [p for p in self.tagged_news() if p.pk not in chosen_ids]
        return context


class SpecialTopicItem(Orderable):
    """A page an editor chose for a topic, in their order."""

    topic = ParentalKey(SpecialTopicPage, related_name="items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "专题内容"
        verbose_name_plural = "专题内容"
