"""Demo members for the demo committees that have consultation platforms: a stand-in roster
imported through the real roster code path (pages, accounts, groups, memberships), the first
member heading the committee's first workstation, and named attendance on the demo activities
and meeting reports so that duty records have something to compile.

The names are stand-ins （演示）委员01…; the seeds name real people, whose personal data a demo
has no business copying. A term's start is the date of the committee's earliest demo record
of that term (the seeds give term numbers, not dates)."""

import datetime

from django.db.models import Max, Min

from consultation.models import (
    Activity,
    AttendanceRole,
    MemberAttendance,
    PlatformPage,
    TopicSource,
)
from news.models import MeetingAttendance, NewsKind, NewsPage

from .models import LeadershipPage, MemberIndexPage, MemberPage, OrganisationPage, Term
from .roster import import_roster

ROSTER_SIZE = 12
SECTORS = ["中共", "民盟", "民建", "经济界", "农业农村界", "教育界", "医药卫生界", "无党派人士"]
SPECIAL_COMMITTEES = ["提案委员会", "经济委员会", "农业农村委员会", "社会和法制委员会"]
# The 主席会议 among the demo members (领导信息 lists them); member 01 heads a workstation.
ROSTER_ROLES = {1: "副主席", 2: "主席", 3: "秘书长", 4: "副主席", 5: "常委", 6: "常委"}
LEADERS_ONLY = ["主席", "副主席", "副主席", "秘书长"]


def demo_roster(workstation_title):
    rows = []
    for n in range(1, ROSTER_SIZE + 1):
        role = ROSTER_ROLES.get(n, "委员")
        rows.append(
            {
                "roster_id": f"{n:02d}",
                "name": f"（演示）委员{n:02d}",
                "gender": "女" if n % 3 == 0 else "男",
                "sector": SECTORS[n % len(SECTORS)],
                "special_committee": SPECIAL_COMMITTEES[n % len(SPECIAL_COMMITTEES)],
                "role": role,
                "heads": workstation_title if n == 1 and workstation_title else "",
            }
        )
    return [(line, row) for line, row in enumerate(rows, start=2)]


def demo_term(site):
    news = NewsPage.objects.descendant_of(site.root_page)
    number = news.aggregate(n=Max("term"))["n"] or 1
    start = news.filter(term=number).aggregate(d=Min("date"))["d"]
    if start is None:
        start = Activity.objects.filter(site=site).aggregate(d=Min("steps__date"))[
            "d"
        ] or datetime.date(datetime.date.today().year, 1, 1)
    term, _ = Term.objects.get_or_create(site=site, number=number, defaults={"starts_on": start})
    return term


def load_members_demo(sites, password):
    """Returns {site slug: username of the demo member who heads a workstation}."""
    logins = {}
    for slug, site in sites.items():
        platforms = PlatformPage.objects.descendant_of(site.root_page).filter(is_demo=True)
        if not platforms.exists():
            _leaders_only(slug, site)
            continue
        index = MemberIndexPage.objects.child_of(site.root_page).first()
        if index is not None and index.get_children().exists():
            head = MemberPage.objects.child_of(index).filter(roster_id="01").first()
            if head and head.user:
                logins[slug] = head.user.username
            continue
        workstation = platforms.filter(kind__slug="workstation").order_by("pk").first()
        term = demo_term(site)
        report = import_roster(
            demo_roster(workstation.title if workstation else ""),
            site=site,
            term=term,
            username_prefix=f"{slug}-member",
            demo=True,
        )
        assert not report.errors, report.errors
        members = list(MemberPage.objects.descendant_of(site.root_page).order_by("roster_id"))
        head = members[0]
        head.user.set_password(password)
        head.user.save()
        logins[slug] = head.user.username
        _attend_activities(site, members)
        _attend_meetings(site, members)
    return logins


def _leaders_only(slug, site):
    """A committee without demo platforms still shows its 领导信息: its 主席会议 only."""
    if MemberPage.objects.descendant_of(site.root_page).exists():
        return
    rows = [
        {"roster_id": f"{n:02d}", "name": f"（演示）{role}{n:02d}", "role": role}
        for n, role in enumerate(LEADERS_ONLY, start=1)
    ]
    report = import_roster(
        list(enumerate(rows, start=2)),
        site=site,
        term=demo_term(site),
        username_prefix=f"{slug}-member",
        demo=True,
    )
    assert not report.errors, report.errors


def _attend_activities(site, members):
    for i, activity in enumerate(Activity.objects.filter(site=site, is_demo=True).order_by("pk")):
        hosts = [members[i % len(members)], members[(i + 1) % len(members)]]
        MemberAttendance.objects.bulk_create(
            [
                MemberAttendance(activity=activity, member=hosts[0], role=AttendanceRole.HOST),
                MemberAttendance(activity=activity, member=hosts[1], role=AttendanceRole.ATTENDEE),
            ]
        )
        if activity.topic_source == TopicSource.MEMBER:
            Activity.objects.filter(pk=activity.pk).update(raised_by=hosts[0])
        first = activity.suggestions.order_by("pk").first()
        if first is not None:
            first.proposer = hosts[1]
            first.save(update_fields=["proposer"])


def _attend_meetings(site, members):
    reports = NewsPage.objects.descendant_of(site.root_page).filter(kind=NewsKind.MEETING_REPORT)
    for report in reports.order_by("-date")[:3]:
        page = report.get_latest_revision_as_object()
        page.member_attendances = [
            MeetingAttendance(member=member, sort_order=n) for n, member in enumerate(members[:6])
        ]
        page.save_revision().publish()


# 机构设置 of every demo committee: the usual bodies (演示), the special committees of the demo
# roster, and bodies a seed names (X区's 联络委, seed 002).
DEMO_BODIES = [
    ("办公室", "负责政协机关日常运转，承担会议组织、文秘、信息、督查、机关党建和后勤保障等工作。"),
    ("研究室", "负责重要文稿起草和调查研究，承担协商议政活动的综合服务。"),
]
SPECIAL_COMMITTEE_DUTIES = "组织委员围绕本领域开展协商、视察、调研和民主监督，联系相关界别委员。"
SEED_BODIES = {
    "xqu": [
        (
            "乡镇街、高新区政协联络委",
            "由乡镇街、高新区党委（工委）专职副书记担任主任，成员由住乡镇街、高新区的区政协委员"
            "构成；协助当地党委、政府破解发展难题，搭建“政协委员+政府相关部门+乡镇街+协商主体”"
            "的协商交流平台。（据原文）",
        )
    ],
}


def demo_bodies(slug, phone):
    contact = f"演示：电话 {phone}"
    bodies = [(name, duties, contact) for name, duties in DEMO_BODIES]
    bodies += [(name, SPECIAL_COMMITTEE_DUTIES, contact) for name in SPECIAL_COMMITTEES]
    bodies += [(name, duties, "") for name, duties in SEED_BODIES.get(slug, [])]
    return [
        ("body", {"name": name, "duties": duties, "contact": contact})
        for name, duties, contact in bodies
    ]


def load_organisation_demo(sites, phones):
    """机构设置 and 领导信息 under every demo committee's home page (left as they are if there).
    ``phones``: {site slug: the committee's demo phone number}."""
    for slug, site in sites.items():
        home = site.root_page
        if not OrganisationPage.objects.child_of(home).exists():
            page = OrganisationPage(
                title="机构设置",
                slug="organisation",
                show_in_menus=True,
                intro="（演示）以下机构、职责和联系方式为演示数据。",
                bodies=demo_bodies(slug, phones.get(slug, "")),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        if not LeadershipPage.objects.child_of(home).exists():
            page = LeadershipPage(title="领导信息", slug="leaders", show_in_menus=True)
            home.add_child(instance=page)
            page.save_revision().publish()
