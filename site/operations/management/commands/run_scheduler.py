"""Enqueues the periodic background jobs at their times (operations.scheduler); the worker
(`manage.py db_worker`) runs them. Run exactly one, beside the workers; see
docs/deployment.md, "Background jobs"."""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from operations import heartbeat, scheduler

logger = logging.getLogger("cppcc.scheduler")


class Command(BaseCommand):
    help = "按时将定时任务（定时发布、每日删除过期联系方式等）放入后台队列，由 db_worker 执行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="只检查一次，放入到期的任务后退出（供 systemd 定时器使用）。",
        )

    def handle(self, *args, once=False, verbosity=1, **options):
        self.verbosity = verbosity
        if once:
            self.turn()
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        if verbosity:
            self.stdout.write("定时任务调度已启动（每分钟检查一次）")
        while not stop.is_set():
            # A long-lived process: drop a connection the database closed meanwhile.
            close_old_connections()
            self.turn()
            # Wake just after the next minute begins.
            now = timezone.now()
            stop.wait(max(0.0, (scheduler.next_turn(now) - now).total_seconds()) + 0.5)

    def turn(self):
        try:
            enqueued = scheduler.run_due()
            heartbeat.beat(heartbeat.SCHEDULER)
        except DatabaseError:
            # The database may be restarting: say so, and try again next minute.
            logger.exception("run_scheduler: database unavailable")
            return
        minute_jobs = {job.name for job in scheduler.JOBS if not job.daily}
        shown = [n for n in enqueued if self.verbosity >= 2 or n not in minute_jobs]
        if shown and self.verbosity:
            stamp = timezone.localtime().strftime("%H:%M")
            self.stdout.write(f"[{stamp}] 已放入队列：{'、'.join(shown)}")
