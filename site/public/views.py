"""robots.txt, sitemap.xml and the human-readable 网站地图 page of the requesting site."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.models import Page, Site

from core.tree import children_q, subtree_q
from news import tally as news_tally
from news.models import MeetingType, NewsIndexPage, NewsPage
from topics.models import TopicSubmissionPage

from .sitemaps import SitePagesSitemap, SiteScope, shown_on_site

# Crawlers fetch these rarely; an hour keeps them current enough after an edit.
ROBOTS_MAX_AGE = 60 * 60
SITEMAP_MAX_AGE = 60 * 60
# Newest children listed per section on the 网站地图 page (the section lists the rest).
SITE_MAP_CHILDREN = 20
# Never crawled: the admin, search results (endless), the reading-preferences endpoint, and the
# receipt and thanks pages of the 我有事要协商 form (they hold a citizen's receipt code).
DISALLOWED = ["/preferences/"]
TOPIC_PRIVATE_PATHS = ["receipt/", "thanks/"]
TOPIC_DEFAULT_PATH = "/topics/"


def _public(response, max_age):
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("没有与此域名对应的站点。")
    return site


def _topic_paths(request, site):
    """Where this site's 我有事要协商 pages are (``/topics/`` at least, as the demo has it)."""
    paths = [TOPIC_DEFAULT_PATH]
    if site is not None:
        for page in shown_on_site(TopicSubmissionPage.objects.live(), site):
            parts = page.get_url_parts(request)
            if parts and parts[2] not in paths:
                paths.append(parts[2])
    return paths


def robots_txt(request):
    site = Site.find_for_request(request)
    disallowed = [reverse("wagtailadmin_home"), reverse("search"), *DISALLOWED]
    for path in _topic_paths(request, site):
        disallowed += [path + private for private in TOPIC_PRIVATE_PATHS]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed]
    lines += ["Allow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap'))}"]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return _public(response, ROBOTS_MAX_AGE)


def sitemap_xml(request):
    """The site's pages; past ``SitePagesSitemap.limit`` pages, an index of numbered files."""
    sitemap = SitePagesSitemap(request)
    sitemaps = {"pages": sitemap}
    if sitemap.paginator.num_pages > 1:
        response = sitemap_views.index(request, sitemaps, sitemap_url_name="public:sitemap_section")
    else:
        response = sitemap_views.sitemap(request, sitemaps)
    return _public(response, SITEMAP_MAX_AGE)


def sitemap_section(request, section):
    if section != "pages":
        raise Http404
    response = sitemap_views.sitemap(request, {"pages": SitePagesSitemap(request)}, section)
    return _public(response, SITEMAP_MAX_AGE)


def _children(section, scope):
    """The newest live, public children of a section, one more than shown (to know if the
    section has more). News by its date; other pages by when they were first published."""
    if issubclass(section.specific_class, NewsIndexPage):
        # News pages have no children: the subtree is the children, and without a depth term
        # the planner walks the date index for a large section instead of sorting it.
        small = news_tally.Scope(section.path).small
        pages = NewsPage.published_under(subtree_q(section.path, small=small), small=small)
    else:
        pages = Page.objects.filter(children_q(section)).order_by("-first_published_at", "-pk")
        pages = pages.live().public()
    return list(scope(pages)[: SITE_MAP_CHILDREN + 1])


def site_map(request):
    """网站地图: the site's sections with their newest pages, search, feeds, other committees."""
    site = _site(request)
    scope = SiteScope(site)
    root = site.root_page
    sections = []
    for section in scope(root.get_children().live().public().in_menu()):
        children = _children(section, scope)
        sections.append(
            {
                "page": section,
                "children": children[:SITE_MAP_CHILDREN],
                "more": len(children) > SITE_MAP_CHILDREN,
            }
        )
    # Counts from the news tally, not from a count over the archive per request.
    counts = news_tally.Scope(None, [root.path], scope.cut_paths()).by_meeting_type()
    meeting_types = list(MeetingType.objects.filter(pk__in=counts).order_by("sort_order", "name"))
    for meeting_type in meeting_types:
        meeting_type.count = counts[meeting_type.pk]
    return TemplateResponse(
        request,
        "public/site_map.html",
        {"home": root, "sections": sections, "meeting_types": meeting_types},
    )
