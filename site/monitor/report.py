"""A run's findings as the admin shows them and as the XLSX report writes them."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from core.models import CommitteeSettings
from core.spreadsheets import safe_row

from .models import FindingKind
from .run import latest_run

COLUMNS = ["问题类别", "对象", "地址", "所在页面", "说明", "未更新天数", "次数"]
# The order a report lists the kinds in: what fails an inspection first.
KIND_ORDER = [
    FindingKind.STALE_NEWS,
    FindingKind.STALE_SECTION,
    FindingKind.DEAD_INTERNAL,
    FindingKind.DEAD_EXTERNAL,
    FindingKind.FOOTER,
    FindingKind.ALT_TEXT,
    FindingKind.NOT_FOUND,
]


def committee_name(site):
    return CommitteeSettings.for_site(site).display_name


def grouped(run):
    """[(kind label, kind, [finding])] for every kind, in report order."""
    findings = list(run.findings.all()) if run else []
    return [
        (kind.label, kind.value, [f for f in findings if f.kind == kind.value])
        for kind in KIND_ORDER
    ]


def overview(sites):
    """One row per site: the committee, its latest run and that run's counts by kind."""
    rows = []
    for site in sites:
        run = latest_run(site.pk)
        counts = run.summary if run else {}
        rows.append(
            {
                "site": site,
                "name": committee_name(site),
                "run": run,
                "counts": [counts.get(kind.value, 0) for kind in KIND_ORDER],
            }
        )
    return rows


def xlsx_response(site, run, county_rows=()):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "监测结果"
    name = committee_name(site)
    sheet.append(safe_row(["政协", name]))
    sheet.append(["监测时间", _when(run)])
    if run is not None:
        sheet.append(["检查页面数", run.pages_crawled])
        sheet.append(["检查外部链接数", run.external_checked])
        if run.error:
            sheet.append(safe_row(["运行错误", run.error]))
    sheet.append([])
    sheet.append(COLUMNS)
    for label, _kind, findings in grouped(run):
        for f in findings:
            sheet.append(safe_row([label, f.subject, f.url, f.found_on, f.detail, f.days, f.count]))
    if county_rows:
        counties = workbook.create_sheet("下级政协")
        counties.append(["政协", "监测时间", *[kind.label for kind in KIND_ORDER]])
        for row in county_rows:
            counties.append(safe_row([row["name"], _when(row["run"]), *row["counts"]]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    day = timezone.localdate(run.started_at) if run else timezone.localdate()
    response["Content-Disposition"] = attachment(
        f"网站监测-{name}-{day:%Y-%m-%d}.xlsx", f"site-monitor-{site.pk}-{day:%Y-%m-%d}.xlsx"
    )
    return response


def attachment(filename, fallback):
    """Content-Disposition with an ASCII ``filename`` for old clients and the real name as
    ``filename*`` (RFC 6266, RFC 5987)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _when(run):
    if run is None:
        return "尚未监测"
    return f"{timezone.localtime(run.started_at):%Y-%m-%d %H:%M}"
