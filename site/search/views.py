"""The search page `/search/?q=…` of every committee site, and its JSON form (`&format=json`).

A county searches its own content by default and can widen to its prefecture (`scope=all`);
a prefecture searches itself and every committee below it. Results come only from live,
public pages and public activities (search.indexing)."""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core import params
from core.committees import descendant_sites
from core.models import CommitteeSettings
from core.plugins import registry

from . import engine
from .models import load_vocabulary
from .text import MAX_QUERY_CHARS, fold, is_traditional, parse_query, to_traditional

PAGE_SIZE = 20
MAX_PAGE = 50
SNIPPET_CHARS = 120


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


def highlight(text, terms, traditional=False):
    """A window of ``text`` around the first term, terms wrapped in <mark>, in the reader's
    script (``text`` may be in either)."""
    # Matched, cut and shown in Simplified; converted to Traditional for a Traditional query.
    text = folded = fold(text)
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.I) if terms else None
    first = pattern.search(folded) if pattern else None
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    window = folded_window = folded[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(folded_window) if pattern else ():
        pieces.append((window[position : match.start()], False))
        pieces.append((window[match.start() : match.end()], True))
        position = match.end()
    pieces.append((window[position:], False))
    html = "".join(
        f"<mark>{escape(to_traditional(p) if traditional else p)}</mark>"
        if marked
        else escape(to_traditional(p) if traditional else p)
        for p, marked in pieces
    )
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))


def _disabled_methods(sites):
    keys = [method.key for method in registry.all()]
    return tuple(
        (site.pk, key) for site in sites for key in keys if not registry.is_enabled(key, site)
    )


def search_view(request):
    site = Site.find_for_request(request)
    given = SearchParams(request.GET).values
    q = given["q"]
    widen = given["scope"] == "all"
    own = CommitteeSettings.for_site(site) if site else None
    sites, widened_to = scope_sites(site, widen, own) if site else ([], None)
    site_names = {s.pk: s for s in sites}
    committees = {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}
    traditional = is_traditional(q)
    parsed = parse_query(q, load_vocabulary()) if q else None
    message = ""
    if len(q) > MAX_QUERY_CHARS:
        message = f"搜索词过长，只按前 {MAX_QUERY_CHARS} 个字搜索。"
    if q and not parsed:
        message = "搜索词中没有可以搜索的文字，请输入中文词语、拼音、英文或数字。"
    filters = engine.Filters(
        scope=list(site_names),
        site_id=given["site"] if given["site"] in site_names else None,
        kind=given["type"],
        meeting_type=given["meeting"],
        platform_level=given["level"],
        year=given["year"],
        excluded_methods=_disabled_methods(sites),
    )
    order = "date" if given["sort"] == "date" else "relevance"
    page_number = given["page"]
    results, total, facets, approximate = [], 0, {}, ""
    notice = ""
    if parsed:
        ids, total, used_order, facets, notice, approximate = engine.run(
            parsed,
            filters,
            order=order,
            offset=(page_number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            with_facets=given["format"] != "json",
        )
        for doc in engine.documents(ids):
            committee = committees.get(doc.site_id)
            url = doc.url if doc.site_id == site.pk else f"{doc.site.root_url}{doc.url}"
            title = to_traditional(fold(doc.title)) if traditional else fold(doc.title)
            results.append(
                {
                    "title": title,
                    "url": url,
                    "type": doc.kind_label,
                    "site": committee.display_name if committee else doc.site.site_name,
                    "date": doc.date.isoformat() if doc.date else None,
                    "snippet": highlight(doc.text, parsed.display_terms, traditional),
                }
            )
        if used_order == "date-many":
            count = {"about": f"约 {total} 条", "over": f"{total} 条以上"}.get(
                approximate, f"{total} 条"
            )
            message = message or (
                f"找到的结果较多（{count}），已按日期从新到旧排列；加一个词可以缩小范围。"
            )
    if given["format"] == "json":
        return JsonResponse(
            {
                "query": q[:MAX_QUERY_CHARS],
                "total": total,
                "total_is_estimate": bool(approximate),
                "message": message,
                "notice": notice,
                "results": [{**r, "snippet": str(r["snippet"])} for r in results],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    return render(
        request,
        "search/search_results.html",
        {
            "q": q[:MAX_QUERY_CHARS],
            "message": message,
            "notice": notice,
            "results": results,
            "total": total,
            "approximate": approximate,
            "order": order,
            "page_number": page_number,
            "pages": min(pages, MAX_PAGE),
            "filters": filters,
            "facets": _facet_labels(facets, committees, site_names, request, filters),
            "filtered": any(
                getattr(filters, f) not in ("", None) for f in FACET_PARAMS if f != "site_id"
            )
            or filters.site_id is not None,
            "sort_urls": {
                "relevance": _link(request, sort=None),
                "date": _link(request, sort="date"),
            },
            "prev_url": _link(request, page=page_number - 1) if page_number > 1 else None,
            "next_url": _link(request, page=page_number + 1)
            if page_number < min(pages, MAX_PAGE)
            else None,
            "own_url": _link(request, scope=None),
            "widen_url": _link(request, scope="all"),
            "widen": widen,
            "widened_to": widened_to,
            "can_widen": bool(own and own.parent_site_id),
            "traditional": traditional,
        },
    )


def _link(request, **changes):
    """This search's query string with ``changes`` (None removes a parameter); any change other
    than the page number goes back to page 1."""
    query = request.GET.copy()
    query.pop("format", None)
    if "page" not in changes:
        query.pop("page", None)
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = str(value)
    return "?" + query.urlencode()


FACET_PARAMS = {
    "site_id": "site",
    "kind": "type",
    "meeting_type": "meeting",
    "platform_level": "level",
    "year": "year",
}


def _facet_labels(facets, committees, sites, request=None, filters=None):
    from consultation.models import PlatformLevel
    from news.models import MeetingType

    from .models import SearchDocument

    meeting_names = dict(MeetingType.objects.values_list("slug", "name"))
    kind_labels = dict(SearchDocument.objects.values_list("kind", "kind_label").distinct())
    level_labels = dict(PlatformLevel.choices)
    labelled = {}
    for facet, rows in facets.items():
        items = []
        for value, count in rows:
            if facet == "site_id":
                c = committees.get(value)
                label = c.display_name if c else sites[value].site_name
            elif facet == "meeting_type":
                label = meeting_names.get(value, value)
            elif facet == "platform_level":
                label = level_labels.get(value, value)
            elif facet == "kind":
                label = kind_labels.get(value, value)
            else:
                label = str(value)
            param = FACET_PARAMS[facet]
            selected = str(getattr(filters, facet)) == str(value)
            items.append(
                {
                    "label": label,
                    "count": count,
                    "selected": selected,
                    "url": _link(request, **{param: None if selected else value}),
                }
            )
        labelled[facet] = items
    return labelled
