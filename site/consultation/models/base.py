"""Shared pieces of the consultation models: editor-managed taxonomies and the index pages."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel

from core.committees import listed_sites
from core.models import BasePage


class Taxonomy(models.Model):
    """An editor-managed list (platform kinds, topic categories, formats): name, slug, order."""

    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True, allow_unicode=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)


class CommitteeIndexPage(BasePage):
    """A committee's list of platforms, activities or case studies; a prefecture's can take in
    its counties' too."""

    intro = models.TextField("导语", blank=True, max_length=500)
    include_child_committees = models.BooleanField(
        "包含下级政协的内容",
        default=False,
        help_text="市（州）政协可在本栏目中同时列出所属县（市、区）政协的内容。",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("include_child_committees"),
    ]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listed_sites(self):
        return listed_sites(self, self.include_child_committees)
