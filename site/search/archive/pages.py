"""Archive items as news pages: inserted under the committee's news index in bulk, as rows of
column values (tree fields computed here, no page save, revision or model instance per
page), or updated in place."""

import datetime
import uuid

from django.db import connection
from django.utils import timezone
from treebeard.mp_tree import MP_Node
from wagtail.models import Page
from wagtail.rich_text import RichText

from news.models import NewsIndexPage, NewsPage

from .pg_copy import allocate_ids, copy_tuples, insert_rows

ARCHIVE_SOURCE = "归档导入"
UPDATED_FIELDS = ["title", "draft_title", "date", "kind", "meeting_type", "body"]
# The columns that differ from one imported page to the next. Every other column holds the
# value of the first page built by build_page (PageRows.template).
PAGE_VARYING = (
    "path",
    "depth",
    "translation_key",
    "title",
    "draft_title",
    "slug",
    "url_path",
    "first_published_at",
    "last_published_at",
)
NEWS_VARYING = ("page_ptr_id", "kind", "date", "meeting_type_id", "body", "archive_id")


def published_at(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))


def build_page(item, content_type, locale, meeting_type):
    """``item`` (a search.archive.prepare.Prepared) as a page, tree fields aside."""
    published = published_at(item.date)
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
        meeting_type=meeting_type,
        body=[("paragraph", RichText(item.body))],
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


def update_page(page, built):
    """``page`` takes the fields an import sets from ``built`` (build_page) and is saved."""
    for name in UPDATED_FIELDS:
        setattr(page, name, getattr(built, name))
    page.save(update_fields=UPDATED_FIELDS)


class Places:
    """Where new pages go under each news index: the next positions and free slugs, taken
    for each batch in file order while earlier batches may still be writing (on PostgreSQL
    two write at once). A batch's pages follow both the last child committed and every
    position taken earlier in this import; no two pages of the import share a slug."""

    def __init__(self):
        self.last = {}  # news index pk → the last position taken
        self.slugs = {}  # news index pk → the slugs taken

    def take(self, index, items):
        """[(path, slug, url_path)] of ``items``' pages."""
        index.refresh_from_db(fields=["path", "url_path", "depth"])  # moved meanwhile?
        last = index.get_last_child()
        seen = MP_Node._str2int(last.path[-Page.steplen :]) if last else 0
        wanted = [item.slug for item in items]
        used = set(
            Page.objects.child_of(index).filter(slug__in=wanted).values_list("slug", flat=True)
        )
        position = max(seen, self.last.get(index.pk, 0))
        self.last[index.pk] = position + len(items)
        taken = self.slugs.setdefault(index.pk, set())
        placed = []
        for slug in wanted:
            position += 1
            if slug in used or slug in taken:
                slug = f"{slug}-{uuid.uuid4().hex[:6]}"
            taken.add(slug)
            path = index.path + MP_Node._int2str(position).rjust(Page.steplen, "0")
            placed.append((path, slug, f"{index.url_path}{slug}/"))
        return placed


class PageRows:
    """Inserts new pages as rows: the columns of the page and news tables, and the values
    that every imported page shares, prepared for the database once per import."""

    def __init__(self, template):
        self.page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        self.news_fields = list(NewsPage._meta.local_concrete_fields)
        self.page_template = [_prepared(f, template) for f in self.page_fields]
        self.news_template = [_prepared(f, template) for f in self.news_fields]
        self.page_at = _positions(self.page_fields, PAGE_VARYING)
        self.news_at = _positions(self.news_fields, NEWS_VARYING)
        self.field = {f.attname: f for f in self.page_fields + self.news_fields}
        self.published = {}  # date → its first_published_at, prepared

    def insert(self, index, items, placed):
        """Inserts the pages (``placed``: Places.take) and returns their ids; the caller
        counts them in the index's ``numchild``."""
        depth = index.depth + 1
        pages = [self._page_row(i, depth, *p) for i, p in zip(items, placed, strict=True)]
        ids = self._insert_pages(pages, [path for path, _, _ in placed])
        news = [self._news_row(item, pk) for item, pk in zip(items, ids, strict=True)]
        insert_rows(NewsPage._meta.db_table, self.news_fields, news)
        return ids

    def _page_row(self, item, depth, path, slug, url_path):
        row = self.page_template.copy()
        at, prep = self.page_at, self._prep
        published = self.published.get(item.date)
        if published is None:
            published = prep("first_published_at", published_at(item.date))
            self.published[item.date] = published
        row[at["path"]] = path
        row[at["depth"]] = depth
        row[at["translation_key"]] = prep("translation_key", uuid.uuid4())
        row[at["title"]] = row[at["draft_title"]] = item.title
        row[at["slug"]] = slug
        row[at["url_path"]] = url_path
        row[at["first_published_at"]] = row[at["last_published_at"]] = published
        return row

    def _news_row(self, item, pk):
        row = self.news_template.copy()
        at = self.news_at
        row[at["page_ptr_id"]] = pk
        row[at["kind"]] = item.kind
        row[at["date"]] = self._prep("date", item.date)
        row[at["meeting_type_id"]] = item.meeting_type_id
        row[at["body"]] = item.stored_body  # JSON text (PostgreSQL reads it as jsonb)
        row[at["archive_id"]] = item.archive_id
        return row

    def _prep(self, attname, value):
        return self.field[attname].get_db_prep_save(value, connection)

    def _insert_pages(self, rows, paths):
        if connection.vendor == "postgresql":
            ids = allocate_ids(Page, len(rows))
            copy_tuples(
                Page._meta.db_table,
                [Page._meta.pk, *self.page_fields],
                [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
            )
            return ids
        insert_rows(Page._meta.db_table, self.page_fields, rows)
        # The new pages are the only ones at these paths (a unique column, in this transaction).
        found = dict(
            Page.objects.filter(path__gte=paths[0], path__lte=paths[-1])
            .filter(depth=len(paths[0]) // Page.steplen)
            .values_list("path", "pk")
        )
        return [found[path] for path in paths]


def _prepared(field, page):
    return field.get_db_prep_save(field.pre_save(page, True), connection)


def _positions(fields, names):
    at = {f.attname: n for n, f in enumerate(fields)}
    return {name: at[name] for name in names}
