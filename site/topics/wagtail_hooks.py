"""Admin registration: the inbox of citizens' topics and its read-only audit log."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .admin_views import TopicAccessLogViewSet, TopicSubmissionViewSet


class TopicsViewSetGroup(ModelViewSetGroup):
    menu_label = "群众议题"
    menu_icon = "mail"
    menu_order = 255
    items = (TopicSubmissionViewSet, TopicAccessLogViewSet)


@hooks.register("register_admin_viewset")
def register_topics_viewsets():
    return TopicsViewSetGroup()
