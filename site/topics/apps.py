from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "群众议题"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the rate settings check)
        from .permissions import grant_editor_permissions

        post_migrate.connect(grant_editor_permissions, sender=self)
