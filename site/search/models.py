"""Chinese search: the editors' vocabulary (domain words, synonyms) and the search documents —
one row per public page or activity, holding its pipeline tokens, which each database indexes
with its own full-text engine (SQLite FTS5, PostgreSQL tsvector; see search.engine)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from .text import CJK_RUN, Vocabulary, clean, fold


class DomainWord(models.Model):
    """A word the segmenter may split but citizens search as one (place names, brands)."""

    word = models.CharField("词语", max_length=30, unique=True)
    note = models.CharField("说明", max_length=100, blank=True)

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = "专用词"
        verbose_name_plural = "专用词"
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        self.word = fold(clean(self.word)).strip().lower()
        if len(self.word) < 2 or not CJK_RUN.fullmatch(self.word):
            raise ValidationError({"word": "专用词须为两个以上汉字。"})


class SynonymGroup(models.Model):
    """Words that mean the same here (常委会 ↔ 常务委员会): a search for one finds all."""

    terms = models.CharField(
        "同义词",
        max_length=300,
        unique=True,
        help_text="用顿号或逗号分隔，如：常委会、常务委员会。第一个词为标准词。",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def words(self):
        import re

        parts = [fold(clean(w)).strip().lower() for w in re.split(r"[、,，;；\s]+", self.terms)]
        return [w for w in dict.fromkeys(parts) if w]

    def clean(self):
        words = self.words()
        if len(words) < 2:
            raise ValidationError({"terms": "同义词组至少需要两个词。"})
        if any(not CJK_RUN.fullmatch(w) and not w.isalnum() for w in words):
            raise ValidationError({"terms": "每个同义词只能由汉字、字母或数字组成。"})
        self.terms = "、".join(words)


def load_vocabulary():
    """The vocabulary as the pipeline uses it (cached; see search.signals)."""
    from django.core.cache import cache

    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        canonical = {}
        for group in SynonymGroup.objects.all():
            words = group.words()
            for word in words:
                canonical.setdefault(word, words[0])
        vocabulary = Vocabulary(
            words=frozenset(DomainWord.objects.values_list("word", flat=True)),
            canonical=canonical,
        )
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, 3600)
    return vocabulary


VOCABULARY_CACHE_KEY = "search:vocabulary"


class SearchDocument(models.Model):
    """What search finds: a live, public page (or a public activity) with the facets the search
    page filters by. Rebuilt from the records by search.indexing; never edited."""

    key = models.CharField(max_length=40, unique=True)  # "page:12", "activity:7"
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, db_index=True)  # e.g. news.newspage
    kind_label = models.CharField(max_length=40)
    method_key = models.CharField(max_length=60, blank=True)  # a plugin's page type
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)
    meeting_type = models.CharField(max_length=60, blank=True)
    meeting_type_label = models.CharField(max_length=60, blank=True)
    platform_level = models.CharField(max_length=20, blank=True)
    text = models.TextField()  # cleaned text in the script it was written in, for snippets
    title_tokens = models.TextField(default="")  # search.text.index_text(title): ranks higher
    tokens = models.TextField()  # search.text.index_text(text)
    # The facet values as tokens (search.engine.facet_token), so that the full-text engine
    # filters and counts without reading the documents.
    facet_tokens = models.TextField(default="")

    class Meta:
        indexes = [
            models.Index(fields=["site", "date"], name="searchdoc_site_date"),
            models.Index(fields=["-date", "-id"], name="searchdoc_newest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from .engine import document_facet_tokens

        self.facet_tokens = document_facet_tokens(self)
        if kwargs.get("update_fields") is not None:  # update_or_create names the fields it set
            kwargs["update_fields"] = {*kwargs["update_fields"], "facet_tokens"}
        super().save(*args, **kwargs)
