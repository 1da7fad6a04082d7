"""The scheduler enqueues each periodic job once per slot, at its time, with an injected clock:
every minute the publishing and heartbeat jobs; once a day at DAILY_JOBS_HOUR the anonymisation
and the pruning, also when the hour passed while the scheduler was stopped."""

import datetime
import io
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TestCase, override_settings

from operations import heartbeat, scheduler

SHANGHAI = ZoneInfo("Asia/Shanghai")
MINUTELY = ["publish_scheduled_pages", "worker_heartbeat"]
DAILY = [
    "anonymise_topic_submissions",
    "monitor_sites",
    "prune_task_results",
    "refresh_statistics",
]


def at(day, hour, minute, second=0):
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=SHANGHAI)


@override_settings(DAILY_JOBS_HOUR=3)
class Schedule(TestCase):
    def setUp(self):
        self.enqueued = []
        patcher = mock.patch("django_tasks.base.Task.enqueue", autospec=True)
        enqueue = patcher.start()
        enqueue.side_effect = lambda task, *a, **kw: self.enqueued.append(task.name)
        self.addCleanup(patcher.stop)

    def turn(self, now):
        self.enqueued.clear()
        names = scheduler.run_due(now)
        self.assertEqual(sorted(names), sorted(self.enqueued))
        return sorted(names)

    def test_first_turn_runs_everything_whose_slot_has_begun(self):
        self.assertEqual(self.turn(at(2, 10, 0, 5)), sorted(MINUTELY + DAILY))

    def test_minute_jobs_once_per_minute(self):
        self.turn(at(2, 10, 0, 5))
        self.assertEqual(self.turn(at(2, 10, 0, 40)), [])
        self.assertEqual(self.turn(at(2, 10, 1, 0)), MINUTELY)
        self.assertEqual(self.turn(at(2, 10, 1, 59)), [])
        # Minutes missed are not made up one by one: one run covers them.
        self.assertEqual(self.turn(at(2, 10, 7, 1)), MINUTELY)

    def test_daily_jobs_at_their_hour_once_a_day(self):
        self.turn(at(2, 10, 0))  # yesterday's 03:00 slot (2 March) is claimed
        self.assertEqual(self.turn(at(3, 2, 59)), MINUTELY)
        self.assertEqual(self.turn(at(3, 3, 0)), sorted(MINUTELY + DAILY))
        self.assertEqual(self.turn(at(3, 3, 1)), MINUTELY)
        self.assertEqual(self.turn(at(3, 23, 59)), MINUTELY)
        self.assertEqual(self.turn(at(4, 3, 0, 30)), sorted(MINUTELY + DAILY))

    def test_a_daily_hour_missed_while_stopped_runs_on_return(self):
        self.turn(at(2, 10, 0))
        # Stopped from 02:00 to 05:30 on the 3rd.
        self.assertEqual(self.turn(at(3, 5, 30)), sorted(MINUTELY + DAILY))

    @override_settings(DAILY_JOBS_HOUR=22)
    def test_the_hour_is_configured(self):
        self.turn(at(2, 23, 0))
        self.assertEqual(self.turn(at(3, 21, 59)), MINUTELY)
        self.assertEqual(self.turn(at(3, 22, 0)), sorted(MINUTELY + DAILY))

    def test_two_schedulers_enqueue_a_slot_once(self):
        now = at(2, 10, 0, 5)
        first = scheduler.run_due(now)
        second = scheduler.run_due(now + datetime.timedelta(seconds=1))
        self.assertEqual(sorted(first), sorted(MINUTELY + DAILY))
        self.assertEqual(second, [])

    def test_next_turn_is_the_next_minute(self):
        self.assertEqual(scheduler.next_turn(at(2, 10, 0, 59)), at(2, 10, 1))

    def test_the_command_once_enqueues_and_beats(self):
        out = io.StringIO()
        call_command("run_scheduler", "--once", stdout=out)
        self.assertEqual(sorted(self.enqueued), sorted(MINUTELY + DAILY))
        self.assertIsNotNone(heartbeat.last_beat(heartbeat.SCHEDULER))
        self.assertIn("anonymise_topic_submissions", out.getvalue())
        self.assertNotIn("worker_heartbeat", out.getvalue())  # minute jobs are not printed


class JobsAreTasks(TestCase):
    def test_every_job_names_a_task_on_a_known_queue(self):
        from django.conf import settings

        for job in scheduler.JOBS:
            task = job.task()
            self.assertIn(task.queue_name, settings.TASK_QUEUES, job.name)
            self.assertEqual(task.name, job.name)
