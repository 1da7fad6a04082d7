from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.figures_overview, name="figures"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.figures_export, name="figures_export"),
    path("<slug:key>/", views.figures_records, name="figure_records"),
]
