"""The units a county must cover (乡镇/街道, 村/社区), each linked to the platform serving it, and
the coverage report page."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from plugin_api import BasePage, MethodPageMixin, registry

from .method import KEY, campaigns


class UnitLevel(models.TextChoices):
    TOWNSHIP = "township", "乡镇（街道）"
    VILLAGE = "village", "村（社区）"


class CoverageUnitForm(WagtailAdminModelForm):
    """Only the editor's committees that run the method, and their own platforms."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            from plugin_api import PlatformPage, pages_in_editable_sites

            self.fields["site"].queryset = registry.sites_for_user(KEY, for_user)
            self.fields["platform"].queryset = pages_in_editable_sites(PlatformPage, for_user)
            self.fields["parent"].queryset = CoverageUnit.objects.filter(
                site__in=self.fields["site"].queryset, level=UnitLevel.TOWNSHIP
            )


class CoverageUnit(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="所属政协站点",
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField("名称", max_length=60)
    level = models.CharField("层级", max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="所属乡镇（街道）",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="villages",
        limit_choices_to={"level": UnitLevel.TOWNSHIP},
        help_text="村（社区）填写所属乡镇（街道）。",
    )
    platform = models.ForeignKey(
        "consultation.PlatformPage",
        verbose_name="协商阵地",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="服务该地的协商平台；留空表示尚未覆盖。",
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("level")]),
        FieldPanel("parent"),
        FieldPanel("platform"),
    ]
    base_form_class = CoverageUnitForm

    class Meta:
        verbose_name = "覆盖单元"
        verbose_name_plural = "三级阵地覆盖"
        ordering = ["site", "level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "level", "parent", "name"], name="youshi_unique_unit"
            )
        ]

    def __str__(self):
        return f"{self.parent.name} · {self.name}" if self.parent_id else self.name

    def clean(self):
        errors = {}
        if self.level == UnitLevel.VILLAGE and self.parent_id is None:
            errors["parent"] = "村（社区）须选择所属乡镇（街道）。"
        if self.level == UnitLevel.TOWNSHIP and self.parent_id is not None:
            errors["parent"] = "乡镇（街道）不选所属乡镇。"
        if self.parent_id and self.site_id and self.parent.site_id != self.site_id:
            errors["parent"] = "所属乡镇须属于同一政协。"
        if self.platform_id and self.site_id:
            root = self.site.root_page
            if not self.platform.path.startswith(root.path):
                errors["platform"] = "只能选择本政协的协商平台。"
        if errors:
            raise ValidationError(errors)


class CoverageReportPage(MethodPageMixin, BasePage):
    """三级阵地覆盖报告 and the campaign periods, reported separately."""

    method_key = KEY

    intro = models.TextField("导语", max_length=1000, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["consultation.PlatformIndexPage", "home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "有事来协商覆盖报告"
        verbose_name_plural = "有事来协商覆盖报告"

    def get_context(self, request, *args, **kwargs):
        from plugin_api import shared_figures

        from .coverage import coverage_report

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        method = self.method()
        config = self.method_config() or method.default_config
        context.update(
            {
                "method": method,
                "guidance": config.get("guidance") or {},
                "steps": method.steps_for(config),
                "committees": coverage_report(site),
                "campaigns": [
                    {
                        **campaign,
                        "figures": shared_figures(
                            site, campaign["start"], campaign["end"], rollup=True
                        ),
                    }
                    for campaign in campaigns(config)
                ],
            }
        )
        return context
