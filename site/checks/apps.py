from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """Checks before publication (发布前检查): a workflow task that lists what blocks approval
    (sensitive words, wrong official names, images without alternative text, broken internal
    links, bad titles), each finding at its place in the page."""

    name = "checks"
    verbose_name = "发布前检查"
    default_auto_field = "django.db.models.BigAutoField"
