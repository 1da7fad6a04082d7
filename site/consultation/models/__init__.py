"""The shared consultation backend every county's method plugs into (see docs/consultation.md)."""

from .activities import (
    Activity,
    ActivityFormat,
    ActivityStep,
    TopicCategory,
    TopicSource,
)
from .activity_index import ActivityIndexPage
from .case_studies import CaseStudyActivity, CaseStudyIndexPage, CaseStudyPage
from .participation import AttendanceRole, MemberAttendance, Participation
from .platform_rows import PlatformMember, PlatformPhoto
from .platforms import PlatformIndexPage, PlatformKind, PlatformLevel, PlatformPage
from .site_settings import ConsultationSettings
from .six_haves import PlatformEvidence, SixHaves
from .suggestions import ADOPTED_STATUSES, Suggestion, SuggestionStatus
from .vocabulary import ParticipantRole, Spine

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
