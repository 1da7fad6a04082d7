"""Builders for member tests: a committee with a platform index, a workstation and its room,
and members imported through the real roster code path (accounts, groups, pages)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from consultation.models import Activity, ActivityStep, MemberAttendance, Spine, Suggestion
from core.committees import editor_group_name
from members.models import Term
from members.roster import import_roster

from ..consultation.helpers import committee_with_platforms, make_platform  # noqa: F401

TERM_START = datetime.date(2021, 12, 1)


def committee_with_members(slug, rows, workstations=("东湖",), parent=None, term_number=10):
    """A committee whose roster ``rows`` ([{column: value}, …], the roster's Chinese headers)
    has been imported. Returns (site, platform index, {title: workstation}, term, report)."""
    site, index = committee_with_platforms(slug, parent=parent)
    stations = {}
    for name in workstations:
        stations[name] = make_platform(
            index,
            f"{slug}-ws-{len(stations)}",
            kind_slug="workstation",
            level="township",
            title=f"{name}委员工作站",
        )
    term = Term.objects.create(site=site, number=term_number, starts_on=TERM_START)
    report = import_roster(roster_rows(rows), site=site, term=term, username_prefix=f"{slug}-")
    return site, index, stations, term, report


def roster_rows(rows):
    """Rows as ``read_rows`` yields them, numbered as in a file with a header on line 1."""
    from members.roster import COLUMNS

    for line, row in enumerate(rows, start=2):
        yield line, {COLUMNS[key]: str(value) for key, value in row.items()}


def editor_of(site, username):
    from core.models import CommitteeSettings

    user = get_user_model().objects.create_user(username, password="x")
    short = CommitteeSettings.for_site(site).short_name
    user.groups.add(Group.objects.get(name=editor_group_name(short)))
    return user


def deliberated_activity(platform, topic, held_on, attendees=(), raised_by=None, suggestions=()):
    """An activity at ``platform`` deliberated on ``held_on`` and published the next day.

    ``attendees``: [(member page, role)]; ``suggestions``: [(member page, status)]."""
    activity = Activity(platform=platform, topic=topic, raised_by=raised_by)
    activity.steps = [
        ActivityStep(step=Spine.DELIBERATE, date=held_on),
        ActivityStep(step=Spine.PUBLISH, date=held_on + datetime.timedelta(days=1)),
    ]
    activity.member_attendances = [
        MemberAttendance(member=member, role=role) for member, role in attendees
    ]
    activity.suggestions = [
        Suggestion(content=f"{topic}建议", proposer=member, made_on=held_on, status=status)
        for member, status in suggestions
    ]
    activity.save()
    return activity
