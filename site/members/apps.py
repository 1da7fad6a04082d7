from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Members (委员): profiles, terms, memberships, duty records and member accounts."""

    name = "members"
    verbose_name = "委员"
    default_auto_field = "django.db.models.BigAutoField"
    editor_permissions = (
        "members.add_term",
        "members.change_term",
        "members.add_membership",
        "members.change_membership",
        "members.delete_membership",
        "members.add_dutyentry",
        "members.change_dutyentry",
        "members.delete_dutyentry",
        "members.add_sector",
        "members.add_specialcommittee",
    )

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from consultation.models import PlatformPage

        # Who heads a platform is read from its published roster: re-grant on every change.
        page_published.connect(regrant_heads, sender=PlatformPage, dispatch_uid="members-heads")
        page_unpublished.connect(regrant_heads, sender=PlatformPage, dispatch_uid="members-heads-u")
        post_page_move.connect(records_follow_members, dispatch_uid="members-records-follow")


def regrant_heads(sender, instance, **kwargs):
    from .access import sync_platform_heads

    sync_platform_heads(instance.pk)


def records_follow_members(sender, instance, **kwargs):
    """Memberships and hand entries belong to the member's committee: they follow the page."""
    from .models import DutyEntry, MemberPage, Membership

    site = instance.get_site()
    if site is None:
        return
    moved = MemberPage.objects.filter(path__startswith=instance.path)
    for model in (Membership, DutyEntry):
        model.objects.filter(member__in=moved).exclude(site=site).update(site=site)
