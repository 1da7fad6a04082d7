"""The shared consultation backend every county's method plugs into (see docs/consultation.md)."""

from .activities import (
    ADOPTED_STATUSES,
    Activity,
    ActivityFormat,
    ActivityIndexPage,
    ActivityStep,
    AttendanceRole,
    MemberAttendance,
    ParticipantRole,
    Participation,
    Spine,
    Suggestion,
    SuggestionStatus,
    TopicCategory,
    TopicSource,
)
from .case_studies import CaseStudyActivity, CaseStudyIndexPage, CaseStudyPage
from .platforms import (
    PlatformEvidence,
    PlatformIndexPage,
    PlatformKind,
    PlatformLevel,
    PlatformMember,
    PlatformPage,
    PlatformPhoto,
    SixHaves,
)
from .site_settings import ConsultationSettings

__all__ = [
    "ADOPTED_STATUSES",
    "Activity",
    "ActivityFormat",
    "ActivityIndexPage",
    "ActivityStep",
    "AttendanceRole",
    "MemberAttendance",
    "CaseStudyActivity",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "ConsultationSettings",
    "Participation",
    "ParticipantRole",
    "PlatformEvidence",
    "PlatformIndexPage",
    "PlatformKind",
    "PlatformLevel",
    "PlatformMember",
    "PlatformPage",
    "PlatformPhoto",
    "SixHaves",
    "Spine",
    "Suggestion",
    "SuggestionStatus",
    "TopicCategory",
    "TopicSource",
]
