"""Members (委员) in the Popolo person/membership shape: a person is a page (their public
profile, which they edit themselves under moderation); memberships in a committee and term
(届) carry the role, sector (界别) and special committee (专委会) and are kept by editors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Site
from wagtail.search import index

from consultation.models.base import Taxonomy
from core.chinese import chinese_numeral
from core.models import BasePage


class Sector(Taxonomy):
    """界别: the sector a member represents (中共, 民盟, 经济界, 农业界, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "界别"
        verbose_name_plural = "界别"


class SpecialCommittee(Taxonomy):
    """专门委员会 (提案委员会, 经济委员会, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "专门委员会"
        verbose_name_plural = "专门委员会"


class Term(models.Model):
    """A committee's term (届), usually five years; duty records are kept per term."""

    site = models.ForeignKey(
        Site, verbose_name="所属政协站点", on_delete=models.CASCADE, related_name="member_terms"
    )
    number = models.PositiveSmallIntegerField(
        "届次", validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True, help_text="本届进行中则留空")

    panels = [
        FieldPanel("site"),
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        verbose_name = "届次"
        verbose_name_plural = "届次"
        ordering = ["site", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="one_term_number_per_site")
        ]

    def __str__(self):
        return f"第{chinese_numeral(self.number)}届"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于起始日期。"})

    @property
    def period_end(self):
        """The last day the term covers so far."""
        return self.ends_on or timezone.localdate()

    @classmethod
    def current_for(cls, site, today=None):
        today = today or timezone.localdate()
        return (
            cls.objects.filter(site=site, starts_on__lte=today)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .order_by("-number")
            .first()
        ) or cls.objects.filter(site=site).order_by("-number").first()


class Role(models.TextChoices):
    CHAIR = "chair", "主席"
    VICE_CHAIR = "vice_chair", "副主席"
    SECRETARY_GENERAL = "secretary_general", "秘书长"
    STANDING = "standing", "常委"
    MEMBER = "member", "委员"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class MemberIndexPage(BasePage):
    """A committee's member directory (委员风采): filter by sector, special committee, role and
    platform, search by name."""

    intro = models.TextField("导语", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.MemberPage"]
    max_count_per_parent = 1
    page_size = 40

    class Meta:
        verbose_name = "委员栏目"
        verbose_name_plural = "委员栏目"

    def get_context(self, request, *args, **kwargs):
        from members.views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(self, request))
        return context


class MemberPage(BasePage):
    """A member's public profile. The member edits it from their own account; the changes go
    to the committee's editors for approval. Contact details appear only if they choose."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gender = models.CharField(
        "性别", max_length=10, choices=Gender.choices, blank=True, help_text="不对外显示"
    )
    birth_year = models.PositiveSmallIntegerField(
        "出生年份",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="选填，不对外显示",
    )
    bio = models.TextField("个人简介", max_length=2000, blank=True)
    phone = models.CharField(
        "联系电话",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9+\- ]{5,20}$", "请填写有效的电话号码。")],
    )
    email = models.EmailField("电子邮箱", blank=True)
    show_contact = models.BooleanField(
        "公开联系方式", default=False, help_text="勾选后，电话和邮箱将显示在公开页面上"
    )
    # Set by the roster import, never in the page form.
    roster_id = models.CharField("委员编号", max_length=40, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="member_profile",
    )
    # The member's own group, holding their page permissions (see members.access).
    access_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="member_page",
    )
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    content_panels = [
        FieldPanel("title", heading="姓名"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("gender"), FieldPanel("birth_year")]),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("show_contact")],
            "联系方式",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("bio")]
    parent_page_types = ["members.MemberIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "委员"
        verbose_name_plural = "委员"
        indexes = [models.Index(fields=["roster_id"], name="memberpage_roster_id")]

    def get_context(self, request, *args, **kwargs):
        from members.views import member_context

        context = super().get_context(request, *args, **kwargs)
        context.update(member_context(self, request))
        return context


class SiteRecord(models.Model):
    """A record kept by the editors of the member's committee (the site follows the member)."""

    site = models.ForeignKey(
        Site,
        verbose_name="所属政协站点",
        on_delete=models.CASCADE,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.member_id:
            self.site = self.member.get_site()
        super().save(*args, **kwargs)


class Membership(SiteRecord):
    """A member's seat in one term: role, sector and special committee (Popolo membership)."""

    member = models.ForeignKey(
        MemberPage, verbose_name="委员", on_delete=models.CASCADE, related_name="memberships"
    )
    term = models.ForeignKey(
        Term, verbose_name="届次", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("职务", max_length=20, choices=Role.choices, default=Role.MEMBER)
    sector = models.ForeignKey(
        Sector,
        verbose_name="界别",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name="专门委员会",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    starts_on = models.DateField("任职起始", null=True, blank=True, help_text="留空为本届开始")
    ends_on = models.DateField("任职结束", null=True, blank=True, help_text="留空为任职至今")

    panels = [
        FieldPanel("member"),
        FieldPanel("term"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("sector")]),
        FieldPanel("special_committee"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        verbose_name = "任职"
        verbose_name_plural = "任职"
        ordering = ["-term__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "term"], name="one_membership_per_term")
        ]

    def __str__(self):
        return f"{self.member.title} · {self.term} · {self.get_role_display()}"

    def clean(self):
        if self.member_id and self.term_id:
            site = self.member.get_site()
            if site and self.term.site_id != site.pk:
                raise ValidationError({"term": "届次须属于该委员所在的政协。"})
