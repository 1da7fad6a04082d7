"""Download responses of the figures pages: a file named after the committee, what it holds and
the period (平凉市政协-协商数据-2025年.xlsx), with an ASCII name beside it for old clients."""

import datetime
import re
from urllib.parse import quote

from django.http import HttpResponse

from core.models import CommitteeSettings

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Characters no file system takes in a name (and the header's own quote and backslash).
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def period_label(start, end):
    """The period in words: 2025年 for a calendar year, 全部年份 when open on both sides."""
    if start is None and end is None:
        return "全部年份"
    if (
        start
        and end
        and start.year == end.year
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    ):
        return f"{start.year}年"
    return f"{_day(start) or '不限'}至{_day(end) or '不限'}"


def _day(value):
    return value.isoformat() if isinstance(value, datetime.date) else ""


def _ascii_period(start, end):
    if start is None and end is None:
        return "all"
    label = period_label(start, end)
    if label.endswith("年"):
        return label[:-1]
    return f"{_day(start) or 'open'}_{_day(end) or 'open'}"


def filename(site, what, start, end, fmt, ascii_what="export"):
    """(UTF-8 name, ASCII fallback) of an export of ``site``'s ``what`` over a period."""
    settings = CommitteeSettings.for_site(site)
    committee = settings.display_name or site.site_name
    name = UNSAFE.sub("-", f"{committee}-{what}-{period_label(start, end)}")
    host = re.sub(r"[^a-z0-9-]", "", site.hostname.split(".")[0].lower()) or "cppcc"
    return f"{name}.{fmt}", f"{host}-{ascii_what}-{_ascii_period(start, end)}.{fmt}"


def attachment(content, fmt, site, what, start=None, end=None, ascii_what="export"):
    """An HttpResponse downloading ``content`` (RFC 6266: ``filename`` in ASCII for clients that
    read only that, ``filename*`` in UTF-8 per RFC 5987 for the rest)."""
    name, fallback = filename(site, what, start, end, fmt, ascii_what)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    return response
