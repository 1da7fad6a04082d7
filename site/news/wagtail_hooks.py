from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MeetingType


class MeetingTypeViewSet(SnippetViewSet):
    model = MeetingType
    icon = "group"
    menu_label = "会议类型"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "numbered_name", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(MeetingTypeViewSet)
