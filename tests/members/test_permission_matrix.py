"""The permission wall around member accounts, as a matrix: every row is an admin view (edit,
preview, revisions, compare, history, copy, move, delete, unpublish, lock, privacy, usage,
explorer, choosers, bulk actions, the admin pages API), every column a page a member must not
touch. A new admin view is covered by adding a row to VIEWS.

Each cell logs in as the member, calls the view, and checks two things: the answer is not a
200, and the page (title, live state, place in the tree, revisions, lock) is unchanged."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision

from builders import committee_with_members
from consultation.models import PlatformIndexPage
from members.models import MemberIndexPage, MemberPage


@dataclass(frozen=True)
class View:
    name: str
    method: str
    url: object  # (target page, fixture) -> url
    data: object = None  # (target page, fixture) -> POST data


def page_url(name, *extra):
    return lambda page, fx: reverse(f"wagtailadmin_pages:{name}", args=(page.pk, *extra))


def revision_url(name):
    return lambda page, fx: reverse(
        f"wagtailadmin_pages:{name}", args=(page.pk, page.latest_revision_id or 0)
    )


def bulk_url(action):
    return lambda page, fx: (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        + f"?id={page.pk}&next=/admin/"
    )


def edit_data(page, fx):
    return {"title": "已被篡改", "slug": page.slug, "action-publish": "publish"}


VIEWS = [
    View("edit", "get", page_url("edit")),
    View("edit (post, publish)", "post", page_url("edit"), edit_data),
    View("preview", "get", page_url("preview_on_edit")),
    View("preview (post)", "post", page_url("preview_on_edit"), edit_data),
    View("view draft", "get", page_url("view_draft")),
    View("revisions", "get", page_url("revisions_index")),
    View("revision view", "get", revision_url("revisions_view")),
    View("revision revert", "get", revision_url("revisions_revert")),
    View("revisions compare", "get", page_url("revisions_compare", "earliest", "latest")),
    View("history", "get", page_url("history")),
    View("workflow history", "get", page_url("workflow_history")),
    View("usage", "get", page_url("usage")),
    View("copy", "get", page_url("copy")),
    View(
        "copy (post)",
        "post",
        page_url("copy"),
        lambda page, fx: {
            "new_title": "副本",
            "new_slug": f"{page.slug}-copy",
            "new_parent_page": (page.get_parent() or page).pk,
            "copy_subpages": "",
            "publish_copies": "on",
        },
    ),
    View(
        "move",
        "get",
        lambda page, fx: reverse("wagtailadmin_pages:move", args=(page.pk,)),
    ),
    View(
        "move confirm (post)",
        "post",
        lambda page, fx: reverse(
            "wagtailadmin_pages:move_confirm", args=(page.pk, fx.member_index.pk)
        ),
        lambda page, fx: {},
    ),
    View(
        "set position (post)",
        "post",
        lambda page, fx: (
            reverse("wagtailadmin_pages:set_page_position", args=(page.pk,)) + "?position=0"
        ),
        lambda page, fx: {},
    ),
    View("delete", "get", page_url("delete")),
    View("delete (post)", "post", page_url("delete"), lambda page, fx: {}),
    View("unpublish", "get", page_url("unpublish")),
    View("unpublish (post)", "post", page_url("unpublish"), lambda page, fx: {}),
    View("lock (post)", "post", page_url("lock"), lambda page, fx: {}),
    View("privacy", "get", page_url("set_privacy")),
    View(
        "add subpage",
        "get",
        lambda page, fx: reverse("wagtailadmin_pages:add_subpage", args=(page.pk,)),
    ),
    View(
        "add member page under it",
        "get",
        lambda page, fx: reverse("wagtailadmin_pages:add", args=("members", "memberpage", page.pk)),
    ),
    View("explorer", "get", lambda page, fx: reverse("wagtailadmin_explore", args=(page.pk,))),
    View(
        "chooser browse",
        "get",
        lambda page, fx: reverse("wagtailadmin_choose_page_child", args=(page.pk,)),
    ),
    View(
        "chooser chosen",
        "get",
        lambda page, fx: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={page.pk}",
    ),
    View("bulk delete", "get", bulk_url("delete")),
    View("bulk delete (post)", "post", bulk_url("delete"), lambda page, fx: {}),
    View("bulk unpublish (post)", "post", bulk_url("unpublish"), lambda page, fx: {}),
    View(
        "bulk move (post)",
        "post",
        bulk_url("move"),
        lambda page, fx: {"chooser": fx.member_index.pk},
    ),
    View("admin api detail", "get", lambda page, fx: f"/admin/api/main/pages/{page.pk}/"),
    View(
        "form submissions",
        "get",
        lambda page, fx: reverse("wagtailforms:list_submissions", args=(page.pk,)),
    ),
    View(
        "delete form submissions (post)",
        "post",
        lambda page, fx: reverse("wagtailforms:delete_submissions", args=(page.pk,)),
        lambda page, fx: {},
    ),
]

# Navigation views that must answer for the pages above a member's own (to reach them).
NAVIGATION = {"explorer", "chooser browse", "chooser chosen", "admin api detail"}


def snapshot(page):
    page = Page.objects.get(pk=page.pk)
    return (
        page.title,
        page.live,
        page.path,
        page.locked,
        page.latest_revision_id,
        Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        Page.objects.count(),
    )


def violations(client, user, targets, fx, views=VIEWS, skip=()):
    """Every (view, target) cell the user could open or that changed the page."""
    client.force_login(user)
    found = []
    for target_name, target in targets.items():
        for view in views:
            if view.name in skip:
                continue
            before = snapshot(target)
            url = view.url(target, fx)
            if view.method == "get":
                response = client.get(url)
            else:
                response = client.post(url, view.data(target, fx))
            after = snapshot(target)
            if response.status_code == 200:
                found.append(f"{view.name} × {target_name}: 200")
            if after != before:
                found.append(f"{view.name} × {target_name}: page changed {before} → {after}")
    return found


def text(response):
    """A chooser's HTML, whether sent as a page or inside a modal's JSON."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


class Fixture:
    pass


class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        rows = [
            {"编号": "1", "姓名": "甲委员", "担任站长": "东湖委员工作站"},
            {"编号": "2", "姓名": "乙委员", "担任站长": "西湖委员工作站"},
        ]
        cls.site, cls.platform_index, cls.stations, _, report = committee_with_members(
            "jiayuguan", rows, workstations=("东湖", "西湖")
        )
        assert report.errors == [], report.errors
        _, _, cls.other_stations, _, _ = committee_with_members(
            "suzhou",
            [{"编号": "1", "姓名": "丙委员", "担任站长": "南山委员工作站"}],
            workstations=("南山",),
        )
        cls.member_a = MemberPage.objects.get(title="甲委员")
        cls.member_b = MemberPage.objects.get(title="乙委员")
        cls.member_c = MemberPage.objects.get(title="丙委员")
        # A draft waiting on the other member's page: still theirs alone.
        draft = cls.member_b.get_latest_revision_as_object()
        draft.bio = "未发布的草稿"
        draft.save_revision(user=cls.member_b.user)
        cls.fx = Fixture()
        cls.fx.member_index = MemberIndexPage.objects.child_of(cls.site.root_page).get()

    def other_pages(self):
        return {
            "other member's page": self.member_b,
            "other member's workstation": self.stations["西湖"],
            "another county's member": self.member_c,
            "another county's workstation": self.other_stations["南山"],
        }

    def shared_pages(self):
        return {
            "tree root": Page.get_first_root_node(),
            "committee home": self.site.root_page,
            "member index": self.fx.member_index,
            "platform index": PlatformIndexPage.objects.child_of(self.site.root_page).get(),
        }

    def test_member_cannot_open_or_change_other_members_pages_in_any_admin_view(self):
        found = violations(self.client, self.member_a.user, self.other_pages(), self.fx)
        self.assertEqual(found, [])

    def test_member_holds_nothing_on_the_root_or_shared_index_pages(self):
        for name, page in self.shared_pages().items():
            tester = page.permissions_for_user(self.member_a.user)
            with self.subTest(page=name):
                self.assertEqual(tester.permissions, set())
                self.assertFalse(tester.can_edit() or tester.can_add_subpage())
        # Above their own pages a member may only navigate (explorer, chooser, API detail).
        found = violations(
            self.client, self.member_a.user, self.shared_pages(), self.fx, skip=NAVIGATION
        )
        self.assertEqual(found, [])

    def test_the_matrix_fails_when_a_member_group_gets_change_on_the_workstation_index(self):
        GroupPagePermission.objects.create(
            group=self.member_a.access_group,
            page=PlatformIndexPage.objects.child_of(self.site.root_page).get(),
            permission_id=GroupPagePermission.objects.filter(
                group=self.member_a.access_group
            ).values_list("permission_id", flat=True)[0],
        )
        found = violations(self.client, self.member_a.user, self.other_pages(), self.fx)
        self.assertIn("edit × other member's workstation: 200", found)
        self.assertIn("revision view × other member's workstation: 200", found)
        # The other committee's workstation stays out of reach.
        self.assertFalse([f for f in found if "another county" in f])

    def test_member_can_open_their_own_page_and_workstation(self):
        """The control row: the same views do answer for the member's own pages."""
        self.client.force_login(self.member_a.user)
        for page in (self.member_a, self.stations["东湖"]):
            for name in ("edit", "history", "view_draft"):
                with self.subTest(page=page.title, view=name):
                    response = self.client.get(
                        reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))
                    )
                    self.assertEqual(response.status_code, 200)

    def test_member_cannot_publish_delete_or_create_even_on_their_own_pages(self):
        own = {"own page": self.member_a, "own workstation": self.stations["东湖"]}
        views = [
            v
            for v in VIEWS
            if v.name
            in {
                "delete",
                "delete (post)",
                "unpublish (post)",
                "add subpage",
                "move confirm (post)",
                "bulk delete (post)",
                "lock (post)",
            }
        ]
        self.assertEqual(violations(self.client, self.member_a.user, own, self.fx, views), [])
        # Copying their own page is offered, but the copy cannot be placed anywhere.
        copy = [v for v in VIEWS if v.name == "copy (post)"]
        found = violations(self.client, self.member_a.user, own, self.fx, copy)
        self.assertEqual([f for f in found if "changed" in f], [])
        tester = self.member_a.permissions_for_user(self.member_a.user)
        self.assertFalse(tester.can_publish())

    def test_admin_lists_and_searches_do_not_reveal_other_members_pages(self):
        self.client.force_login(self.member_a.user)
        api = self.client.get(
            "/admin/api/main/pages/", {"child_of": self.fx.member_index.pk}
        ).json()
        self.assertEqual([item["id"] for item in api["items"]], [self.member_a.pk])
        search = reverse("wagtailadmin_choose_page_search")
        self.assertNotIn("乙委员", text(self.client.get(search, {"q": "乙委员"})))
        self.assertNotIn("丙委员", text(self.client.get(search, {"q": "丙委员"})))
        # The same search finds the page for someone who may browse the whole tree.
        self.client.force_login(get_user_model().objects.create_superuser("root", password="x"))
        self.assertIn("乙委员", text(self.client.get(search, {"q": "乙委员"})))
        self.client.force_login(self.member_a.user)
        browse = text(
            self.client.get(
                reverse("wagtailadmin_choose_page_child", args=(self.fx.member_index.pk,))
            )
        )
        self.assertIn("甲委员", browse)
        self.assertNotIn("乙委员", browse)
        search = self.client.get(reverse("wagtailadmin_pages:search"), {"q": "乙委员"})
        self.assertNotContains(search, reverse("wagtailadmin_pages:edit", args=(self.member_b.pk,)))

    def test_admin_reports_do_not_reveal_other_members_pages(self):
        # Give the reports something to show about the other member: a lock and a workflow.
        other = MemberPage.objects.get(pk=self.member_b.pk)
        other.locked, other.locked_by = True, other.user
        other.save()
        self.client.force_login(self.member_a.user)
        for name in ("locked_pages", "workflow", "workflow_tasks", "site_history", "aging_pages"):
            with self.subTest(report=name):
                response = self.client.get(reverse(f"wagtailadmin_reports:{name}"))
                self.assertNotIn("乙委员", response.content.decode())
        # The superuser's view of the same reports does show it (the check can fail).
        self.client.force_login(get_user_model().objects.create_superuser("root2", password="x"))
        response = self.client.get(reverse("wagtailadmin_reports:locked_pages"))
        self.assertIn("乙委员", response.content.decode())

    def test_member_cannot_see_another_members_draft_on_the_public_site(self):
        response = self.client.get(self.member_b.url, HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "未发布的草稿")
