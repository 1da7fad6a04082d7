from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese search: the text pipeline, the search documents and the search page."""

    name = "search"
    label = "cppcc_search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"
    # The search vocabulary (domain words, synonyms) is shared by the installation.
    shared_taxonomy_permissions = (
        "cppcc_search.add_domainword",
        "cppcc_search.change_domainword",
        "cppcc_search.delete_domainword",
        "cppcc_search.add_synonymgroup",
        "cppcc_search.change_synonymgroup",
        "cppcc_search.delete_synonymgroup",
    )

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from consultation.models import Activity

        from . import signals
        from .models import DomainWord, SynonymGroup

        page_published.connect(signals.page_published, dispatch_uid="search-published")
        page_unpublished.connect(signals.page_unpublished, dispatch_uid="search-unpublished")
        post_page_move.connect(signals.subtree_changed, dispatch_uid="search-moved")
        post_delete.connect(signals.page_deleted, dispatch_uid="search-page-deleted")
        for signal in (post_save, post_delete):
            signal.connect(
                signals.subtree_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"search-restriction-{signal}",
            )
            for model in (DomainWord, SynonymGroup):
                signal.connect(
                    signals.vocabulary_changed,
                    sender=model,
                    dispatch_uid=f"search-vocabulary-{model.__name__}-{signal}",
                )
        for model in (DomainWord, SynonymGroup):
            pre_save.connect(
                signals.vocabulary_remembered,
                sender=model,
                dispatch_uid=f"search-vocabulary-old-{model.__name__}",
            )
        post_save.connect(signals.activity_saved, sender=Activity, dispatch_uid="search-activity")
        post_delete.connect(
            signals.activity_deleted, sender=Activity, dispatch_uid="search-activity-del"
        )
