"""The committee's 我有事要协商 page and its routes (the views are in topics.views)."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

from core.models import BasePage

from .submissions import TopicSettings


class TopicSubmissionPage(RoutablePageMixin, BasePage):
    """The committee's 我有事要协商 page: the form, the receipt after submitting, and the page
    where a receipt code shows how the topic is being handled. Never cached."""

    intro = RichTextField(
        "导语",
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text="说明哪些事项可以提交、如何办理。",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "群众议题征集页"
        verbose_name_plural = "群众议题征集页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["retention_days"] = TopicSettings.for_site(site).retention_days if site else 180
        return context

    @path("")
    def submission_form(self, request):
        from ..views import submission_form

        return submission_form(request, self)

    @path("thanks/")
    def thanks(self, request):
        from ..views import thanks

        return thanks(request, self)

    @path("receipt/")
    def receipt_lookup(self, request):
        from ..views import receipt_lookup

        return receipt_lookup(request, self)

    @re_path(r"^receipt/(?P<code>[0-9A-Za-z\-]{1,40})/$")
    def receipt(self, request, code):
        from ..views import receipt

        return receipt(request, self, code)
