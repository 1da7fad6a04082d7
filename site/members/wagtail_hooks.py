"""Admin for member records (terms, memberships, hand-entered duty items, sectors, special
committees), and the members' dashboard panels."""

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_views import SiteScopedSnippetViewSet
from core.tenancy import browses_whole_tree

from .forms import SiteRecordAdminForm
from .models import DutyEntry, Membership, Sector, SpecialCommittee, Term


class TermViewSet(SiteScopedSnippetViewSet):
    model = Term
    icon = "date"
    menu_label = "届次"
    list_display = ["__str__", "site", "starts_on", "ends_on"]
    edit_handler = ObjectList(Term.panels, base_form_class=SiteRecordAdminForm)


class MembershipViewSet(SiteScopedSnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "委员任职"
    list_display = ["member", "term", "role", "sector", "special_committee"]
    list_filter = ["term", "role", "sector", "special_committee"]
    search_fields = ["member__title"]
    edit_handler = ObjectList(Membership.panels, base_form_class=SiteRecordAdminForm)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("member", "term", "sector", "special_committee")
        )


class DutyEntryViewSet(SiteScopedSnippetViewSet):
    model = DutyEntry
    icon = "doc-full"
    menu_label = "履职事项录入"
    list_display = ["member", "kind", "title", "date", "entered_by"]
    list_filter = ["kind"]
    search_fields = ["title", "member__title"]
    edit_handler = ObjectList(DutyEntry.panels, base_form_class=SiteRecordAdminForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "entered_by")


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = "界别"
    list_display = ["name", "sort_order"]


class SpecialCommitteeViewSet(SnippetViewSet):
    model = SpecialCommittee
    icon = "tag"
    menu_label = "专门委员会"
    list_display = ["name", "sort_order"]


class MembersViewSetGroup(SnippetViewSetGroup):
    menu_label = "委员管理"
    menu_icon = "user"
    menu_order = 260
    items = (
        MembershipViewSet,
        DutyEntryViewSet,
        TermViewSet,
        SectorViewSet,
        SpecialCommitteeViewSet,
    )


register_snippet(MembersViewSetGroup)


@hooks.register("after_create_snippet")
def record_who_entered(request, instance):
    if isinstance(instance, DutyEntry) and instance.entered_by_id is None:
        DutyEntry.objects.filter(pk=instance.pk).update(entered_by=request.user)


class MyPagesPanel(Component):
    """The member's own pages, first on their dashboard, with where each stands."""

    name = "member_pages"
    order = 10
    template_name = "members/admin/my_pages_panel.html"

    def __init__(self, member):
        self.member = member

    def get_context_data(self, parent_context):
        from .access import led_platforms

        pages = [self.member, *led_platforms(self.member).order_by("title")]
        in_moderation = set(
            WorkflowState.objects.active()
            .filter(base_content_type__isnull=False, object_id__in=[str(p.pk) for p in pages])
            .values_list("object_id", flat=True)
        )
        return {"pages": [{"page": p, "in_moderation": str(p.pk) in in_moderation} for p in pages]}


def member_of(user):
    from .models import MemberPage

    return MemberPage.objects.filter(user=user).first() if user.is_authenticated else None


@hooks.register("construct_homepage_panels")
def add_my_pages_panel(request, panels):
    member = member_of(request.user)
    if member is not None:
        panels.insert(0, MyPagesPanel(member))


@hooks.register("construct_homepage_summary_items", order=1000)
def hide_site_summary_from_members(request, summary_items):
    """A member's dashboard counts nothing of the committee's site (26 pages they cannot open
    would only confuse)."""
    if not browses_whole_tree(request.user):
        summary_items.clear()
