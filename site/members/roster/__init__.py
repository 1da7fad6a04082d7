"""Import a committee's roster (XLSX or CSV) into member pages, accounts, groups and
memberships. Re-running updates, never duplicates (members are keyed by their 编号 within the
committee); a bad row is reported with its line number and skipped, the good rows are kept.

files: the file read into rows; rows: a row checked; member: a checked row imported;
importer: the whole roster and its RosterReport."""

from .files import COLUMNS, RosterError, read_rows
from .importer import (
    MAX_ROWS,
    RosterReport,
    ensure_committee_moderation,
    import_roster,
    member_index_for,
)
from .rows import FORMULA_CHECKED, GENDERS, REQUIRED, ROLES

__all__ = [
    "COLUMNS",
    "FORMULA_CHECKED",
    "GENDERS",
    "MAX_ROWS",
    "REQUIRED",
    "ROLES",
    "RosterError",
    "RosterReport",
    "ensure_committee_moderation",
    "import_roster",
    "member_index_for",
    "read_rows",
]
