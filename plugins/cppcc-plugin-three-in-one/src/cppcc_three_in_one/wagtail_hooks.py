"""The admin menu item 三位一体: the activities that followed the method, shown only to editors
of a committee that enabled it."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.plugins import method_menu_item

from .method import KEY

ThreeInOneMenuItem = method_menu_item(MenuItem, KEY)


@hooks.register("register_admin_menu_item")
def register_three_in_one_menu_item():
    return ThreeInOneMenuItem(
        "三位一体协商",
        reverse("wagtailsnippets_consultation_activity:list") + f"?method={KEY}",
        icon_name="group",
        order=255,
    )
