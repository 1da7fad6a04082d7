"""Consultation activities (协商活动) on the shared seven-step spine, with participants and
suggestions. Activities are structured records (thousands per county), not pages; citizens see
them through an ``ActivityIndexPage``, which shows only the topic and the public steps."""

import datetime

from django.db import models
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site
from wagtail.search import index

from .base import CommitteeIndexPage, Taxonomy


class Spine(models.IntegerChoices):
    """The shared process every county's method maps its own steps onto (docs/consultation.md)."""

    COLLECT = 1, "收集议题"
    SELECT = 2, "确定议题"
    RESEARCH = 3, "议前调研"
    DELIBERATE = 4, "协商议事"
    PUBLISH = 5, "公开公示"
    IMPLEMENT = 6, "办理实施"
    FEEDBACK = 7, "结果反馈"

    @classmethod
    def is_public(cls, step):
        """Citizens see the steps from 公开公示 on; earlier ones are internal work."""
        return step >= cls.PUBLISH


class TopicSource(models.TextChoices):
    PUBLIC = "public", "群众反映"
    PARTY_GOVERNMENT = "party_government", "党政交办"
    MEMBER = "member", "委员提出"
    DEPARTMENT = "department", "部门提出"
    OTHER = "other", "其他"


class ParticipantRole(models.TextChoices):
    MEMBER = "member", "政协委员"
    STAKEHOLDER = "stakeholder", "利益相关方"
    PUBLIC_REP = "public_rep", "群众代表"
    DEPARTMENT = "department", "部门负责人"
    PARTY_REP = "party_rep", "党代表"
    NPC_REP = "npc_rep", "人大代表"
    EXPERT = "expert", "专家学者"
    OTHER = "other", "其他"


class SuggestionStatus(models.TextChoices):
    PROPOSED = "proposed", "提出"
    ADOPTED = "adopted", "采纳"
    IN_PROGRESS = "in_progress", "办理中"
    SOLVED = "solved", "已解决"
    NOT_ADOPTED = "not_adopted", "未采纳"


ADOPTED_STATUSES = [SuggestionStatus.ADOPTED, SuggestionStatus.IN_PROGRESS, SuggestionStatus.SOLVED]


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
        """Activities citizens may see: those at published platforms."""
        return self.filter(platform__live=True)

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


class Participation(models.Model):
    """Who took part in an activity, by role: a count (person-times) and optional names."""

    # Indexed by the covering index below, which starts with the activity.
    activity = ParentalKey(
        Activity, related_name="participants", on_delete=models.CASCADE, db_index=False
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

    activity = ParentalKey(Activity, related_name="member_attendances", on_delete=models.CASCADE)
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


class Suggestion(models.Model):
    """An opinion or suggestion (意见建议) raised in an activity, followed to its outcome."""

    # Indexed by the covering index below, which starts with the activity.
    activity = ParentalKey(
        Activity, related_name="suggestions", on_delete=models.CASCADE, db_index=False
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


class ActivityIndexPage(RoutablePageMixin, CommitteeIndexPage):
    """The public list of a committee's activities and each activity's public timeline."""

    subpage_types = []
    page_size = 20

    class Meta:
        verbose_name = "协商活动栏目"
        verbose_name_plural = "协商活动栏目"

    @path("")
    def activity_list(self, request):
        from consultation.views import activity_list

        return activity_list(request, self)

    @path("<int:pk>/")
    def activity_detail(self, request, pk):
        from consultation.views import activity_detail

        return activity_detail(request, self, pk)

    # Activities in one committee's sitemap, newest first (the sitemap's files hold 50,000 URLs).
    SITEMAP_ACTIVITIES = 20_000

    def get_sitemap_urls(self, request=None):
        """This page and each public activity of its committee, which are not pages but have
        addresses of their own here."""
        urls = super().get_sitemap_urls(request)
        site = self.get_site()
        base = self.get_full_url(request)
        if not urls or site is None or base is None:
            return urls
        activities = (
            Activity.objects.public()
            .filter(site=site)
            .order_by("-last_step_on", "-pk")
            .values_list("pk", "last_step_on")[: self.SITEMAP_ACTIVITIES]
        )
        for pk, last_step_on in activities:
            urls.append(
                {
                    "location": base.rstrip("/")
                    + "/"
                    + self.reverse_subpage("activity_detail", args=(pk,)),
                    # Wagtail compares lastmod values with pages' datetimes.
                    "lastmod": timezone.make_aware(
                        datetime.datetime.combine(last_step_on, datetime.time())
                    )
                    if last_step_on
                    else None,
                }
            )
        return urls
