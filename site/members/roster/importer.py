"""The roster as a whole: rows checked and imported one by one (each in its own transaction),
duplicates and the row limit enforced, and the RosterReport of what happened."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import MemberIndexPage
from .member import import_member
from .rows import validate

MAX_ROWS = 5000


@dataclass
class RosterReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, message)
    warnings: list = field(default_factory=list)

    def count(self, line, outcome, name):
        if outcome == "created":
            self.created += 1
        elif outcome == "updated":
            self.updated += 1
        elif outcome == "pending":
            self.unchanged += 1
            self.warnings.append((line, f"{name}有待审核的修改，个人信息未更新"))
        else:
            self.unchanged += 1


def ensure_committee_moderation(site):
    """Members' changes need somewhere to go: a committee provisioned before member accounts
    existed gets its moderation workflow now."""
    from django.contrib.auth.models import Group

    from core.committees import editor_group_name, ensure_moderation_workflow
    from core.models import CommitteeSettings

    short_name = CommitteeSettings.for_site(site).short_name or site.site_name
    group = Group.objects.filter(name=editor_group_name(short_name)).first()
    if group is not None:
        ensure_moderation_workflow(site, group, short_name)


def member_index_for(site):
    """The committee's member directory, created under its home page if missing."""
    index = MemberIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = MemberIndexPage(title="委员风采", slug="members")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def import_roster(rows, *, site, term, username_prefix, demo=False):
    """Import ``rows`` (from ``read_rows``) into ``site`` for ``term``; see the package doc."""
    from consultation.models import PlatformPage

    report = RosterReport()
    ensure_committee_moderation(site)
    index = member_index_for(site)
    platforms = {
        p.title: p
        for p in PlatformPage.objects.descendant_of(site.root_page).only("pk", "title", "path")
    }
    seen = {}
    for count, (line, record) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            report.errors.append((line, f"名册超过 {MAX_ROWS} 行，其余未导入"))
            break
        try:
            cleaned = validate(record, platforms)
            roster_id = cleaned["roster_id"]
            if roster_id in seen:
                raise ValidationError(f"编号“{roster_id}”与第{seen[roster_id]}行重复")
            with transaction.atomic():
                outcome = import_member(
                    cleaned, site=site, index=index, term=term, prefix=username_prefix, demo=demo
                )
            seen[roster_id] = line
        except ValidationError as exc:
            report.errors.append((line, "；".join(exc.messages)))
            continue
        report.count(line, outcome, cleaned["name"])
    return report
