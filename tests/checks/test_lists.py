"""The word lists are each committee's own: an editor lists, opens and files entries of their
own committee only; the installation's shared entries are the administrators'."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from checks.models import OfficialName, SensitiveWord

from .helpers import committee, news, paragraphs

WORDS = "wagtailsnippets_checks_sensitiveword"
NAMES = "wagtailsnippets_checks_officialname"


class ListTenancyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, cls.editor = committee("xuzhou")
        cls.other, cls.other_index, cls.other_editor = committee("lianyungang")
        cls.own = SensitiveWord.objects.create(site=cls.site, word="本会词条")
        cls.theirs = SensitiveWord.objects.create(site=cls.other, word="他会词条")
        cls.their_name = OfficialName.objects.create(
            site=cls.other, wrong="他会错", correct="他会对"
        )
        cls.shared = SensitiveWord.objects.get(site=None, word="待补充")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_listing_shows_only_the_editors_committee(self):
        response = self.client.get(reverse(f"{WORDS}:list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "本会词条")
        self.assertNotContains(response, "他会词条")
        self.assertNotContains(response, "待补充")  # shared: the administrators'
        names = self.client.get(reverse(f"{NAMES}:list"))
        self.assertEqual(names.status_code, 200)
        self.assertNotContains(names, "他会错")

    def test_a_search_finds_only_the_editors_committee(self):
        for namespace, query, theirs in ((WORDS, "词条", "他会词条"), (NAMES, "他会", "他会错")):
            response = self.client.get(reverse(f"{namespace}:list"), {"q": query})
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, theirs)
        response = self.client.get(reverse(f"{WORDS}:list"), {"q": "词条"})
        self.assertContains(response, "本会词条")

    def test_another_committees_and_the_shared_entries_cannot_be_opened_or_changed(self):
        for entry in (self.theirs, self.shared):
            url = reverse(f"{WORDS}:edit", args=[entry.pk])
            self.assertIn(self.client.get(url).status_code, (302, 403, 404))
            self.client.post(url, {"site": self.site.pk, "word": "改掉了"})
            self.client.post(reverse(f"{WORDS}:delete", args=[entry.pk]))
            entry.refresh_from_db()
            self.assertNotEqual(entry.word, "改掉了")
        url = reverse(f"{NAMES}:edit", args=[self.their_name.pk])
        self.assertIn(self.client.get(url).status_code, (302, 403, 404))

    def test_an_editor_files_an_entry_under_their_own_committee_only(self):
        form = self.client.get(reverse(f"{WORDS}:add"))
        options = BeautifulSoup(form.content, "html.parser").select("select[name=site] option")
        choices = [option["value"] for option in options]
        self.assertEqual(choices, [str(self.site.pk)])
        add = reverse(f"{WORDS}:add")
        response = self.client.post(add, {"site": self.other.pk, "word": "越界词"})
        self.assertEqual(response.status_code, 200)
        response = self.client.post(add, {"site": "", "word": "通用词"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请选择所属政协站点")
        self.assertFalse(SensitiveWord.objects.filter(word__in=["越界词", "通用词"]).exists())
        response = self.client.post(
            add, {"site": self.site.pk, "word": " 新词 ", "category": "测试"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SensitiveWord.objects.get(word="新词").site, self.site)

    def test_an_administrator_adds_a_shared_entry(self):
        admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
        self.client.force_login(admin)
        response = self.client.post(
            reverse(f"{NAMES}:add"), {"site": "", "wrong": "政协委员长", "correct": "政协主席"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertIsNone(OfficialName.objects.get(wrong="政协委员长").site)
        listing = self.client.get(reverse(f"{NAMES}:list"))
        self.assertContains(listing, "全站通用")  # the shared entries, marked as such
        self.assertContains(listing, "他会错")  # and every committee's

    def test_the_same_wrong_and_correct_form_is_refused(self):
        response = self.client.post(
            reverse(f"{NAMES}:add"), {"site": self.site.pk, "wrong": "政协", "correct": "政协"}
        )
        self.assertContains(response, "规范表述不能与错误表述相同")


class CheckViewTest(TestCase):
    """The 发布前检查 view editors run before submitting."""

    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, cls.editor = committee("yancheng")
        cls.other, cls.other_index, _ = committee("suqian")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_it_lists_the_findings_of_the_saved_draft_with_links_to_the_editor(self):
        page = news(self.index, paragraphs("市政协委员会主席出席。"), title="政" * 61)
        response = self.client.get(reverse("checks_page_findings", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        items = BeautifulSoup(response.content, "html.parser").select("[data-checks-finding]")
        self.assertEqual(
            [item.a.text.split("】")[0] for item in items], ["【标题为空或过长", "【规范表述"]
        )
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertTrue(items[1].a["href"].startswith(f"{edit_url}#panel-child-"))
        self.assertIn("应为“政协主席”", items[1].text)

    def test_a_clean_page_is_said_to_be_clean(self):
        page = news(self.index, paragraphs("会议传达学习了有关精神。"))
        response = self.client.get(reverse("checks_page_findings", args=[page.pk]))
        self.assertContains(response, "未发现问题")

    def test_the_edit_view_offers_it(self):
        page = news(self.index, paragraphs("会议。"))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, reverse("checks_page_findings", args=[page.pk]))

    def test_another_committees_page_is_out_of_reach(self):
        page = news(self.other_index, paragraphs("市政协委员会主席出席。"))
        response = self.client.get(reverse("checks_page_findings", args=[page.pk]))
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertNotIn("政协主席", response.content.decode())

    def test_a_missing_page_is_a_404(self):
        response = self.client.get(reverse("checks_page_findings", args=[999999]))
        self.assertEqual(response.status_code, 404)
