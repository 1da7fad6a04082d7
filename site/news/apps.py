from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "新闻与会议报道"
    default_auto_field = "django.db.models.BigAutoField"
    # The meeting-type taxonomy is shared by the installation (core.committees).
    shared_taxonomy_permissions = ("news.add_meetingtype", "news.change_meetingtype")
