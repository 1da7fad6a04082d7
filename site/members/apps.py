from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Members, sectors, terms and workstations (built in its own issue)."""

    name = "members"
    verbose_name = "委员"
    default_auto_field = "django.db.models.BigAutoField"
