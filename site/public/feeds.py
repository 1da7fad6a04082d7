"""RSS and Atom feeds of a committee's news: all of it, or the reports of one meeting type.

Each feed is the requesting site's own (``Site.find_for_request``): its latest live, public
news pages, newest by date first, linked on the site's own host."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site

from core.models import CommitteeSettings
from news.models import MeetingType, NewsIndexPage, NewsPage
from search.text import clean

from .sitemaps import SiteScope

FEED_LENGTH = 30
EXCERPT_LENGTH = 200
# Feed readers poll; a quarter of an hour keeps them off the database without hiding news long.
FEED_MAX_AGE = 15 * 60


def excerpt(page, length=EXCERPT_LENGTH):
    """The page's summary, or else the start of its text (legacy noise removed)."""
    if page.summary.strip():
        return page.summary.strip()
    parts = _flatten(page.body.stream_block.get_searchable_content(page.body))
    text = " ".join(clean("\n".join(parts)).split())
    # Not Truncator: its zh-hans translation ends the text with three full stops ("...").
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _flatten(items):
    flat = []
    for item in items:
        if isinstance(item, list | tuple):
            flat.extend(_flatten(item))
        elif item:
            flat.append(str(item))
    return flat


def published_at(page):
    """When the item appeared: its first publication if that fell on its date (Asia/Shanghai),
    else the start of its date there (archive imports are published long after the fact)."""
    zone = timezone.get_default_timezone()
    if page.first_published_at:
        first = timezone.localtime(page.first_published_at, zone)
        if first.date() == page.date:
            return first
    return datetime.datetime.combine(page.date, datetime.time(), tzinfo=zone)


@dataclass
class FeedScope:
    request: object
    site: Site
    committee: CommitteeSettings
    meeting_type: MeetingType | None = None

    def __post_init__(self):
        self.pages = SiteScope(self.site)


class NewsRssFeed(Feed):
    """/feeds/rss/ and /feeds/<meeting type>/rss/."""

    feed_type = Rss201rev2Feed
    language = "zh-CN"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def get_object(self, request, meeting_type=None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("没有与此域名对应的站点。")
        chosen = None
        if meeting_type is not None:
            chosen = get_object_or_404(MeetingType, slug=meeting_type)
        return FeedScope(request, site, CommitteeSettings.for_site(site), chosen)

    def news(self, scope):
        pages = scope.pages(NewsPage.published())
        if scope.meeting_type is not None:
            pages = pages.filter(meeting_type=scope.meeting_type)
        return pages

    def title(self, scope):
        section = scope.meeting_type.name if scope.meeting_type else "新闻动态"
        return f"{scope.committee.display_name}·{section}"

    def description(self, scope):
        name = scope.committee.name or scope.committee.display_name
        if scope.meeting_type:
            return f"{name}{scope.meeting_type.name}的最新报道"
        return f"{name}发布的最新新闻和会议报道"

    def link(self, scope):
        home = scope.site.root_page.get_full_url(scope.request)
        if scope.meeting_type is None:
            return home
        index = scope.pages(NewsIndexPage.objects.live().public()).first()
        if index is None:
            return home
        return f"{index.get_full_url(scope.request)}?type={quote(scope.meeting_type.slug)}"

    def author_name(self, scope):
        return scope.committee.display_name

    def items(self, scope):
        items = list(self.news(scope)[:FEED_LENGTH])
        for item in items:
            item.feed_link = item.get_full_url(scope.request)
        return items

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_link

    def item_description(self, item):
        return excerpt(item)

    def item_pubdate(self, item):
        return published_at(item)

    def item_updateddate(self, item):
        published = published_at(item)
        return max(item.last_published_at or published, published)

    def item_categories(self, item):
        return [item.meeting_type.name if item.meeting_type_id else item.get_kind_display()]


class NewsAtomFeed(NewsRssFeed):
    """/feeds/atom/ and /feeds/<meeting type>/atom/."""

    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)
