"""The admin menu item 三位一体: the activities that followed the method, shown only to editors
of a committee that enabled it."""

from wagtail import hooks

from plugin_api import activities_menu_item

from .method import KEY


@hooks.register("register_admin_menu_item")
def register_three_in_one_menu_item():
    return activities_menu_item(KEY, "三位一体协商", order=255)
