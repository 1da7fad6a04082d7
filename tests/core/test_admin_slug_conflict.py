"""A slug conflict is told in Chinese, at the top of the form as well as on the slug field
(issue 21): the slug lives on the 推广 tab, which the editor is usually not on. The page form
base (core.page_form.CommitteePageForm) is wired in as BasePage.base_form_class; these tests
set it on the news page for their duration."""

from unittest import mock

from django.test import TestCase
from django.urls import reverse

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor
from core.page_form import CommitteePageForm, slug_conflict_notice
from news.models import NewsPage

from .test_admin_scheduling import report_form


class SlugConflictTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("gaotai", "高台县政协")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)
        # The draft an earlier, abandoned add form left behind (autosaved).
        cls.draft = NewsPageFactory(parent=cls.index, slug="shijie-wuci", publish=False)
        cls.editor = make_editor(cls.site)

    def setUp(self):
        self.client.force_login(self.editor)
        self.add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", self.index.pk))

    def publish_again(self):
        return self.client.post(self.add_url, report_form(""))

    def test_wagtails_own_form_tells_the_conflict_in_chinese(self):
        response = self.publish_again()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["slug"],
            ["同一上级页面下已有网址名“shijie-wuci”，请换一个网址名。"],
        )

    def test_the_conflict_is_shown_above_the_tabs(self):
        NewsPage.get_edit_handler.cache_clear()
        self.addCleanup(NewsPage.get_edit_handler.cache_clear)
        with mock.patch.object(NewsPage, "base_form_class", CommitteePageForm):
            response = self.publish_again()
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        notice = slug_conflict_notice("shijie-wuci")
        self.assertEqual(
            notice, "同一上级页面下已有网址名“shijie-wuci”，请在“推广”标签中修改网址名（slug）。"
        )
        self.assertEqual(form.non_field_errors(), [notice])
        self.assertTrue(form.errors["slug"])
        # The error message at the top of the page lists it (Wagtail shows every error there
        # once the form has a non-field error).
        self.assertContains(response, notice)
        self.assertContains(response, "页面有错误，未能创建，请按提示修改。")
        self.assertEqual(NewsPage.objects.filter(slug="shijie-wuci").count(), 1)

    def test_a_fresh_slug_publishes(self):
        NewsPage.get_edit_handler.cache_clear()
        self.addCleanup(NewsPage.get_edit_handler.cache_clear)
        with mock.patch.object(NewsPage, "base_form_class", CommitteePageForm):
            response = self.client.post(self.add_url, report_form("", slug="shijie-wuci-2"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(NewsPage.objects.get(slug="shijie-wuci-2").live)
