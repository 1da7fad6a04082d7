from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    """Grassroots consultation: platforms, activities, suggestions, case studies, figures."""

    name = "consultation"
    verbose_name = "基层协商"
    default_auto_field = "django.db.models.BigAutoField"
    # Records belong to a committee (core.tenancy scopes them); any editor may add a local
    # platform kind or format (楼院议事厅, 板凳协商会…), top-level editors keep the shared lists.
    editor_permissions = (
        "consultation.add_activity",
        "consultation.change_activity",
        "consultation.delete_activity",
        "consultation.add_platformkind",
        "consultation.add_activityformat",
    )
    shared_taxonomy_permissions = (
        "consultation.change_platformkind",
        "consultation.add_topiccategory",
        "consultation.change_topiccategory",
        "consultation.change_activityformat",
    )

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.plugins import PluginAppConfig

        from . import figures, models

        # Whatever a counter or a county method's figure reads (the 六有 evidence, the
        # plugins' own records, the kinds' names, the view restrictions the public lists'
        # counts leave out, the sites' root pages): any change makes cached figures stale.
        plugin_models = [
            model
            for config in apps.get_app_configs()
            if isinstance(config, PluginAppConfig)
            for model in config.get_models()
        ]
        for model in (
            models.Activity,
            models.ActivityStep,
            models.Participation,
            models.Suggestion,
            models.PlatformMember,
            models.PlatformPage,
            models.PlatformEvidence,
            models.PlatformKind,
            models.ConsultationSettings,  # its deadlines decide what is overdue
            PageViewRestriction,
            Site,
            *plugin_models,
        ):
            post_save.connect(figures.invalidate, sender=model, dispatch_uid=f"figures-{model}")
            post_delete.connect(
                figures.invalidate, sender=model, dispatch_uid=f"figures-del-{model}"
            )
        page_published.connect(figures.invalidate, dispatch_uid="figures-published")
        page_unpublished.connect(figures.invalidate, dispatch_uid="figures-unpublished")
        post_page_move.connect(figures.invalidate, dispatch_uid="figures-moved")
        post_page_move.connect(follow_moved_platforms, dispatch_uid="activities-follow-platforms")


def follow_moved_platforms(sender, instance, **kwargs):
    """An activity belongs to its platform's committee: when a platform (or a subtree holding
    platforms) moves to another committee's site, its activities move with it."""
    from .models import Activity

    site = instance.get_site()
    if site is not None:
        Activity.objects.filter(platform__path__startswith=instance.path).exclude(site=site).update(
            site=site
        )
