"""Template helpers of the Chinese admin: the installation's name where Wagtail writes its own,
and whether the scheduling dialog may offer to schedule the page outright."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "管理后台"


@register.simple_tag
def can_schedule_publish(form, page, user):
    """As Wagtail's publish button: publish on the page once it exists, publish a subpage of
    the parent while it is being created."""
    if page is None or not user.is_authenticated:
        return False
    if page.pk:
        return page.permissions_for_user(user).can_publish()
    parent = getattr(form, "parent_page", None)
    return bool(parent and parent.permissions_for_user(user).can_publish_subpage())
