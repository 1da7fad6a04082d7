"""The 六有 standard for consultation rooms: the items, the evidence uploaded for them, and the
status of each platform computed in SQL for a whole board at once."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .platform_rows import PlatformMember


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


class PlatformEvidence(Orderable):
    """Evidence for one 六有 item: a photo (场所、标志、设施), a document (制度) or a roster."""

    page = ParentalKey(
        "consultation.PlatformPage", related_name="evidence", on_delete=models.CASCADE
    )
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
