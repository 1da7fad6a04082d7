"""Who took part in an activity: counts by role, and the named committee members whose duty
record (履职档案) lists it."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .vocabulary import ParticipantRole


class Participation(models.Model):
    """Who took part in an activity, by role: a count (person-times) and optional names."""

    # Indexed by the covering index below, which starts with the activity.
    activity = ParentalKey(
        "consultation.Activity",
        related_name="participants",
        on_delete=models.CASCADE,
        db_index=False,
    )
    role = models.CharField("身份", max_length=20, choices=ParticipantRole.choices)
    count = models.PositiveIntegerField("人次", default=1)
    names = models.CharField("姓名或单位", max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("count")]), FieldPanel("names")]

    class Meta:
        verbose_name = "参与人员"
        verbose_name_plural = "参与人员"
        indexes = [models.Index(fields=["activity", "count"], name="participation_activity_count")]

    def __str__(self):
        return f"{self.get_role_display()} {self.count} 人次"


class AttendanceRole(models.TextChoices):
    CONVENER = "convener", "召集人"
    HOST = "host", "主持"
    SPEAKER = "speaker", "发言"
    ATTENDEE = "attendee", "参加"


class MemberAttendance(models.Model):
    """A named committee member who took part in an activity, and in what role; this is what
    their duty record (履职档案) lists."""

    activity = ParentalKey(
        "consultation.Activity", related_name="member_attendances", on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        "members.MemberPage",
        verbose_name="委员",
        on_delete=models.CASCADE,
        related_name="activity_attendances",
    )
    role = models.CharField(
        "角色", max_length=20, choices=AttendanceRole.choices, default=AttendanceRole.ATTENDEE
    )

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("role")])]

    class Meta:
        verbose_name = "参加委员"
        verbose_name_plural = "参加委员"
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="one_attendance_per_member")
        ]

    def __str__(self):
        return f"{self.member.title}（{self.get_role_display()}）"
