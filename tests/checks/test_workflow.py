"""A page with a sensitive word, submitted to its committee's workflow, cannot be approved
until it is fixed; the editor is told where; fixed and resubmitted, it is approved and goes
live."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from builders import make_committee, make_editor
from checks.locate import sections
from checks.models import PublicationCheckTask, SensitiveWord
from checks.workflow import add_publication_checks, on_moderation_workflow_created
from news.models import NewsPage

from .helpers import committee, news, paragraphs

BAD = "会议指出，要把违禁示例一事办好。"
GOOD = "会议指出，要把民生实事办好。"


def revise(page, text, user):
    """A new draft of ``page`` with ``text`` as its body (as the editor's 保存草稿 leaves it)."""
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    return draft.save_revision(user=user)


def findings_listed(response):
    """The findings the editor is shown at the top of the page editor."""
    return BeautifulSoup(response.content, "html.parser").select("[data-checks-finding]")


class SubmissionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, cls.approver = committee("huaian")
        cls.author = make_editor(cls.site, "huaian-author")
        SensitiveWord.objects.create(site=cls.site, word="违禁示例")
        cls.workflow = Workflow.objects.get(workflow_pages__page=cls.site.root_page)

    def submit(self, page, text):
        revise(page, text, self.author)
        return self.workflow.start(page, self.author)

    def approve_url(self, page, task_state):
        return reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )

    def test_the_check_comes_before_the_editors_approval(self):
        tasks = [task.specific for task in self.workflow.tasks]
        self.assertIsInstance(tasks[0], PublicationCheckTask)
        self.assertEqual(tasks[0].name, "huaian政协发布前检查")
        self.assertEqual(tasks[1].name, "huaian政协编辑审核")
        self.assertIsNone(add_publication_checks(self.workflow))  # once only
        self.assertEqual(len(self.workflow.tasks), 2)

    def test_a_sensitive_word_blocks_approval_until_fixed(self):
        page = news(self.index, paragraphs("初稿。"), publish=False)
        state = self.submit(page, BAD)
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        check = state.current_task_state
        self.assertEqual(check.status, TaskState.STATUS_REJECTED)
        self.assertIn("违禁示例", check.comment)
        self.assertIn("正文 › 第 1 块·段落", check.comment)

        # The approver's approval is refused, and the page does not go live.
        self.client.force_login(self.approver)
        self.client.post(self.approve_url(page, check), {"comment": "同意"})
        page.refresh_from_db()
        self.assertFalse(page.live)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)

        # The author opens the page: the finding, where it is, an excerpt, a link to the panel.
        self.client.force_login(self.author)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertEqual(response.status_code, 200)
        [item] = findings_listed(response)
        self.assertIn("发布前检查未通过", item.find_parent("div").p.text)
        self.assertEqual(item.a.text, "【敏感词】正文 › 第 1 块·段落")
        self.assertEqual(item.q.text, BAD)
        self.assertEqual(item.q.mark.text, "违禁示例")  # the word marked in its excerpt
        section = sections(NewsPage)["body"][0]
        self.assertEqual(item.a["href"], f"#{section}")
        soup = BeautifulSoup(response.content, "html.parser")
        self.assertIsNotNone(soup.find(id=section), "the link leads to the body's panel")
        self.assertIsNotNone(soup.find("script", src=lambda src: src and "findings.js" in src))

        # Fixed and resubmitted: the check passes, the approver approves, the page is live.
        revise(page, GOOD, self.author)
        state.resume(user=self.author)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        approval = state.current_task_state
        self.assertEqual(approval.task.name, "huaian政协编辑审核")
        self.client.force_login(self.approver)
        response = self.client.post(self.approve_url(page, approval), {"comment": "同意"})
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertIn("民生实事", page.specific.body[0].value.source)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)

    def test_a_clean_page_passes_the_check_and_waits_for_the_editors(self):
        page = news(self.index, paragraphs("初稿。"), publish=False)
        state = self.submit(page, GOOD)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(
            state.current_task_state.task.specific.__class__.__name__, "GroupApprovalTask"
        )
        page.refresh_from_db()
        self.assertFalse(page.live)

    def test_a_live_page_keeps_its_published_text_while_the_change_is_refused(self):
        page = news(self.index, paragraphs(GOOD))
        state = self.submit(page, BAD)
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        page.refresh_from_db()
        self.assertIn("民生实事", page.specific.body[0].value.source)
        self.assertTrue(page.has_unpublished_changes)

    def test_a_change_made_after_the_check_cannot_be_approved(self):
        """ "Approve with changes": the approver's own edit brings a finding."""
        page = news(self.index, paragraphs("初稿。"), publish=False)
        state = self.submit(page, GOOD)
        approval = state.current_task_state
        revise(page, BAD, self.approver)
        with self.assertRaises(PermissionDenied):
            TaskState.objects.get(pk=approval.pk).approve(user=self.approver)
        self.client.force_login(self.approver)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertEqual(len(findings_listed(edit)), 1)
        self.assertContains(edit, "当前草稿有 1 处问题")
        self.assertNotContains(edit, 'data-workflow-action-name="approve"')
        # Wagtail answers a refused admin action with a redirect and its "no permission" message.
        response = self.client.post(self.approve_url(page, approval), {"comment": "同意"})
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertFalse(page.live)
        approval.refresh_from_db()
        self.assertEqual(approval.status, TaskState.STATUS_IN_PROGRESS)

    def test_the_approver_may_approve_an_unchanged_checked_draft(self):
        page = news(self.index, paragraphs("初稿。"), publish=False)
        state = self.submit(page, GOOD)
        self.client.force_login(self.approver)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertContains(edit, 'data-workflow-action-name="approve"')
        self.assertEqual(findings_listed(edit), [])
        state.current_task_state.approve(user=self.approver)
        page.refresh_from_db()
        self.assertTrue(page.live)


class ProvisioningTest(TestCase):
    def test_the_data_migration_adds_the_check_to_existing_workflows(self):
        import importlib

        from django.apps import apps

        site = make_committee("taizhou")
        workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
        migration = importlib.import_module(
            "checks.migrations.0002_starter_lists_and_workflow_tasks"
        )
        migration.add_to_workflows(apps)
        migration.add_to_workflows(apps)  # a second run changes nothing
        tasks = [task.specific for task in workflow.tasks]
        self.assertEqual(
            [type(t).__name__ for t in tasks], ["PublicationCheckTask", "GroupApprovalTask"]
        )
        self.assertEqual(tasks[0].name, "taizhou政协发布前检查")


class WorkflowAdminTest(TestCase):
    """The installation's administrators see the check in the workflow admin, in Chinese."""

    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("wuhu")
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
        cls.workflow = Workflow.objects.get(workflow_pages__page=cls.site.root_page)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_the_task_and_its_type_are_named_in_chinese(self):
        tasks = self.client.get(reverse("wagtailadmin_workflows:task_index"))
        self.assertContains(tasks, "wuhu政协发布前检查")
        self.assertNotContains(tasks, "Publication check")
        # Wagtail's own default workflow (its migrations made it) has its check too.
        self.assertEqual(
            PublicationCheckTask.objects.exclude(name__contains="wuhu").get().name, "发布前检查"
        )
        types = self.client.get(reverse("wagtailadmin_workflows:select_task_type"))
        self.assertContains(types, "发布前检查")
        self.assertContains(types, "提交审核时自动检查敏感词")
        edit = self.client.get(reverse("wagtailadmin_workflows:edit", args=[self.workflow.pk]))
        self.assertContains(edit, "wuhu政协发布前检查")
        task = PublicationCheckTask.objects.get(workflow_tasks__workflow=self.workflow)
        edit_task = self.client.get(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]))
        self.assertEqual(edit_task.status_code, 200)


class NewCommitteeTest(TestCase):
    def test_the_receiver_adds_the_check_to_a_new_workflow(self):
        site = make_committee("bengbu")
        workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
        on_moderation_workflow_created(sender=Workflow, workflow=workflow, site=site)
        self.assertIsInstance(workflow.tasks.first().specific, PublicationCheckTask)

    def test_provisioning_a_committee_gives_its_workflow_the_check(self):
        site = make_committee("fuyang")
        workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
        tasks = [type(task.specific).__name__ for task in workflow.tasks]
        self.assertEqual(tasks, ["PublicationCheckTask", "GroupApprovalTask"])


def form_data(html, body="初稿。"):
    """What a browser submits from the page editor's form (the StreamField, built by the
    editor's JavaScript, given as Wagtail's test helpers build it)."""
    soup = BeautifulSoup(html, "html.parser")
    data = {}
    for field in soup.find("form", id="page-edit-form").find_all(["input", "textarea", "select"]):
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
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(body))])}))
    return data


class EditorSubmitsTest(TestCase):
    """The editor's own path: 提交审核 in the page editor."""

    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, cls.editor = committee("maanshan")
        SensitiveWord.objects.create(site=cls.site, word="违禁示例")

    def test_a_refused_submission_brings_the_editor_back_to_the_findings(self):
        page = news(self.index, paragraphs("初稿。"), publish=False)
        page.save_revision(user=self.editor)
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        data = form_data(self.client.get(url).content.decode())
        data.update({"title": "违禁示例的报道", "action-submit": "action-submit"})
        response = self.client.post(url, data, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], url)
        self.assertContains(response, "未通过发布前检查，已退回修改")
        [item] = findings_listed(response)
        self.assertEqual(item.a.text, "【敏感词】标题")
        self.assertEqual(item.a["href"], "#" + sections(NewsPage)["title"][0])
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)

        data = form_data(response.content.decode())
        data.update({"title": "民生实事的报道", "action-submit": "action-submit"})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(response.url, url)  # on to the explorer, as any submission
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.name, "maanshan政协编辑审核")
