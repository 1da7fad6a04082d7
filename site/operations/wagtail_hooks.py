"""Admin: archive imports run by the worker (上传历史新闻 → 排队 → 导入报告)."""

from functools import partial

from django.db import transaction
from django.http import Http404
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView

from core.admin_views import SiteScopedSnippetViewSet
from core.committees import editable_sites

from .forms import ArchiveImportForm
from .models import ArchiveImport
from .tasks import import_archive


class ArchiveImportCreateView(CreateView):
    def post(self, request, *args, **kwargs):
        # Another committee's site is refused outright, not only left out of the choices: as
        # the admin wall answers, as if it did not exist.
        site_id = request.POST.get("site", "")
        if site_id.isdigit() and not editable_sites(request.user).filter(pk=site_id).exists():
            raise Http404
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        transaction.on_commit(partial(import_archive.enqueue, instance.pk))
        return instance


class ArchiveImportViewSet(SiteScopedSnippetViewSet):
    model = ArchiveImport
    icon = "upload"
    menu_label = "历史新闻导入"
    add_to_admin_menu = True
    menu_order = 900
    add_view_class = ArchiveImportCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "site", "status", "created", "updated", "skipped", "uploaded_at"]
    list_filter = ["status"]
    inspect_view_fields = [
        "site",
        "file",
        "uploaded_by",
        "uploaded_at",
        "status",
        "finished_at",
        "created",
        "updated",
        "skipped",
        "errors",
        "warnings",
        "message",
    ]
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("file")], base_form_class=ArchiveImportForm
    )


register_snippet(ArchiveImportViewSet)
