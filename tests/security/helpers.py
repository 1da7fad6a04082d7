"""Accounts and logins through Wagtail's own admin login view, as a person signs in."""

from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

PASSWORD = "Zx-login-2026"
LOGIN_URL = "/admin/login/"


def make_user(username, superuser=False, **fields):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.cn", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.cn", PASSWORD, **fields)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def login(client, username, password=PASSWORD, address="198.51.100.7", **extra):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def entries(action, **filters):
    return ModelLogEntry.objects.filter(action=action, **filters).order_by("timestamp", "pk")
