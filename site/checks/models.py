"""The lists editors keep (sensitive words, official names' wrong forms) and the workflow task
that checks a page when it is submitted.

A list entry belongs to one committee (``site``) and applies to that committee's pages only;
an entry without a site is the installation's starter list, shared by every committee and
changed by the installation's administrators only (core.tenancy keeps it out of editors'
listings and forms)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site, Task


class WordQuerySet(models.QuerySet):
    def for_site(self, site):
        """The installation's shared entries and ``site``'s own."""
        condition = models.Q(site__isnull=True)
        if site is not None:
            condition |= models.Q(site=site)
        return self.filter(condition)


class ListEntry(models.Model):
    """What the two lists share: who an entry applies to."""

    class Meta:
        abstract = True

    def scope(self):
        return self.site.site_name if self.site_id else "全站通用"

    scope.short_description = "适用范围"


class SensitiveWord(ListEntry):
    """A word or phrase that must not appear in a published page (an abolished body's name,
    placeholder text left in a draft, …)."""

    site = models.ForeignKey(
        Site,
        verbose_name="所属政协站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空为全站通用（仅系统管理员可设）",
    )
    word = models.CharField("敏感词", max_length=60)
    category = models.CharField("类别", max_length=30, blank=True, help_text="如：过时名称")
    note = models.CharField(
        "说明", max_length=200, blank=True, help_text="检查结果中向编辑显示，如应改用的表述"
    )

    objects = WordQuerySet.as_manager()
    panels = [FieldPanel("site"), FieldPanel("word"), FieldPanel("category"), FieldPanel("note")]

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["site", "word"]
        constraints = [
            models.UniqueConstraint(fields=["site", "word"], name="checks_one_word_per_site"),
        ]

    def __str__(self):
        return self.word

    def clean(self):
        self.word = self.word.strip()


class OfficialName(ListEntry):
    """A common error in an official name or title (规范表述) and the correct form."""

    site = models.ForeignKey(
        Site,
        verbose_name="所属政协站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空为全站通用（仅系统管理员可设）",
    )
    wrong = models.CharField("错误表述", max_length=60)
    correct = models.CharField("规范表述", max_length=60)
    note = models.CharField("说明", max_length=200, blank=True)

    objects = WordQuerySet.as_manager()
    panels = [FieldPanel("site"), FieldPanel("wrong"), FieldPanel("correct"), FieldPanel("note")]

    class Meta:
        verbose_name = "规范表述"
        verbose_name_plural = "规范表述"
        ordering = ["site", "wrong"]
        constraints = [
            models.UniqueConstraint(fields=["site", "wrong"], name="checks_one_wrong_per_site"),
        ]

    def __str__(self):
        return f"{self.wrong} → {self.correct}"

    def clean(self):
        from django.core.exceptions import ValidationError

        self.wrong = self.wrong.strip()
        self.correct = self.correct.strip()
        if self.wrong and self.wrong == self.correct:
            raise ValidationError({"correct": "规范表述不能与错误表述相同。"})


class PublicationCheckTask(Task):
    """Runs the checks on the submitted revision: with findings the task is rejected at once
    (the page needs changes, the submitter is told what and where), without it approves
    itself and the workflow moves on to the editors' approval."""

    class Meta:
        verbose_name = "发布前检查"
        verbose_name_plural = "发布前检查"

    def start(self, workflow_state, user=None):
        from .findings import check_revision, summary

        task_state = super().start(workflow_state, user=user)
        found = check_revision(task_state.revision)
        if found:
            task_state.reject(user=None, update=False, comment=summary(found))
        else:
            task_state.approve(user=None, update=False, comment="")
        return task_state

    def get_actions(self, obj, user):
        return []  # nobody acts on it: it decides by itself

    @classmethod
    def get_description(cls):
        return (
            "提交审核时自动检查敏感词、规范表述、图片替代文字、内部链接和标题；"
            "发现问题即退回修改，没有问题自动通过。"
        )
