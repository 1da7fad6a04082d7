"""Admin: the vocabulary editors keep for search (站内搜索 → 专用词, 同义词). A change re-indexes
everything (search.signals), so the index follows at once."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DomainWord, SynonymGroup


class DomainWordViewSet(SnippetViewSet):
    model = DomainWord
    icon = "tag"
    menu_label = "专用词"
    list_display = ["word", "note"]
    search_fields = ["word"]


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "同义词"
    list_display = ["terms"]
    search_fields = ["terms"]


class SearchVocabularyGroup(SnippetViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 270
    items = (DomainWordViewSet, SynonymGroupViewSet)


register_snippet(SearchVocabularyGroup)
