"""The public list of a committee's activities: activities are records, not pages, so this
page routes to each one's public timeline and lists them in its committee's sitemap."""

import datetime

from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .activities import Activity
from .base import CommitteeIndexPage


class ActivityIndexPage(RoutablePageMixin, CommitteeIndexPage):
    """The public list of a committee's activities and each activity's public timeline."""

    subpage_types = []
    page_size = 20

    class Meta:
        verbose_name = "协商活动栏目"
        verbose_name_plural = "协商活动栏目"

    @path("")
    def activity_list(self, request):
        from consultation.views import activity_list

        return activity_list(request, self)

    @path("<int:pk>/")
    def activity_detail(self, request, pk):
        from consultation.views import activity_detail

        return activity_detail(request, self, pk)

    # Activities in one committee's sitemap, newest first (the sitemap's files hold 50,000 URLs).
    SITEMAP_ACTIVITIES = 20_000

    def get_sitemap_urls(self, request=None):
        """This page and each public activity of its committee, which are not pages but have
        addresses of their own here."""
        urls = super().get_sitemap_urls(request)
        site = self.get_site()
        base = self.get_full_url(request)
        if not urls or site is None or base is None:
            return urls
        activities = (
            Activity.objects.public()
            .filter(site=site)
            .order_by("-last_step_on", "-pk")
            .values_list("pk", "last_step_on")[: self.SITEMAP_ACTIVITIES]
        )
        for pk, last_step_on in activities:
            urls.append(
                {
                    "location": base.rstrip("/")
                    + "/"
                    + self.reverse_subpage("activity_detail", args=(pk,)),
                    # Wagtail compares lastmod values with pages' datetimes.
                    "lastmod": timezone.make_aware(
                        datetime.datetime.combine(last_step_on, datetime.time())
                    )
                    if last_step_on
                    else None,
                }
            )
        return urls
