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
from news.latest import latest as latest_news
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
        used = own.by_meeting_type(kind=NewsKind.MEETING_REPORT)
        meeting_types = list(MeetingType.objects.filter(pk__in=used))
        site = self.get_site()
        children = child_committees(site) if site else []
        blocks = {
            "reports": (reports, self.latest_count),
            "other": (news.exclude(kind=NewsKind.MEETING_REPORT), self.latest_count),
        }
        for meeting_type in meeting_types:
            blocks[f"type:{meeting_type.pk}"] = (reports.filter(meeting_type=meeting_type), 3)
        for child in children:
            root = child.site.root_page.path
            small = news_tally.Scope(None, [root]).small
            county_news = NewsPage.published_under(subtree_q(root, small=small), small=small)
            blocks[f"county:{child.site.pk}"] = (county_news, 3)
        # Chosen once per change to the news, fetched in one query (news.latest).
        chosen = latest_news(f"home:{self.pk}", blocks)
        context["meeting_reports"] = chosen["reports"]
        context["reports_by_type"] = [
            (meeting_type, chosen[f"type:{meeting_type.pk}"]) for meeting_type in meeting_types
        ]
        context["other_news"] = chosen["other"]
        context["news_indexes"] = self.get_children().live().public().type(NewsIndexPage).specific()
        context["counties"] = [
            {
                "committee": child,
                "url": child.site.root_url,
                "latest": chosen[f"county:{child.site.pk}"],
            }
            for child in children
        ]
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
