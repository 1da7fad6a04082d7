"""What the consultation pages share: committee labels on lists spanning counties, the query
string without its page number, and the query parameters each page reads (core.params:
missing or invalid reads as absent)."""

from core import params
from core.committees import site_for_path
from core.models import CommitteeSettings
from core.paginator import KnownCountPaginator  # noqa: F401 - re-exported

from ..models import PlatformLevel, Spine


def committees(sites):
    return {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}


def label_committees(items, sites, path_of=lambda item: item.path):
    """Mark each item with the committee it belongs to (for lists spanning counties)."""
    found = committees(sites)
    for item in items:
        site = site_for_path(path_of(item), sites)
        item.committee = found.get(site.pk) if site else None


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PlatformParams(params.QueryParams):
    level = params.ChoiceField(PlatformLevel.choices)
    kind = params.TextField(max_length=60)
    page = params.PageField()


class RecordParams(PlatformParams):
    """The drill-down of a figure: PlatformParams, and one committee of the scope (the
    per-committee table's row)."""

    committee = params.IdField()


COMPLIANCE_STATUSES = {"missing": "未达标", "compliant": "达标"}


class BoardParams(params.QueryParams):
    status = params.ChoiceField(list(COMPLIANCE_STATUSES.items()), initial="missing")
    page = params.PageField()


class ActivityParams(params.QueryParams):
    step = params.TypedChoiceField(Spine.choices, coerce=int)
    format = params.TextField(max_length=60)
    category = params.TextField(max_length=60)
    level = params.ChoiceField(PlatformLevel.choices)
    year = params.YearField()
    page = params.PageField()


class CaseStudyParams(params.QueryParams):
    county = params.IdField()
    kind = params.TextField(max_length=60)
    method = params.TextField(max_length=60)
    category = params.TextField(max_length=60)
    page = params.PageField()


class PeriodParams(params.QueryParams):
    year = params.YearField()
    start = params.DateField()
    end = params.DateField()

    def __init__(self, query):
        # ``from`` is a Python keyword: the dates are read under their query names.
        super().__init__(
            {"year": query.get("year"), "start": query.get("from"), "end": query.get("to")}
        )
