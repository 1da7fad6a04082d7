from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """Checks before publication (发布前检查): a workflow task that lists what blocks approval
    (sensitive words, wrong official names, images without alternative text, broken internal
    links, bad titles), each finding at its place in the page."""

    name = "checks"
    verbose_name = "发布前检查"
    default_auto_field = "django.db.models.BigAutoField"
    # Each committee keeps its own lists (core.tenancy scopes them to its site); the shared
    # starter entries (no site) are the installation administrators'.
    editor_permissions = (
        "checks.add_sensitiveword",
        "checks.change_sensitiveword",
        "checks.delete_sensitiveword",
        "checks.view_sensitiveword",
        "checks.add_officialname",
        "checks.change_officialname",
        "checks.delete_officialname",
        "checks.view_officialname",
    )

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.models import TaskState

        from core import signals

        from .workflow import guard_approval, on_moderation_workflow_created

        pre_save.connect(guard_approval, sender=TaskState, dispatch_uid="checks-guard-approval")
        # A new committee's workflow gets the check first (the migration added it to the
        # workflows that existed before).
        signals.moderation_workflow_created.connect(
            on_moderation_workflow_created, dispatch_uid="checks-new-workflow"
        )
