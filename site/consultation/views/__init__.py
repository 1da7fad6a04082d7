"""Public views of the consultation records, one module per kind of page: platform lists and
the 六有 board, activity timelines, case-study filters, the figures (overview, table and
export) and their drill-down. Other apps import the names below from here."""

from .activities import activity_detail, activity_list, activity_urls
from .case_studies import case_study_list_context
from .common import (
    COMPLIANCE_STATUSES,
    ActivityParams,
    BoardParams,
    CaseStudyParams,
    KnownCountPaginator,
    PeriodParams,
    PlatformParams,
)
from .figures import figures_export, figures_overview, figures_table
from .period import parse_period
from .platforms import compliance_board, platform_list
from .records import figures_records

__all__ = [
    "COMPLIANCE_STATUSES",
    "ActivityParams",
    "BoardParams",
    "CaseStudyParams",
    "KnownCountPaginator",
    "PeriodParams",
    "PlatformParams",
    "activity_detail",
    "activity_list",
    "activity_urls",
    "case_study_list_context",
    "compliance_board",
    "figures_export",
    "figures_overview",
    "figures_records",
    "figures_table",
    "parse_period",
    "platform_list",
]
