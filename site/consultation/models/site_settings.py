from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class ConsultationSettings(BaseSiteSetting):
    """Per-committee rules of the shared backend (each county sets its own)."""

    activity_record_days = models.PositiveSmallIntegerField(
        "“有活动记录”的认定期限（天）",
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text="议事室在此天数内开展过协商议事活动，才算“有活动记录”。",
    )
    feedback_due_days = models.PositiveSmallIntegerField(
        "结果反馈期限（天）",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text="协商议事后超过此天数仍未结果反馈的活动，将提醒编辑。",
    )

    panels = [FieldPanel("activity_record_days"), FieldPanel("feedback_due_days")]

    class Meta:
        verbose_name = "基层协商设置"
        verbose_name_plural = "基层协商设置"
