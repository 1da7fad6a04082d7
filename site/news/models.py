"""Meeting reports and news: most of what a committee site publishes."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core import params
from core.blocks import BodyStreamBlock
from core.chinese import chinese_numeral
from core.committees import listed_sites, site_for_path
from core.models import BasePage, CommitteeSettings


class MeetingType(index.Indexed, models.Model):
    """Editor-managed taxonomy of meeting types (主席会议, 常委会会议, …)."""

    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField(
        "网址标识",
        max_length=60,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="用于筛选网址，留空则按名称生成",
    )
    numbered_name = models.CharField(
        "届次后的称谓",
        max_length=40,
        blank=True,
        help_text="写在“五届五次”之后的名称，留空则用名称。例如全体会议填“会议”，得到“九届二次会议”。",
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    description = models.TextField("说明", blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("numbered_name"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "会议类型"
        verbose_name_plural = "会议类型"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)


class NewsKind(models.TextChoices):
    MEETING_REPORT = "meeting_report", "会议报道"
    WORK_NEWS = "work_news", "工作动态"
    SPEECH = "speech", "讲话发言"
    NOTICE = "notice", "通知公告"
    MEDIA = "media", "媒体聚焦"


class NewsIndexParams(params.QueryParams):
    type = params.TextField(max_length=60)
    year = params.YearField()
    kind = params.ChoiceField(NewsKind.choices)
    page = params.PageField()


class NewsIndexPage(BasePage):
    intro = models.TextField("导语", blank=True, max_length=500)
    include_child_committees = models.BooleanField(
        "包含下级政协的报道",
        default=False,
        help_text="市（州）政协可在本栏目中同时列出所属县（市、区）政协的报道。",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("include_child_committees"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    page_size = 12

    class Meta:
        verbose_name = "新闻栏目"
        verbose_name_plural = "新闻栏目"

    def listed_sites(self):
        """The sites whose reports this index lists: its own and, if enabled, those below."""
        return listed_sites(self, self.include_child_committees)

    def news_items(self, sites=None):
        """Live, public news under this index (and under the listed counties' sites)."""
        scope = Q(path__startswith=self.path)
        for site in (sites or self.listed_sites())[1:]:
            scope |= Q(path__startswith=site.root_page.path)
        return NewsPage.published().filter(scope)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sites = self.listed_sites()
        items = self.news_items(sites)
        given = NewsIndexParams(request.GET).values
        type_slug, kind, year = given["type"], given["kind"], given["year"]
        filtered = items
        if type_slug:
            filtered = filtered.filter(meeting_type__slug=type_slug)
        if kind:
            filtered = filtered.filter(kind=kind)
        if year:
            filtered = filtered.filter(date__year=year)
        page = Paginator(filtered, self.page_size).get_page(given["page"])
        committees = {c.site_id: c for c in CommitteeSettings.objects.filter(site__in=sites)}
        for item in page.object_list:
            site = site_for_path(item.path, sites)
            item.committee = committees.get(site.pk) if site else None
        context.update(
            page_obj=page,
            items=page.object_list,
            selected_type=type_slug,
            selected_year=str(year or ""),
            selected_kind=kind,
            kinds=NewsKind.choices,
            meeting_types=(
                items.exclude(meeting_type=None)
                .values("meeting_type__slug", "meeting_type__name")
                .annotate(count=Count("pk"))
                .order_by("meeting_type__sort_order", "meeting_type__name")
            ),
            years=(
                items.annotate(year=ExtractYear("date"))
                .values("year")
                .annotate(count=Count("pk"))
                .order_by("-year")
            ),
            show_committee=len(sites) > 1,
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ReportOutcome(models.TextChoices):
    REVIEWED = "reviewed", "审议"
    ADOPTED = "adopted", "审议通过"
    HEARD = "heard", "听取"
    CONSULTED = "consulted", "协商通过"


class NewsPage(BasePage):
    kind = models.CharField(
        "类别", max_length=20, choices=NewsKind.choices, default=NewsKind.MEETING_REPORT
    )
    date = models.DateField("日期", default=timezone.localdate, db_index=True)
    summary = models.TextField("摘要", blank=True, max_length=500, help_text="列表中显示")
    meeting_type = models.ForeignKey(
        MeetingType,
        verbose_name="会议类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    term = models.PositiveSmallIntegerField("届", null=True, blank=True, help_text="如“五届”填 5")
    sitting = models.PositiveSmallIntegerField(
        "次", null=True, blank=True, help_text="如“五次”填 5"
    )
    place = models.CharField("地点", max_length=100, blank=True)
    presided_by = models.CharField("主持", max_length=100, blank=True)
    attendees = models.TextField("出席人员", max_length=2000, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)
    correspondent = models.CharField("通讯员", max_length=100, blank=True)
    photographer = models.CharField("摄影", max_length=100, blank=True)
    source = models.CharField("来源", max_length=100, blank=True)
    # The item's id on the committee's previous system (manage.py import_archive): re-importing
    # the same file updates these pages instead of adding copies.
    archive_id = models.CharField("归档编号", max_length=100, blank=True, editable=False)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("标签", through=NewsPageTag, blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("meeting_type"),
                FieldRowPanel([FieldPanel("term"), FieldPanel("sitting")]),
                FieldPanel("place"),
                FieldPanel("presided_by"),
                FieldPanel("attendees"),
                MultipleChooserPanel(
                    "member_attendances",
                    label="出席委员",
                    chooser_field_name="member",
                    heading="出席委员（计入履职档案）",
                ),
                InlinePanel("reviewed_reports", label="审议的报告"),
            ],
            "会议信息（会议报道填写）",
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("correspondent"), FieldPanel("photographer"), FieldPanel("source")],
            "署名",
        ),
        FieldPanel("tags"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("presided_by"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("meeting_type"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"
        indexes = [
            models.Index(
                fields=["archive_id"],
                name="newspage_archive_id",
                condition=~models.Q(archive_id=""),
            )
        ]

    @classmethod
    def published(cls):
        """Live, public news, newest first, with what listings show."""
        return (
            cls.objects.live()
            .public()
            .select_related("meeting_type", "lead_image")
            .order_by("-date", "-pk")
        )

    def clean(self):
        super().clean()
        if self.kind == NewsKind.MEETING_REPORT and not self.meeting_type_id:
            raise ValidationError({"meeting_type": "会议报道须选择会议类型。"})
        if self.sitting and not self.term:
            raise ValidationError({"term": "填写了“次”时也须填写“届”。"})

    @property
    def meeting_label(self):
        """The meeting's name from its structured fields, e.g. “五届五次主席会议”."""
        if not self.meeting_type_id:
            return ""
        name = self.meeting_type.numbered_name or self.meeting_type.name
        if self.term and self.sitting:
            return f"{chinese_numeral(self.term)}届{chinese_numeral(self.sitting)}次{name}"
        if self.term:
            return f"{chinese_numeral(self.term)}届{name}"
        return self.meeting_type.name

    def full_meeting_label(self, committee=None):
        """The label with the committee's short name, e.g. “平凉市政协五届五次主席会议”."""
        label = self.meeting_label
        if not label:
            return ""
        committee = committee or self.get_committee()
        prefix = committee.display_name if committee else ""
        return f"{prefix}{label}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["committee_settings"] = CommitteeSettings.for_request(request)
        context["news_index"] = self.get_parent().specific
        return context


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
