"""Heartbeats of the background processes, in the database (shared by every process, unlike a
local-memory cache, and still readable while Redis is down). The scheduler beats as "scheduler"
on every turn; the worker beats as "worker" by running a task the scheduler enqueues every
minute, so a recent "worker" beat proves the queue is being worked. /readyz reads it
(operations.health)."""

from datetime import datetime

from django.utils import timezone

from .models import Heartbeat

WORKER = "worker"
SCHEDULER = "scheduler"


def beat(name: str, now: datetime | None = None) -> datetime:
    at = now or timezone.now()
    Heartbeat.objects.bulk_create(
        [Heartbeat(name=name, at=at)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["at"],
    )
    return at


def last_beat(name: str = WORKER) -> datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("at", flat=True).first()
