from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "站点与公共组件"
    default_auto_field = "django.db.models.BigAutoField"
