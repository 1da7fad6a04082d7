from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    """Grassroots consultation: platforms, activities, suggestions (built in its own issue)."""

    name = "consultation"
    verbose_name = "基层协商"
    default_auto_field = "django.db.models.BigAutoField"
