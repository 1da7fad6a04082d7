"""The audit trail in Wagtail's log (站点历史): logins and their failures, exports, deletions
and permission changes, each with who did it; what Wagtail logs by itself is relied on too."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupPagePermission, ModelLogEntry

from builders import make_committee
from core.committees import editor_group_name
from news.models import MeetingType

from .helpers import entries, login, make_user


class FormValues(HTMLParser):
    """The values a browser would submit for the first form with method=post."""

    def __init__(self):
        super().__init__()
        self.values, self.done, self.inside, self.select = [], False, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and not self.done:
            self.inside = True
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.values.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.values.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.values.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_values(response):
    parser = FormValues()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


class Logins(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("xqu-editor")
        cls.admin = make_user("admin", superuser=True)

    def test_a_login_is_logged_with_the_address(self):
        login(self.client, "xqu-editor", address="198.51.100.23", HTTP_USER_AGENT="Firefox")
        entry = entries("cppcc.login").get(object_id=str(self.user.pk))
        self.assertEqual(entry.user, self.user)
        self.assertEqual((entry.data["ip"], entry.data["user_agent"]), ("198.51.100.23", "Firefox"))

    def test_a_failed_login_is_logged_on_the_account_without_the_password(self):
        login(self.client, "xqu-editor", "Secret-guess-1", address="198.51.100.23")
        entry = entries("cppcc.login_failed").get(object_id=str(self.user.pk))
        self.assertIsNone(entry.user)
        self.assertEqual(entry.data["ip"], "198.51.100.23")
        self.assertEqual(entry.data["failures"], 1)
        self.assertNotIn("Secret-guess-1", str(entry.data))

    def test_a_failed_login_for_an_unknown_account_is_logged_with_the_name_tried(self):
        login(self.client, "root", "x")
        entry = entries("cppcc.login_failed").get()
        self.assertEqual((entry.object_id, entry.label), ("0", "root（不存在的账号）"))

    def test_the_site_history_report_shows_them_with_chinese_labels(self):
        login(self.client, "root", "x")
        login(self.client, "xqu-editor", "wrong")
        self.client.force_login(self.admin)
        for query in ("", "?action=cppcc.login_failed"):
            response = self.client.get(f"/admin/reports/site-history/{query}")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "root（不存在的账号）")
            self.assertContains(response, "用户名或密码错误")
        self.assertContains(self.client.get("/admin/reports/site-history/"), "登录失败")


class Exports(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", superuser=True)
        cls.editor = make_user("xqu-editor")

    def test_a_listing_export_is_logged_with_its_format_and_filters(self):
        self.client.force_login(self.admin)
        response = self.client.get("/admin/users/?export=xlsx&q=xqu")
        self.assertEqual(response.status_code, 200)
        entry = entries("cppcc.export").get()
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.content_type, ContentType.objects.get_for_model(ContentType))
        self.assertEqual(entry.object_id, str(ContentType.objects.get_for_model(self.admin).pk))
        self.assertEqual(entry.data["format"], "xlsx")
        self.assertIn("q=xqu", entry.data["query"])

    def test_exporting_the_site_history_itself_is_logged(self):
        self.client.force_login(self.admin)
        self.assertEqual(
            self.client.get("/admin/reports/site-history/?export=csv").status_code, 200
        )
        self.assertEqual(entries("cppcc.export").get().data["path"], "/admin/reports/site-history/")

    def test_a_plain_listing_or_a_refused_export_is_not_logged(self):
        self.client.force_login(self.admin)
        self.client.get("/admin/users/")
        self.client.force_login(self.editor)
        self.assertNotEqual(self.client.get("/admin/users/?export=csv").status_code, 200)
        self.assertFalse(entries("cppcc.export").exists())


class Deletions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_a_bulk_deletion_of_snippets_is_logged_for_each_one(self):
        kinds = [
            MeetingType.objects.create(name=f"测试会议{n}", slug=f"test-{n}", numbered_name="x")
            for n in range(2)
        ]
        ids = "&".join(f"id={k.pk}" for k in kinds)
        response = self.client.post(f"/admin/bulk/news/meetingtype/delete/?next=/admin/&{ids}")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(MeetingType.objects.filter(pk__in=[k.pk for k in kinds]).exists())
        logged = entries("wagtail.delete", content_type__model="meetingtype")
        self.assertEqual(sorted(e.label for e in logged), ["测试会议0", "测试会议1"])
        self.assertTrue(all(e.user == self.admin and e.deleted for e in logged))

    def test_a_bulk_deletion_of_images_is_logged(self):
        image = Image.objects.create(title="会场照片", file=get_test_image_file())
        response = self.client.post(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            entries("wagtail.delete", content_type__model="image").get().label, "会场照片"
        )

    def test_a_single_deletion_is_logged_by_wagtail_itself_and_only_once(self):
        kind = MeetingType.objects.create(name="测试会议", slug="test", numbered_name="x")
        self.client.post(f"/admin/snippets/news/meetingtype/delete/{kind.pk}/")
        self.assertEqual(entries("wagtail.delete", object_id=str(kind.pk)).count(), 1)


class PermissionChanges(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("xqu", "X区政协")
        cls.group = Group.objects.get(name=editor_group_name("X区政协"))
        cls.admin = make_user("admin", superuser=True)
        cls.user = make_user("xqu-editor", first_name="区", last_name="编辑")

    def setUp(self):
        # What setting up the accounts logged is not what the tests look at.
        self.before = ModelLogEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0

    def changes(self, obj):
        return entries(
            "cppcc.permissions",
            pk__gt=self.before,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
        )

    def edit_user(self, **changes):
        self.client.force_login(self.admin)
        url = f"/admin/users/edit/{self.user.pk}/"
        data = form_values(self.client.get(url))
        data.update(changes)
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])

    def test_adding_a_user_to_a_group_in_the_admin_is_logged_with_who_did_it(self):
        self.edit_user(groups=[str(self.group.pk)])
        entry = self.changes(self.user).get()
        self.assertEqual(entry.data["message"], "加入用户组：X区政协编辑")
        self.assertEqual(entry.user, self.admin)

    def test_making_a_user_a_superuser_is_logged(self):
        self.edit_user(is_superuser=["on"])
        self.assertEqual(self.changes(self.user).get().data["message"], "设为超级管理员")

    def test_membership_changed_by_code_is_logged_from_either_side(self):
        self.group.user_set.add(self.user)
        self.user.groups.clear()
        messages = [e.data["message"] for e in self.changes(self.user)]
        self.assertEqual(messages, ["加入用户组：X区政协编辑", "移出用户组：X区政协编辑"])
        self.assertTrue(all(e.user is None for e in self.changes(self.user)))

    def test_bulk_deactivating_users_is_logged(self):
        self.client.force_login(self.admin)
        url = f"/admin/bulk/auth/user/set_active_state/?next=/admin/users/&id={self.user.pk}"
        response = self.client.post(url, {"mark_as_active": "False"})
        self.assertEqual(response.status_code, 302)
        self.user.refresh_from_db()
        self.assertFalse(self.user.is_active)
        self.assertEqual(self.changes(self.user).get().data["message"], "停用账号")

    def test_a_page_permission_given_and_taken_in_the_group_form_is_logged(self):
        self.client.force_login(self.admin)
        url = f"/admin/groups/edit/{self.group.pk}/"
        data = form_values(self.client.get(url))
        field = "page_permissions-0-permissions"
        self.assertIn("lock_page", data[field])
        # Take "lock" away from the committee's row of page permissions.
        data[field] = [v for v in data[field] if v != "lock_page"]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        held = GroupPagePermission.objects.filter(
            group=self.group, permission__codename="lock_page"
        )
        self.assertFalse(held.exists())
        entry = self.changes(self.group).get()
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.data["added"], [])
        self.assertEqual(len(entry.data["removed"]), 1)
        self.assertIn("wagtailcore.lock_page", entry.data["removed"][0])
        self.assertIn(f"撤销：页面“{self.site.root_page.title}”", entry.data["message"])

        # Giving it back is logged as a grant: Wagtail saves it with bulk_create.
        data[field] = [*data[field], "lock_page"]
        self.client.post(url, data)
        self.assertTrue(held.exists())
        self.assertIn("授予：页面", self.changes(self.group).last().data["message"])

    def test_saving_the_group_form_unchanged_logs_no_permission_change(self):
        self.client.force_login(self.admin)
        url = f"/admin/groups/edit/{self.group.pk}/"
        response = self.client.post(url, form_values(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.changes(self.group).exists())
        self.assertTrue(ModelLogEntry.objects.filter(action="wagtail.edit").exists())


class Retention(TestCase):
    """Entries are kept at least 180 days: the daily jobs and django-axes' own clean-up on
    every login leave old entries alone."""

    def test_a_year_old_entry_survives_the_daily_jobs_and_logins(self):
        import datetime

        from django.core.management import call_command
        from django.utils import timezone

        user = make_user("xqu-editor")
        old = ModelLogEntry.objects.log_action(
            user,
            "cppcc.login",
            data={"message": "登录成功"},
            timestamp=timezone.now() - datetime.timedelta(days=365),
        )
        call_command("anonymise_topic_submissions", stdout=open("/dev/null", "w"))
        login(self.client, "xqu-editor", "wrong")
        login(self.client, "xqu-editor")
        self.assertTrue(ModelLogEntry.objects.filter(pk=old.pk).exists())
