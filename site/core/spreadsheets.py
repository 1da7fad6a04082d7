"""Spreadsheet (CSV/XLSX) formula injection: text that a citizen, member or imported file put
in a field must never run as a formula on the machine of the editor who opens an export.

Following OWASP's CSV-injection guidance and ASVS 5.0 §1.2.10, a text cell that starts with
= + - @, a tab, a carriage return or a NUL gets a leading apostrophe, in CSV and XLSX alike
(one rule, the same text in both files). Numbers, dates and empty cells are left alone, so
negative figures stay numbers. Every export goes through ``safe_cell``: the project's own
(figures) directly, Wagtail's listing exports (reports, ``list_export`` of any ModelViewSet or
snippet) through ``defuse_wagtail_exports``, installed once by ``core.apps``."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def starts_like_formula(value):
    """Whether a spreadsheet would read ``value`` (text) as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """``value`` as it may be written to a CSV or XLSX cell."""
    if starts_like_formula(value):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def defuse_wagtail_exports():
    """Wagtail's ``SpreadsheetExportMixin`` writes CSV cells as they are (its XLSX export only
    keeps a leading "=" from becoming a formula cell). Every cell of both formats passes through
    its ``preprocess_field_value``: wrap that one method, so that every listing export, present
    or added later, is covered without code of its own. Idempotent."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "defused", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(original(self, field, value, export_format))

    preprocess_field_value.defused = True
    preprocess_field_value.__doc__ = original.__doc__
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
