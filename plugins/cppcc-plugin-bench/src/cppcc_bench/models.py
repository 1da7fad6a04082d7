"""The 板凳协商会 page of a committee: the method, its figures and the bench meetings held."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from plugin_api import BasePage, MethodPageMixin

from .method import KEY, bench_meetings


class BenchMeetingPage(MethodPageMixin, BasePage):
    method_key = KEY

    intro = models.TextField("导语", max_length=1000, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "板凳协商会栏目"
        verbose_name_plural = "板凳协商会栏目"

    def get_context(self, request, *args, **kwargs):
        from plugin_api import activity_urls, figure_scope

        context = super().get_context(request, *args, **kwargs)
        scope = figure_scope(self.get_site())
        method = self.method()
        config = self.method_config() or method.default_config
        meetings = list(
            bench_meetings(scope)
            .filter(platform__live=True)
            .select_related("platform")
            .prefetch_related("suggestions")
            .order_by("-held_on", "-pk")[:50]
        )
        urls = activity_urls(meetings, request)
        for meeting in meetings:
            meeting.public_url = urls.get(meeting.pk)
            issues = list(meeting.suggestions.all())
            meeting.issue_count = len(issues)
            meeting.solved_count = sum(1 for issue in issues if issue.status == "solved")
        context.update(
            {
                "method": method,
                "method_figures": method.figure_values(scope, config),
                "meetings": meetings,
                "rules": method.composition_rules(config),
                "follow_up_days": config.get("follow_up_days"),
            }
        )
        return context
