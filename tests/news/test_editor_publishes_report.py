"""An editor creates and publishes a 主席会议 report with its structured fields in the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from builders import NewsIndexPageFactory, make_committee, meeting_type
from core.committees import editor_group_name
from news.models import NewsPage


class EditorPublishesReportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.other = make_committee("gaotai", "高台县政协")
        cls.index = NewsIndexPageFactory(parent=cls.site.root_page)
        cls.other_index = NewsIndexPageFactory(parent=cls.other.root_page)
        cls.editor = get_user_model().objects.create_user("pl-editor", password="pw")
        cls.editor.groups.add(Group.objects.get(name=editor_group_name("平凉市政协")))

    def setUp(self):
        self.client.force_login(self.editor)

    def form(self, **overrides):
        data = {
            "title": "平凉市政协召开五届五次主席会议",
            "slug": "wujie-wuci",
            "kind": "meeting_report",
            "date": "2022-10-08",
            "summary": "",
            "meeting_type": str(meeting_type("chairpersons").pk),
            "term": "5",
            "sitting": "5",
            "place": "市政协机关",
            "presided_by": "市政协主席宋全科",
            "attendees": "",
            "member_attendances": inline_formset([]),
            "reviewed_reports": inline_formset(
                [
                    {
                        "title": "《关于“发展乡村旅游，促进乡村振兴”双月协商情况的报告》",
                        "outcome": "reviewed",
                        "document": "",
                    }
                ]
            ),
            "lead_image": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>会议强调，要认真履行联县包乡帮村责任。</p>"))]
            ),
            "correspondent": "孙景慧",
            "photographer": "",
            "source": "",
            "tags": "乡村振兴",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
        data.update(overrides)
        return nested_form_data(data)

    def add_url(self, parent):
        return reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))

    def test_the_admin_speaks_chinese(self):
        response = self.client.get(self.add_url(self.index))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "会议类型")
        self.assertContains(response, "发布")

    def test_editor_creates_and_publishes_a_chairpersons_meeting_report(self):
        response = self.client.post(self.add_url(self.index), self.form())
        self.assertEqual(response.status_code, 302, response.content[:3000])
        page = NewsPage.objects.get(slug="wujie-wuci")
        self.assertTrue(page.live)
        self.assertEqual(page.meeting_label, "五届五次主席会议")
        self.assertEqual(
            page.reviewed_reports.get().title, "关于“发展乡村旅游，促进乡村振兴”双月协商情况的报告"
        )
        home = self.client.get("/", HTTP_HOST="pingliang.test")
        self.assertContains(home, "平凉市政协召开五届五次主席会议")
        self.assertContains(home, "五届五次主席会议")

    def test_a_report_without_meeting_type_is_sent_back_with_an_explanation(self):
        response = self.client.post(self.add_url(self.index), self.form(meeting_type=""))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "会议报道须选择会议类型")
        self.assertFalse(NewsPage.objects.filter(slug="wujie-wuci").exists())

    def test_editor_cannot_add_news_to_another_committees_site(self):
        response = self.client.post(self.add_url(self.other_index), self.form())
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertFalse(NewsPage.objects.filter(slug="wujie-wuci").exists())

    def test_an_image_without_alternative_text_is_refused(self):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(title="会场", file=get_test_image_file())
        body = [("image", {"image": str(image.pk), "alt_text": "", "caption": "会议现场"})]
        response = self.client.post(self.add_url(self.index), self.form(body=streamfield(body)))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(NewsPage.objects.filter(slug="wujie-wuci").exists())
        errors = response.context["form"].errors
        self.assertEqual(list(errors), ["body"])  # the block's alt text, and nothing else
        body[0][1]["alt_text"] = "委员在会场发言"
        response = self.client.post(self.add_url(self.index), self.form(body=streamfield(body)))
        self.assertEqual(response.status_code, 302)
        page = self.client.get(
            NewsPage.objects.get(slug="wujie-wuci").relative_url(self.site),
            HTTP_HOST="pingliang.test",
        )
        self.assertContains(page, 'alt="委员在会场发言"')
