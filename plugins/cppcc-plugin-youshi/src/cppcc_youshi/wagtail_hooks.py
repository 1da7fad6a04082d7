"""Admin: the units to cover (乡镇/村), for editors of committees that run 有事来协商 only."""

from wagtail.snippets.models import register_snippet

from plugin_api import MethodSnippetViewSet

from .method import KEY
from .models import CoverageUnit


class CoverageUnitViewSet(MethodSnippetViewSet):
    method_key = KEY
    model = CoverageUnit
    icon = "site"
    menu_label = "三级阵地覆盖"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "level", "parent", "platform"]
    list_filter = ["level"]
    search_fields = ["name"]


register_snippet(CoverageUnitViewSet)
