"""What the monitor keeps: one run per committee per day with its findings (kept for history,
pruned to the last MONITOR_KEEP_RUNS), and the 404s the public sites answered."""

from django.db import models
from wagtail.models import Site


class FindingKind(models.TextChoices):
    STALE_NEWS = "stale_news", "新闻栏目久未更新"
    STALE_SECTION = "stale_section", "栏目久未更新"
    DEAD_INTERNAL = "dead_internal", "站内死链"
    DEAD_EXTERNAL = "dead_external", "外部死链"
    FOOTER = "footer", "页脚缺少必备信息"
    ALT_TEXT = "alt_text", "图片缺少替代文字"
    NOT_FOUND = "not_found", "访问出现404的地址"


class MonitorRun(models.Model):
    site = models.ForeignKey(
        Site, verbose_name="站点", on_delete=models.CASCADE, related_name="monitor_runs"
    )
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    pages_crawled = models.PositiveIntegerField("检查页面数", default=0)
    links_checked = models.PositiveIntegerField("检查站内链接数", default=0)
    external_checked = models.PositiveIntegerField("检查外部链接数", default=0)
    external_skipped = models.PositiveIntegerField("未检查的外部链接数", default=0)
    summary = models.JSONField("各类问题数", default=dict, blank=True)
    error = models.TextField("运行错误", blank=True)

    class Meta:
        verbose_name = "网站监测记录"
        verbose_name_plural = "网站监测记录"
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["site", "-started_at"])]

    def __str__(self):
        return f"{self.site.site_name} {self.started_at:%Y-%m-%d}"

    @property
    def problem_count(self):
        return sum(self.summary.get(kind, 0) for kind in FindingKind.values if kind != "not_found")


class Finding(models.Model):
    run = models.ForeignKey(MonitorRun, on_delete=models.CASCADE, related_name="findings")
    site = models.ForeignKey(Site, verbose_name="站点", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("问题类别", max_length=20, choices=FindingKind.choices)
    subject = models.CharField("对象", max_length=500)  # a section, a link, an item, an image
    url = models.CharField("地址", max_length=2000, blank=True)
    found_on = models.CharField("所在页面", max_length=2000, blank=True)
    detail = models.CharField("说明", max_length=500, blank=True)
    days = models.PositiveIntegerField("未更新天数", null=True, blank=True)
    count = models.PositiveIntegerField("次数", null=True, blank=True)

    class Meta:
        verbose_name = "监测发现的问题"
        verbose_name_plural = "监测发现的问题"
        ordering = ["run", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.subject}"


class NotFoundHit(models.Model):
    """One row per (site, path) a public site answered 404 for, counted
    (monitor.middleware.NotFoundLog)."""

    site = models.ForeignKey(
        Site, verbose_name="站点", on_delete=models.CASCADE, related_name="not_found_hits"
    )
    path = models.CharField("地址", max_length=500)
    count = models.PositiveIntegerField("次数", default=1)
    first_seen = models.DateTimeField("首次出现", auto_now_add=True)
    last_seen = models.DateTimeField("最近出现")

    class Meta:
        verbose_name = "404访问记录"
        verbose_name_plural = "404访问记录"
        constraints = [
            models.UniqueConstraint(fields=["site", "path"], name="monitor_notfound_site_path")
        ]
        indexes = [models.Index(fields=["site", "-count"])]

    def __str__(self):
        return f"{self.path} ({self.count})"
