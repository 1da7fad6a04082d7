from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from operations import health
from public.preferences import preferences_view
from search import views as search_views

urlpatterns = [
    # Also answered first, on any host, by operations.health.HealthCheckMiddleware.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include("core.admin_urls")),  # replacements of a few Wagtail admin views
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("figures/", include("consultation.urls")),
    path("search/", search_views.search_view, name="search"),
    path("preferences/", preferences_view, name="reading_preferences"),
    path("", include("public.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "public.errors.server_error"
