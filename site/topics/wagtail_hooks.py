"""Admin registration: the inbox of citizens' topics, its read-only audit log, and a dashboard
panel of the topics waiting for a decision."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSetGroup

from core.committees import editable_sites

from .admin_views import TopicAccessLogViewSet, TopicSubmissionViewSet
from .models import SubmissionStatus, TopicSubmission


class TopicsViewSetGroup(ModelViewSetGroup):
    menu_label = "群众议题"
    menu_icon = "mail"
    menu_order = 255
    items = (TopicSubmissionViewSet, TopicAccessLogViewSet)


@hooks.register("register_admin_viewset")
def register_topics_viewsets():
    return TopicsViewSetGroup()


class PendingTopicsPanel(Component):
    """How many citizens' topics wait for a decision, oldest first (without contact details)."""

    name = "pending_topics"
    order = 40
    template_name = "topics/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        pending = TopicSubmission.objects.filter(
            site__in=editable_sites(self.user), status=SubmissionStatus.RECEIVED
        ).order_by("submitted_at")
        count = pending.count()
        return {
            "pending": [
                {"submission": s, "url": reverse("topic_submissions:inspect", args=[s.pk])}
                for s in pending.select_related("site")[:5]
            ],
            "count_str": str(count),
            "list_url": reverse("topic_submissions:index") + "?status=received",
        }


@hooks.register("construct_homepage_panels")
def add_pending_topics_panel(request, panels):
    if request.user.has_perm("topics.change_topicsubmission"):
        panels.append(PendingTopicsPanel(request.user))
