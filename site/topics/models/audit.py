"""The audit log of who looked at or handled whose submissions: append-only, no entry can be
changed or deleted through the application."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from wagtail.models import Site


class AccessAction(models.TextChoices):
    LIST = "list", "查看列表"
    VIEW = "view", "查看详情"
    EXPORT = "export", "导出"
    ACCEPT = "accept", "采纳"
    DECLINE = "decline", "不予采纳"
    MERGE = "merge", "合并"
    ANONYMISE = "anonymise", "删除联系方式"


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionDenied("审计日志不可删除。")

    def update(self, **kwargs):
        raise PermissionDenied("审计日志不可修改。")


class TopicAccessLog(models.Model):
    """Who viewed, exported or handled which submissions, and when. Written by the views and
    the anonymisation job; nobody can change or delete an entry through the application."""

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("用户名", max_length=150)
    site = models.ForeignKey(
        Site, verbose_name="政协站点", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("操作", max_length=20, choices=AccessAction.choices)
    submission_ids = models.JSONField("涉及的议题编号", default=list)
    detail = models.CharField("说明", max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "群众议题访问日志"
        verbose_name_plural = "群众议题访问日志"
        ordering = ["-at", "-pk"]
        # The app's admin offers only the list; no delete permission is ever granted.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("审计日志不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审计日志不可删除。")

    @classmethod
    def record(cls, *, user, action, submissions=(), site=None, detail=""):
        ids = [s.pk if hasattr(s, "pk") else s for s in submissions]
        return cls.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            username=user.get_username() if user is not None else "系统",
            site=site,
            action=action,
            submission_ids=ids,
            detail=detail[:300],
        )
