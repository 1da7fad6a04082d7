from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "新闻与会议报道"
    default_auto_field = "django.db.models.BigAutoField"
    # The meeting-type taxonomy is shared by the installation (core.committees).
    shared_taxonomy_permissions = ("news.add_meetingtype", "news.change_meetingtype")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_unpublished, post_page_move

        from core.models import CommitteeSettings
        from core.signals import content_changed

        from . import listing, tally
        from .models import MeetingType, NewsPage

        # Everything that can change which news pages are live and public, or where they sit.
        for model in (NewsPage, PageViewRestriction, MeetingType):
            post_save.connect(tally.news_changed, sender=model, dispatch_uid=f"tally-{model}")
            post_delete.connect(tally.news_changed, sender=model, dispatch_uid=f"tally-d-{model}")
        page_unpublished.connect(tally.news_changed, dispatch_uid="tally-unpublished")
        post_page_move.connect(tally.news_changed, dispatch_uid="tally-moved")
        content_changed.connect(tally.news_changed, weak=False, dispatch_uid="tally-bulk")
        # What a news list's sites are (news.listing): sites, committees, the tree's shape.
        for model in (Site, CommitteeSettings):
            post_save.connect(listing.sites_changed, sender=model, dispatch_uid=f"nls-{model}")
            post_delete.connect(listing.sites_changed, sender=model, dispatch_uid=f"nlsd-{model}")
        post_page_move.connect(listing.sites_changed, dispatch_uid="news-listing-moved")
