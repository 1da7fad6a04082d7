"""What a meeting report records beyond its text: the reports the meeting reviewed and the
members who attended (listed in their duty records)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .pages import NewsPage


class ReportOutcome(models.TextChoices):
    REVIEWED = "reviewed", "审议"
    ADOPTED = "adopted", "审议通过"
    HEARD = "heard", "听取"
    CONSULTED = "consulted", "协商通过"


class ReviewedReport(Orderable):
    """A report a meeting reviewed or adopted (审议/审议通过《…》)."""

    page = ParentalKey(NewsPage, related_name="reviewed_reports", on_delete=models.CASCADE)
    title = models.CharField("报告名称", max_length=200, help_text="不含书名号")
    outcome = models.CharField(
        "结果", max_length=20, choices=ReportOutcome.choices, default=ReportOutcome.REVIEWED
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("outcome"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "审议的报告"
        verbose_name_plural = "审议的报告"

    def __str__(self):
        return f"{self.get_outcome_display()}《{self.title}》"

    def clean(self):
        super().clean()
        self.title = self.title.strip().strip("《》")


class MeetingAttendance(Orderable):
    """A member reported as attending the meeting: listed in their duty record (履职档案)."""

    page = ParentalKey(NewsPage, related_name="member_attendances", on_delete=models.CASCADE)
    member = models.ForeignKey(
        "members.MemberPage",
        verbose_name="委员",
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
    )

    panels = [FieldPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = "出席委员"
        verbose_name_plural = "出席委员"
        constraints = [
            models.UniqueConstraint(fields=["page", "member"], name="one_attendance_per_meeting")
        ]

    def __str__(self):
        return self.member.title
