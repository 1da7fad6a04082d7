"""Consultation platforms (协商平台/阵地): their pages and kinds. A platform's fixed members and
photos are in ``platform_rows``, the 六有 standard for rooms in ``six_haves``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core.models import BasePage

from ..page_forms import PlatformPageForm
from .base import CommitteeIndexPage, Taxonomy
from .platform_rows import PlatformMember, PlatformPhoto
from .six_haves import (
    EVIDENCED_ITEMS,
    SIX_HAVES_ANNOTATIONS,
    PlatformEvidence,
    SixHaves,
    six_haves_status,
    with_six_haves,
)

# The 六有 names stay importable from here (core.plugins and benchmarks name this module).
__all__ = [
    "EVIDENCED_ITEMS",
    "SIX_HAVES_ANNOTATIONS",
    "PlatformEvidence",
    "PlatformIndexPage",
    "PlatformKind",
    "PlatformLevel",
    "PlatformMember",
    "PlatformPage",
    "PlatformPhoto",
    "SixHaves",
    "six_haves_status",
    "with_six_haves",
]


class PlatformLevel(models.TextChoices):
    COUNTY = "county", "县（市、区）级"
    TOWNSHIP = "township", "乡镇（街道）级"
    VILLAGE = "village", "村（社区）级"
    PARK = "park", "园区"
    COMPANY = "company", "企业"
    SCENIC = "scenic", "景区"


class PlatformKind(Taxonomy):
    """Editor-managed kinds of platform: the common ones are seeded, counties add local forms
    (社区睦邻和事驿站, 楼院议事厅, …)."""

    uses_six_haves = models.BooleanField(
        "适用“六有”标准", default=False, help_text="协商议事室等按“六有”标准建设的阵地。"
    )

    panels = Taxonomy.panels + [FieldPanel("uses_six_haves")]

    class Meta(Taxonomy.Meta):
        verbose_name = "平台类型"
        verbose_name_plural = "平台类型"


class PlatformIndexPage(RoutablePageMixin, CommitteeIndexPage):
    subpage_types = ["consultation.PlatformPage"]
    page_size = 30

    class Meta:
        verbose_name = "协商平台栏目"
        verbose_name_plural = "协商平台栏目"

    @path("")
    def platform_list(self, request):
        from consultation.views import platform_list

        return platform_list(request, self)

    @path("liuyou/")
    def compliance_board(self, request):
        from consultation.views import compliance_board

        return compliance_board(request, self)


class PlatformPage(BasePage):
    level = models.CharField("层级", max_length=20, choices=PlatformLevel.choices, db_index=True)
    kind = models.ForeignKey(
        PlatformKind, verbose_name="类型", on_delete=models.PROTECT, related_name="platforms"
    )
    parent_platform = models.ForeignKey(
        "self",
        verbose_name="所属平台",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_platforms",
        help_text="如“三位一体”中议事室所属的委员工作站。",
    )
    established_on = models.DateField("建成日期", default=timezone.localdate, db_index=True)
    address = models.CharField("地址", max_length=200, blank=True)
    latitude = models.DecimalField(
        "纬度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "经度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opening_hours = models.CharField("开放时间", max_length=200, blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True, help_text="对外公开")
    description = models.TextField("简介", max_length=3000, blank=True)
    duties = models.TextField(
        "工作职责", max_length=3000, blank=True, help_text="如委员工作站的职责和工作制度"
    )
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("level"), FieldPanel("kind")]),
        FieldPanel("parent_platform"),
        FieldPanel("established_on"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("opening_hours"),
                FieldPanel("contact"),
            ],
            "地点与开放",
        ),
        FieldPanel("description"),
        FieldPanel("duties"),
        InlinePanel("members", label="固定成员"),
        InlinePanel("photos", label="照片"),
        InlinePanel("evidence", label="“六有”佐证材料"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("address"),
        index.SearchField("description"),
        index.FilterField("level"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["consultation.PlatformIndexPage"]
    subpage_types = []
    base_form_class = PlatformPageForm

    class Meta:
        verbose_name = "协商平台"
        verbose_name_plural = "协商平台"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "经纬度须同时填写或同时留空。"})
        parent = self.parent_platform
        if parent is not None:
            if self.pk and parent.pk == self.pk:
                raise ValidationError({"parent_platform": "所属平台不能是本平台。"})
            if self.pk:
                ancestor, seen = parent, {self.pk}
                while ancestor is not None:
                    if ancestor.pk in seen:
                        raise ValidationError({"parent_platform": "所属平台形成了循环。"})
                    seen.add(ancestor.pk)
                    ancestor = ancestor.parent_platform

    @classmethod
    def published(cls):
        return cls.objects.live().public().select_related("kind")

    def six_haves(self):
        """This platform's 六有 status (see ``with_six_haves``)."""
        site = self.get_site()
        queryset = PlatformPage.objects.filter(pk=self.pk)
        annotated = with_six_haves(queryset, [site] if site else []).get()
        return six_haves_status(annotated)

    def platform_family(self, depth=3):
        """This platform and those under it (rooms of a workstation's council, …)."""
        ids, frontier = [self.pk], [self.pk]
        for _ in range(depth):
            frontier = list(
                PlatformPage.objects.filter(parent_platform__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            if not frontier:
                break
            ids += frontier
        return ids

    def get_context(self, request, *args, **kwargs):
        from consultation.models.activities import Activity
        from consultation.views import activity_urls

        context = super().get_context(request, *args, **kwargs)
        context["sub_platforms"] = self.sub_platforms.live().public().select_related("kind")
        context["roster"] = self.members.select_related("member")
        # A workstation's record includes what its council and rooms held (三位一体).
        activities = list(
            Activity.objects.public()
            .filter(platform__in=self.platform_family())
            .select_related("format", "platform")
            .order_by("-last_step_on", "-pk")[:20]
        )
        urls = activity_urls(activities, request)
        for activity in activities:
            activity.public_url = urls.get(activity.pk)
        context["activities"] = activities
        if self.kind.uses_six_haves:
            context["six_haves"] = self.six_haves()
        return context
