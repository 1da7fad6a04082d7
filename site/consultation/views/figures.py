"""The figures page of a committee (rolled up over its counties, with the figures of the county
methods they enabled) and its per-committee table, exported as XLSX or CSV."""

import csv
import io

from django.template.response import TemplateResponse
from wagtail.models import Site

from core.spreadsheets import safe_row

from .. import figures as figs
from .. import method_figures
from .common import committees
from .exports import attachment
from .period import period_query, scope_for_request


def figures_overview(request):
    site, scope, error = scope_for_request(request)
    enabled = method_figures.enabled_methods(scope)
    columns, by_site, totals = [], {}, []
    rows = []
    if len(scope.sites) > 1:
        columns, by_site, totals = method_figures.method_columns(scope, enabled)
        names = committees(scope.sites)
        rows = [
            (
                row_site,
                _name(row_site, names) if row_site else "合计",
                _row_query(row_site, scope),
                values,
                by_site[row_site.pk] if row_site else totals,
            )
            for row_site, values in figs.figures_by_site(scope)
        ]
    return TemplateResponse(
        request,
        "consultation/figures.html",
        {
            "method_figures": method_figures.method_figures(scope, enabled),
            "method_columns": [method_figures.column_label(m, f) for m, f in columns],
            "figures": figs.figures(scope),
            "by_level": figs.platforms_by_level(scope),
            "by_kind": figs.platforms_by_kind(scope),
            "rows": rows,
            "scope": scope,
            "period_error": error,
            "period_query": period_query(scope),
            "params": request.GET,
            "sites_count": len(scope.sites),
        },
    )


def figures_table(scope):
    """Header, rows and the columns' [(label, definition)] of the per-committee figures table:
    the core counters, then the figures of the methods the committees enabled; total last."""
    names = committees(list(Site.objects.filter(pk__in=scope.sites)))
    columns, by_site, totals = method_figures.method_columns(scope)
    header = ["政协"] + [f"{c.label}（{c.unit}）" for c in figs.COUNTERS]
    header += [method_figures.column_label(method, figure) for method, figure in columns]
    rows = []
    for site, values in figs.figures_by_site(scope):
        if site is None:
            name, extra = "合计", totals
        else:
            name, extra = _name(site, names), by_site[site.pk]
        rows.append([name] + [value for _, value in values] + extra)
    definitions = [(c.label, c.definition) for c in figs.COUNTERS] + [
        (f"{method.name}·{figure.label}", figure.definition) for method, figure in columns
    ]
    return header, rows, definitions


def _row_query(site, scope):
    """The drill-down's query for a row of the per-committee table: its committee (none for
    the total) and the period."""
    parts = [f"committee={site.pk}"] if site else []
    if period_query(scope):
        parts.append(period_query(scope))
    return "&".join(parts)


def _name(site, names):
    """The committee's display name (its settings'), else the site's name."""
    return names[site.pk].display_name if site.pk in names else site.site_name


def figures_export(request, fmt):
    site, scope, error = scope_for_request(request)
    header, rows, definitions = figures_table(scope)
    period = f"{scope.start or '不限'}至{scope.end or '不限'}"
    table = [["期间", period], header, *rows]
    content = _csv(table) if fmt == "csv" else _xlsx(table, definitions)
    return attachment(content, fmt, site, "协商数据", scope.start, scope.end, "figures")


def _csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    csv.writer(buffer).writerows(safe_row(row) for row in rows)
    return buffer.getvalue()


def _xlsx(rows, definitions):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "工作成效"
    for row in rows:
        sheet.append(safe_row(row))
    sheet.append([])
    sheet.append(["指标", "口径"])
    for label, definition in definitions:
        sheet.append(safe_row([label, definition]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
