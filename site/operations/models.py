"""What the background jobs leave behind: heartbeats, the scheduler's last slot of each periodic
job, and the archive imports started from the admin."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


class PrivateStorage(FileSystemStorage):
    """Uploaded archives live under ARCHIVE_IMPORT_ROOT, outside MEDIA_ROOT (which the front
    server serves to anyone): only the worker reads them."""

    @property
    def base_location(self):
        return settings.ARCHIVE_IMPORT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


archive_storage = PrivateStorage()


class Heartbeat(models.Model):
    """The last time a process proved it was working (operations.heartbeat). Written with an
    upsert that sends no signal, so a beat never empties the page cache."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = "心跳"
        verbose_name_plural = "心跳"

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class JobSlot(models.Model):
    """The latest slot (a minute, a day's hour) for which the scheduler enqueued a job: claimed
    by a conditional update, so a job is enqueued once per slot even with two schedulers, and a
    day's job missed while the scheduler was down runs when it comes back."""

    name = models.CharField(max_length=80, primary_key=True)
    slot = models.DateTimeField()

    def __str__(self):
        return f"{self.name} {self.slot:%Y-%m-%d %H:%M}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ArchiveImport(models.Model):
    """An archive file (docs/import.md) an editor uploaded for their committee's site, imported
    by the worker (operations.tasks.import_archive); the report is kept for the editor to read."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="导入到政协站点",
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(
        "JSON Lines 文件",
        upload_to="%Y/%m/",
        storage=archive_storage,
        help_text="每行一条新闻（格式见导入说明）；按 id 更新，不重复导入。",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    created = models.PositiveIntegerField("新建", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    skipped = models.PositiveIntegerField("跳过行数", default=0)
    errors = models.JSONField("跳过的行", default=list, blank=True)  # ["第N行：…"]
    warnings = models.JSONField("按默认值导入", default=list, blank=True)
    message = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "历史新闻导入"
        verbose_name_plural = "历史新闻导入"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        name = self.file.name.rsplit("/", 1)[-1] if self.file else ""
        return f"{name}（{self.get_status_display()}）"

    def get_errors_display(self):
        return _lines(self.errors)

    def get_warnings_display(self):
        return _lines(self.warnings)


def _lines(lines):
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "—"
