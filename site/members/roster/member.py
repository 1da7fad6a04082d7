"""One checked roster row into the member's page, account, membership of the term and, if
named, headship of a platform (站长)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from ..access import sync_member_access
from ..models import MemberPage, Membership, Sector, SpecialCommittee

PROFILE_FIELDS = ("title", "gender", "birth_year", "phone", "email")


def import_member(cleaned, *, site, index, term, prefix, demo):
    """Returns "created", "updated", "unchanged" or "pending" (the page has changes waiting
    for review, so its profile was left alone)."""
    roster_id = cleaned["roster_id"]
    username = cleaned.get("username") or f"{prefix}{roster_id}"
    user = get_user_model().objects.filter(username=username).first()
    member = MemberPage.objects.child_of(index).filter(roster_id=roster_id).first()
    if user is not None:
        _check_existing_account(user, site=site, member=member)
    member, outcome = _save_page(member, cleaned, index=index, demo=demo)
    _save_account(member, user, username, cleaned)
    changed = _save_membership(member, term, cleaned)
    platform = cleaned.get("heads")
    if platform is not None and _appoint_head(platform, member):
        changed = True
    sync_member_access(member)
    return "updated" if changed and outcome == "unchanged" else outcome


def _save_page(member, cleaned, *, index, demo):
    """The member's page, created or its profile published anew; (page, outcome)."""
    profile = {
        "title": cleaned["name"],
        "gender": cleaned["gender"],
        "birth_year": cleaned["birth_year"],
        "phone": cleaned.get("phone", ""),
        "email": cleaned.get("email", ""),
    }
    roster_id = cleaned["roster_id"]
    if member is None:
        member = MemberPage(
            slug=slugify(f"m-{roster_id}", allow_unicode=True) or f"m-{index.numchild + 1}",
            roster_id=roster_id,
            is_demo=demo,
            **profile,
        )
        index.add_child(instance=member)
        member.save_revision().publish()
        return member, "created"
    if not any(getattr(member, k) != v for k, v in profile.items()):
        return member, "unchanged"
    if member.has_unpublished_changes:
        return member, "pending"
    for key, value in profile.items():
        setattr(member, key, value)
    member.save_revision().publish()
    return member, "updated"


def _save_account(member, user, username, cleaned):
    """The account the member signs in with, created if new, and linked to the page."""
    if user is None:
        user = get_user_model()(username=username)
        user.set_unusable_password()
    user.first_name = cleaned["name"][:150]
    user.email = cleaned.get("email", "")
    user.is_active = True
    user.save()
    if member.user_id != user.pk:
        MemberPage.objects.filter(pk=member.pk).update(user=user)
        member.user = user


def _save_membership(member, term, cleaned):
    """The member's role, sector and special committee in ``term``; whether they changed."""
    fields = {
        "role": cleaned["role"],
        "sector": _taxonomy(Sector, cleaned.get("sector")),
        "special_committee": _taxonomy(SpecialCommittee, cleaned.get("special_committee")),
    }
    membership = Membership.objects.filter(member=member, term=term).first()
    if membership is None:
        Membership(member=member, term=term, **fields).save()
        return True
    if not any(getattr(membership, k) != v for k, v in fields.items()):
        return False
    for key, value in fields.items():
        setattr(membership, key, value)
    membership.save()
    return True


def _check_existing_account(user, *, site, member):
    """A roster may name a new account or one of this committee's members, nothing else: it
    would otherwise hand a member's page (and group) to an administrator, another committee's
    editor or anyone whose user name it knows. Staff and superuser accounts are never touched."""
    if user.is_superuser or user.is_staff:
        raise ValidationError(f"账号“{user.username}”是系统管理员账号，不能登记为委员")
    linked = MemberPage.objects.filter(user=user)
    if not linked.descendant_of(site.root_page).exists():
        raise ValidationError(
            f"账号“{user.username}”已存在，但不是本会委员的账号；请换用新账号，或留空以按编号生成"
        )
    if linked.exclude(pk=getattr(member, "pk", None)).exists():
        raise ValidationError(f"账号“{user.username}”已属于另一位委员")


def _taxonomy(model, name):
    if not name:
        return None
    return model.objects.filter(name=name).first() or model.objects.create(name=name)


def _appoint_head(platform, member):
    """Name ``member`` head (站长) of ``platform`` in a new published revision, so the next
    edit (which starts from the latest revision) keeps them. A platform with a draft waiting
    is not republished under its editor: that row is reported instead."""
    from consultation.models import PlatformMember

    platform = platform.specific
    if platform.members.filter(member=member, role=PlatformMember.Role.HEAD).exists():
        return False
    if platform.has_unpublished_changes:
        raise ValidationError(f"协商平台“{platform.title}”有未发布的修改，无法登记站长")
    latest = platform.get_latest_revision_as_object()
    latest.members.add(
        PlatformMember(page=latest, member=member, name=member.title, role=PlatformMember.Role.HEAD)
    )
    latest.save_revision().publish()
    return True
