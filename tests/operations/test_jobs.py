"""The periodic jobs do what their commands do: a report whose go-live time has passed is
published by the publishing task; the heartbeat task records a beat /readyz can read; the daily
anonymisation task is the command's code; warming fills the figures cache."""

import datetime
from unittest import mock

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from consultation import figures as figs
from consultation.tasks import warm_figures
from news.models import NewsPage
from operations import heartbeat
from operations.tasks import publish_scheduled_pages, worker_heartbeat
from topics.tasks import anonymise_topic_submissions


def schedule(page, go_live_at):
    """What the editor's 定时发布 does: a revision approved to go live at ``go_live_at``."""
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return revision


class ScheduledPublishing(TestCase):
    def setUp(self):
        self.site = make_committee("zhuanglang", "庄浪县政协")
        self.index = NewsIndexPageFactory(parent=self.site.root_page)

    def test_a_report_whose_time_has_come_goes_live(self):
        page = NewsPageFactory(parent=self.index, publish=False, title="定时发布的报道")
        schedule(page, timezone.now() + datetime.timedelta(minutes=1))
        self.assertFalse(NewsPage.objects.get(pk=page.pk).live)  # 已计划

        # Not yet due: the task leaves it scheduled.
        self.assertEqual(publish_scheduled_pages.enqueue().return_value, 0)
        self.assertFalse(NewsPage.objects.get(pk=page.pk).live)

        # Two minutes later.
        later = timezone.now() + datetime.timedelta(minutes=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            result = publish_scheduled_pages.enqueue()
        self.assertEqual(result.return_value, 1)
        page = NewsPage.objects.get(pk=page.pk)
        self.assertTrue(page.live)
        response = self.client.get(page.url, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "定时发布的报道")


class Heartbeats(TestCase):
    def test_no_beat_yet(self):
        self.assertIsNone(heartbeat.last_beat(heartbeat.WORKER))

    def test_the_worker_task_beats_and_a_later_beat_replaces_it(self):
        worker_heartbeat.enqueue()
        first = heartbeat.last_beat(heartbeat.WORKER)
        self.assertLess(abs((timezone.now() - first).total_seconds()), 5)
        later = first + datetime.timedelta(minutes=1)
        heartbeat.beat(heartbeat.WORKER, later)
        self.assertEqual(heartbeat.last_beat(heartbeat.WORKER), later)
        self.assertIsNone(heartbeat.last_beat(heartbeat.SCHEDULER))

    def test_a_beat_does_not_empty_the_page_cache(self):
        from public import cache as page_cache

        before = page_cache.generation()
        heartbeat.beat(heartbeat.WORKER)
        heartbeat.beat(heartbeat.WORKER)
        self.assertEqual(page_cache.generation(), before)


class DailyAndBulkJobs(TestCase):
    def test_anonymisation_task_runs_the_commands_code(self):
        self.assertEqual(anonymise_topic_submissions.enqueue().return_value, 0)

    def test_warming_fills_the_figures_cache(self):
        prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        make_committee("zhuanglang", "庄浪县政协", parent=prefecture)
        cache.clear()
        self.assertEqual(warm_figures.enqueue().return_value, 2)
        scope = figs.Scope.for_site(prefecture)
        counter = figs.COUNTERS[0]
        key = f"{figs.CACHE_PREFIX}:{figs.GENERATION.current()}:{counter.key}:{scope.cache_key()}"
        self.assertIsNotNone(cache.get(key))


class DemoScheduledReport(TestCase):
    """`make run`: the demo's report scheduled a minute ahead goes live by the publishing job."""

    def test_goes_live_a_minute_later_and_is_added_once(self):
        from demo.scheduled import SLUG, schedule_demo_report

        site = make_committee("pingliang", "平凉市政协", level="prefecture")
        index = NewsIndexPageFactory(parent=site.root_page)
        go_live_at = schedule_demo_report(index)
        self.assertIsNone(schedule_demo_report(index))
        page = NewsPage.objects.get(slug=SLUG)
        self.assertFalse(page.live)
        self.assertEqual(page.status_string, "已计划")
        later = go_live_at + datetime.timedelta(seconds=30)
        with mock.patch("django.utils.timezone.now", return_value=later):
            publish_scheduled_pages.enqueue()
        self.assertTrue(NewsPage.objects.get(slug=SLUG).live)
