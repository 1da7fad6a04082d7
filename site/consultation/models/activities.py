"""Consultation activities (协商活动) on the shared seven-step spine. Activities are structured
records (thousands per county), not pages; citizens see them through an ``ActivityIndexPage``,
which shows only the topic and the public steps. Who took part is in ``participation``, what
they suggested in ``suggestions``."""

from django.db import models
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Site
from wagtail.search import index

from .base import Taxonomy
from .suggestions import ADOPTED_STATUSES
from .vocabulary import Spine

__all__ = [
    "ADOPTED_STATUSES",
    "Activity",
    "ActivityFormat",
    "ActivityQuerySet",
    "ActivityStep",
    "Spine",
    "TopicCategory",
    "TopicSource",
    "refresh_progress",
]


class TopicSource(models.TextChoices):
    PUBLIC = "public", "群众反映"
    PARTY_GOVERNMENT = "party_government", "党政交办"
    MEMBER = "member", "委员提出"
    DEPARTMENT = "department", "部门提出"
    OTHER = "other", "其他"


class TopicCategory(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "议题类别"
        verbose_name_plural = "议题类别"


class ActivityFormat(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "协商形式"
        verbose_name_plural = "协商形式"


class ActivityQuerySet(models.QuerySet):
    def public(self):
        """Activities citizens may see: those at published platforms.

        Written as "not at one of the (few) unpublished platforms" rather than as a join on the
        platform's page: with the join, the planner drove every newest-first list from the
        platforms and sorted all of a prefecture's activities (0.5 s at 50,000); without it,
        it walks the date index and stops at the page's end. The unpublished platforms are
        found by page type: ``live`` has no index, and PostgreSQL read the whole page table
        for them (40 ms at 100,000 pages)."""
        from consultation.figures import cached

        from .platforms import PlatformPage

        # Kept with the figures: publishing, unpublishing or saving a platform invalidates.
        hidden = cached(
            "hidden-platforms",
            lambda: list(
                PlatformPage.objects.type(PlatformPage)
                .filter(live=False)
                .order_by()
                .values_list("pk", flat=True)
            ),
        )
        return self.exclude(platform_id__in=hidden) if hidden else self.all()

    def in_sites(self, sites):
        return self.filter(site__in=sites)

    def overdue(self, today=None):
        """Deliberated more than the site's ``feedback_due_days`` ago and not yet reported back."""
        from consultation.models.site_settings import ConsultationSettings

        today = today or timezone.localdate()
        due = dict(ConsultationSettings.objects.values_list("site_id", "feedback_due_days"))
        default = ConsultationSettings._meta.get_field("feedback_due_days").default
        condition = Q()
        for site_id in Site.objects.values_list("pk", flat=True):
            cutoff = today - timezone.timedelta(days=due.get(site_id, default))
            condition |= Q(site_id=site_id, held_on__lt=cutoff)
        if not condition:
            return self.none()
        return self.filter(condition, held_on__isnull=False).exclude(current_step=Spine.FEEDBACK)


def refresh_progress(queryset):
    """Recompute the cached progress columns from the step records, in two UPDATE statements.

    ``current_step``, ``held_on`` and ``last_step_on`` are kept on the activity so that lists,
    the overdue flag and the 有活动记录 rule stay single-table filters at 50,000 activities.
    """
    steps = ActivityStep.objects.filter(activity=OuterRef("pk")).order_by()
    queryset.update(
        current_step=Subquery(steps.values("activity").annotate(m=Max("step")).values("m")[:1]),
        last_step_on=Subquery(steps.values("activity").annotate(m=Max("date")).values("m")[:1]),
        held_on=Subquery(steps.filter(step=Spine.DELIBERATE).values("date")[:1]),
    )


class Activity(index.Indexed, ClusterableModel):
    site = models.ForeignKey(
        Site,
        verbose_name="所属政协站点",
        on_delete=models.CASCADE,
        editable=False,
        related_name="consultation_activities",
    )
    platform = models.ForeignKey(
        "consultation.PlatformPage",
        verbose_name="协商平台",
        on_delete=models.PROTECT,
        related_name="activities",
    )
    topic = models.CharField("议题", max_length=200)
    topic_description = models.TextField(
        "议题说明", max_length=3000, blank=True, help_text="对外公开"
    )
    topic_source = models.CharField(
        "议题来源", max_length=20, choices=TopicSource.choices, default=TopicSource.PUBLIC
    )
    raised_by = models.ForeignKey(
        "members.MemberPage",
        verbose_name="提出议题的委员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics_raised",
        help_text="议题由委员提出时选择，计入其履职档案",
    )
    topic_category = models.ForeignKey(
        TopicCategory,
        verbose_name="议题类别",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    format = models.ForeignKey(
        ActivityFormat,
        verbose_name="协商形式",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    method = models.CharField(
        "协商工作法",
        max_length=60,
        blank=True,
        help_text="本活动遵循的区县协商工作法（插件标识）；留空为通用流程。",
    )
    internal_notes = models.TextField(
        "内部备注", max_length=5000, blank=True, help_text="不对外公开"
    )
    is_demo = models.BooleanField("演示数据", default=False, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # Cached from the steps by refresh_progress(); never edited directly.
    current_step = models.PositiveSmallIntegerField(
        "当前环节", choices=Spine.choices, null=True, editable=False
    )
    held_on = models.DateField("协商日期", null=True, editable=False)
    last_step_on = models.DateField("最近进展", null=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("topic_description"),
                FieldRowPanel([FieldPanel("topic_source"), FieldPanel("topic_category")]),
                FieldPanel("raised_by"),
            ],
            "议题",
        ),
        FieldPanel("platform"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("method")]),
        InlinePanel("steps", label="流程环节", heading="流程（收集议题 → 结果反馈）"),
        InlinePanel("participants", label="参与人员", heading="参与人员"),
        InlinePanel(
            "member_attendances", label="参加委员", heading="参加的政协委员（计入履职档案）"
        ),
        InlinePanel("suggestions", label="意见建议", heading="意见建议"),
        FieldPanel("internal_notes"),
    ]
    search_fields = [
        index.SearchField("topic"),
        index.SearchField("topic_description"),
        index.AutocompleteField("topic"),
        index.FilterField("site"),
        index.FilterField("current_step"),
    ]

    class Meta:
        verbose_name = "协商活动"
        verbose_name_plural = "协商活动"
        ordering = ["-last_step_on", "-pk"]
        indexes = [
            models.Index(fields=["site", "held_on"], name="activity_site_held"),
            models.Index(fields=["site", "last_step_on"], name="activity_site_last"),
            # A prefecture's list over all its counties, newest first (see public()).
            models.Index(fields=["last_step_on"], name="activity_last"),
            models.Index(fields=["held_on"], name="activity_held"),
            models.Index(fields=["platform", "held_on"], name="activity_platform_held"),
        ]

    def __str__(self):
        return self.topic

    def save(self, *args, **kwargs):
        if self.platform_id:
            self.site = self.platform.get_site()
        super().save(*args, **kwargs)
        refresh_progress(Activity.objects.filter(pk=self.pk))
        fresh = (
            Activity.objects.filter(pk=self.pk)
            .values("current_step", "held_on", "last_step_on")
            .get()
        )
        for field, value in fresh.items():
            setattr(self, field, value)
        # Child rows are committed after post_save has fired: the figures change only now.
        from consultation.figures import invalidate

        invalidate()

    def timeline(self):
        """All seven spine steps with the record of each one reached (None if not reached)."""
        by_step = {s.step: s for s in self.steps.all()}
        return [
            {
                "step": step,
                "label": step.label,
                "record": by_step.get(step.value),
                "public": Spine.is_public(step),
                "current": step.value == self.current_step,
            }
            for step in Spine
        ]


class ActivityStep(models.Model):
    """One step of the spine that an activity reached: when, what happened, who did it."""

    activity = ParentalKey(Activity, related_name="steps", on_delete=models.CASCADE)
    step = models.PositiveSmallIntegerField("环节", choices=Spine.choices)
    date = models.DateField("日期", default=timezone.localdate)
    summary = models.TextField(
        "情况", max_length=3000, blank=True, help_text="公开公示及以后环节的情况对外公开"
    )
    actor = models.CharField("经办", max_length=100, blank=True, help_text="负责或参与的单位、人员")
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="附件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_note = models.TextField(
        "内部记录", max_length=3000, blank=True, help_text="不对外公开"
    )

    panels = [
        FieldRowPanel([FieldPanel("step"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("actor"), FieldPanel("attachment")]),
        FieldPanel("internal_note"),
    ]

    class Meta:
        ordering = ["step"]
        verbose_name = "流程环节"
        verbose_name_plural = "流程环节"
        constraints = [
            models.UniqueConstraint(fields=["activity", "step"], name="one_record_per_step"),
        ]
        indexes = [models.Index(fields=["step", "date"], name="activitystep_step_date")]

    def __str__(self):
        return self.get_step_display()
