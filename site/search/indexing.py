"""Keeping SearchDocument in step with the records: what a page or an activity contributes,
and (re)indexing one, a batch, or everything. Only live, public pages and activities at
published platforms are indexed; anything else is removed."""

from django.db import transaction
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from core.committees import site_for_path

from . import elastic
from .engine import index_changed
from .models import SearchDocument, load_vocabulary
from .text import clean, index_text

MAX_TEXT = 20_000


def _strings(value):
    """The text of a field value: plain strings, rich text, or a StreamField's blocks (whose
    searchable content may nest lists)."""
    if value is None:
        return []
    stream_block = getattr(value, "stream_block", None)
    if stream_block is not None:
        return _flatten(stream_block.get_searchable_content(value))
    if isinstance(value, list | tuple):
        return _flatten(value)
    return [str(value)]


def _flatten(items):
    flat = []
    for item in items:
        if isinstance(item, list | tuple):
            flat.extend(_flatten(item))
        elif item is not None:
            flat.append(str(item))
    return flat


def page_text(page):
    """Every searchable field of the page (its model's ``search_fields``) except the title."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            try:
                parts.extend(_strings(field.get_value(page)))
            except Exception:  # noqa: BLE001 - a method field of a plugin page must not stop indexing
                continue
    return clean("\n".join(p for p in parts if p))[:MAX_TEXT]


def _page_date(page):
    for name in ("date", "established_on"):
        value = getattr(page, name, None)
        if value:
            return value
    published = page.first_published_at or page.last_published_at
    return published.date() if published else None


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_searchable(page):
    """Content pages; not home pages or a committee's sections (栏目: page types it has at
    most one of, like the news list or the 我有事要协商 form), which only lead to content. A
    page type may say otherwise with ``search_listed = True`` or ``False``."""
    listed = getattr(type(page), "search_listed", None)
    if listed is not None:
        return listed
    model = type(page)
    return (
        page.depth > 2
        and not model.__name__.endswith("IndexPage")
        and getattr(model, "max_count_per_parent", None) != 1
    )


def page_content(page, vocabulary):
    """(text, title tokens, tokens): the costly part of a page's document, which an archive
    import computes while its previous batch is being written."""
    text = page_text(page)
    return text, index_text(page.title, vocabulary), index_text(text, vocabulary)


def page_document(page, site, vocabulary, restricted=(), content=None):
    """The SearchDocument fields for ``page`` (specific), or None if it is not public.
    ``content``: page_content(page), if already computed."""
    if not page.live or any(page.path.startswith(p) for p in restricted) or site is None:
        return None
    if not is_searchable(page):
        return None
    text, title_tokens, tokens = content or page_content(page, vocabulary)
    date = _page_date(page)
    meeting_type = getattr(page, "meeting_type", None)
    url = page.get_url_parts()
    return {
        "site": site,
        "kind": page._meta.label_lower,
        "kind_label": str(page._meta.verbose_name),
        "method_key": getattr(page, "method_key", "") or "",
        "url": url[2] if url else page.url_path,
        "title": page.title[:255],
        "date": date,
        "year": date.year if date else None,
        "meeting_type": meeting_type.slug if meeting_type else "",
        "meeting_type_label": meeting_type.name if meeting_type else "",
        "platform_level": getattr(page, "level", "") or "",
        "text": text,
        "title_tokens": title_tokens,
        "tokens": tokens,
    }


def activity_document(activity, url, vocabulary):
    from consultation.models import Spine

    steps = [s.summary for s in activity.steps.all() if Spine.is_public(s.step) and s.summary]
    text = clean("\n".join([activity.topic_description, *steps]))[:MAX_TEXT]
    date = activity.held_on or activity.last_step_on
    return {
        "site_id": activity.site_id,
        "kind": "consultation.activity",
        "kind_label": "协商活动",
        "method_key": "",
        "url": url,
        "title": activity.topic[:255],
        "date": date,
        "year": date.year if date else None,
        "meeting_type": "",
        "meeting_type_label": "",
        "platform_level": activity.platform.level,
        "text": text,
        "title_tokens": index_text(activity.topic, vocabulary),
        "tokens": index_text(text, vocabulary),
    }


def _save(key, fields, push=True):
    if fields is None:
        remove(key)
        return False
    document, _ = SearchDocument.objects.update_or_create(key=key, defaults=fields)
    index_changed()
    if push:
        elastic.push([document])
    return True


def index_page(page, vocabulary=None):
    """Index ``page`` if it is live and public, else remove it; returns whether indexed."""
    page = page.specific
    sites = list(Site.objects.select_related("root_page"))
    site = site_for_path(page.path, sites)
    fields = page_document(page, site, vocabulary or load_vocabulary(), _restricted_paths())
    return _save(f"page:{page.pk}", fields)


def index_activity(activity, vocabulary=None):
    from consultation.views import activity_urls

    url = activity_urls([activity]).get(activity.pk) if activity.platform.live else None
    fields = activity_document(activity, url, vocabulary or load_vocabulary()) if url else None
    return _save(f"activity:{activity.pk}", fields)


def remove(key):
    ids = list(SearchDocument.objects.filter(key=key).values_list("pk", flat=True))
    if ids:
        SearchDocument.objects.filter(pk__in=ids).delete()
        index_changed()
        elastic.delete(ids)


def reindex_containing(words, batch_size=500):
    """Re-tokenise the documents that contain any of ``words`` (after the vocabulary changed):
    found through the index itself, re-tokenised from their stored text — no page is read."""
    from .engine import Engine, Filters
    from .text import EMPTY, parse_query

    engine = Engine()
    everywhere = Filters(scope=list(Site.objects.values_list("pk", flat=True)))
    ids = set()
    for word in words:
        query = parse_query(word, EMPTY)
        if query:
            ids.update(engine.matching_ids(query, everywhere))
    vocabulary = load_vocabulary()
    documents = SearchDocument.objects.filter(pk__in=ids).order_by("pk")
    changed = []
    for document in documents.iterator(chunk_size=batch_size):
        document.title_tokens = index_text(document.title, vocabulary)
        document.tokens = index_text(document.text, vocabulary)
        document.save(update_fields=["title_tokens", "tokens"])
        changed.append(document)
        if len(changed) >= batch_size:
            elastic.push(changed)
            changed = []
    elastic.push(changed)
    index_changed()
    return len(ids)


def rebuild(batch_size=500, progress=None):
    """Index every page and activity again (after a vocabulary or pipeline change)."""
    from consultation.models import Activity
    from consultation.views import activity_urls

    vocabulary = load_vocabulary()
    sites = list(Site.objects.select_related("root_page"))
    restricted = _restricted_paths()
    seen = set()
    pages = Page.objects.live().specific().order_by("path").exclude(depth=1)
    with transaction.atomic():
        for page in pages.iterator(chunk_size=batch_size):
            site = site_for_path(page.path, sites)
            if _save(
                f"page:{page.pk}", page_document(page, site, vocabulary, restricted), push=False
            ):
                seen.add(f"page:{page.pk}")
            if progress:
                progress()
        activities = list(
            Activity.objects.public().select_related("platform").prefetch_related("steps")
        )
        urls = activity_urls(activities)
        for activity in activities:
            url = urls.get(activity.pk)
            if url and _save(
                f"activity:{activity.pk}", activity_document(activity, url, vocabulary), push=False
            ):
                seen.add(f"activity:{activity.pk}")
        SearchDocument.objects.exclude(key__in=seen).delete()
    index_changed()
    if elastic.configured():
        elastic.recreate_index()
        documents = SearchDocument.objects.order_by("pk")
        for start in range(0, documents.count(), batch_size):
            elastic.push(list(documents[start : start + batch_size]))
    return len(seen)
