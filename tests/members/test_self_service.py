"""The member's path: imported from the roster, they log in, edit the workstation they head,
submit it for moderation; the committee's editor approves and the change is live. Forms are
posted as a browser would post them: every field the rendered form holds, plus the edits."""

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState

from builders import committee_with_members, committee_with_platforms, make_editor, roster_rows
from consultation.models import PlatformPage
from members.models import MemberPage


def form_data(html, form_id=None):
    """The values a browser would submit from the page's main form."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form", method="post")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


class SelfServiceTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        rows = [{"编号": "01", "姓名": "甲委员", "担任站长": "东湖委员工作站"}]
        cls.site, _, cls.stations, _, report = committee_with_members("jiuquan", rows)
        assert report.errors == [], report.errors
        cls.member = MemberPage.objects.get(roster_id="01")
        cls.station = cls.stations["东湖"]
        cls.editor = make_editor(cls.site, "jiuquan-editor")

    def edit(self, page, changes, action):
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        data = form_data(response.content.decode(), form_id="page-edit-form")
        data.update(changes)
        data[action] = action
        return self.client.post(url, data)

    def test_member_edits_their_workstation_submits_it_and_an_editor_publishes_it(self):
        self.client.force_login(self.member.user)
        response = self.edit(
            self.station,
            {"opening_hours": "每周三 9:00–12:00", "duties": "收集社情民意，组织委员协商。"},
            "action-submit",
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        station = PlatformPage.objects.get(pk=self.station.pk)
        # Submitted, not published: the public page still shows the old hours.
        self.assertEqual(station.opening_hours, "")
        self.assertTrue(station.has_unpublished_changes)
        state = WorkflowState.objects.get(
            base_content_type__isnull=False, object_id=str(station.pk)
        )
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.name, "jiuquan政协编辑审核")
        public = self.client.get(station.url, HTTP_HOST=self.site.hostname)
        self.assertNotContains(public, "每周三")

        self.client.force_login(self.editor)
        approve = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(station.pk, "approve", state.current_task_state.pk),
        )
        response = self.client.post(approve, {"comment": "同意"})
        self.assertIn(response.status_code, (200, 302))
        station.refresh_from_db()
        self.assertEqual(station.opening_hours, "每周三 9:00–12:00")
        self.assertEqual(station.duties, "收集社情民意，组织委员协商。")
        self.assertFalse(station.has_unpublished_changes)
        # The roster (and so the member's own access) survives the round trip through the form.
        self.assertEqual(
            list(station.members.values_list("member_id", "role")), [(self.member.pk, "head")]
        )
        public = self.client.get(station.url, HTTP_HOST=self.site.hostname)
        self.assertContains(public, "每周三 9:00–12:00")
        self.assertContains(public, "收集社情民意")

    def test_member_cannot_publish_directly(self):
        self.client.force_login(self.member.user)
        self.edit(self.member, {"bio": "长期从事基层医疗工作。"}, "action-publish")
        member = MemberPage.objects.get(pk=self.member.pk)
        self.assertEqual(member.bio, "")
        self.assertEqual(member.get_latest_revision_as_object().bio, "长期从事基层医疗工作。")

    def test_member_profile_form_has_no_account_or_seat_fields(self):
        self.client.force_login(self.member.user)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.member.pk,)))
        fields = form_data(response.content.decode(), form_id="page-edit-form")
        for forbidden in ("user", "roster_id", "access_group", "memberships-TOTAL_FORMS"):
            self.assertNotIn(forbidden, fields)
        self.assertIn("show_contact", response.content.decode())

    def test_editor_replacing_the_head_moves_the_edit_right(self):
        rows = [{"编号": "02", "姓名": "乙委员"}]
        from members.models import Term
        from members.roster import import_roster

        term = Term.objects.get(site=self.site)
        import_roster(roster_rows(rows), site=self.site, term=term, username_prefix="jiuquan-")
        successor = MemberPage.objects.get(roster_id="02")
        page = PlatformPage.objects.get(pk=self.station.pk).get_latest_revision_as_object()
        head = page.members.get()
        head.member = successor
        head.name = successor.title
        page.members = [head]
        page.save_revision(user=self.editor).publish()
        self.assertTrue(self.station.permissions_for_user(successor.user).can_edit())
        self.assertFalse(
            PlatformPage.objects.get(pk=self.station.pk)
            .permissions_for_user(MemberPage.objects.get(pk=self.member.pk).user)
            .can_edit()
        )


class ModerationSetupTest(TestCase):
    def test_the_import_gives_an_older_committee_its_moderation_workflow(self):
        from wagtail.models import WorkflowPage

        from members.models import Term
        from members.roster import import_roster

        site, _ = committee_with_platforms("chongxin")
        WorkflowPage.objects.filter(page=site.root_page).delete()  # provisioned before members
        term = Term.objects.create(site=site, number=1, starts_on="2022-01-01")
        import_roster(
            roster_rows([{"编号": "1", "姓名": "甲委员"}]),
            site=site,
            term=term,
            username_prefix="cx-",
        )
        workflow = WorkflowPage.objects.get(page=site.root_page).workflow
        task = workflow.tasks.filter(groupapprovaltask__isnull=False).get().specific
        self.assertEqual([g.name for g in task.groups.all()], ["chongxin政协编辑"])
