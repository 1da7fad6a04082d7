"""Case studies (典型案例): written up from one or more activities, printed and exchanged
between counties."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import BasePage

from .base import CommitteeIndexPage


class CaseStudyIndexPage(CommitteeIndexPage):
    subpage_types = ["consultation.CaseStudyPage"]
    page_size = 12

    class Meta:
        verbose_name = "典型案例栏目"
        verbose_name_plural = "典型案例栏目"

    def get_context(self, request, *args, **kwargs):
        from consultation.views import case_study_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_list_context(request, self))
        return context


class CaseStudyPage(BasePage):
    date = models.DateField("日期", default=timezone.localdate, db_index=True)
    summary = models.TextField("摘要", max_length=500, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        InlinePanel("case_activities", label="关联的协商活动", min_num=1),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["consultation.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"

    def linked_activities(self):
        from consultation.models.activities import Activity

        return (
            Activity.objects.public()
            .filter(case_studies__page=self)
            .select_related("platform", "platform__kind", "format", "topic_category")
            .prefetch_related("steps")
            .order_by("case_studies__sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        from consultation.views import activity_urls

        context = super().get_context(request, *args, **kwargs)
        activities = list(self.linked_activities())
        urls = activity_urls(activities, request)
        for activity in activities:
            activity.public_url = urls.get(activity.pk)
        context["activities"] = activities
        return context


class CaseStudyActivity(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="case_activities", on_delete=models.CASCADE)
    activity = models.ForeignKey(
        "consultation.Activity",
        verbose_name="协商活动",
        on_delete=models.CASCADE,
        related_name="case_studies",
    )

    panels = [FieldPanel("activity")]

    class Meta(Orderable.Meta):
        verbose_name = "关联的协商活动"
        verbose_name_plural = "关联的协商活动"
        constraints = [
            models.UniqueConstraint(fields=["page", "activity"], name="case_study_activity_once")
        ]
