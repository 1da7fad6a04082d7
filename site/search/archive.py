"""Bringing a committee's old news across: JSON Lines in, news pages and search documents out,
in batches (no page save, revision or per-item reindex), keyed by the item's ``id`` so that
importing the same file again updates instead of duplicating. See docs/import.md."""

import datetime
import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from treebeard.mp_tree import MP_Node
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from core.models import CommitteeSettings
from core.signals import content_changed
from news.models import MeetingType, NewsIndexPage, NewsKind, NewsPage

from . import elastic
from .engine import document_facet_tokens, index_changed
from .indexing import page_content, page_document
from .models import SearchDocument, load_vocabulary
from .text import clean

REQUIRED = ("id", "title", "date", "body")
ARCHIVE_SOURCE = "归档导入"
REFRESH_STATISTICS_AFTER = 1000  # items
MAX_LINE_CHARS = 2_000_000
MAX_ID_CHARS = 100  # NewsPage.archive_id
# The CPPCC's first plenary session opened on 1949-09-21: nothing a committee published is
# older. A date more than a year ahead is a typo (2052 for 2025), not a scheduled item.
EARLIEST_DATE = datetime.date(1949, 9, 21)
LATEST_AHEAD = datetime.timedelta(days=366)
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9]).*", re.DOTALL)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # ["第N行：…"]: lines skipped
    warnings: list = field(default_factory=list)  # ["第N行：…"]: imported with a default

    @property
    def imported(self):
        return self.created + self.updated


@dataclass
class Item:
    line: int
    archive_id: str
    title: str
    date: datetime.date
    paragraphs: list
    site: Site
    kind: str
    meeting_type: MeetingType | None
    warnings: list = field(default_factory=list)
    page: NewsPage | None = None  # Importer._prepare
    content: tuple | None = None


def allocate_ids(model, count):
    """PostgreSQL: ``count`` primary keys from the table's own sequence, for rows to COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model, objects, fields):
    """PostgreSQL: insert ``objects`` with COPY. psycopg dumps the values in C; Django's
    client-side binding quotes each one in Python, which cost a third of the import's time on
    ~1,000-character items."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for obj in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                )


class LineError(ValueError):
    pass


class Resolver:
    """Which site an item goes to and what its type and meeting type mean."""

    def __init__(self, site_hostname=None):
        self.sites = {s.pk: s for s in Site.objects.select_related("root_page")}
        self.fixed = None
        if site_hostname:
            self.fixed = next((s for s in self.sites.values() if s.hostname == site_hostname), None)
            if self.fixed is None:
                raise ValueError(f"没有主机名为 {site_hostname} 的站点。")
        self.by_name = {}
        for committee in CommitteeSettings.objects.all():
            for name in (committee.name, committee.short_name, committee.site.site_name):
                if name:
                    self.by_name[name] = self.sites[committee.site_id]
        self.default = next((s for s in self.sites.values() if s.is_default_site), None)
        self.kinds = {value: value for value in NewsKind.values}
        self.kinds.update({str(label): value for value, label in NewsKind.choices})
        self.meeting_types = {}
        for mt in MeetingType.objects.all():
            self.meeting_types[mt.slug] = mt
            self.meeting_types[mt.name] = mt

    def site(self, county, warnings):
        if self.fixed:
            return self.fixed
        county = (county or "").strip()
        if county:
            for name, site in self.by_name.items():
                if county == name or county in name or name in county:
                    return site
        if self.default is None:
            raise LineError("找不到对应的政协站点（没有默认站点，请用 --site 指定）")
        if county:
            warnings.append(f"未找到政协“{county}”，已导入默认站点（{self.default.site_name}）")
        return self.default


def parse_date(value):
    """An item's date: YYYY-MM-DD (anything after it ignored), within the plausible range."""
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value.strip()):
        raise LineError(f"日期“{value}”应为 YYYY-MM-DD")
    try:
        date = datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise LineError(f"日期“{value}”不存在") from None
    latest = timezone.localdate() + LATEST_AHEAD
    if not EARLIEST_DATE <= date <= latest:
        raise LineError(f"日期“{value}”不在 {EARLIEST_DATE} 至 {latest} 之间")
    return date


def decode_line(number, raw):
    """One line of the file as text. Invalid UTF-8 is refused, never replaced: an item whose
    title became "���" would be published as such. A byte-order mark opening the file is
    dropped (Windows editors write one)."""
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise LineError(
            f"不是有效的 UTF-8 编码（第 {error.start + 1} 个字节），请以 UTF-8 保存文件"
        ) from None


def parse_line(number, raw, resolver):
    if len(raw) > MAX_LINE_CHARS:
        raise LineError("这一行过长")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(f"不是有效的 JSON（{error.msg}，第 {error.colno} 列）") from None
    if not isinstance(data, dict):
        raise LineError("应为一个 JSON 对象")
    missing = [key for key in REQUIRED if not str(data.get(key) or "").strip()]
    if missing:
        raise LineError("缺少字段：" + "、".join(missing))
    if not isinstance(data["id"], (str, int)) or isinstance(data["id"], bool):
        raise LineError("id 应为字符串或整数")
    archive_id = str(data["id"]).strip()
    if len(archive_id) > MAX_ID_CHARS:
        raise LineError(f"id 超过 {MAX_ID_CHARS} 个字符（{len(archive_id)} 个）")
    title = clean(str(data["title"]), furniture=False).replace("\n", " ")[:255]
    if not title:
        raise LineError("标题清理后为空")
    date = parse_date(data["date"])
    # Optional fields: an unknown value falls back to the default and is reported, so that an
    # archive from a system with other names keeps its items.
    warnings = []
    kind = NewsKind.WORK_NEWS
    if data.get("type"):
        kind = resolver.kinds.get(str(data["type"]))
        if kind is None:
            kind = NewsKind.WORK_NEWS
            warnings.append(f"未知的类型“{data['type']}”，已按“{kind.label}”导入")
    meeting_type = None
    if data.get("meeting_type"):
        meeting_type = resolver.meeting_types.get(str(data["meeting_type"]))
        if meeting_type is None:
            warnings.append(f"未知的会议类型“{data['meeting_type']}”，已不设会议类型导入")
    paragraphs = [p for p in clean(str(data["body"])).splitlines() if p.strip()]
    return Item(
        line=number,
        archive_id=archive_id,
        title=title,
        date=date,
        paragraphs=paragraphs,
        site=resolver.site(str(data.get("county") or ""), warnings),
        kind=kind,
        meeting_type=meeting_type,
        warnings=warnings,
    )


class Importer:
    """Parses and segments a batch while the previous one is being written.

    Outside a transaction the writes go to a thread of their own with its own database
    connection: segmenting is Python work and writing mostly waits on the database (on
    PostgreSQL, computing the tsvector and updating the GIN index), so the two overlap. Inside a
    transaction (a test, a caller's atomic block) the batches are written in order on the
    caller's connection, which is the only one that sees the transaction's rows."""

    def __init__(self, site_hostname=None, batch_size=500, overlap=None):
        self.resolver = Resolver(site_hostname)
        self.batch_size = batch_size
        self.vocabulary = load_vocabulary()
        self.content_type = ContentType.objects.get_for_model(NewsPage)
        self.locale = Locale.get_default()
        self.indexes = {}
        self.report = Report()
        self.overlap = overlap

    def run(self, lines, progress=None):
        """``lines``: an iterable of text lines (a file). Returns the Report."""
        overlap = self.overlap if self.overlap is not None else not connection.in_atomic_block
        writer = ThreadPoolExecutor(max_workers=1) if overlap else None
        pending = None

        def write(batch):
            nonlocal pending
            if writer is None:
                self._import(batch)
                return
            if pending is not None:
                pending.result()  # at most one batch in flight; its error stops the import
            pending = writer.submit(self._write_in_thread, batch)

        try:
            batch = []
            seen = {}  # (site pk, id) → the line that brought it
            for number, raw in enumerate(lines, start=1):
                if progress:
                    size = len(raw.encode("utf-8", "replace")) if isinstance(raw, str) else len(raw)
                    progress(size)
                try:
                    if isinstance(raw, bytes):
                        raw = decode_line(number, raw)
                    if not raw.strip():
                        continue
                    item = parse_line(number, raw, self.resolver)
                    key = (item.site.pk, item.archive_id)
                    if key in seen:
                        raise LineError(
                            f"id“{item.archive_id}”与第{seen[key]}行重复（保留第{seen[key]}行）"
                        )
                    seen[key] = number
                except LineError as error:
                    self.report.errors.append(f"第{number}行：{error}")
                    continue
                self.report.warnings.extend(f"第{number}行：{w}" for w in item.warnings)
                self._prepare(item)
                batch.append(item)
                if len(batch) >= self.batch_size:
                    write(batch)
                    batch = []
            if batch:
                write(batch)
            if pending is not None:
                pending.result()
                pending = None
        finally:
            if writer is not None:
                writer.submit(connections.close_all).result()
                writer.shutdown()
        self._refresh_statistics()
        return self.report

    def _refresh_statistics(self):
        """After a large import the planner needs fresh statistics (without them SQLite loops
        over the index table) and PostgreSQL the visibility map: freshly copied rows that were
        not yet vacuumed made common-word queries three times slower (32 → 100 ms at 100,000
        items). Not inside a transaction, where VACUUM cannot run."""
        if connection.in_atomic_block or self.report.imported < REFRESH_STATISTICS_AFTER:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM (ANALYZE) {SearchDocument._meta.db_table}")
            else:
                cursor.execute("ANALYZE")

    def _write_in_thread(self, batch):
        try:
            self._import(batch)
        except Exception:
            connection.close()  # a broken connection is not handed to the next batch
            raise

    def _prepare(self, item):
        """The page as it will be stored (tree fields aside) and its search text and tokens."""
        published = timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))
        item.page = NewsPage(
            title=item.title,
            draft_title=item.title,
            content_type=self.content_type,
            locale=self.locale,
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
        item.content = page_content(item.page, self.vocabulary)

    def news_index(self, site):
        if site.pk not in self.indexes:
            index = NewsIndexPage.objects.child_of(site.root_page).first()
            if index is None:
                index = NewsIndexPage(title="新闻动态", slug="news")
                site.root_page.add_child(instance=index)
                index.save_revision().publish()
            self.indexes[site.pk] = index
        return self.indexes[site.pk]

    @transaction.atomic
    def _import(self, batch):
        if connection.vendor == "postgresql":
            # A batch lost in a crash is imported again by the next run (keyed by id).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        # Importer.run has refused a repeated id within the file.
        by_key = {(item.site.pk, item.archive_id): item for item in batch}
        for site_id in {key[0] for key in by_key}:
            items = [item for key, item in by_key.items() if key[0] == site_id]
            index = self.news_index(items[0].site)
            existing = {
                page.archive_id: page
                for page in NewsPage.objects.child_of(index).filter(
                    archive_id__in=[item.archive_id for item in items]
                )
            }
            new = [item for item in items if item.archive_id not in existing]
            updated = [i for i in items if i.archive_id in existing]
            for item in updated:
                self._update(existing[item.archive_id], item)
            self._create(index, new)
            self._index(
                [(existing[i.archive_id], i.content) for i in updated]
                + [(i.page, i.content) for i in new],
                items[0].site,
            )
            self.report.updated += len(updated)
            self.report.created += len(new)

    def _update(self, page, item):
        fields = ["title", "draft_title", "date", "kind", "meeting_type", "body"]
        for name in fields:
            setattr(page, name, getattr(item.page, name))
        page.save(update_fields=fields)

    def _create(self, index, items):
        """Insert the pages in two bulk statements (the tree rows, then the news rows)."""
        if not items:
            return
        index.refresh_from_db(fields=["numchild", "path"])
        last = index.get_last_child()
        position = MP_Node._str2int(last.path[-Page.steplen :]) if last else 0
        used = set(
            Page.objects.child_of(index)
            .filter(slug__in=[self._slug(i) for i in items])
            .values_list("slug", flat=True)
        )
        pages = []
        for item in items:
            position += 1
            slug = self._slug(item)
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
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
        index.numchild += len(pages)

    @staticmethod
    def _slug(item):
        return (slugify(f"archive-{item.archive_id}") or f"archive-{uuid.uuid4().hex[:8]}")[:80]

    def _index(self, pages, site):
        """``pages``: [(page, its page_content)]."""
        documents = []
        for page, content in pages:
            fields = page_document(page, site, self.vocabulary, content=content)
            if fields is not None:
                documents.append(SearchDocument(key=f"page:{page.pk}", **fields))
        for document in documents:
            document.facet_tokens = document_facet_tokens(document)
        stale = list(
            SearchDocument.objects.filter(key__in=[d.key for d in documents]).values_list(
                "pk", flat=True
            )
        )
        SearchDocument.objects.filter(pk__in=stale).delete()
        if connection.vendor == "postgresql":
            for document, pk in zip(
                documents, allocate_ids(SearchDocument, len(documents)), strict=True
            ):
                document.pk = pk
            copy_rows(SearchDocument, documents, SearchDocument._meta.concrete_fields)
        else:
            SearchDocument.objects.bulk_create(documents)
        index_changed()
        content_changed.send(sender=__name__)  # bulk inserts send no model signals
        elastic.delete(stale)
        elastic.push(documents)
