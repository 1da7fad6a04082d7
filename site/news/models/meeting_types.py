"""The meeting types editors manage (主席会议, 常委会会议, …): a meeting report names one."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


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
