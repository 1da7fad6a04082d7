from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "群众议题"
    default_auto_field = "django.db.models.BigAutoField"
    # Editors handle their committee's submissions; members never see them (their groups hold
    # page permissions only).
    editor_permissions = (
        "topics.view_topicsubmission",
        "topics.change_topicsubmission",
        "topics.view_topicaccesslog",
    )

    def ready(self):
        from . import checks  # noqa: F401  (registers the rate settings check)
