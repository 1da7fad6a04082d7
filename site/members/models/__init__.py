from .duty import DutyEntry, DutyEntryKind, DutyRecord, duty_record
from .organisation import LEADER_ROLES, LeadershipPage, OrganisationPage, current_leaders
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
    "LEADER_ROLES",
    "LeadershipPage",
    "MemberIndexPage",
    "MemberPage",
    "OrganisationPage",
    "Membership",
    "Role",
    "Sector",
    "SpecialCommittee",
    "Term",
    "current_leaders",
    "duty_record",
]
