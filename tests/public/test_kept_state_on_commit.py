"""Kept per-change state stays right across transactions and settings:

1. The news tally's and the news lists' generations move on when a change is signalled and
   again on its commit: a request served by another connection meanwhile computes from the
   rows before the commit, and what it keeps must not be served as current afterwards
   (PostgreSQL only: it needs a second connection that does not see the uncommitted rows).
2. A committee's consultation settings (the feedback deadline) decide what is overdue: a
   change to them empties the dashboard's kept overdue count at once."""

import datetime
import threading
import unittest

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase, override_settings

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    ensure_wagtail_root,
    make_activity,
    make_committee,
    make_platform,
)
from core.models import CommitteeSettings

UNCACHED = {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=a-reader-with-a-session"}


def while_uncommitted(change, meanwhile):
    """Run ``change()`` in a transaction on another connection; call ``meanwhile()`` after its
    signals have fired and before it commits (a reader served by another process then)."""
    ready, go, failed = threading.Event(), threading.Event(), []

    def writer():
        try:
            with transaction.atomic():
                change()
                ready.set()
                go.wait(30)
        except Exception as error:  # noqa: BLE001
            failed.append(error)
            ready.set()
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    ready.wait(30)
    try:
        meanwhile()
    finally:
        go.set()
        thread.join(30)
    if failed:
        raise failed[0]


@unittest.skipUnless(connection.vendor == "postgresql", "needs a second connection (PostgreSQL)")
@override_settings(PAGE_CACHE_ENABLED=False)
class NewsGenerationsMoveOnAtCommit(TransactionTestCase):
    def setUp(self):
        cache.clear()
        ensure_wagtail_root()
        self.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        self.county = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.index = NewsIndexPageFactory(
            parent=self.prefecture.root_page, include_child_committees=True
        )
        self.county_index = NewsIndexPageFactory(parent=self.county.root_page)
        NewsPageFactory(parent=self.county_index, title="县里的旧报道")

    def html(self, host, path="/"):
        return self.client.get(path, HTTP_HOST=host, **UNCACHED).content.decode()

    def test_a_report_published_shows_on_the_home_page_after_a_concurrent_render(self):
        self.html("zhuanglang.test")

        def publish():
            NewsPageFactory(parent=self.county_index, title="县里的新报道")

        while_uncommitted(publish, lambda: self.html("zhuanglang.test"))
        self.assertIn("县里的新报道", self.html("zhuanglang.test"))
        self.assertIn("县里的新报道", self.html("zhuanglang.test", self.county_index.url))

    def test_another_countys_new_report_never_shows_in_this_countys_list(self):
        # The list reads the news table less the pages the tally knows to be elsewhere; a
        # tally computed before the commit does not know the new page, which is then listed
        # here, in the wrong committee's list.
        other = make_committee("jingning", "静宁县政协", parent=self.prefecture)
        other_index = NewsIndexPageFactory(parent=other.root_page)
        NewsPageFactory(parent=other_index, title="静宁的旧报道")
        own_list = self.county_index.url
        self.assertNotIn("静宁的旧报道", self.html("zhuanglang.test", own_list))

        def publish():
            NewsPageFactory(parent=other_index, title="静宁的新报道")

        while_uncommitted(publish, lambda: self.html("zhuanglang.test", own_list))
        self.assertNotIn("静宁的新报道", self.html("zhuanglang.test", own_list))

    def test_a_county_detached_leaves_the_prefectures_list_after_a_concurrent_render(self):
        self.assertIn("县里的旧报道", self.html("pingliang.test", self.index.url))

        def detach():
            committee = CommitteeSettings.objects.get(site=self.county)
            committee.parent_site = None
            committee.save()

        while_uncommitted(detach, lambda: self.html("pingliang.test", self.index.url))
        self.assertNotIn("县里的旧报道", self.html("pingliang.test", self.index.url))


class OverdueFollowsTheFeedbackDeadline(TestCase):
    def test_a_longer_deadline_clears_the_overdue_count_at_once(self):
        from consultation.models import ConsultationSettings
        from consultation.wagtail_hooks import overdue_summary

        cache.clear()
        site, index = committee_with_platforms("huixian")
        platform = make_platform(index, "gaoqiao")
        held = datetime.date.today() - datetime.timedelta(days=40)
        make_activity(platform, "摩配市场物业问题", {1: held, 2: held, 4: held})
        self.assertEqual(overdue_summary([site.pk])[0], 1)  # 40 days > the default 30
        rules = ConsultationSettings.for_site(site)
        rules.feedback_due_days = 60
        rules.save()
        self.assertEqual(overdue_summary([site.pk])[0], 0)
