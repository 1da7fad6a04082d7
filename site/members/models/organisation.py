"""The committee's standard sections 机构设置 and 领导信息 (government-site inspections expect
both). The bodies are typed by editors; the leadership is computed from memberships, so it
changes when a seat does and never shows a former chair."""

from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.models import BasePage

from .people import Membership, Role, Term


class BodyBlock(blocks.StructBlock):
    """One body of the committee: 办公室, a 专门委员会, 研究室 …"""

    name = blocks.CharBlock(label="机构名称", max_length=60)
    duties = blocks.TextBlock(label="主要职责", max_length=2000)
    contact = blocks.CharBlock(
        label="联系方式", max_length=200, required=False, help_text="如：电话 0933-8212345"
    )

    class Meta:
        label = "机构"
        icon = "group"
        template = "members/blocks/body.html"


class OrganisationPage(BasePage):
    """机构设置: the committee's bodies with their duties and contact, in the editors' order."""

    intro = models.TextField("导语", blank=True, max_length=1000)
    bodies = StreamField(
        [("body", BodyBlock())], verbose_name="机构", blank=True, use_json_field=True
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("bodies")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "机构设置"
        verbose_name_plural = "机构设置"


# The 主席会议 (chairpersons' meeting) members, in rank order: who 领导信息 lists.
LEADER_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY_GENERAL)


def current_leaders(site, today=None):
    """(term, [Membership]) of the committee's leaders in office on ``today``: the current
    term's chair, vice-chairs and secretary-general, by rank then by who took office first.
    A seat that ended (or has not begun) is left out; (None, []) without a term."""
    today = today or timezone.localdate()
    term = Term.current_for(site, today)
    if term is None:
        return None, []
    seats = (
        Membership.objects.filter(term=term, site=site, role__in=LEADER_ROLES)
        .exclude(ends_on__lt=today)
        .exclude(starts_on__gt=today)
        .select_related("member", "member__photo", "sector")
    )
    rank = {role: n for n, role in enumerate(LEADER_ROLES)}
    return term, sorted(seats, key=lambda s: (rank[s.role], s.starts_on or term.starts_on, s.pk))


class LeadershipPage(BasePage):
    """领导信息: the committee's leaders, drawn from the current term's memberships."""

    intro = models.TextField("导语", blank=True, max_length=1000)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        term, seats = current_leaders(site) if site else (None, [])
        # Link only to profiles a reader may open.
        shown = set(
            Page.objects.filter(pk__in=[s.member_id for s in seats])
            .live()
            .public()
            .values_list("pk", flat=True)
        )
        context["term"] = term
        context["leaders"] = [
            {
                "role": seat.get_role_display(),
                "member": seat.member,
                "url": seat.member.get_url(request) if seat.member_id in shown else "",
            }
            for seat in seats
        ]
        return context
