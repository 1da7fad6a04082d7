"""The admin menu item 板凳协商会: the activities that followed the method, shown only to editors
of a committee that enabled it."""

from wagtail import hooks

from plugin_api import activities_menu_item

from .method import KEY


@hooks.register("register_admin_menu_item")
def register_bench_menu_item():
    return activities_menu_item(KEY, "板凳协商会", order=260)
