"""The search page's links: this search with a parameter changed, and the facet counts as
labelled links that add or remove their filter."""


def link(request, **changes):
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


def _kind_labels(documents):
    """Content type → its label: a pass over every document, so kept until the index changes."""
    from django.core.cache import cache

    from .engine import FACET_CACHE_SECONDS, generation

    key = f"search:kind-labels:{generation()}"
    labels = cache.get(key)
    if labels is None:
        labels = dict(documents.objects.values_list("kind", "kind_label").distinct())
        cache.set(key, labels, FACET_CACHE_SECONDS)
    return labels


FACET_PARAMS = {
    "site_id": "site",
    "kind": "type",
    "meeting_type": "meeting",
    "platform_level": "level",
    "year": "year",
}


def facet_labels(facets, committees, sites, request=None, filters=None):
    from consultation.models import PlatformLevel
    from news.models import MeetingType

    from .models import SearchDocument

    meeting_names = dict(MeetingType.objects.values_list("slug", "name"))
    kind_labels = _kind_labels(SearchDocument)
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
                    "url": link(request, **{param: None if selected else value}),
                }
            )
        labelled[facet] = items
    return labelled
