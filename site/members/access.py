"""Member accounts: each member gets a personal group holding ``change_page`` on exactly their
own profile page and the platforms they head (站长), nothing else. Without ``publish_page``
their changes go through the committee's moderation workflow; without ``add_page`` they can
create nothing. The grants are recomputed from the records, never edited by hand."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupCollectionPermission, GroupPagePermission

MEMBER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]


def member_group_name(member):
    return f"委员·{member.title}·{member.pk}"


def led_platforms(member):
    """Platforms whose published roster names ``member`` as head (站长)."""
    from consultation.models import PlatformMember, PlatformPage

    return PlatformPage.objects.filter(
        pk__in=PlatformMember.objects.filter(member=member, role=PlatformMember.Role.HEAD).values(
            "page_id"
        )
    )


def member_collection(site):
    """Members upload their photo into their committee's collection."""
    from core.committees import committee_collection
    from core.models import CommitteeSettings

    return committee_collection(CommitteeSettings.for_site(site).short_name or site.site_name)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_member_access(member):
    """Make the member's group grant exactly what the records say (idempotent)."""
    from members.models import MemberPage

    group = member.access_group
    if member.user_id is None:
        if group is not None:
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
        return None
    if group is None:
        group, _ = Group.objects.get_or_create(name=member_group_name(member))
        member.access_group = group
        MemberPage.objects.filter(pk=member.pk).update(access_group=group)
    # The group is the member's alone: an account replaced by the roster loses it.
    group.user_set.set([member.user])
    group.permissions.set([_permission("wagtailadmin", "access_admin")])
    change_page = _permission("wagtailcore", "change_page")
    wanted = {member.pk, *led_platforms(member).values_list("pk", flat=True)}
    existing = GroupPagePermission.objects.filter(group=group)
    existing.exclude(page_id__in=wanted, permission=change_page).delete()
    have = set(existing.values_list("page_id", flat=True))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=pk, permission=change_page)
            for pk in sorted(wanted - have)
        ]
    )
    site = member.get_site()
    collection = member_collection(site) if site else None
    GroupCollectionPermission.objects.filter(group=group).exclude(collection=collection).delete()
    if collection is not None:
        for app_label, codename in MEMBER_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    return group


def sync_platform_heads(platform_id):
    """After a platform is published, unpublished or deleted: re-grant its current and former
    heads, so a head who is replaced loses the page and the new one gains it."""
    from consultation.models import PlatformMember
    from members.models import MemberPage

    former = GroupPagePermission.objects.filter(
        page_id=platform_id, group__member_page__isnull=False
    ).values_list("group__member_page", flat=True)
    current = PlatformMember.objects.filter(
        page_id=platform_id, role=PlatformMember.Role.HEAD, member__isnull=False
    ).values_list("member_id", flat=True)
    for member in MemberPage.objects.filter(pk__in={*former, *current}).select_related("user"):
        sync_member_access(member)
