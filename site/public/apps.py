from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public face shared by every committee's site: reading preferences (适老化, 简/繁),
    the page cache, feeds, sitemaps, robots.txt and the 网站地图 page."""

    name = "public"
    verbose_name = "公众网站"

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.context_processors import register_stamp
        from core.signals import content_changed

        from . import cache, sites

        # The page cache: every change empties the cached pages of the sites it can show on.
        pre_save.connect(cache.before_save, dispatch_uid="pagecache-before-save")
        pre_delete.connect(cache.before_delete, dispatch_uid="pagecache-before-delete")
        post_save.connect(cache.on_save, dispatch_uid="pagecache-save")
        post_delete.connect(cache.on_delete, dispatch_uid="pagecache-delete")
        m2m_changed.connect(cache.on_m2m_change, dispatch_uid="pagecache-m2m")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(cache.on_page_change, dispatch_uid=f"pagecache-{id(signal)}")
        content_changed.connect(cache.on_bulk_change, dispatch_uid="pagecache-bulk")
        # The header and footer of a site's pages, built once per change to what they show.
        register_stamp(sites.chrome_stamp)
