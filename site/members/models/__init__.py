from .duty import DutyEntry, DutyEntryKind, DutyRecord, duty_record
from .people import (
    Gender,
    MemberIndexPage,
    MemberPage,
    Membership,
    Role,
    Sector,
    SpecialCommittee,
    Term,
)

__all__ = [
    "DutyEntry",
    "DutyEntryKind",
    "DutyRecord",
    "Gender",
    "MemberIndexPage",
    "MemberPage",
    "Membership",
    "Role",
    "Sector",
    "SpecialCommittee",
    "Term",
    "duty_record",
]
