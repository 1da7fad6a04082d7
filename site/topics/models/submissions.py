"""A citizen's submission and each committee's rules for them. Its personal data (name, mobile
number) is encrypted at rest and erased a stated number of days after it is closed; the
citizen follows it with a receipt code, of which only a digest is stored."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .. import crypto


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", "已受理"
    ACCEPTED = "accepted", "已采纳为协商议题"
    DECLINED = "declined", "未采纳"
    MERGED = "merged", "已合并办理"


def code_digest(code):
    return hashlib.sha256(code.encode()).hexdigest()


@register_setting(icon="mail")
class TopicSettings(BaseSiteSetting):
    """Each committee states how long it keeps contact details, and how eagerly repeated
    submissions are merged."""

    retention_days = models.PositiveSmallIntegerField(
        "联系方式保存期限（天）",
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text="议题办结（未采纳、合并或结果反馈）后超过此天数，删除提交人的姓名和手机号码。"
        "修改只对此后的提交生效：已提交的按提交时告知的期限处理。",
    )
    duplicate_window_hours = models.PositiveSmallIntegerField(
        "重复提交合并时限（小时）",
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text="同一手机号码在此时限内再次提交相同标题的议题，自动并入先前的提交。",
    )

    panels = [FieldPanel("retention_days"), FieldPanel("duplicate_window_hours")]

    class Meta:
        verbose_name = "群众议题设置"
        verbose_name_plural = "群众议题设置"


class TopicSubmissionQuerySet(models.QuerySet):
    def due_for_anonymisation(self, now=None):
        now = now or timezone.now()
        return self.filter(anonymised_at__isnull=True, purge_after__lte=now)


class TopicSubmission(models.Model):
    site = models.ForeignKey(
        Site,
        verbose_name="所属政协站点",
        on_delete=models.CASCADE,
        editable=False,
        related_name="topic_submissions",
    )
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    title = models.CharField("议题", max_length=60)
    description = models.TextField("具体情况", max_length=2000)
    place = models.CharField("所在村（社区）", max_length=60)
    platform = models.ForeignKey(
        "consultation.PlatformPage",
        verbose_name="协商平台",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_submissions",
    )
    category = models.ForeignKey(
        "consultation.TopicCategory",
        verbose_name="议题类别",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_submissions",
    )
    # Personal data: encrypted, erased by anonymise_topic_submissions after purge_after.
    name_encrypted = models.TextField(blank=True, editable=False)
    mobile_encrypted = models.TextField(blank=True, editable=False)
    mobile_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    consented_at = models.DateTimeField("同意告知时间", editable=False)
    retention_days = models.PositiveSmallIntegerField(
        "告知的保存期限（天）", editable=False, help_text="提交时告知提交人的期限"
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)

    status = models.CharField(
        "办理状态",
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.RECEIVED,
        db_index=True,
    )
    activity = models.ForeignKey(
        "consultation.Activity",
        verbose_name="协商活动",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citizen_topics",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="并入",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    auto_merged = models.BooleanField("自动合并", default=False, editable=False)
    decision_reason = models.TextField("说明（对提交人公开）", max_length=500, blank=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purge_after = models.DateTimeField("联系方式删除时间", null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField("联系方式已删除", null=True, blank=True)

    objects = TopicSubmissionQuerySet.as_manager()
    # Private records: never shown on the usage pages of platforms, categories or activities.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "群众议题"
        verbose_name_plural = "群众议题"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["site", "status", "submitted_at"], name="topic_inbox")]

    def __str__(self):
        return self.title

    # Personal data ---------------------------------------------------------------------

    def set_contact(self, name, mobile):
        self.name_encrypted = crypto.encrypt(name)
        self.mobile_encrypted = crypto.encrypt(mobile)
        self.mobile_digest = crypto.digest(mobile)

    @property
    def name(self):
        return crypto.decrypt(self.name_encrypted)

    @property
    def mobile(self):
        return crypto.decrypt(self.mobile_encrypted)

    def anonymise(self, now=None):
        self.name_encrypted = ""
        self.mobile_encrypted = ""
        self.mobile_digest = ""
        self.anonymised_at = now or timezone.now()

    # Handling --------------------------------------------------------------------------

    def primary(self):
        """The submission this one is handled as (itself unless merged)."""
        seen = {self.pk}
        current = self
        while current.status == SubmissionStatus.MERGED and current.merged_into_id:
            if current.merged_into_id in seen:
                break
            seen.add(current.merged_into_id)
            current = current.merged_into
        return current

    def close(self, at):
        """Start the retention period the citizen was told of."""
        if self.purge_after is None:
            self.purge_after = at + timezone.timedelta(days=self.retention_days)
