"""A platform's fixed members (有固定成员) and its photos."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class PlatformMember(Orderable):
    """A fixed member of a platform (有固定成员); a committee member sunk (下沉) into it is
    linked to their member page, and the member named 站长 may edit the platform's page."""

    class Role(models.TextChoices):
        HEAD = "head", "站长"
        COUNCIL_CHAIR = "council_chair", "议事会主席"
        MEMBER = "member", "成员"
        LIAISON = "liaison", "联络员"

    page = ParentalKey(
        "consultation.PlatformPage", related_name="members", on_delete=models.CASCADE
    )
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
    page = ParentalKey("consultation.PlatformPage", related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="照片", on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField("替代文字", max_length=200, help_text="描述照片内容（必填）")
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "照片"
        verbose_name_plural = "照片"
