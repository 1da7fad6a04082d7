"""A news section of one kind (通知公告): a page added to it starts as that kind, and the
section lists that kind from anywhere on its committee's site, never another committee's."""

import datetime

from django.test import TestCase

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor
from news.models import NewsKind, NewsPage


class NoticeSection(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = make_committee("zhuanglang", "庄浪县政协")
        cls.section = NewsIndexPageFactory(
            parent=cls.county.root_page, title="通知公告", slug="notices", kind=NewsKind.NOTICE
        )
        cls.news = NewsIndexPageFactory(parent=cls.county.root_page, title="新闻动态")

    def form(self, parent, editor):
        form_class = NewsPage.get_edit_handler().get_form_class()
        return form_class(parent_page=parent, for_user=editor)

    def test_a_page_added_to_the_section_starts_as_a_notice(self):
        editor = make_editor(self.county)
        self.assertEqual(self.form(self.section, editor)["kind"].value(), NewsKind.NOTICE)
        self.assertEqual(self.form(self.news, editor)["kind"].value(), NewsKind.MEETING_REPORT)

    def test_the_section_pages_through_its_notices_only(self):
        for n in range(14):
            NewsPageFactory(
                parent=self.news if n % 2 else self.section,
                title=f"通知{n}",
                kind=NewsKind.NOTICE,
                meeting_type=None,
                date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            )
        NewsPageFactory(parent=self.news, title="报道", date=datetime.date(2025, 1, 1))
        first = self.client.get(self.section.url, HTTP_HOST=self.county.hostname)
        second = self.client.get(self.section.url, {"page": 2}, HTTP_HOST=self.county.hostname)
        titles = [p.title for p in first.context["items"]] + [
            p.title for p in second.context["items"]
        ]
        self.assertEqual(titles, [f"通知{n}" for n in range(13, -1, -1)])
        self.assertEqual(first.context["page_obj"].paginator.count, 14)
