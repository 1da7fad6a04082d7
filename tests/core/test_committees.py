import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.models import Page

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from core.committees import child_committees, descendant_sites
from core.models import CommitteeSettings
from home.models import HomePage


class CommitteeSitesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.other_county = make_committee("jingning", "静宁县政协", parent=cls.prefecture)
        cls.village_level = make_committee("town", "某镇联络委", parent=cls.county)

    def test_county_hostname_routes_to_its_own_home_page(self):
        response = self.client.get("/", HTTP_HOST="zhuanglang.test")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].pk, self.county.root_page_id)
        self.assertContains(response, "庄浪县政协")

    def test_each_committee_has_its_own_root_home_page(self):
        roots = {
            self.prefecture.root_page_id,
            self.county.root_page_id,
            self.other_county.root_page_id,
        }
        self.assertEqual(len(roots), 3)
        for page_id in roots:
            page = Page.objects.get(pk=page_id)
            self.assertIsInstance(page.specific, HomePage)
            self.assertEqual(page.depth, 2)

    def test_child_sites_are_the_counties_that_name_the_prefecture(self):
        self.assertEqual(
            {c.site for c in child_committees(self.prefecture)}, {self.county, self.other_county}
        )

    def test_descendant_sites_reach_every_level_below(self):
        self.assertEqual(
            set(descendant_sites(self.prefecture)),
            {self.county, self.other_county, self.village_level},
        )
        self.assertEqual(list(descendant_sites(self.other_county)), [])

    def test_a_committee_cannot_be_its_own_parent(self):
        settings = CommitteeSettings.for_site(self.county)
        settings.parent_site = self.county
        with self.assertRaises(ValidationError):
            settings.full_clean()

    def test_a_loop_in_the_committee_tree_is_refused(self):
        settings = CommitteeSettings.for_site(self.prefecture)
        settings.parent_site = self.village_level
        with self.assertRaises(ValidationError):
            settings.full_clean()

    def test_provisioning_again_changes_nothing(self):
        again = make_committee("zhuanglang", "庄浪县政协", parent=self.prefecture)
        self.assertEqual(again.pk, self.county.pk)
        self.assertEqual(HomePage.objects.filter(slug="zhuanglang").count(), 1)

    def test_county_home_links_to_its_prefecture(self):
        response = self.client.get("/", HTTP_HOST="zhuanglang.test")
        self.assertContains(response, 'href="http://pingliang.test"')
        self.assertContains(response, "返回平凉市政协")

    def test_prefecture_home_lists_its_counties_and_their_latest_reports(self):
        index = NewsIndexPageFactory(parent=self.county.root_page)
        NewsPageFactory(parent=index, title="庄浪县政协召开十届七次常委会会议")
        response = self.client.get("/", HTTP_HOST="pingliang.test")
        self.assertContains(response, "区县政协动态")
        self.assertContains(response, "静宁县政协")
        self.assertContains(response, "庄浪县政协召开十届七次常委会会议")


class EditorGroupTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.county = make_committee("zhuanglang", "庄浪县政协")
        cls.other = make_committee("gaotai", "高台县政协")
        cls.editor = get_user_model().objects.create_user("zl", password="x")
        cls.editor.groups.add(cls.county.root_page.group_permissions.first().group)

    def test_editors_can_edit_and_publish_their_own_sites_pages(self):
        perms = self.county.root_page.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertTrue(perms.can_publish())
        self.assertTrue(perms.can_add_subpage())

    def test_only_prefecture_editors_keep_the_meeting_type_taxonomy(self):
        from django.contrib.auth import get_user_model

        prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        pl_editor = get_user_model().objects.create_user("pl", password="x")
        pl_editor.groups.add(prefecture.root_page.group_permissions.first().group)
        self.assertTrue(pl_editor.has_perm("news.change_meetingtype"))
        self.assertTrue(pl_editor.has_perm("news.add_meetingtype"))
        self.assertFalse(self.editor.has_perm("news.change_meetingtype"))

    def test_editors_cannot_touch_another_committees_pages(self):
        perms = self.other.root_page.permissions_for_user(self.editor)
        self.assertFalse(perms.can_edit())
        self.assertFalse(perms.can_add_subpage())


@pytest.mark.django_db
class TestFooter:
    def test_filing_details_link_to_their_registries(self, client):
        make_committee(
            "huixian",
            "徽县政协",
            icp_number="陇ICP备12345678号-1",
            police_number="甘公网安备 62122702000001号",
            website_code="6212270001",
            sponsor="政协徽县委员会办公室",
        )
        html = client.get("/", HTTP_HOST="huixian.test").content.decode()
        assert 'href="https://beian.miit.gov.cn/"' in html
        assert "recordcode=62122702000001" in html
        assert "网站标识码：6212270001" in html
        assert "主办单位：政协徽县委员会办公室" in html

    def test_empty_footer_items_are_left_out(self, client):
        make_committee("honggu", "红古区政协")
        html = client.get("/", HTTP_HOST="honggu.test").content.decode()
        assert "beian.miit.gov.cn" not in html
        assert "网站标识码" not in html
        assert "联系方式" not in html

    def test_site_colours_come_from_the_settings(self, client):
        make_committee("gaotai", "高台县政协", primary_colour="#123456")
        assert "--primary: #123456" in client.get("/", HTTP_HOST="gaotai.test").content.decode()

    def test_colours_must_be_hex(self):
        site = make_committee("gaotai", "高台县政协")
        settings = CommitteeSettings.for_site(site)
        settings.primary_colour = "red;}body{display:none"
        with pytest.raises(ValidationError):
            settings.full_clean()
