"""Archive items as news pages: built in memory, then inserted under the committee's news
index in bulk (tree fields computed here, no page save or revision) or updated in place."""

import datetime
import uuid

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from treebeard.mp_tree import MP_Node
from wagtail.models import Page
from wagtail.rich_text import RichText

from news.models import NewsIndexPage, NewsPage

from .pg_copy import allocate_ids, copy_rows

ARCHIVE_SOURCE = "归档导入"
UPDATED_FIELDS = ["title", "draft_title", "date", "kind", "meeting_type", "body"]


def build_page(item, content_type, locale):
    """The page as it will be stored, tree fields aside."""
    published = timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))
    return NewsPage(
        title=item.title,
        draft_title=item.title,
        content_type=content_type,
        locale=locale,
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        live_revision=None,
        show_in_menus=False,
        kind=item.kind,
        date=item.date,
        meeting_type=item.meeting_type,
        body=[("paragraph", RichText("".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)))],
        archive_id=item.archive_id,
        source=ARCHIVE_SOURCE,
    )


def news_index_for(site):
    """The site's news index, created (and published) if it has none."""
    index = NewsIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = NewsIndexPage(title="新闻动态", slug="news")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def update_page(page, item):
    for name in UPDATED_FIELDS:
        setattr(page, name, getattr(item.page, name))
    page.save(update_fields=UPDATED_FIELDS)


def archive_slug(item):
    return (slugify(f"archive-{item.archive_id}") or f"archive-{uuid.uuid4().hex[:8]}")[:80]


def insert_pages(index, items):
    """Insert the pages in two bulk statements (the tree rows, then the news rows)."""
    if not items:
        return
    index.refresh_from_db(fields=["numchild", "path"])
    pages = _placed_under(index, items)
    _insert_rows(pages)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    index.numchild += len(pages)


def _placed_under(index, items):
    """The items' pages with the tree fields of ``index``'s next children and free slugs."""
    last = index.get_last_child()
    position = MP_Node._str2int(last.path[-Page.steplen :]) if last else 0
    used = set(
        Page.objects.child_of(index)
        .filter(slug__in=[archive_slug(i) for i in items])
        .values_list("slug", flat=True)
    )
    pages = []
    for item in items:
        position += 1
        slug = archive_slug(item)
        if slug in used:
            slug = f"{slug}-{uuid.uuid4().hex[:6]}"
        used.add(slug)
        page = item.page
        page.slug = slug
        page.path = index.path + MP_Node._int2str(position).rjust(Page.steplen, "0")
        page.depth = index.depth + 1
        page.numchild = 0
        page.url_path = f"{index.url_path}{slug}/"
        page.translation_key = uuid.uuid4()
        pages.append(page)
    return pages


def _insert_rows(pages):
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    news_fields = [f for f in NewsPage._meta.local_concrete_fields if f.name != "page_ptr"] + [
        NewsPage._meta.get_field("page_ptr")
    ]
    if connection.vendor == "postgresql":
        for page, pk in zip(pages, allocate_ids(Page, len(pages)), strict=True):
            page.id = page.page_ptr_id = pk
        copy_rows(Page, pages, [Page._meta.pk, *page_fields])
        copy_rows(NewsPage, pages, news_fields)
    else:
        created = Page._base_manager._insert(
            pages, fields=page_fields, returning_fields=[Page._meta.pk], using="default"
        )
        for page, row in zip(pages, created, strict=True):
            page.pk = page.page_ptr_id = row[0]
        NewsPage._base_manager._insert(pages, fields=news_fields, using="default")
