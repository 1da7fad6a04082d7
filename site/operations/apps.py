from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the installation: health checks, the scheduler of background jobs, provisioning
    committees from the command line, backup and restore. Top layer: it may use every app."""

    name = "operations"
    verbose_name = "运行维护"
    default_auto_field = "django.db.models.BigAutoField"
    # A committee's editors upload archives for import into their own site and read the reports
    # (operations.wagtail_hooks); they neither change nor delete an import.
    editor_permissions = ("operations.add_archiveimport", "operations.view_archiveimport")
