from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from members import chooser as member_chooser

urlpatterns = [
    # Ahead of Wagtail's own: the chooser views that take a page id, guarded for members.
    path(
        "admin/choose-page/<int:parent_page_id>/",
        member_chooser.browse,
        name="wagtailadmin_choose_page_child",
    ),
    path(
        "admin/choose-page/chosen-multiple/",
        member_chooser.chosen_multiple,
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("figures/", include("consultation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
