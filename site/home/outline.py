"""What a committee's home page shows besides its news (its sections, county methods,
platforms, case studies, the scope of its figures), built once per change to the site.

These lists change only when the site's pages or settings do, yet building their queries
took most of a home page's time. They are kept in each process under the site's stamp
(core.context_processors.site_stamp: the page cache's generations, which every change that
can show on the site moves on), as plain titles and URLs, so nothing a request does to a page
object is seen by the next. Without a stamp (nothing registered) they are built every time."""

import time
from dataclasses import dataclass, field

from consultation import figures as consultation_figures
from consultation.models import CaseStudyPage, PlatformIndexPage, PlatformPage
from core.context_processors import site_stamp
from core.plugins import registry
from news.models import NewsIndexPage

from . import sections
from .library import DocumentLibraryPage
from .special_topics import SpecialTopicIndexPage

PLATFORMS_SHOWN = 8
CASE_STUDIES_SHOWN = 4


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str = ""


@dataclass
class Outline:
    news_indexes: list[Link] = field(default_factory=list)
    methods: list[dict] = field(default_factory=list)  # {"method": …, "pages": [Link]}
    platforms: list[Link] = field(default_factory=list)  # note: "level · kind"
    platform_index: Link | None = None
    case_studies: list[Link] = field(default_factory=list)  # note: the summary
    figures_scope: consultation_figures.Scope | None = None
    # The standard areas (home.sections): 政协要闻, the 通知公告 section, 专题专栏, 规章制度.
    headlines: list[sections.Feature] = field(default_factory=list)
    notice_index: Link | None = None
    topics: list[sections.Feature] = field(default_factory=list)
    topic_index: Link | None = None
    library: Link | None = None
    documents: list[sections.Feature] = field(default_factory=list)

    @classmethod
    def build(cls, page, site, request):
        def link(p, note=""):
            return Link(p.title, p.get_url(request) or "", note)

        children = page.get_children().live().public()
        shown = list(
            children.type(NewsIndexPage, SpecialTopicIndexPage, DocumentLibraryPage).specific()
        )
        notice_index, topic_index, library = sections.sections_of(shown)
        index = children.type(PlatformIndexPage).first()
        platforms = (
            PlatformPage.objects.live()
            .public()
            .descendant_of(page)
            .select_related("kind")
            .order_by("level", "title")[:PLATFORMS_SHOWN]
        )
        cases = CaseStudyPage.objects.live().public().descendant_of(page)
        return cls(
            news_indexes=[link(p) for p in shown if isinstance(p, NewsIndexPage)],
            methods=method_sections(page, site, link),
            platforms=[link(p, f"{p.get_level_display()} · {p.kind}") for p in platforms],
            platform_index=link(index) if index else None,
            case_studies=[
                link(p, p.summary) for p in cases.order_by("-date", "-pk")[:CASE_STUDIES_SHOWN]
            ],
            figures_scope=consultation_figures.Scope.for_site(site) if site else None,
            headlines=sections.headlines(page, request),
            notice_index=link(notice_index) if notice_index else None,
            topics=sections.special_topics(page, request),
            topic_index=link(topic_index) if topic_index else None,
            library=link(library) if library else None,
            documents=sections.library_documents(library, site),
        )


def method_sections(page, site, link):
    """The county methods this committee runs, with their live public pages under ``page``."""
    sections = []
    for method, _config in registry.enabled_for(site):
        pages = [
            link(p)
            for model in method.page_types()
            for p in model.objects.live().public().descendant_of(page).order_by("path")
        ]
        sections.append({"method": method, "pages": pages})
    return sections


# (site id, home page id) -> (stamp, Outline); (stamp, figures generation, scope) -> figures
_outlines: dict[tuple[int, int], tuple[object, Outline]] = {}
_figures: dict[int, tuple[tuple, list]] = {}


def outline(page, site, request):
    stamp = site_stamp(site) if site else None
    if stamp is None or getattr(request, "is_preview", False):
        return Outline.build(page, site, request)
    key = (site.pk, page.pk)
    kept = _outlines.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    built = Outline.build(page, site, request)
    _outlines[key] = (stamp, built)
    return built


def figures(site, scope):
    """The home page's figures: consultation's cached values, kept in this process until the
    figures' generation moves on (one cache read per counter otherwise), and no longer than
    their cache would keep them."""
    period = int(time.monotonic() // consultation_figures.CACHE_TIMEOUT)
    stamp = (consultation_figures.GENERATION.current(), scope, period)
    kept = _figures.get(site.pk)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    values = consultation_figures.figures(scope)
    _figures[site.pk] = (stamp, values)
    return values
