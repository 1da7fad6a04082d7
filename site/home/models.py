"""The root page of each committee's site."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from consultation import figures as consultation_figures
from consultation.models import CaseStudyPage, PlatformIndexPage, PlatformPage
from core.blocks import BodyStreamBlock
from core.committees import child_committees
from core.models import BasePage
from core.plugins import registry
from core.tree import subtree_q
from news import tally as news_tally
from news.models import MeetingType, NewsIndexPage, NewsKind, NewsPage


class HomePage(BasePage):
    """One per committee: the root page of that committee's Site."""

    intro = models.TextField("简介", blank=True, max_length=1000)
    body = StreamField(BodyStreamBlock(), verbose_name="首页正文", blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "consultation.PlatformIndexPage",
        "consultation.ActivityIndexPage",
        "consultation.CaseStudyIndexPage",
        "members.MemberIndexPage",
    ]
    latest_count = 6

    class Meta:
        verbose_name = "政协首页"
        verbose_name_plural = "政协首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        own = news_tally.Scope(None, [self.path])
        news = NewsPage.published_under(subtree_q(self.path, small=own.small), small=own.small)
        reports = news.filter(kind=NewsKind.MEETING_REPORT)
        context["meeting_reports"] = reports[: self.latest_count]
        context["reports_by_type"] = self.reports_by_type(reports, own)
        context["other_news"] = news.exclude(kind=NewsKind.MEETING_REPORT)[: self.latest_count]
        context["news_indexes"] = self.get_children().live().public().type(NewsIndexPage).specific()
        site = self.get_site()
        counties = []
        if site:
            for child in child_committees(site):
                root = child.site.root_page.path
                small = news_tally.Scope(None, [root]).small
                latest = NewsPage.published_under(subtree_q(root, small=small), small=small)[:3]
                counties.append({"committee": child, "url": child.site.root_url, "latest": latest})
        context["counties"] = counties
        if site:
            scope = consultation_figures.Scope.for_site(site)
            context["figures"] = consultation_figures.figures(scope)
            context["figures_rollup"] = len(scope.sites) > 1
        context["methods"] = self.method_sections(site)
        context["platforms"] = (
            PlatformPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("kind")
            .order_by("level", "title")[:8]
        )
        context["platform_index"] = (
            self.get_children().live().public().type(PlatformIndexPage).first()
        )
        context["case_studies"] = (
            CaseStudyPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:4]
        )
        return context

    def reports_by_type(self, reports, own):
        """The latest meeting reports of each meeting type this committee has reported on, in
        the types' own order: [(meeting type, [report, …])]. Which types have reports comes
        from the news tally, not from a scan of the archive."""
        used = own.by_meeting_type(kind=NewsKind.MEETING_REPORT)
        return [
            (meeting_type, list(reports.filter(meeting_type=meeting_type)[:3]))
            for meeting_type in MeetingType.objects.filter(pk__in=used)
        ]

    def method_sections(self, site):
        """The county methods this committee runs, with their live public pages here."""
        sections = []
        for method, _config in registry.enabled_for(site):
            pages = [
                page
                for model in method.page_types()
                for page in model.objects.live().public().descendant_of(self).order_by("path")
            ]
            sections.append({"method": method, "pages": pages})
        return sections
