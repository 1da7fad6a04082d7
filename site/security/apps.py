from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """等保 level-2 basics: login lockout (django-axes), idle logout, the password policy, the
    content security policy and the audit trail of logins, exports, deletions and permission
    changes in Wagtail's log (see docs/deployment.md, "Security")."""

    name = "security"
    verbose_name = "安全与审计"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import audit

        audit.connect_signals()
