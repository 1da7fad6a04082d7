"""The tenancy rule's parts: which models are a committee's, the permission policy Wagtail asks,
the start-up check that refuses an unscoped admin listing, and the pieces of the admin that the
matrix reaches only indirectly (choosers' lists, the admin API lists, "select all")."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from consultation.models import Activity
from core.checks import check_committee_viewsets
from core.tenancy import CommitteePermissionPolicy, committee_owned_models, scope
from members.models import DutyEntry, Membership, Term
from topics.models import TopicSubmission

from .tenancy_fixture import SECRET, admin_patterns, build_committee


class CommitteeOwnedModels(TestCase):
    def test_every_model_with_a_site_key_is_committee_owned_without_declaring_it(self):
        from cppcc_youshi.models import CoverageUnit

        owned = set(committee_owned_models())
        for model in (Activity, Membership, DutyEntry, Term, TopicSubmission, CoverageUnit):
            self.assertIn(model, owned)
        self.assertNotIn(get_user_model(), owned)

    def test_wagtail_asks_the_committee_policy_for_them(self):
        for model in (Activity, Membership, DutyEntry, TopicSubmission):
            self.assertIsInstance(policy_registry.get_by_type(model), CommitteePermissionPolicy)

    def test_the_start_up_check_passes_and_refuses_an_unscoped_viewset(self):
        self.assertEqual(check_committee_viewsets(), [])
        from wagtail.admin.viewsets import viewsets

        unscoped = SnippetViewSet(model=Activity)
        viewsets.viewsets.append(unscoped)
        try:
            errors = check_committee_viewsets()
        finally:
            viewsets.viewsets.remove(unscoped)
        self.assertEqual([e.id for e in errors], ["core.E001"])
        self.assertIn("consultation.Activity", errors[0].msg)


class ScopedLists(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.own = build_committee("huixian", "甲", "甲方")
        cls.other = build_committee("jiayuguan", "乙", SECRET)

    def test_policy_and_scope_cut_querysets_to_the_editors_committee(self):
        editor = self.own.editor
        policy = policy_registry.get_by_type(Activity)
        mine = policy.instances_user_has_any_permission_for(editor, ["change"])
        self.assertEqual(list(mine), [self.own.objects[Activity]])
        self.assertTrue(
            policy.user_has_permission_for_instance(editor, "change", self.own.objects[Activity])
        )
        self.assertFalse(
            policy.user_has_permission_for_instance(editor, "delete", self.other.objects[Activity])
        )
        self.assertEqual(
            list(scope(Membership.objects.all(), editor)), [self.own.objects[Membership]]
        )
        root = get_user_model().objects.create_superuser("root", password="x")
        self.assertEqual(scope(Membership.objects.all(), root).count(), 2)

    def test_snippet_choosers_list_and_return_only_the_editors_committee(self):
        self.client.force_login(self.own.editor)
        for model in (Activity, Membership, DutyEntry, Term):
            name = f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}"
            with self.subTest(model=model.__name__):
                listing = self.client.get(reverse(f"{name}:choose"))
                self.assertEqual(listing.status_code, 200)
                self.assertNotIn(SECRET, listing.content.decode())
                own = self.client.get(reverse(f"{name}:chosen", args=[self.own.objects[model].pk]))
                self.assertEqual(own.status_code, 200)
                other = reverse(f"{name}:chosen", args=[self.other.objects[model].pk])
                self.assertEqual(self.client.get(other).status_code, 404)

    def test_the_admin_api_lists_only_the_editors_committees_files(self):
        for user in (self.own.editor, self.own.member.user):
            self.client.force_login(user)
            images = self.client.get("/admin/api/main/images/").json()["items"]
            documents = self.client.get("/admin/api/main/documents/").json()["items"]
            with self.subTest(user=user.username):
                self.assertNotIn(self.other.image.pk, [i["id"] for i in images])
                self.assertNotIn(self.other.document.pk, [d["id"] for d in documents])
        self.client.force_login(self.own.editor)
        images = self.client.get("/admin/api/main/images/").json()["items"]
        self.assertIn(self.own.image.pk, [i["id"] for i in images])

    def test_select_all_in_a_bulk_action_is_refused_for_committee_records(self):
        self.client.force_login(self.own.editor)
        url = reverse("wagtail_bulk_action", args=("consultation", "activity", "delete"))
        response = self.client.post(f"{url}?id=all&next=/admin/")
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Activity.objects.filter(pk=self.other.objects[Activity].pk).exists())

    def test_the_activity_list_searches_without_an_error(self):
        self.client.force_login(self.own.editor)
        response = self.client.get(
            reverse("wagtailsnippets_consultation_activity:list"), {"q": "协商活动"}
        )
        self.assertContains(response, "甲方协商活动")
        self.assertNotContains(response, SECRET)

    def test_a_superuser_opens_every_admin_list_view_without_an_error(self):
        """The installation's administrator still reaches everything, including the views the
        wall keeps from committee staff (reports, workflows, site history)."""
        root = get_user_model().objects.create_superuser("root", password="x")
        self.client.force_login(root)
        opened = 0
        for pattern in admin_patterns():
            if pattern.kwargs or pattern.name in (None, "wagtailadmin_logout"):
                continue
            if pattern.name == "wagtailadmin_error_test":
                self.assertEqual(self.client.get(reverse(pattern.name)).status_code, 404)
                continue
            with self.subTest(view=pattern.name):
                response = self.client.get(reverse(pattern.name))
                self.assertLess(response.status_code, 500)
                opened += 1
        self.assertGreater(opened, 100)
        response = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertContains(response, f"{SECRET}编辑")


class FoundInIssue16(TestCase):
    """Each hole found by trying the admin across committees, as its own regression test (the
    matrix covers them too, among everything else)."""

    @classmethod
    def setUpTestData(cls):
        from cppcc_youshi.models import CoverageUnit

        cls.own = build_committee("huixian", "甲", "甲方")
        cls.other = build_committee("jiayuguan", "乙", SECRET)
        cls.kinds = (Activity, Membership, DutyEntry, CoverageUnit)

    def test_bulk_delete_of_another_committees_records_neither_shows_nor_deletes_them(self):
        self.client.force_login(self.own.editor)
        for model in self.kinds:
            target = self.other.objects[model]
            url = reverse(
                "wagtail_bulk_action",
                args=(model._meta.app_label, model._meta.model_name, "delete"),
            )
            with self.subTest(model=model.__name__):
                query = f"?next=/admin/&id={target.pk}"
                self.assertEqual(self.client.get(url + query).status_code, 404)
                self.client.post(url + query)
                self.assertTrue(model.objects.filter(pk=target.pk).exists())
                # The same action on the editor's own record still works.
                own = self.own.objects[model]
                self.client.post(url + f"?next=/admin/&id={own.pk}")
                self.assertFalse(model.objects.filter(pk=own.pk).exists())

    def test_the_admin_api_refuses_other_committees_pages_and_files(self):
        for user in (self.own.member.user, self.own.editor):
            self.client.force_login(user)
            for url in (
                f"/admin/api/main/pages/{self.other.draft_page.pk}/",
                f"/admin/api/main/images/{self.other.image.pk}/",
                f"/admin/api/main/documents/{self.other.document.pk}/",
            ):
                with self.subTest(url=url, user=user.username):
                    self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.own.member.user)
        own = self.client.get(f"/admin/api/main/pages/{self.own.member.pk}/")
        self.assertEqual(own.status_code, 200)

    def test_reports_and_forms_are_closed_to_members(self):
        self.client.force_login(self.own.member.user)
        for name in (
            "wagtailadmin_reports:page_types_usage",
            "wagtailadmin_reports:site_history",
            "wagtailadmin_reports:workflow",
            "wagtailadmin_reports:aging_pages",
            "wagtailforms:index",
        ):
            with self.subTest(report=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 403)

    def test_a_member_cannot_open_the_copy_form_of_their_own_page(self):
        self.client.force_login(self.own.member.user)
        url = reverse("wagtailadmin_pages:copy", args=(self.own.member.pk,))
        self.assertEqual(self.client.get(url).status_code, 403)
        edit = reverse("wagtailadmin_pages:edit", args=(self.own.member.pk,))
        self.assertEqual(self.client.get(edit).status_code, 200)

    def test_moving_another_committees_draft_shows_nothing_of_it(self):
        self.client.force_login(self.own.editor)
        url = reverse(
            "wagtailadmin_pages:move_confirm",
            args=(self.other.draft_page.pk, self.own.site.root_page.pk),
        )
        response = self.client.get(url)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, SECRET, status_code=404)

    def test_empty_posts_to_choosers_get_an_answer_not_an_error(self):
        self.client.force_login(self.own.editor)
        response = self.client.post(reverse("wagtailadmin_choose_page_external_link"), {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["step"], "external_link")
        create = reverse("wagtailsnippetchoosers_consultation_activity:create")
        self.assertEqual(self.client.post(create, {}).status_code, 404)

    def test_a_pasted_url_becomes_an_internal_link_only_for_the_editors_committee(self):
        self.client.force_login(self.own.editor)
        url = reverse("wagtailadmin_choose_page_external_link")
        field = "external-link-chooser-url"
        own = self.client.post(url, {field: self.own.live_page.full_url}).json()
        self.assertEqual(own["result"]["id"], self.own.live_page.pk)
        other = self.client.post(url, {field: self.other.live_page.full_url}).json()
        self.assertEqual(other["step"], "external_link_chosen")
        self.assertNotIn("id", other["result"])
        self.assertEqual(other["result"]["url"], self.other.live_page.full_url)
