from django.apps import AppConfig


class MonitorConfig(AppConfig):
    """The site monitor (网站监测): flags what government-website inspections fail a site for
    (stale sections, dead links, missing footer items, images without alternative text, 404s)
    before the inspectors do."""

    name = "monitor"
    verbose_name = "网站监测"
    default_auto_field = "django.db.models.BigAutoField"
