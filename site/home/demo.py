"""The home pages' standard areas in the demo, for every committee: 政协要闻 (the committee's
newest reports from the seeds, flagged, with a demo picture), a 通知公告 section with demo
notices, one 专题专栏 collecting the committee's pages on the subject its reports are tagged
with, and a 规章制度 library. Everything the seeds do not say is marked 演示.

Called by demo's load_demo after the news and consultation demos; safe to run again (what
exists, matched by slug or title, is left as it is)."""

import datetime
import io
from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from consultation.models import CaseStudyIndexPage, PlatformIndexPage
from core.committees import committee_collection
from core.models import CommitteeSettings
from news.models import NewsIndexPage, NewsKind, NewsPage

from .library import DocumentLibraryPage
from .special_topics import SpecialTopicIndexPage, SpecialTopicItem, SpecialTopicPage

HEADLINES = 2
LIBRARY_TAG = "规章制度"  # the library lists these, not every attachment of the collection
NOTICES = [
    # (title, days after the committee's newest report, text)
    # Titles stay plain (no committee name, no 协商): made-up notices must not outrank the
    # seeds' real reports in the demo's searches (tests/search/test_demo_search.py).
    (
        "关于征集{year}年度重点调研课题的公告（演示）",
        3,
        "为做好{year}年度调研工作，现面向委员和社会各界征集调研课题。",
    ),
    ("关于召开常委会会议的通知（演示）", -6, "定于近期召开常委会会议，请各位常委按时出席。"),
    ("关于开展委员履职情况登记工作的通知（演示）", -20, "请各位委员对照履职档案核对本人履职情况。"),
]
DOCUMENTS = [
    # (title, year, text): the national rules the seeds cite, and local rules (演示)
    ("中国人民政治协商会议章程（演示文件）", 2023, "中国人民政治协商会议章程"),
    ("中国共产党政治协商工作条例（演示文件）", 2022, "中国共产党政治协商工作条例"),
    ("{short}协商议事室工作制度（演示）", 2024, "协商议事室“六有”中的“有制度”"),
    ("{short}委员履职管理办法（演示）", 2024, "委员履职登记、考核和通报"),
]


def load_home_demo(sites):
    """``sites``: {slug: Site} of the demo committees."""
    for site in sites.values():
        home = site.root_page.specific
        committee = CommitteeSettings.for_site(site)
        collection = committee_collection(committee.short_name)
        colour = committee.primary_colour or "#9e1b1b"
        news = list(NewsPage.objects.live().descendant_of(home).order_by("-date", "-pk"))
        _headlines(news, collection, colour)
        _notices(home, committee, news)
        _topic(home, news, collection, colour)
        _library(home, committee, collection)


def demo_picture(title, alt, colour, collection, size=(960, 540)):
    """A plain demo picture in the committee's colour (no photo exists for a seed report)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    found = Image.objects.filter(title=title, collection=collection).first()
    if found:
        return found
    width, height = size
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    for i in range(6):  # a few lighter bands, so that it reads as a picture, not a gap
        top = height * (i + 2) // 9
        draw.rectangle((0, top, width, top + height // 30), fill=_lighter(colour, 20 + 12 * i))
    draw.ellipse(
        (width * 0.65, height * 0.1, width * 0.9, height * 0.1 + width * 0.25),
        fill=_lighter(colour, 90),
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    image = Image(
        title=title,
        description=alt,
        collection=collection,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="demo-picture.jpg"),
    )
    image.save()
    return image


def _lighter(colour, amount):
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return tuple(min(255, c + amount) for c in (red, green, blue))


def _headlines(news, collection, colour):
    if not news or any(page.is_headline for page in news):
        return
    # The seeds' own items, not the demo's excerpts of them (summaries starting 演示).
    own = [page for page in news if not page.summary.startswith("演示")]
    for page in (own or news)[:HEADLINES]:
        if page.lead_image_id is None:
            page.lead_image = demo_picture(
                f"演示图片：{page.title}",
                f"演示图片（示意）：{page.title}",
                colour,
                collection,
            )
        page.is_headline = True
        page.save_revision().publish()


def _notices(home, committee, news):
    section = home.get_children().type(NewsIndexPage).filter(slug="notices").first()
    if section is None:
        section = NewsIndexPage(
            title="通知公告",
            slug="notices",
            kind=NewsKind.NOTICE,
            show_in_menus=True,
            intro="本栏目列出本站发布的全部通知公告。（以下通知为演示内容）",
        )
        home.add_child(instance=section)
        section.save_revision().publish()
    else:
        section = section.specific
    newest = news[0].date if news else datetime.date(2022, 10, 1)
    for n, (title, days, text) in enumerate(NOTICES, start=1):
        slug = f"notice-{n}"
        if section.get_children().filter(slug=slug).exists():
            continue
        date = newest + datetime.timedelta(days=days)
        values = {"year": date.year + 1, "short": committee.display_name}
        page = NewsPage(
            title=title.format(**values),
            slug=slug,
            kind=NewsKind.NOTICE,
            date=date,
            summary="演示：本通知为演示内容。",
            body=[("paragraph", RichText(f"<p>{escape(text.format(**values))}（演示）</p>"))],
        )
        section.add_child(instance=page)
        page.save_revision().publish()


def _topic(home, news, collection, colour):
    index = home.get_children().type(SpecialTopicIndexPage).first()
    if index is None:
        index = SpecialTopicIndexPage(title="专题专栏", slug="zhuanti", show_in_menus=False)
        home.add_child(instance=index)
        index.save_revision().publish()
    if index.get_children().exists():
        return
    tags = Counter(tag.name for page in news for tag in page.tags.all())
    tag = tags.most_common(1)[0][0] if tags else "协商议事"
    tagged = [p for p in news if tag in {t.name for t in p.tags.all()}]
    chosen = [*tagged[:3], *_sections(home)]
    topic = SpecialTopicPage(
        title=f"{tag}专题",
        slug="topic-1",
        intro=f"演示专题：汇集本站有关“{tag}”的报道和栏目，编辑可自行选择和排列内容。",
        tag=tag,
        banner=demo_picture(
            f"演示横幅：{tag}专题",
            f"演示横幅（示意）：{tag}专题",
            colour,
            collection,
            size=(1200, 400),
        ),
        items=[SpecialTopicItem(page=page, sort_order=i) for i, page in enumerate(chosen)],
    )
    index.specific.add_child(instance=topic)
    topic.save_revision().publish()


def _sections(home):
    """The committee's platform and case-study sections, for a topic to point to."""
    children = home.get_children().live()
    return [
        p
        for p in (
            children.type(PlatformIndexPage).first(),
            children.type(CaseStudyIndexPage).first(),
        )
        if p
    ]


def _library(home, committee, collection):
    library = home.get_children().type(DocumentLibraryPage).first()
    if library is None:
        library = DocumentLibraryPage(
            title="规章制度",
            slug="rules",
            show_in_menus=True,
            intro="本政协的章程、条例和工作制度。（文件为演示内容）",
            tag=LIBRARY_TAG,
        )
        home.add_child(instance=library)
        library.save_revision().publish()
    if collection is None:
        return
    Document = get_document_model()
    for title, year, text in DOCUMENTS:
        title = title.format(short=committee.display_name)
        if Document.objects.filter(collection=collection, title=title).exists():
            continue
        document = Document(title=title, collection=collection)
        content = f"{title}\n\n演示文件：{text}。正文从略。\n".encode()
        document.file.save("demo-rules.txt", ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
        document.tags.add(LIBRARY_TAG)
        created = datetime.datetime(year, 3, 1, 9, 0, tzinfo=datetime.UTC)
        Document.objects.filter(pk=document.pk).update(created_at=created)
