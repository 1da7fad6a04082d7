"""Editors handle their committee's submissions; members never see them (their groups hold
page permissions only)."""

from django.contrib.auth.models import Group, Permission

EDITOR_PERMISSIONS = [
    ("topics", "view_topicsubmission"),
    ("topics", "change_topicsubmission"),
    ("topics", "view_topicaccesslog"),
]


def grant_editor_permissions(app_config=None, using="default", **kwargs):
    """After migrate: every committee's editor group may handle submissions (new committees
    get the same from provision_committee)."""
    from django.contrib.auth.management import create_permissions

    from core.committees import editor_group_name
    from core.models import CommitteeSettings

    if app_config is not None:
        # Runs before django.contrib.auth's own handler for this app: make them first.
        create_permissions(app_config, verbosity=0, using=using)
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in EDITOR_PERMISSIONS
    ]
    names = [
        editor_group_name(settings.display_name)
        for settings in CommitteeSettings.objects.select_related("site")
    ]
    for group in Group.objects.filter(name__in=names):
        group.permissions.add(*permissions)
