from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese search: the text pipeline and the search page (built in its own issue)."""

    name = "search"
    label = "cppcc_search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"
