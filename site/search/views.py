"""The search page `/search/?q=…` of every committee site, and its JSON form (`&format=json`).

A county searches its own content by default and can widen to its prefecture (`scope=all`);
a prefecture searches itself and every committee below it. Results come only from live,
public pages and public activities (search.indexing)."""

from dataclasses import dataclass, field, replace

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core import params
from core.committees import descendant_sites
from core.models import CommitteeSettings
from core.plugins import registry

from . import engine, result_cache, suggest
from .facets import FACET_PARAMS, facet_labels, link
from .models import load_vocabulary
from .snippets import highlight
from .text import MAX_QUERY_CHARS, fold, is_traditional, parse_query, to_traditional

PAGE_SIZE = 20
MAX_PAGE = 50


class SearchParams(params.QueryParams):
    # Long enough to tell the reader their query was cut to MAX_QUERY_CHARS.
    q = params.TextField(max_length=MAX_QUERY_CHARS * 4)
    scope = params.ChoiceField([("all", "all")])
    site = params.IdField()
    type = params.TextField(max_length=40)
    meeting = params.TextField(max_length=60)
    level = params.TextField(max_length=20)
    year = params.YearField()
    sort = params.ChoiceField([("date", "date")])
    page = params.PageField(max_value=MAX_PAGE)
    format = params.ChoiceField([("json", "json")])


def scope_sites(site, widen, settings):
    """(sites searched, the prefecture's site when a county widened, or None)."""
    if widen and settings.parent_site_id:
        parent = settings.parent_site
        return [parent, *descendant_sites(parent)], parent
    return [site, *descendant_sites(site)], None


def _disabled_methods(sites):
    """((site id, method key), …) switched off, for every site searched in one query."""
    keys = [method.key for method in registry.all()]
    enabled = registry.enabled_by_site([site.pk for site in sites]) if keys else {}
    return tuple(
        (site.pk, key)
        for site in sites
        for key in keys
        if key not in {method.key for method, _ in enabled.get(site.pk, ())}
    )


@dataclass
class Search:
    """What was asked: the parameters read, the sites searched and the query parsed."""

    given: dict
    site: Site | None
    own: CommitteeSettings | None
    sites: list
    widened_to: Site | None
    site_names: dict  # pk → the Site, for the sites searched
    committees: dict  # site pk → CommitteeSettings
    parsed: object  # text.ParsedQuery, or None for nothing to search
    traditional: bool  # rows in Traditional script: the reader's reading mode (JSON only)
    filters: engine.Filters

    @property
    def q(self):
        return self.given["q"]

    @property
    def widen(self):
        return self.given["scope"] == "all"

    @property
    def order(self):
        return "date" if self.given["sort"] == "date" else "relevance"

    @property
    def page_number(self):
        return self.given["page"]

    @property
    def as_json(self):
        return self.given["format"] == "json"


@dataclass
class Found:
    """The engine's answer, as the rows the page lists: what search.result_cache keeps."""

    results: list = field(default_factory=list)  # rows of _row(); see _present()
    total: int = 0
    facets: dict = field(default_factory=dict)
    approximate: str = ""  # "", "about" or "over"
    notice: str = ""
    message: str = ""
    used_order: str = ""
    suggestion: str = ""  # 您是不是要找: a query that finds something, for one that found nothing


def search_view(request):
    search = _read(request)
    found = _run(search)
    if search.as_json:
        return _json_response(request, search, found)
    return render(request, "search/search_results.html", _page_context(request, search, found))


def _read(request):
    """The request's search: its parameters, scope and filters."""
    site = Site.find_for_request(request)
    given = SearchParams(request.GET).values
    own = CommitteeSettings.for_site(site) if site else None
    sites, widened_to = scope_sites(site, given["scope"] == "all", own) if site else ([], None)
    site_names = {s.pk: s for s in sites}
    return Search(
        given=given,
        site=site,
        own=own,
        sites=sites,
        widened_to=widened_to,
        site_names=site_names,
        committees={c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)},
        parsed=parse_query(given["q"], load_vocabulary()) if given["q"] else None,
        traditional=given["format"] == "json" and reads_traditional(request),
        filters=engine.Filters(
            scope=list(site_names),
            site_id=given["site"] if given["site"] in site_names else None,
            kind=given["type"],
            meeting_type=given["meeting"],
            platform_level=given["level"],
            year=given["year"],
            excluded_methods=_disabled_methods(sites),
        ),
    )


def reads_traditional(request):
    """Whether the reader chose 繁體 (public.middleware.TraditionalScriptMiddleware, a layer
    above, marks the request). The script of the query does not matter: results come in the
    reader's script. An HTML page is rendered in Simplified and converted as a whole by that
    middleware; the JSON form is converted here."""
    return getattr(request, "reads_traditional", False)


def _query_message(q, parsed):
    """What the reader is told about their query itself."""
    if q and not parsed:
        return "搜索词中没有可以搜索的文字，请输入中文词语、拼音、英文或数字。"
    if len(q) > MAX_QUERY_CHARS:
        return f"搜索词过长，只按前 {MAX_QUERY_CHARS} 个字搜索。"
    return ""


def _run(search):
    """The answer, from the result cache when this page of this search was asked for since the
    index last changed; the messages about the query itself are worked out afresh."""
    message = _query_message(search.q, search.parsed)
    if not search.parsed:
        return Found(message=message)
    key = result_cache.key(
        search.site.pk if search.site else None,
        search.q[:MAX_QUERY_CHARS],
        search.parsed,
        search.traditional,
        search.filters,
        search.order,
        search.page_number,
        not search.as_json,
    )
    found = result_cache.get(key)
    if found is None:
        found = _search(search)
        if not found.notice:  # the cluster's outage is news only while it lasts
            result_cache.put(key, found)
    if not message and found.used_order == "date-many":
        message = _many_message(found.total, found.approximate)
    return replace(found, message=message)


def _search(search):
    ids, total, used_order, facets, notice, approximate = engine.run(
        search.parsed,
        search.filters,
        order=search.order,
        offset=(search.page_number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        with_facets=not search.as_json,
    )
    found = Found(
        total=total, facets=facets, approximate=approximate, notice=notice, used_order=used_order
    )
    found.results = [_row(doc, search) for doc in engine.documents(ids)]
    if not found.total:
        found.suggestion = suggest.suggest(search.q, search.filters, load_vocabulary()) or ""
        # A corrected query: in the script the reader typed it in, like the query itself.
        if found.suggestion and is_traditional(search.q):
            found.suggestion = to_traditional(found.suggestion)
    return found


def _row(doc, search):
    """A result as cached: no committee name or host, which _present() adds per request."""
    title = fold(doc.title)
    title = to_traditional(title) if search.traditional else title
    return {
        "title": title,
        "path": doc.url,
        "site_id": doc.site_id,
        "type": doc.kind_label,
        "date": doc.date.isoformat() if doc.date else None,
        "snippet": str(highlight(doc.text, search.parsed.display_terms, search.traditional)),
    }


def _present(row, search):
    """A cached row as listed: the committee's current name, a link to another committee's site
    with its host."""
    site_id = row["site_id"]
    committee = search.committees.get(site_id)
    site = search.site_names.get(site_id)
    url = row["path"]
    if site is not None and site_id != search.site.pk:
        url = f"{site.root_url}{url}"
    return {
        "title": row["title"],
        "url": url,
        "type": row["type"],
        "site": committee.display_name if committee else (site.site_name if site else ""),
        "date": row["date"],
        "snippet": mark_safe(row["snippet"]),  # escaped by snippets.highlight
    }


def _many_message(total, approximate):
    """Too many matches to rank: the engine listed them newest first."""
    count = {"about": f"约 {total} 条", "over": f"{total} 条以上"}.get(approximate, f"{total} 条")
    return f"找到的结果较多（{count}），已按日期从新到旧排列；加一个词可以缩小范围。"


def _suggestion(found, request):
    """The 您是不是要找 query and its link: this search with only the words changed (its scope and
    filters kept, since the suggestion was checked to find something within them)."""
    if not found.suggestion:
        return {}
    return {"suggestion": {"q": found.suggestion, "url": link(request, q=found.suggestion)}}


def _json_response(request, search, found):
    return JsonResponse(
        {
            "query": search.q[:MAX_QUERY_CHARS],
            "total": found.total,
            "total_is_estimate": bool(found.approximate),
            "message": found.message,
            "notice": found.notice,
            "results": [_present(row, search) for row in found.results],
            **_suggestion(found, request),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _page_context(request, search, found):
    filters = search.filters
    pages = min((found.total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_PAGE)
    return {
        "q": search.q[:MAX_QUERY_CHARS],
        "message": found.message,
        "notice": found.notice,
        "results": [_present(row, search) for row in found.results],
        "total": found.total,
        **_suggestion(found, request),
        "approximate": found.approximate,
        "order": search.order,
        "page_number": search.page_number,
        "pages": pages,
        "filters": filters,
        "facets": facet_labels(
            found.facets, search.committees, search.site_names, request, filters
        ),
        "filtered": any(
            getattr(filters, f) not in ("", None) for f in FACET_PARAMS if f != "site_id"
        )
        or filters.site_id is not None,
        **_navigation(request, search.page_number, pages),
        "widen": search.widen,
        "widened_to": search.widened_to,
        "can_widen": bool(search.own and search.own.parent_site_id),
    }


def _navigation(request, page_number, pages):
    """The links to re-sort, turn the page and change the scope."""
    return {
        "sort_urls": {
            "relevance": link(request, sort=None),
            "date": link(request, sort="date"),
        },
        "prev_url": link(request, page=page_number - 1) if page_number > 1 else None,
        "next_url": link(request, page=page_number + 1) if page_number < pages else None,
        "own_url": link(request, scope=None),
        "widen_url": link(request, scope="all"),
    }
