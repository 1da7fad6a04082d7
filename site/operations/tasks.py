"""The installation's own background jobs (django-tasks), enqueued by the scheduler
(operations.scheduler) or by the admin, run by `manage.py db_worker`."""

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from . import heartbeat

# A report keeps this many skipped lines and warnings; the rest are counted, not listed.
REPORT_LINES = 1000


@task()
def publish_scheduled_pages():
    """Wagtail's `publish_scheduled`: publish the revisions whose go-live time has passed and
    unpublish what has expired. Returns how many revisions were due."""
    from wagtail.models import Revision

    due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).count()
    call_command("publish_scheduled")
    return due


@task()
def worker_heartbeat():
    """Proves the worker takes tasks off the "default" queue (read by /readyz)."""
    return heartbeat.beat(heartbeat.WORKER).isoformat()


@task()
def prune_task_results():
    """Deletes finished task results older than TASK_RESULTS_KEEP_DAYS."""
    call_command(
        "prune_db_task_results",
        min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
        queue_name="*",
        verbosity=0,
    )


@task(queue_name="bulk")
def refresh_statistics():
    """The database planner's statistics (core.db), so that plans follow the data's growth
    even where PostgreSQL's autovacuum is off or behind."""
    from core.db import refresh_statistics as refresh

    refresh()


@task(queue_name="bulk")
def monitor_sites():
    """The site monitor (monitor.run): every committee's site checked once a day, findings kept
    for its dashboard panel and report. Returns {host name: problems found}."""
    from monitor.run import run_all

    return {run.site.hostname: run.problem_count for run in run_all()}


@task(queue_name="bulk")
def import_archive(import_id):
    """Imports an uploaded archive (operations.models.ArchiveImport) into its site with the
    importer of `manage.py import_archive`, and keeps the report for the admin."""
    from consultation.tasks import warm_figures
    from search.archive import Importer

    from .models import ArchiveImport, ImportStatus

    record = ArchiveImport.objects.select_related("site").get(pk=import_id)
    ArchiveImport.objects.filter(pk=record.pk).update(status=ImportStatus.RUNNING)
    try:
        importer = Importer()
        # The whole file goes to the site the editor chose (by id: a host name may be shared
        # by sites on other ports).
        importer.resolver.fixed = importer.resolver.sites[record.site_id]
        with record.file.open("rb") as lines:
            report = importer.run(lines)
    except Exception as error:
        ArchiveImport.objects.filter(pk=record.pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            message=f"导入失败：{type(error).__name__}: {error}"[:2000],
        )
        raise
    ArchiveImport.objects.filter(pk=record.pk).update(
        status=ImportStatus.DONE,
        finished_at=timezone.now(),
        created=report.created,
        updated=report.updated,
        skipped=len(report.errors),
        errors=_bounded(report.errors),
        warnings=_bounded(report.warnings),
    )
    warm_figures.enqueue()
    return {"created": report.created, "updated": report.updated, "skipped": len(report.errors)}


def _bounded(lines):
    if len(lines) <= REPORT_LINES:
        return list(lines)
    return [*lines[:REPORT_LINES], f"……另有 {len(lines) - REPORT_LINES} 行未列出"]
