from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "首页"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.documents import get_document_model

        from .library import document_added

        post_save.connect(
            document_added, sender=get_document_model(), dispatch_uid="home-document-added"
        )
