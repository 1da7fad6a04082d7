"""The periodic jobs and when they are due. django-tasks queues and runs tasks but has no clock:
`manage.py run_scheduler` turns this table into enqueued tasks, minute by minute.

| job | when | queue |
|---|---|---|
| publish_scheduled_pages (Wagtail's publish_scheduled) | every minute | default |
| worker_heartbeat (read by /readyz) | every minute | default |
| anonymise_topic_submissions | daily at DAILY_JOBS_HOUR | default |
| prune_task_results | daily at DAILY_JOBS_HOUR | default |
| refresh_statistics (ANALYZE, core.db) | daily at DAILY_JOBS_HOUR | bulk |
| monitor_sites (the site monitor, monitor.run) | daily at DAILY_JOBS_HOUR | bulk |

Each job has slots: every minute, or one a day at the configured hour (local time, TIME_ZONE).
A job is enqueued once for the latest slot that has begun, claimed in the database
(operations.models.JobSlot) by a conditional update, so that two schedulers started by mistake
do not enqueue it twice, and a daily job whose hour passed while the scheduler was stopped is
enqueued when it starts again. A minute missed is not made up: the next minute's run covers it
(publish_scheduled publishes everything already due).

The alternative without this loop, for operators who prefer systemd timers (or cron): run
`manage.py publish_scheduled` from a timer every minute and `manage.py
anonymise_topic_submissions`, `manage.py prune_db_task_results --min-age-days 14` and `manage.py
monitor_sites` daily;
the worker heartbeat then needs `manage.py run_scheduler --once` every minute, which enqueues
whatever is due (including the heartbeat) and exits."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import JobSlot

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    name: str
    task: Callable[[], object]  # returns the django-tasks Task (imported when first needed)
    daily: bool = False  # False: every minute

    def slot(self, now: datetime, hour: int) -> datetime:
        """The start of the latest slot that has begun at ``now`` (aware)."""
        local = timezone.localtime(now)
        if not self.daily:
            return local.replace(second=0, microsecond=0)
        start = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        return start if start <= local else start - timedelta(days=1)


def _publish():
    from .tasks import publish_scheduled_pages

    return publish_scheduled_pages


def _heartbeat():
    from .tasks import worker_heartbeat

    return worker_heartbeat


def _anonymise():
    from topics.tasks import anonymise_topic_submissions

    return anonymise_topic_submissions


def _prune():
    from .tasks import prune_task_results

    return prune_task_results


def _statistics():
    from .tasks import refresh_statistics

    return refresh_statistics


def _monitor():
    from .tasks import monitor_sites

    return monitor_sites


JOBS = (
    Job("publish_scheduled_pages", _publish),
    Job("worker_heartbeat", _heartbeat),
    Job("anonymise_topic_submissions", _anonymise, daily=True),
    Job("prune_task_results", _prune, daily=True),
    Job("refresh_statistics", _statistics, daily=True),
    Job("monitor_sites", _monitor, daily=True),
)


def claim(name: str, slot: datetime) -> bool:
    """True for the one caller that moves job ``name`` on to ``slot``."""
    JobSlot.objects.bulk_create([JobSlot(name=name, slot=EPOCH)], ignore_conflicts=True)
    return JobSlot.objects.filter(name=name, slot__lt=slot).update(slot=slot) == 1


def run_due(now: datetime | None = None, jobs=JOBS) -> list[str]:
    """Enqueues every job whose current slot has not been claimed yet; returns their names."""
    now = now or timezone.now()
    hour = settings.DAILY_JOBS_HOUR
    enqueued = []
    for job in jobs:
        if claim(job.name, job.slot(now, hour)):
            job.task().enqueue()
            enqueued.append(job.name)
    return enqueued


def next_turn(now: datetime) -> datetime:
    """The start of the next minute: every slot begins on a minute."""
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)
