"""With the database backend (as in production), enqueuing stores the task and only the worker
(`manage.py db_worker`) runs it: here the worker's batch mode, run once."""

from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django_tasks import TaskResultStatus

from builders import ensure_wagtail_root
from operations import heartbeat
from operations.tasks import worker_heartbeat
from search.tasks import reindex_containing_task

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "bulk"]}
}


@override_settings(TASKS=DATABASE_TASKS)
class DatabaseWorker(TransactionTestCase):
    def setUp(self):
        ensure_wagtail_root()  # (override_settings makes django-tasks re-read TASKS)

    def test_enqueued_tasks_wait_for_the_worker(self):
        beat = worker_heartbeat.enqueue()
        reindex = reindex_containing_task.enqueue(["协商"])
        self.assertEqual(beat.status, TaskResultStatus.READY)
        self.assertIsNone(heartbeat.last_beat(heartbeat.WORKER))

        # A worker of the "default" queue leaves the bulk job alone.
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        beat.refresh()
        reindex.refresh()
        self.assertEqual(beat.status, TaskResultStatus.SUCCESSFUL)
        self.assertIsNotNone(heartbeat.last_beat(heartbeat.WORKER))
        self.assertEqual(reindex.status, TaskResultStatus.READY)

        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--queue-name",
            "bulk",
            verbosity=0,
        )
        reindex.refresh()
        self.assertEqual(reindex.status, TaskResultStatus.SUCCESSFUL)
