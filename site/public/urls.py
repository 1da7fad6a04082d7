from django.urls import path, re_path

from . import views
from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "public"

# Meeting-type slugs may be Chinese (MeetingType.slug allows Unicode): ``[-\w]+`` accepts them.
MEETING_TYPE = r"(?P<meeting_type>[-\w]+)"

urlpatterns = [
    path("feeds/rss/", NewsRssFeed(), name="feed_rss"),
    path("feeds/atom/", NewsAtomFeed(), name="feed_atom"),
    re_path(rf"^feeds/{MEETING_TYPE}/rss/$", NewsRssFeed(), name="meeting_type_feed_rss"),
    re_path(rf"^feeds/{MEETING_TYPE}/atom/$", NewsAtomFeed(), name="meeting_type_feed_atom"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap/", views.site_map, name="site_map"),
]
