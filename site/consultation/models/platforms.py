"""Consultation platforms (协商平台/阵地) and the 六有 standard for rooms."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage

from ..page_forms import PlatformPageForm
from .base import CommitteeIndexPage, Taxonomy


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


class SixHaves(models.TextChoices):
    """The 六有 standard for a consultation room (seed 001, 嘉峪关)."""

    VENUE = "venue", "有场所"
    SIGN = "sign", "有标志"
    FACILITIES = "facilities", "有设施"
    RULES = "rules", "有制度"
    RECORDS = "records", "有活动记录"
    MEMBERS = "members", "有固定成员"


# Items proven by uploaded evidence; 有活动记录 is derived from activities held there, and
# 有固定成员 also from the platform's roster.
EVIDENCED_ITEMS = [
    SixHaves.VENUE,
    SixHaves.SIGN,
    SixHaves.FACILITIES,
    SixHaves.RULES,
    SixHaves.MEMBERS,
]


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


class PlatformMember(Orderable):
    """A fixed member of a platform (有固定成员); a committee member sunk (下沉) into it is
    linked to their member page, and the member named 站长 may edit the platform's page."""

    class Role(models.TextChoices):
        HEAD = "head", "站长"
        COUNCIL_CHAIR = "council_chair", "议事会主席"
        MEMBER = "member", "成员"
        LIAISON = "liaison", "联络员"

    page = ParentalKey(PlatformPage, related_name="members", on_delete=models.CASCADE)
    name = models.CharField("姓名", max_length=40, blank=True, help_text="选择委员时可留空")
    member = models.ForeignKey(
        "members.MemberPage",
        verbose_name="委员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="platform_assignments",
    )
    role = models.CharField("职责", max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_committee_member = models.BooleanField(
        "政协委员", default=False, help_text="下沉到本平台的政协委员"
    )
    affiliation = models.CharField("界别或单位", max_length=100, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("member"), FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("is_committee_member"), FieldPanel("affiliation")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "固定成员"
        verbose_name_plural = "固定成员"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.member.title if self.member_id else self.name

    def clean(self):
        if not self.name and not self.member_id:
            raise ValidationError({"name": "请选择委员或填写姓名。"})

    def save(self, *args, **kwargs):
        if self.member_id:
            self.is_committee_member = True
            if not self.name:
                self.name = self.member.title
        super().save(*args, **kwargs)


class PlatformPhoto(Orderable):
    page = ParentalKey(PlatformPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="照片", on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField("替代文字", max_length=200, help_text="描述照片内容（必填）")
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "照片"
        verbose_name_plural = "照片"


class PlatformEvidence(Orderable):
    """Evidence for one 六有 item: a photo (场所、标志、设施), a document (制度) or a roster."""

    page = ParentalKey(PlatformPage, related_name="evidence", on_delete=models.CASCADE)
    item = models.CharField(
        "标准项", max_length=20, choices=[(i.value, i.label) for i in EVIDENCED_ITEMS]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("item"), FieldPanel("image"), FieldPanel("document"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "“六有”佐证"
        verbose_name_plural = "“六有”佐证"

    def clean(self):
        super().clean()
        if not self.image_id and not self.document_id:
            raise ValidationError("佐证材料须上传照片或文件。")


SIX_HAVES_ANNOTATIONS = {item: f"has_{item.value}" for item in SixHaves}


def with_six_haves(queryset, sites, today=None):
    """Annotate platforms with one boolean per 六有 item, in SQL (one query for a whole board).

    An evidenced item is met when an evidence row for it carries a photo or a document.
    有固定成员 is also met by a roster of at least one fixed member. 有活动记录 is met when an
    activity was held (its 协商议事 step dated) at the platform within the last
    ``activity_record_days`` of the platform's site (each site sets its own).
    """
    from consultation.models.activities import Activity
    from consultation.models.site_settings import ConsultationSettings

    today = today or timezone.localdate()
    days = dict(
        ConsultationSettings.objects.filter(site__in=sites).values_list(
            "site_id", "activity_record_days"
        )
    )
    default = ConsultationSettings._meta.get_field("activity_record_days").default
    recent = Q(pk__in=[])
    for site in sites:
        cutoff = today - timezone.timedelta(days=days.get(site.pk, default))
        recent |= Q(site_id=site.pk, held_on__gte=cutoff)
    annotations = {}
    for item in EVIDENCED_ITEMS:
        annotations[SIX_HAVES_ANNOTATIONS[item]] = Exists(
            PlatformEvidence.objects.filter(page=OuterRef("pk"), item=item).filter(
                Q(image__isnull=False) | Q(document__isnull=False)
            )
        )
    members = SIX_HAVES_ANNOTATIONS[SixHaves.MEMBERS]
    annotations[members] = ExpressionWrapper(
        Q(annotations[members]) | Q(Exists(PlatformMember.objects.filter(page=OuterRef("pk")))),
        output_field=models.BooleanField(),
    )
    annotations[SIX_HAVES_ANNOTATIONS[SixHaves.RECORDS]] = Exists(
        Activity.objects.filter(recent, platform=OuterRef("pk"), held_on__lte=today)
    )
    return queryset.annotate(**annotations)


def six_haves_status(platform):
    """(met items, missing items, compliant?) of a platform annotated by ``with_six_haves``."""
    met, missing = [], []
    for item in SixHaves:
        (met if getattr(platform, SIX_HAVES_ANNOTATIONS[item]) else missing).append(item)
    return {"met": met, "missing": missing, "compliant": not missing}
