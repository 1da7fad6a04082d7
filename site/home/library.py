"""规章制度 and other document libraries: a page listing a committee's own documents (Wagtail
documents in its collection), filtered by year and keyword, paginated.

Tenancy: each committee has its own collection (core.committees.provision_committee); a
library lists that collection (or a collection under it) and nothing else, whatever an editor
chose."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core import params
from core.committees import committee_collection
from core.models import BasePage, CommitteeSettings


class LibraryParams(params.QueryParams):
    year = params.YearField()
    q = params.TextField(max_length=60)
    page = params.PageField()


def own_collection(site):
    """The collection of the committee of ``site`` (None if it has none)."""
    if site is None:
        return None
    committee = CommitteeSettings.for_site(site)
    return committee_collection(committee.short_name) if committee.short_name else None


def file_size(document):
    """The size Wagtail recorded at upload, else the file's (read, never saved: a list does
    not write); None if the file is gone."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:
        return None


def human_size(size):
    """A file size as readers write it: 12 KB, 1.5 MB."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class DocumentLibraryForm(getattr(BasePage, "base_form_class", None) or WagtailAdminPageForm):
    """The collection chooser offers the committee's own collection and those under it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        own = own_collection(parent.get_site() if parent else None)
        if own is not None and "collection" in self.fields:
            self.fields["collection"].queryset = Collection.objects.filter(
                path__startswith=own.path
            ).order_by("path")

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("collection")
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        own = own_collection(parent.get_site() if parent else None)
        if chosen is not None and (own is None or not chosen.path.startswith(own.path)):
            self.add_error("collection", "只能选择本政协的集合或其下级集合。")
        return cleaned


class DocumentLibraryPage(BasePage):
    """A list of the committee's documents (规章制度, 工作制度, 下载专区…)."""

    # A 栏目 that leads to documents: not a search result of its own.
    search_listed = False
    intro = models.TextField("导语", blank=True, max_length=500)
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="文档分类（集合）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="留空则列出本政协集合中的全部文档；只能选择本政协的集合或其下级集合。",
    )
    tag = models.CharField(
        "文档标签", max_length=100, blank=True, help_text="填写后只列出带有此标签的文档。"
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("collection"),
        FieldPanel("tag"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = DocumentLibraryForm
    page_size = 20

    class Meta:
        verbose_name = "文档库（规章制度）"
        verbose_name_plural = "文档库（规章制度）"

    def clean(self):
        super().clean()
        if self.collection_id:
            parent = self.get_parent() if self.pk else None
            site = parent.get_site() if parent else None
            own = own_collection(site)
            if own is not None and not self.collection.path.startswith(own.path):
                raise ValidationError({"collection": "只能选择本政协的集合或其下级集合。"})

    def root_collection(self, site):
        """The collection listed: the chosen one if it lies within the committee's own, else
        the committee's own; None (nothing listed) when the committee has no collection."""
        own = own_collection(site)
        if own is None:
            return None
        chosen = self.collection
        if chosen is not None and chosen.path.startswith(own.path):
            return chosen
        return own

    def documents(self, site):
        """The documents of this library, newest first."""
        Document = get_document_model()
        root = self.root_collection(site)
        if root is None:
            return Document.objects.none()
        within = Collection.objects.filter(path__startswith=root.path).values("pk")
        documents = Document.objects.filter(collection__in=within)
        if self.tag:
            documents = documents.filter(tags__name=self.tag)
        return documents.order_by("-created_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        given = LibraryParams(request.GET).values
        documents = self.documents(self.get_site())
        years = (
            documents.annotate(year=ExtractYear("created_at"))
            .order_by()
            .values("year")
            .annotate(count=Count("pk", distinct=True))
            .order_by("-year")
        )
        if given["year"]:
            documents = documents.filter(created_at__year=given["year"])
        if given["q"]:
            documents = documents.filter(title__icontains=given["q"].strip())
        page = Paginator(documents.distinct(), self.page_size).get_page(given["page"])
        rows = [
            {
                "document": document,
                "extension": document.file_extension.upper(),
                "size": human_size(file_size(document)),
            }
            for document in page.object_list
        ]
        context.update(
            page_obj=page,
            rows=rows,
            years=list(years),
            selected_year=str(given["year"] or ""),
            keyword=given["q"],
        )
        return context


def document_added(sender, instance, created, raw=False, **kwargs):
    """A new document is on no page until one that uses it is saved (public.cache_scope),
    but a library lists it at once: tell the caches that its committee's site changed."""
    if not created or raw or instance.collection_id is None:
        return
    from core.signals import content_changed

    collection = instance.collection
    names = [c.name for c in collection.get_ancestors(inclusive=True) if c.depth > 1]
    sites = list(
        CommitteeSettings.objects.filter(short_name__in=names).values_list("site_id", flat=True)
    )
    if sites:
        content_changed.send(sender=__name__, sites=sites)
