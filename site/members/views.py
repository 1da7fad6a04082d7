"""Public member pages: the directory with its filters and each member's profile with their
duty record for a term."""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from core import params
from core.tree import children_q

from .models import MemberPage, Membership, Role, Sector, SpecialCommittee, Term, duty_record


class DirectoryParams(params.QueryParams):
    sector = params.IdField()
    committee = params.IdField()
    role = params.ChoiceField(Role.choices)
    platform = params.IdField()
    q = params.TextField(max_length=40)
    page = params.PageField()


class MemberParams(params.QueryParams):
    term = params.IdField()


def directory_context(index, request):
    """Members of the committee's current term, filtered by sector, special committee, role,
    platform and name."""
    from consultation.models import PlatformMember, PlatformPage

    site = index.get_site()
    term = Term.current_for(site) if site else None
    members = MemberPage.objects.live().public().filter(children_q(index))
    current = Membership.objects.filter(term=term).select_related("sector", "special_committee")
    if term is not None:
        members = members.filter(memberships__term=term)
    given = DirectoryParams(request.GET).values
    sector, committee, role = given["sector"], given["committee"], given["role"]
    platform, query = given["platform"], given["q"]
    if sector:
        members = members.filter(memberships__term=term, memberships__sector_id=sector)
    if committee:
        members = members.filter(
            memberships__term=term, memberships__special_committee_id=committee
        )
    if role:
        members = members.filter(memberships__term=term, memberships__role=role)
    if platform:
        members = members.filter(platform_assignments__page_id=platform)
    if query:
        members = members.filter(title__icontains=query)
    members = (
        members.distinct()
        .select_related("photo")
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_memberships"))
        .order_by("title", "pk")
    )
    page = Paginator(members, index.page_size).get_page(given["page"])
    for member in page.object_list:
        member.current = member.current_memberships[0] if member.current_memberships else None
    listed = MemberPage.objects.live().public().filter(children_q(index))
    platforms = PlatformPage.published().filter(
        pk__in=PlatformMember.objects.filter(member__in=listed).values("page_id")
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    return {
        "term": term,
        "page_obj": page,
        "members": page.object_list,
        "total": page.paginator.count,
        "sectors": Sector.objects.filter(memberships__term=term).distinct(),
        "committees": SpecialCommittee.objects.filter(memberships__term=term).distinct(),
        "roles": Role.choices,
        "platforms": platforms.order_by("title"),
        "selected": {
            "sector": sector,
            "committee": committee,
            "role": role,
            "platform": platform,
            "q": query,
        },
        "query": filters.urlencode(),
    }


def member_context(member, request):
    site = member.get_site()
    terms = list(
        Term.objects.filter(site=site, memberships__member=member).distinct().order_by("-number")
    )
    term = None
    wanted = MemberParams(request.GET).values["term"]
    if wanted:
        term = next((t for t in terms if t.number == wanted), None)
    if term is None and site:
        current = Term.current_for(site)
        term = next((t for t in terms if t == current), None) or (terms[0] if terms else None)
    from consultation.models import PlatformMember

    return {
        "terms": terms,
        "term": term,
        "memberships": member.memberships.select_related(
            "term", "sector", "special_committee"
        ).order_by("-term__number"),
        "platform_assignments": PlatformMember.objects.filter(
            member=member, page__live=True
        ).select_related("page"),
        "duty": duty_record(member, term) if term else None,
    }
