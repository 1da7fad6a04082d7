"""A page's content as the checks read it: its text in pieces (each with the field it is in and
a readable place, "正文 › 第 3 块·段落 › 第 2 段"), the images it shows and the internal links it
makes. Walks every text field, rich text, StreamField block (nested structs, lists and
streams) and the page's inline items, whatever the page type."""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import models
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import AbstractImage

SEP = " › "
# Page fields that are not the editor's text: addresses and bookkeeping.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "archive_id", "locale"}
ALT_NAMES = ("alt_text", "alt")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "th"}


@dataclass(frozen=True)
class Text:
    field: str  # the page field it is in (for the editor's anchor)
    where: str
    text: str


@dataclass(frozen=True)
class ImageUse:
    field: str
    where: str
    image_id: int
    alt: str | None  # the alternative text given where the image is used; None: the image's own


@dataclass(frozen=True)
class Link:
    field: str
    where: str
    linktype: str  # "page" or "document"
    target_id: str
    text: str


@dataclass
class Content:
    texts: list
    images: list
    links: list


def label(thing):
    return str(capfirst(getattr(thing, "verbose_name", None) or getattr(thing, "label", "")))


def read_page(page):
    """Everything the checks read in ``page`` (a page object, e.g. a revision's)."""
    content = Content([], [], [])
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or not field.editable or field.choices:
            continue
        read_field(content, field, getattr(page, field.attname, None), page)
    for relation in get_all_child_relations(page):
        read_inline(content, page, relation)
    return content


def read_field(content, field, value, page):
    name, where = field.name, label(field)
    if isinstance(field, StreamField):
        read_stream(content, name, where, getattr(page, name))
    elif isinstance(field, RichTextField):
        read_html(content, name, where, value or "")
    elif isinstance(field, (models.CharField, models.TextField)):
        if value:
            content.texts.append(Text(name, where, value))
    elif isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractImage):
        if value:
            content.images.append(ImageUse(name, where, value, None))


def read_inline(content, page, relation):
    """Inline items (审议的报告, …): their text fields, each item numbered."""
    model = relation.related_model
    accessor = relation.get_accessor_name()
    items = list(getattr(page, accessor).all())
    heading = label(model._meta)
    for number, item in enumerate(items, 1):
        for field in model._meta.concrete_fields:
            if field.choices or not field.editable:
                continue
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(item, field.attname, "")
                if value:
                    where = SEP.join([heading, f"第 {number} 项", label(field)])
                    content.texts.append(Text(accessor, where, value))


def read_stream(content, field, where, stream):
    for number, child in enumerate(stream or [], 1):
        place = f"{where}{SEP}第 {number} 块·{child.block.label}"
        read_block(content, field, place, child.block, child.value)


def read_block(content, field, where, block, value):
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        read_html(content, field, where, value.source)
    elif isinstance(block, ImageBlock):
        alt = "-" if value.decorative else (value.contextual_alt_text or "")
        content.images.append(ImageUse(field, where, value.pk, alt))
    elif isinstance(block, blocks.StructBlock):
        read_struct(content, field, where, block, value)
    elif isinstance(block, blocks.StreamBlock):
        read_stream(content, field, where, value)
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(value, 1):
            read_block(content, field, f"{where}{SEP}第 {number} 项", block.child_block, item)
    elif isinstance(block, ImageChooserBlock):
        content.images.append(ImageUse(field, where, value.pk, None))
    elif isinstance(block, TableBlock):
        for row in (value or {}).get("data") or []:
            cells = [str(cell) for cell in row or [] if cell]
            if cells:
                content.texts.append(Text(field, where, " ".join(cells)))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)) and isinstance(value, str):
        if value:
            content.texts.append(Text(field, where, value))


def read_struct(content, field, where, block, value):
    """A struct's children; an image chooser in it takes its alternative text from a sibling
    named ``alt_text`` (or ``alt``) when the struct has one."""
    alt_name = next((name for name in ALT_NAMES if name in block.child_blocks), None)
    for name, child in block.child_blocks.items():
        place = f"{where}{SEP}{child.label}"
        child_value = value.get(name)
        if isinstance(child, ImageChooserBlock) and alt_name:
            if child_value is not None:
                alt = value.get(alt_name) or ""
                content.images.append(ImageUse(field, place, child_value.pk, alt))
        else:
            read_block(content, field, place, child, child_value)


def read_html(content, field, where, html):
    parser = RichTextReader()
    parser.feed(html)
    parser.close()
    paragraphs = [text for text in parser.paragraphs if text.strip()]
    for number, text in enumerate(paragraphs, 1):
        place = f"{where}{SEP}第 {number} 段" if len(paragraphs) > 1 else where
        content.texts.append(Text(field, place, text))
    for embed_id, alt in parser.images:
        content.images.append(ImageUse(field, where, embed_id, alt))
    for linktype, target, text in parser.links:
        content.links.append(Link(field, where, linktype, target, text))


class RichTextReader(HTMLParser):
    """Wagtail's stored rich text: paragraphs of text, ``<a linktype=… id=…>`` links and
    ``<embed embedtype="image" id=… alt=…>`` images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [""]
        self.images = []
        self.links = []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK_TAGS or tag == "br":
            self.paragraphs.append("")
        if tag == "a" and attrs.get("linktype") in ("page", "document"):
            self._link = [attrs["linktype"], attrs.get("id") or "", ""]
        elif tag == "embed" and attrs.get("embedtype") == "image":
            self.images.append((attrs.get("id") or "", (attrs.get("alt") or "").strip()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        elif tag in BLOCK_TAGS:
            self.paragraphs.append("")

    def handle_data(self, data):
        self.paragraphs[-1] += data
        if self._link is not None:
            self._link[2] += data
