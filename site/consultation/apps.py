from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    """Grassroots consultation: platforms, activities, suggestions, case studies, figures."""

    name = "consultation"
    verbose_name = "基层协商"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import figures, models

        # Whatever a counter reads: any change makes cached figures stale.
        for model in (
            models.Activity,
            models.ActivityStep,
            models.Participation,
            models.Suggestion,
            models.PlatformMember,
            models.PlatformPage,
        ):
            post_save.connect(figures.invalidate, sender=model, dispatch_uid=f"figures-{model}")
            post_delete.connect(
                figures.invalidate, sender=model, dispatch_uid=f"figures-del-{model}"
            )
        page_published.connect(figures.invalidate, dispatch_uid="figures-published")
        page_unpublished.connect(figures.invalidate, dispatch_uid="figures-unpublished")
        post_page_move.connect(figures.invalidate, dispatch_uid="figures-moved")
