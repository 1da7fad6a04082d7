"""The news page: a meeting report (its meeting named from structured fields) or any other
news item a committee publishes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.chinese import chinese_numeral
from core.models import BasePage, CommitteeSettings

from .meeting_types import MeetingType


class NewsKind(models.TextChoices):
    MEETING_REPORT = "meeting_report", "会议报道"
    WORK_NEWS = "work_news", "工作动态"
    SPEECH = "speech", "讲话发言"
    NOTICE = "notice", "通知公告"
    MEDIA = "media", "媒体聚焦"


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageForm(getattr(BasePage, "base_form_class", None) or WagtailAdminPageForm):
    """A page added to a section of one kind (通知公告) starts as that kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page
        kind = getattr(parent.specific, "kind", "") if parent is not None else ""
        if kind and not self.instance.pk and "kind" in self.fields:
            self.initial["kind"] = kind


class NewsPage(BasePage):
    kind = models.CharField(
        "类别", max_length=20, choices=NewsKind.choices, default=NewsKind.MEETING_REPORT
    )
    date = models.DateField("日期", default=timezone.localdate)
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
    is_headline = models.BooleanField(
        "政协要闻",
        default=False,
        help_text="在首页“政协要闻”区显示；有题图的以大图显示（题图须填写图片说明作替代文字）。",
    )

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
        FieldRowPanel([FieldPanel("lead_image"), FieldPanel("is_headline")]),
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
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"
        indexes = [
            models.Index(
                fields=["archive_id"],
                name="newspage_archive_id",
                condition=~models.Q(archive_id=""),
            ),
            # Lists newest first (order: date, then id): a page of ids is read from the index
            # alone, however deep (news.listing). With the meeting type or kind first: home
            # pages' "latest of each meeting type / kind" and the lists filtered by them.
            models.Index(fields=["date", "page_ptr"], name="newspage_date_id"),
            models.Index(fields=["meeting_type", "date", "page_ptr"], name="newspage_type_date_id"),
            models.Index(fields=["kind", "date", "page_ptr"], name="newspage_kind_date_id"),
            # The home page's 政协要闻: the few flagged pages, newest first.
            models.Index(
                fields=["date", "page_ptr"],
                name="newspage_headline_date_id",
                condition=models.Q(is_headline=True),
            ),
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

    @classmethod
    def published_under(cls, scope, *, small):
        """``published()`` within ``scope`` (a Q of subtrees, core.tree.subtree_q), ordered so
        that the database reads a small scope by path and a large one by date.

        For a small scope the order is written "date DESC NULLS LAST" (the same order: the
        date is never null), which the date index cannot give: otherwise PostgreSQL, which
        cannot estimate a path range, walked the whole date index for a county's four pages
        (0.45 s at 100,000 items)."""
        pages = cls.published().filter(scope)
        if small:
            pages = pages.order_by(models.F("date").desc(nulls_last=True), "-pk")
        return pages

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
