"""The period and committees the figures pages count over, read from the request."""

import datetime

from django.http import Http404
from wagtail.models import Site

from core import params

from .. import figures as figs
from .common import PeriodParams


def parse_period(query):
    """(start, end, error) from ``?year=`` or ``?from=&to=``; bad input is explained, not raised."""
    given = PeriodParams(query)
    year = given.values["year"]
    if year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), ""
    if "year" in given.invalid:
        return (
            None,
            None,
            f"年份应为 {params.MIN_YEAR} 至 {params.MAX_YEAR} 之间的四位数字，如 2023。"
            "已显示全部时间的数据。",
        )
    start, end = given.values["start"], given.values["end"]
    if given.invalid:
        return (
            None,
            None,
            "日期格式应为 YYYY-MM-DD，如 2023-06-30，"
            f"且在 {params.MIN_YEAR} 至 {params.MAX_YEAR} 年之间。已显示全部时间的数据。",
        )
    if start and end and start > end:
        return None, None, "开始日期晚于结束日期。已显示全部时间的数据。"
    return start, end, ""


def scope_for_request(request):
    """(site, scope rolled up over its counties, period error) of a figures request."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    start, end, error = parse_period(request.GET)
    return site, figs.Scope.for_site(site, start, end), error


def period_query(scope):
    parts = []
    if scope.start:
        parts.append(f"from={scope.start.isoformat()}")
    if scope.end:
        parts.append(f"to={scope.end.isoformat()}")
    return "&".join(parts)
