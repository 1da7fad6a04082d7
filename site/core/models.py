"""Per-committee branding and the committee hierarchy (county → prefecture).

Each committee is one Wagtail Site; ``CommitteeSettings`` is its site setting. The parent link
is what rolls figures up and lets a prefecture list and search across its counties.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page

from .method_settings import InstalledMethodsPanel, MethodSettingsForm, MethodSettingsObjectList
from .page_form import CommitteePageForm

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "请填写 #RRGGBB 格式的颜色，如 #9e1b1b。")
phone_validator = RegexValidator(
    r"^[0-9()（）-]{7,20}$",
    "联系电话只能由数字、连字符“-”和括号组成（7 至 20 位），如 0933-8212345 或 (0933)8212345。",
)
postcode_validator = RegexValidator(r"^[0-9]{6}$", "邮政编码应为 6 位数字，如 744000。")
ICP_FILING_URL = "https://beian.miit.gov.cn/"
POLICE_FILING_URL = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"
# The national 政府网站找错 platform: a site's 网站纠错 link carries its 网站标识码.
CORRECTION_URL = (
    "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode={code}"
)
# The footer items a government site must show (政府网站检查: missing filing numbers fail a
# site outright): (field, label). Checked by CommitteeSettings.missing_footer_items.
MANDATORY_FOOTER_ITEMS = (
    ("sponsor", "主办单位"),
    ("address", "联系地址"),
    ("phone", "联系电话"),
    ("icp_number", "ICP备案号"),
    ("police_number", "公安备案号"),
    ("website_code", "网站标识码"),
)


class CommitteeLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    PREFECTURE = "prefecture", "市（州）级"
    COUNTY = "county", "县（市、区）级"


@register_setting(icon="site")
class CommitteeSettings(BaseSiteSetting):
    name = models.CharField(
        "委员会全称", max_length=100, blank=True, help_text="如：中国人民政治协商会议平凉市委员会"
    )
    short_name = models.CharField("简称", max_length=40, blank=True, help_text="如：平凉市政协")
    level = models.CharField(
        "层级", max_length=20, choices=CommitteeLevel.choices, default=CommitteeLevel.COUNTY
    )
    parent_site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="上级政协站点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_committees",
        help_text="县级政协选择所属市（州）政协的站点；数据据此逐级汇总。",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        "主色", max_length=7, default="#9e1b1b", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        "辅色", max_length=7, default="#b8860b", validators=[colour_validator]
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    address = models.CharField(
        "联系地址", max_length=200, blank=True, help_text="如：甘肃省平凉市崆峒区某某路1号"
    )
    phone = models.CharField(
        "联系电话",
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text="如：0933-8212345",
    )
    postcode = models.CharField(
        "邮政编码", max_length=6, blank=True, validators=[postcode_validator]
    )
    contact = models.TextField(
        "其他联系方式",
        max_length=500,
        blank=True,
        help_text="地址、电话、邮编请填在上面的专门字段中；此处填写电子邮箱等其他方式。",
    )
    icp_number = models.CharField(
        "ICP备案号", max_length=50, blank=True, help_text="如：陇ICP备12345678号-1"
    )
    police_number = models.CharField(
        "公安备案号", max_length=50, blank=True, help_text="如：甘公网安备 62080202000123号"
    )
    website_code = models.CharField("网站标识码", max_length=30, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("level")], "委员会"
        ),
        FieldPanel("parent_site"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            "品牌",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("postcode")]),
                FieldPanel("contact"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("website_code"),
            ],
            "页脚信息",
            help_text="主办单位、联系地址、联系电话、ICP备案号、公安备案号、网站标识码为"
            "政府网站必须公开的项目；缺少任何一项，网站检查不合格。",
        ),
    ]

    class Meta:
        verbose_name = "政协站点设置"
        verbose_name_plural = "政协站点设置"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.short_name or self.name or self.site.site_name or self.site.hostname

    @property
    def icp_url(self):
        return ICP_FILING_URL if self.icp_number else ""

    @property
    def police_url(self):
        digits = "".join(re.findall(r"\d", self.police_number))
        return POLICE_FILING_URL.format(code=digits) if digits else ""

    @property
    def correction_url(self):
        """The 网站纠错 link on the national 政府网站找错 platform ("" without a site code).
        Codes are letters and digits; a note typed around one (such as 演示) is left out."""
        code = re.sub(r"[^0-9A-Za-z]", "", self.website_code)
        return CORRECTION_URL.format(code=code) if code else ""

    @property
    def has_contact(self):
        return any(
            value.strip() for value in (self.address, self.phone, self.postcode, self.contact)
        )

    def missing_footer_items(self):
        """The Chinese labels of the mandatory footer items this committee has not filled in,
        in footer order ([] when complete). The one definition of "mandatory" (see
        MANDATORY_FOOTER_ITEMS): the footer, the site monitor and the demo all call this."""
        return [
            label
            for field, label in MANDATORY_FOOTER_ITEMS
            if not (getattr(self, field) or "").strip()
        ]

    def clean(self):
        super().clean()
        if self.parent_site_id and self.parent_site_id == self.site_id:
            raise ValidationError({"parent_site": "上级站点不能是本站点。"})
        # Walk up the chain: a loop would make roll-ups recurse forever.
        seen = {self.site_id}
        parent_id = self.parent_site_id
        while parent_id:
            if parent_id in seen:
                raise ValidationError({"parent_site": "上级站点形成了循环。"})
            seen.add(parent_id)
            parent_id = (
                CommitteeSettings.objects.filter(site_id=parent_id)
                .values_list("parent_site_id", flat=True)
                .first()
            )


class BasePage(Page):
    """Common base of the site's page types; plugins subclass the concrete core pages."""

    show_in_menus_default = True
    # Chinese messages for a slug conflict, shown above the form as well as on the 推广 tab.
    base_form_class = CommitteePageForm

    class Meta:
        abstract = True

    @classmethod
    def clean_subpage_models(cls):
        """The declared subpage types plus the plugin page types that name this type as their
        parent: a plugin adds pages under core pages without core listing it."""
        if cls._clean_subpage_models is None:
            from wagtail.models import get_page_models

            from core.plugins import MethodPageMixin

            models = list(super().clean_subpage_models())
            for model in get_page_models():
                if (
                    issubclass(model, MethodPageMixin)
                    and model not in models
                    and getattr(model, "parent_page_types", None)
                    and cls in model.clean_parent_page_models()
                ):
                    models.append(model)
            cls._clean_subpage_models = models
        return cls._clean_subpage_models

    def get_committee(self):
        """The CommitteeSettings of the site this page belongs to."""
        site = self.get_site()
        return CommitteeSettings.for_site(site) if site else None


def installed_method_choices():
    from core.plugins import registry

    return registry.choices()


@register_setting(icon="cogs")
class MethodSettings(ClusterableModel, BaseSiteSetting):
    """Which county methods (plugins) this committee runs, each with its configuration. A
    method not enabled here contributes nothing to this site."""

    # Every installed method with its switch and a form generated from its config schema.
    edit_handler = MethodSettingsObjectList(
        [InstalledMethodsPanel(heading="已安装的协商工作法")],
        base_form_class=MethodSettingsForm,
    )

    class Meta:
        verbose_name = "协商工作法（插件）"
        verbose_name_plural = "协商工作法（插件）"


class EnabledMethod(Orderable):
    setting = ParentalKey(MethodSettings, related_name="methods", on_delete=models.CASCADE)
    key = models.CharField("工作法", max_length=60, choices=installed_method_choices)
    enabled = models.BooleanField("启用", default=True)
    config = models.JSONField(
        "配置",
        default=dict,
        blank=True,
        help_text="按该工作法说明填写的 JSON 配置；留空使用默认配置。",
    )

    panels = [FieldRowPanel([FieldPanel("key"), FieldPanel("enabled")]), FieldPanel("config")]

    class Meta(Orderable.Meta):
        verbose_name = "启用的协商工作法"
        verbose_name_plural = "启用的协商工作法"
        constraints = [
            models.UniqueConstraint(fields=["setting", "key"], name="one_row_per_method")
        ]

    def __str__(self):
        return self.get_key_display()

    def clean(self):
        from core.plugins import registry

        method = registry.get(self.key)
        if method is None:
            raise ValidationError({"key": "该工作法的插件未安装。"})
        problems = method.validate_config(self.config or {})
        if problems:
            raise ValidationError({"config": problems})
