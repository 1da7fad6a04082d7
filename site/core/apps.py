from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "站点与公共组件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .checks import check_committee_viewsets
        from .committees import grant_declared_permissions
        from .restrictions import install as memoise_view_restrictions
        from .spreadsheets import defuse_wagtail_exports
        from .tenancy import register_policies

        register_policies()
        checks.register(check_committee_viewsets, checks.Tags.security)

        post_migrate.connect(grant_declared_permissions, sender=self)
        defuse_wagtail_exports()  # formulas in every listing export (core/spreadsheets.py)
        memoise_view_restrictions()  # one lookup per request (core/restrictions.py)
