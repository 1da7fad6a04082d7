"""Checks of a committee's content read from the database: how long ago each home-page section
was updated, the mandatory footer items, images shown without alternative text."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from core.models import CommitteeSettings
from news.models import NewsIndexPage

from . import conf
from .models import FindingKind

ALT_FINDINGS = 200  # images without alternative text listed per run
ALT_BLOCK_PAGES = 500  # pages whose image blocks are read per run


@dataclass
class Item:
    """One finding before it is stored (monitor.models.Finding's fields)."""

    kind: str
    subject: str
    url: str = ""
    found_on: str = ""
    detail: str = ""
    days: int | None = None
    count: int | None = None


def stale_sections(site, now=None):
    """The home page's live public sections not updated within their limit: news sections by
    their latest item's first publication (one without items is flagged), the others by the
    latest publication of anything in them (one without pages below it is left alone)."""
    today = timezone.localdate(now or timezone.now())
    news_limit = conf.value("NEWS_STALE_DAYS", site)
    other_limit = conf.value("SECTION_STALE_DAYS", site)
    news_type = ContentType.objects.get_for_model(NewsIndexPage)
    items = []
    for section in site.root_page.get_children().live().public().order_by("path"):
        if section.content_type_id == news_type.pk:
            kind, limit = FindingKind.STALE_NEWS, news_limit
            latest = (
                Page.objects.child_of(section).live().aggregate(at=Max("first_published_at"))["at"]
            )
        else:
            # A section that is one page (机构设置, 领导信息) holds no items that go stale.
            kind, limit = FindingKind.STALE_SECTION, other_limit
            items_in = Page.objects.descendant_of(section).live()
            latest = items_in.aggregate(at=Max("last_published_at"))["at"]
            if latest is None:
                continue
        days = (today - timezone.localdate(latest)).days if latest else None
        if days is not None and days <= limit:
            continue
        detail = f"最近更新：{timezone.localdate(latest):%Y-%m-%d}" if latest else "栏目中没有内容"
        items.append(
            Item(
                kind, section.title, url=section.relative_url(site) or "", detail=detail, days=days
            )
        )
    return items


def missing_footer_items(site):
    """The mandatory footer items the committee has not filled in (the footer's own rule,
    CommitteeSettings.missing_footer_items)."""
    labels = CommitteeSettings.for_site(site).missing_footer_items()
    return [Item(FindingKind.FOOTER, label, detail="页脚未填写") for label in labels]


def images_without_alt(site):
    """Images on the site's live public pages that readers of screen readers get no text for:
    an image field whose image has no description (Image.description), an image block whose
    alternative text is empty. Read from Wagtail's reference index; at most ALT_FINDINGS are
    listed, and the blocks of at most ALT_BLOCK_PAGES pages are read (newest first)."""
    image_model = get_image_model()
    pages = (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .live()
        .public()
        .annotate(key=Cast("pk", CharField()))
        .values("key")
    )
    references = list(
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(image_model),
            object_id__in=pages,
        ).values_list("object_id", "to_object_id", "content_path")
    )
    images = image_model.objects.only("pk", "title", "description").in_bulk(
        {int(r[1]) for r in references if r[1].isdigit()}
    )
    fields = [r for r in references if "." not in r[2]]  # an image field of the page itself
    blocks = [r for r in references if "." in r[2]]  # a block or an inline row
    undescribed = [r for r in fields if r[1].isdigit() and not _description(images.get(int(r[1])))]
    block_pages = sorted({int(r[0]) for r in blocks}, reverse=True)[:ALT_BLOCK_PAGES]
    wanted = {int(r[0]) for r in undescribed} | set(block_pages)
    loaded = Page.objects.filter(pk__in=wanted).specific().in_bulk()
    items, seen = [], set()
    for page_id, image_id, content_path in sorted(undescribed + blocks, reverse=True):
        page, image = loaded.get(int(page_id)), images.get(int(image_id))
        if page is None or image is None or (page.pk, image.pk) in seen:
            continue
        if alt_text(page, content_path, image):
            continue
        seen.add((page.pk, image.pk))
        items.append(
            Item(
                FindingKind.ALT_TEXT,
                image.title,
                found_on=page.relative_url(site) or "",
                detail=f"页面《{page.title}》中的图片未填写替代文字",
            )
        )
        if len(items) >= ALT_FINDINGS:
            break
    return items


def _description(image):
    return image is not None and (image.description or "").strip()


def alt_text(page, content_path, image):
    """The text a reader gets for the image at ``content_path`` of ``page``: the block's or
    row's own alternative text where it has one, else the image's description."""
    parts = content_path.split(".")
    holder = getattr(page, parts[0], None) if len(parts) > 1 else None
    for part in parts[1:-1]:
        holder = _child(holder, part)
        if holder is None:
            break
    own = _own_alt(holder)
    if own is not None:
        return own
    return (getattr(image, "description", "") or "").strip()


def _own_alt(holder):
    """The alternative text a block or row holding an image gives it, or None if it has none
    of its own."""
    if holder is None:
        return None
    if hasattr(holder, "keys") and "alt_text" in holder:
        return (holder.get("alt_text") or "").strip()
    if getattr(holder, "decorative", False):
        return "（装饰性图片）"
    for name in ("contextual_alt_text", "alt_text"):  # Wagtail's ImageBlock; an inline row
        if isinstance(getattr(holder, name, None), str):
            return getattr(holder, name).strip()
    return None


def _child(value, key):
    """One step along a reference's content path: a stream block by id, a struct's field, a
    list item by id, a child object by primary key."""
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # StreamValue, ListValue
        for child in value:
            if str(getattr(child, "id", "")) == key:
                return getattr(child, "value", child)
        return None
    if hasattr(value, "get") and hasattr(value, "keys"):
        return value.get(key)
    if hasattr(value, "all"):  # a child relation
        return value.all().filter(pk=key).first() if key.isdigit() else None
    return None
