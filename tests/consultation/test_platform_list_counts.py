"""The platform list's counts (total, by level, by kind, the paginator's) are kept with the
figures rather than counted on every render, so they must follow every change that moves them:
a platform published or unpublished, a kind renamed, a platform made private. Likewise the
unpublished platforms whose activities the activity lists leave out."""

import re
from unittest.mock import patch

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from builders import (
    activity_index,
    committee_with_platforms,
    make_activity,
    make_platform,
    platform_kind,
)
from consultation.models import PlatformIndexPage


class PlatformListCountsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture, cls.p_index = committee_with_platforms("pingliang", level="prefecture")
        cls.p_index.include_child_committees = True
        cls.p_index.save_revision().publish()
        cls.county, cls.c_index = committee_with_platforms("huixian", parent=cls.prefecture)
        make_platform(cls.p_index, "shi", level="county")
        make_platform(cls.c_index, "gaoqiao")
        make_platform(cls.c_index, "draft", publish=False)

    def setUp(self):
        cache.clear()
        # A reader with a session: the page cache serves none of these renders.
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "reader-with-a-session"

    def get(self, site=None, **params):
        response = self.client.get("/platforms/", params, HTTP_HOST=(site or self.county).hostname)
        self.assertEqual(response.status_code, 200)
        return response

    def total(self, site=None, **params):
        html = self.get(site, **params).content.decode()
        return int(re.search(r"平台统计（共 (\d+) 个）", html).group(1))

    def test_the_prefecture_counts_its_counties_platforms(self):
        self.assertEqual(self.total(self.prefecture), 2)
        self.assertEqual(self.total(), 1)

    def test_publishing_a_platform_counts_it_at_once(self):
        self.assertEqual(self.total(self.prefecture), 2)
        draft = self.c_index.get_children().get(slug="draft").specific
        draft.save_revision().publish()
        self.assertEqual(self.total(self.prefecture), 3)
        response = self.get(self.prefecture, level="village")
        self.assertEqual(response.context["page_obj"].paginator.count, 2)
        self.assertContains(response, "draft议事室")

    def test_unpublishing_a_platform_leaves_the_counts(self):
        self.assertEqual(self.total(), 1)
        self.c_index.get_children().get(slug="gaoqiao").specific.unpublish()
        self.assertEqual(self.total(), 0)
        self.assertEqual(self.get().context["page_obj"].paginator.count, 0)

    def test_a_renamed_kind_is_shown_by_its_new_name(self):
        kind = platform_kind("room")
        self.assertEqual(self.get().context["by_kind"], [(kind.slug, kind.name, 1)])
        kind.name = "楼院议事厅"
        kind.save()
        self.assertEqual(self.get().context["by_kind"], [(kind.slug, "楼院议事厅", 1)])

    def test_a_private_platform_leaves_the_list_and_its_count(self):
        self.assertEqual(self.total(), 1)
        room = self.c_index.get_children().get(slug="gaoqiao")
        PageViewRestriction.objects.create(page=room, restriction_type="login")
        self.assertEqual(self.total(), 0)

    def test_the_filtered_count_is_the_paginators(self):
        response = self.get(self.prefecture, level="county")
        self.assertEqual(response.context["page_obj"].paginator.count, 1)
        self.assertContains(response, "shi议事室")
        self.assertNotContains(response, "gaoqiao议事室")

    def test_pages_follow_the_list_order_and_a_new_platform(self):
        with patch.object(PlatformIndexPage, "page_size", 1):
            titles = [
                [p.title for p in self.get(self.prefecture, page=n).context["platforms"]]
                for n in (1, 2)
            ]
            # By level (county before village), then kind and title.
            self.assertEqual(titles, [["shi议事室"], ["gaoqiao议事室"]])
            make_platform(self.p_index, "aaa", level="county", title="阿城议事室")
            first = self.get(self.prefecture, page=1).context["platforms"]
            self.assertEqual([p.title for p in first], ["shi议事室"])
            self.assertEqual(self.get(self.prefecture, page=3).context["page_obj"].number, 3)

    def test_an_unpublished_platforms_activities_leave_the_activity_list(self):
        index = activity_index(self.county)
        room = self.c_index.get_children().get(slug="gaoqiao").specific
        make_activity(room, "议停车难", steps=range(1, 4))
        path = index.url_path.removeprefix(self.county.root_page.url_path[:-1])
        self.assertContains(self.client.get(path, HTTP_HOST=self.county.hostname), "议停车难")
        room.unpublish()
        self.assertNotContains(self.client.get(path, HTTP_HOST=self.county.hostname), "议停车难")
        room.save_revision().publish()
        self.assertContains(self.client.get(path, HTTP_HOST=self.county.hostname), "议停车难")

    def test_a_warm_render_counts_nothing(self):
        self.get(self.prefecture)
        with CaptureQueriesContext(connection) as queries:
            self.get(self.prefecture)
        counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        self.assertEqual(counting, [])
