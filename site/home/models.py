"""The root page of each committee's site."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site

from core.blocks import BodyStreamBlock
from core.context_processors import chrome_for
from core.models import BasePage
from core.tree import subtree_q
from news import tally as news_tally
from news.latest import latest as latest_news
from news.models import MeetingType, NewsKind, NewsPage

from . import outline as home_outline
from .library import DocumentLibraryPage
from .special_topics import SpecialTopicIndexPage, SpecialTopicItem, SpecialTopicPage

__all__ = [
    "DocumentLibraryPage",
    "HomePage",
    "SpecialTopicIndexPage",
    "SpecialTopicItem",
    "SpecialTopicPage",
]


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
        "members.OrganisationPage",
        "members.LeadershipPage",
        "home.SpecialTopicIndexPage",
        "home.DocumentLibraryPage",
    ]
    latest_count = 6
    notice_count = 7
    county_count = 3
    type_count = 3

    class Meta:
        verbose_name = "政协首页"
        verbose_name_plural = "政协首页"

    def site_for(self, request):
        """The site this page is the root of: the request's (known without a query), else
        looked up (a preview from the admin's host)."""
        site = Site.find_for_request(request)
        if site is None or site.root_page_id != self.pk:
            site = self.get_site()
        return site

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.site_for(request)
        counties = chrome_for(site, request).children if site else []
        # Chosen once per change to the news, fetched in one query (news.latest). The key
        # names the counties: a county added to the tree gets its block at once.
        key = f"home:{self.pk}:" + ",".join(str(c.site_id) for c, _ in counties)
        chosen = latest_news(key, lambda: self.news_blocks(counties))
        context["meeting_reports"] = chosen["reports"]
        context["reports_by_type"] = [
            (pages[0].meeting_type, pages)
            for name, pages in chosen.items()
            if name.startswith("type:") and pages
        ]
        context["other_news"] = chosen["other"]
        context["notices"] = chosen["notices"]
        context["counties"] = [
            {"committee": child, "url": url, "latest": chosen[f"county:{child.site_id}"]}
            for child, url in counties
        ]
        shown = home_outline.outline(self, site, request)
        context["news_indexes"] = shown.news_indexes
        context["methods"] = shown.methods
        context["platforms"] = shown.platforms
        context["platform_index"] = shown.platform_index
        context["case_studies"] = shown.case_studies
        context["headline"] = shown.headlines[0] if shown.headlines else None
        context["more_headlines"] = shown.headlines[1:]
        context["notice_index"] = shown.notice_index
        context["topics"] = shown.topics
        context["topic_index"] = shown.topic_index
        context["library"] = shown.library
        context["documents"] = shown.documents
        if site and shown.figures_scope is not None:
            context["figures"] = home_outline.figures(site, shown.figures_scope)
            context["figures_rollup"] = len(shown.figures_scope.sites) > 1
        return context

    def news_blocks(self, counties):
        """{name: (queryset, how many)}: the latest reports, the latest notices (通知公告), the
        latest other news, the latest of each meeting type in use, each county's latest (built
        only when not kept)."""
        own = news_tally.Scope(None, [self.path])
        news = NewsPage.published_under(subtree_q(self.path, small=own.small), small=own.small)
        reports = news.filter(kind=NewsKind.MEETING_REPORT)
        blocks = {
            "reports": (reports, self.latest_count),
            "notices": (news.filter(kind=NewsKind.NOTICE), self.notice_count),
            # 通知公告 have their own box.
            "other": (
                news.exclude(kind__in=[NewsKind.MEETING_REPORT, NewsKind.NOTICE]),
                self.latest_count,
            ),
        }
        used = own.by_meeting_type(kind=NewsKind.MEETING_REPORT)
        for meeting_type in MeetingType.objects.filter(pk__in=used):
            blocks[f"type:{meeting_type.pk}"] = (
                reports.filter(meeting_type=meeting_type),
                self.type_count,
            )
        for child, _url in counties:
            root = child.site.root_page.path
            small = news_tally.Scope(None, [root]).small
            county_news = NewsPage.published_under(subtree_q(root, small=small), small=small)
            # A county's notices are for its own readers: its news only.
            county_news = county_news.exclude(kind=NewsKind.NOTICE)
            blocks[f"county:{child.site_id}"] = (county_news, self.county_count)
        return blocks
