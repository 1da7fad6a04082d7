"""Admin registration: the audit log actions, bulk deletions in the log, and 设置 → 登录锁定."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log
from wagtail.models import Page

from . import audit
from .views import LockoutsView


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_log_actions(actions)


@hooks.register("after_bulk_action")
def log_bulk_action(request, action_type, objects, action_class_instance):
    """Wagtail's bulk delete of snippets, images, documents and users deletes with a queryset
    and logs nothing (a page's deletion logs itself); bulk (de)activation of users updates
    with a queryset too."""
    if action_type == "delete":
        for obj in objects:
            if not isinstance(obj, Page) and obj.pk is not None:
                log(obj, "wagtail.delete", user=request.user, deleted=True)
    elif action_type == "set_active_state":
        audit.log_active_state_changes(objects)


@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("security/lockouts/", LockoutsView.as_view(), name="security_lockouts")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem("登录锁定", reverse("security_lockouts"), icon_name="lock", order=900)
