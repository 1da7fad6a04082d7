"""Scheduling reachable from the publish menu: "定时发布…" opens Wagtail's scheduling dialog
(the status side panel's go-live and expiry times), whose "定时发布" button publishes with
them (see the dialog's template override in cppcc/templates/wagtailadmin/panels/publishing)."""

from wagtail.admin.action_menu import PublishMenuItem


class SchedulePublishMenuItem(PublishMenuItem):
    """Shown to whoever may publish (as Wagtail's publish button); a button that opens the
    dialog rather than submitting the form."""

    label = "定时发布…"
    name = "action-schedule"
    icon_name = "calendar-alt"
    template_name = "core/admin/schedule_menu_item.html"


def schedule_menu_item():
    return SchedulePublishMenuItem(order=35)
