"""The standard areas of a committee's home page besides its news lists: 政协要闻 (headline news
with a picture), 专题专栏 (curated topics) and the latest documents of its 规章制度 library.

Built by home.outline once per change to the site (the stamp moves on every page, image and
document change that can show on it), as plain values: a render reads none of it from the
database. A 提案工作 area would be one more builder here and one more field of the Outline."""

from dataclasses import dataclass

from wagtail.images.models import SourceImageIOError

from core.tree import subtree_q
from news.models import NewsIndexPage, NewsKind, NewsPage

from .library import DocumentLibraryPage, file_size, human_size
from .special_topics import SpecialTopicIndexPage, SpecialTopicPage

HEADLINES_SHOWN = 5
TOPICS_SHOWN = 4
DOCUMENTS_SHOWN = 5
HEADLINE_RENDITION = "fill-960x540"
BANNER_RENDITION = "fill-960x320"


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str
    width: int
    height: int

    @classmethod
    def of(cls, image, spec):
        if image is None:
            return None
        try:
            rendition = image.get_rendition(spec)
        except SourceImageIOError:
            # The file is gone from the media store (a restore without media, a deleted
            # file): the item is shown without its picture rather than failing the home page.
            return None
        return cls(rendition.url, image.default_alt_text, rendition.width, rendition.height)


@dataclass(frozen=True)
class Feature:
    """A headline or a topic: its title, link, date, note and picture (all optional but the
    first two)."""

    title: str
    url: str
    date: object = None
    note: str = ""
    picture: Picture | None = None


def headlines(page, request):
    """The newest news flagged 政协要闻 under ``page``; with none flagged, the newest with a
    lead image. The first is shown large, with its picture if it has one."""
    # Newest first by (date, id): the flagged few are read from their partial index.
    news = NewsPage.published().filter(subtree_q(page.path))
    chosen = list(news.filter(is_headline=True)[:HEADLINES_SHOWN])
    if not chosen:
        chosen = list(news.filter(lead_image__isnull=False)[:HEADLINES_SHOWN])
    return [
        Feature(
            p.title,
            p.get_url(request) or "",
            p.date,
            p.summary,
            Picture.of(p.lead_image, HEADLINE_RENDITION) if i == 0 else None,
        )
        for i, p in enumerate(chosen)
    ]


def special_topics(page, request):
    """The live, public topics shown on the home page, in the editors' order."""
    topics = (
        SpecialTopicPage.objects.live()
        .public()
        .descendant_of(page)
        .filter(show_on_home=True)
        .select_related("banner")
        .order_by("path")[:TOPICS_SHOWN]
    )
    return [
        Feature(
            t.title, t.get_url(request) or "", None, t.intro, Picture.of(t.banner, BANNER_RENDITION)
        )
        for t in topics
    ]


def library_documents(library, site):
    """The newest documents of the library page ``library`` (as Features, note: type, size)."""
    if library is None:
        return []
    return [
        Feature(
            d.title,
            d.url,
            d.created_at.date(),
            " · ".join(filter(None, [d.file_extension.upper(), human_size(file_size(d))])),
        )
        for d in library.documents(site)[:DOCUMENTS_SHOWN]
    ]


def sections_of(children):
    """(notice section, topic index, library) among the home page's live public children
    (``children``: their specific pages)."""
    notices = next(
        (c for c in children if isinstance(c, NewsIndexPage) and c.kind == NewsKind.NOTICE),
        None,
    )
    topic_index = next((c for c in children if isinstance(c, SpecialTopicIndexPage)), None)
    library = next((c for c in children if isinstance(c, DocumentLibraryPage)), None)
    return notices, topic_index, library
