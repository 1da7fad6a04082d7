"""Opinions and suggestions (意见建议) raised in an activity and followed to their outcome."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class SuggestionStatus(models.TextChoices):
    PROPOSED = "proposed", "提出"
    ADOPTED = "adopted", "采纳"
    IN_PROGRESS = "in_progress", "办理中"
    SOLVED = "solved", "已解决"
    NOT_ADOPTED = "not_adopted", "未采纳"


ADOPTED_STATUSES = [SuggestionStatus.ADOPTED, SuggestionStatus.IN_PROGRESS, SuggestionStatus.SOLVED]


class Suggestion(models.Model):
    """An opinion or suggestion (意见建议) raised in an activity, followed to its outcome."""

    # Indexed by the covering index below, which starts with the activity.
    activity = ParentalKey(
        "consultation.Activity",
        related_name="suggestions",
        on_delete=models.CASCADE,
        db_index=False,
    )
    content = models.TextField("内容", max_length=2000)
    proposed_by = models.CharField("提出人", max_length=100, blank=True)
    proposer = models.ForeignKey(
        "members.MemberPage",
        verbose_name="提出委员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions_made",
        help_text="由委员提出时选择，计入其履职档案",
    )
    made_on = models.DateField("提出日期", default=timezone.localdate, db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PROPOSED
    )
    responsible_department = models.CharField("承办部门", max_length=100, blank=True)
    response = models.TextField("部门答复", max_length=2000, blank=True)
    resolved_on = models.DateField(
        "解决日期",
        null=True,
        blank=True,
        db_index=True,
        help_text="状态为“已解决”时填写；留空则记为当天",
    )

    panels = [
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("proposed_by"), FieldPanel("proposer"), FieldPanel("made_on")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("resolved_on")]),
        FieldPanel("responsible_department"),
        FieldPanel("response"),
    ]

    class Meta:
        ordering = ["pk"]
        verbose_name = "意见建议"
        verbose_name_plural = "意见建议"
        indexes = [
            # Covers every suggestion counter grouped by the activity's committee. (An index
            # on (status, made_on) made SQLite's planner scan all committees for one county.)
            models.Index(
                fields=["activity", "status", "made_on", "resolved_on"],
                name="suggestion_activity_covering",
            ),
        ]

    def __str__(self):
        return self.content[:40]

    def save(self, *args, **kwargs):
        if self.status == SuggestionStatus.SOLVED and not self.resolved_on:
            self.resolved_on = timezone.localdate()
        elif self.status != SuggestionStatus.SOLVED:
            self.resolved_on = None
        super().save(*args, **kwargs)
