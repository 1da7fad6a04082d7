"""The duty record (履职档案, 一届一人一档): compiled per term from the consultation and meeting
records, plus the items editors enter by hand (marked as such)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .people import MemberPage, SiteRecord, Term


class DutyEntryKind(models.TextChoices):
    PROPOSAL = "proposal", "提案"
    SOCIAL_INFO = "social_info", "社情民意信息"
    INSPECTION = "inspection", "视察调研"
    SPEECH = "speech", "会议发言"
    MEETING = "meeting", "出席会议"
    OTHER = "other", "其他"


class DutyEntry(SiteRecord):
    """A duty item the system does not record by itself (a proposal, a report), entered by an
    editor and shown as 手工录入."""

    member = models.ForeignKey(
        MemberPage, verbose_name="委员", on_delete=models.CASCADE, related_name="duty_entries"
    )
    kind = models.CharField("类别", max_length=20, choices=DutyEntryKind.choices)
    title = models.CharField("事项", max_length=200)
    date = models.DateField("日期", default=timezone.localdate)
    outcome = models.CharField(
        "结果", max_length=200, blank=True, help_text="如：立案、采纳、获批示"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    panels = [
        FieldPanel("member"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("outcome"),
    ]

    class Meta:
        verbose_name = "履职事项（手工录入）"
        verbose_name_plural = "履职事项（手工录入）"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["member", "date"], name="dutyentry_member_date")]

    def __str__(self):
        return self.title


@dataclass
class DutyRecord:
    """One member's record for one term; every list is read from the records, never stored."""

    member: MemberPage
    term: Term
    consultations: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    manual: list = field(default_factory=list)

    @property
    def suggestions_adopted(self):
        from consultation.models import ADOPTED_STATUSES

        return sum(1 for s in self.suggestions if s.status in ADOPTED_STATUSES)

    @property
    def is_empty(self):
        return not (
            self.consultations or self.topics or self.suggestions or self.meetings or self.manual
        )


def duty_record(member, term, public=True):
    """The record of ``member`` in ``term``: consultations attended (with their role), topics
    raised, suggestions made (with outcome), meetings reported as attended, hand entries.

    An activity counts in the term in which it was deliberated (or, not yet deliberated, last
    moved on); ``public`` leaves out activities at unpublished platforms and unpublished reports.
    """
    from consultation.models import Activity, MemberAttendance, Spine, Suggestion
    from news.models import MeetingAttendance

    start, end = term.starts_on, term.period_end
    activities = Activity.objects.all()
    if public:
        activities = activities.public()
    in_term = activities.filter(
        models.Q(held_on__range=(start, end))
        | models.Q(held_on__isnull=True, last_step_on__range=(start, end))
    )
    record = DutyRecord(member=member, term=term)
    record.consultations = list(
        MemberAttendance.objects.filter(member=member, activity__in=in_term)
        .select_related("activity", "activity__platform")
        .order_by("-activity__held_on", "-pk")
    )
    record.topics = list(
        in_term.filter(raised_by=member).select_related("platform").order_by("-held_on", "-pk")
    )
    suggestions = Suggestion.objects.filter(
        proposer=member, made_on__range=(start, end), activity__in=activities
    )
    if public:
        # Citizens see an activity's suggestions once it has been published (公开公示).
        suggestions = suggestions.filter(activity__current_step__gte=Spine.PUBLISH)
    record.suggestions = list(suggestions.select_related("activity").order_by("-made_on", "-pk"))
    meetings = MeetingAttendance.objects.filter(member=member, page__date__range=(start, end))
    if public:
        meetings = meetings.filter(page__live=True)
    record.meetings = list(meetings.select_related("page").order_by("-page__date", "-pk"))
    record.manual = list(member.duty_entries.filter(date__range=(start, end)))
    return record
