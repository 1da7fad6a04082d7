"""The audit trail 等保 level 2 asks for, written to Wagtail's own log (ModelLogEntry) so that it
shows in the admin's 站点历史 report next to what Wagtail logs itself (page, snippet, image,
user and group creation, edits and single deletions):

- logins, logouts (and idle timeouts), failed logins and lockouts (django-axes);
- spreadsheet exports from any admin listing (``?export=csv|xlsx``; ``AdminExportAuditMiddleware``);
- bulk deletions (Wagtail's bulk actions delete with a queryset and log nothing);
- permission changes in detail (Wagtail logs only "edited"): group membership, user
  permissions and the superuser and active flags wherever they change (signals); a group's
  permissions, page and collection permissions as the admin's group form changes them
  (snapshots around the request: the form saves with bulk_create, which sends no signals).

Entries are never purged by the application; see docs/deployment.md."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_save, pre_save
from wagtail.log_actions import LogFormatter, log
from wagtail.models import GroupCollectionPermission, GroupPagePermission, ModelLogEntry

from core.network import client_ip

logger = logging.getLogger(__name__)

LOGIN = "cppcc.login"
LOGIN_FAILED = "cppcc.login_failed"
LOCKOUT = "cppcc.lockout"
UNLOCK = "cppcc.unlock"
LOGOUT = "cppcc.logout"
SESSION_EXPIRED = "cppcc.session_expired"
EXPORT = "cppcc.export"
PERMISSIONS = "cppcc.permissions"

# Logged against the user model with this id when a login names no existing account: the
# site history report looks object ids up as integers, and no account ever has id 0.
NO_SUCH_USER_ID = "0"


def _client(request):
    if request is None:
        return {}
    return {
        "ip": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


class _DataMessage(LogFormatter):
    """A message read from the entry's ``data["message"]``, falling back to the label."""

    def format_message(self, log_entry):
        return log_entry.data.get("message") or str(self.label)


def _formatter(label):
    return type("_Formatter", (_DataMessage,), {"label": label})


def register_log_actions(actions):
    """The ``register_log_actions`` hook: Chinese labels for the site history filters."""
    for action, label in (
        (LOGIN, "登录"),
        (LOGIN_FAILED, "登录失败"),
        (LOCKOUT, "登录锁定"),
        (UNLOCK, "解除登录锁定"),
        (LOGOUT, "退出登录"),
        (SESSION_EXPIRED, "超时退出"),
        (EXPORT, "导出数据"),
        (PERMISSIONS, "权限变更"),
    ):
        actions.register_action(action)(_formatter(label))


def record(instance, action, message, user=None, title=None, **data):
    """One audit entry; ``user`` defaults to the admin view's acting user (Wagtail's log
    context), None outside the admin (a management command)."""
    return log(instance, action, user=user, title=title, data={"message": message, **data})


# Logins ---------------------------------------------------------------------------------------


def on_logged_in(sender, request, user, **kwargs):
    client = _client(request)
    record(user, LOGIN, f"登录成功（{client.get('ip', '未知地址')}）", user=user, **client)


def on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    if getattr(request, "security_idle_logout", False):
        record(user, SESSION_EXPIRED, "长时间未操作，自动退出登录", user=user, **_client(request))
    else:
        record(user, LOGOUT, "退出登录", user=user, **_client(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    """Runs after django-axes counted the attempt (see ``connect_signals``): its request
    attributes tell whether this attempt was refused by an existing lock or started one."""
    username = str(credentials.get("username") or "")[:150]
    client = _client(request)
    locked = bool(getattr(request, "axes_locked_out", False))
    failures = getattr(request, "axes_failures_since_start", None)
    user = get_user_model().objects.filter(username=username).first() if username else None
    where = client.get("ip", "未知地址")
    if locked and failures is None:
        message = f"登录被拒绝：账号在此地址已锁定（{where}）"
    else:
        message = f"用户名或密码错误（{where}）"
    data = {"username": username, "locked_out": locked, "failures": failures, **client}
    record_login_event(user, username, LOGIN_FAILED, message, data)
    if locked and failures is not None:
        record_login_event(
            user, username, LOCKOUT, f"连续 {failures} 次登录失败，已锁定（{where}）", data
        )


def record_login_event(user, username, action, message, data, actor=None):
    """An entry on the account ``username`` names, or on "no such account" if none does."""
    if user is not None:
        record(user, action, message, user=actor, **data)
        return
    # No such account: an entry on the user type with the name that was tried.
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=NO_SUCH_USER_ID,
        label=f"{username or '（空）'}（不存在的账号）",
        action=action,
        user=actor,
        data={"message": message, **data},
        timestamp=_now(),
    )


def _now():
    from django.utils import timezone

    return timezone.now()


# Permission changes ---------------------------------------------------------------------------


def _permission_name(permission):
    return f"{permission.content_type.app_label}.{permission.codename}（{permission.name}）"


def _names(model, pks):
    if model is Permission:
        items = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return "、".join(sorted(_permission_name(p) for p in items))
    return "、".join(sorted(str(item) for item in model.objects.filter(pk__in=pks)))


_CLEARED = "_security_cleared_pks"


def _m2m_pks(instance, action, pk_set, related_name):
    """The related ids an m2m signal is about; for a clear, those captured at pre_clear."""
    if action == "pre_clear":
        current = getattr(instance, related_name).values_list("pk", flat=True)
        setattr(instance, _CLEARED, set(current))
        return None
    if action == "post_clear":
        return getattr(instance, _CLEARED, set())
    return pk_set


def on_user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``user.groups`` changed from either side (``user.groups.add`` or ``group.user_set.add``)."""
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    related = "user_set" if reverse else "groups"
    pks = _m2m_pks(instance, action, pk_set, related)
    if not pks:
        return
    verb = "加入用户组" if action == "post_add" else "移出用户组"
    if reverse:  # instance is a group, pks are users
        for user in get_user_model().objects.filter(pk__in=pks):
            record(user, PERMISSIONS, f"{verb}：{instance.name}", group=instance.name)
    else:
        names = _names(Group, pks)
        record(instance, PERMISSIONS, f"{verb}：{names}", groups=names)


def on_user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``user.user_permissions`` changed (forward side only: nothing in the application adds
    holders to a permission)."""
    if reverse or action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    pks = _m2m_pks(instance, action, pk_set, "user_permissions")
    if not pks:
        return
    verb = "授予权限" if action == "post_add" else "撤销权限"
    record(instance, PERMISSIONS, f"{verb}：{_names(Permission, pks)}")


def group_permissions_snapshot():
    """{group id: {"权限 …", "页面“…”：…", "文件集“…”：…"}} for every group. The admin's
    group form saves page and collection permissions with bulk_create (no signals), so its
    changes are found by comparing snapshots around the request (AdminAuditMiddleware)."""
    state = {pk: set() for pk in Group.objects.values_list("pk", flat=True)}
    through = Group.permissions.through.objects.select_related("permission__content_type")
    for row in through:
        state.setdefault(row.group_id, set()).add(f"权限 {_permission_name(row.permission)}")
    for pp in GroupPagePermission.objects.select_related("page", "permission__content_type"):
        state.setdefault(pp.group_id, set()).add(
            f"页面“{pp.page.title}”（ID {pp.page_id}）：{_permission_name(pp.permission)}"
        )
    for cp in GroupCollectionPermission.objects.select_related(
        "collection", "permission__content_type"
    ):
        state.setdefault(cp.group_id, set()).add(
            f"文件集“{cp.collection.name}”：{_permission_name(cp.permission)}"
        )
    return state


def log_group_permission_changes(before, after, user):
    for group in Group.objects.filter(pk__in=set(before) | set(after)):
        old, new = before.get(group.pk, set()), after.get(group.pk, set())
        added, removed = sorted(new - old), sorted(old - new)
        if not added and not removed:
            continue
        parts = []
        if added:
            parts.append("授予：" + "；".join(added))
        if removed:
            parts.append("撤销：" + "；".join(removed))
        record(group, PERMISSIONS, "\n".join(parts), user=user, added=added, removed=removed)


FLAGS = (
    ("is_superuser", "设为超级管理员", "取消超级管理员"),
    ("is_active", "启用账号", "停用账号"),
)


def _flags_untouched(update_fields):
    return update_fields is not None and not {f for f, _, _ in FLAGS} & set(update_fields)


def on_user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember the flags as stored (a login's ``last_login`` update is skipped)."""
    if raw or instance.pk is None or _flags_untouched(update_fields):
        instance._security_flags = None
        return
    fields = [f for f, _, _ in FLAGS]
    instance._security_flags = sender.objects.filter(pk=instance.pk).values(*fields).first()


def on_user_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        if instance.is_superuser:
            record(instance, PERMISSIONS, "设为超级管理员")
        return
    old = getattr(instance, "_security_flags", None)
    if not old:
        return
    for field, on, off in FLAGS:
        new = getattr(instance, field)
        if new != old[field]:
            record(instance, PERMISSIONS, on if new else off)


def log_active_state_changes(users):
    """Wagtail's bulk (de)activation updates with a queryset: compare with what the objects
    held before the action."""
    current = dict(
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).values_list("pk", "is_active")
    )
    for user in users:
        if user.pk in current and current[user.pk] != user.is_active:
            record(user, PERMISSIONS, "启用账号" if current[user.pk] else "停用账号")


def connect_signals():
    # django-axes' receivers first: ours read what they recorded on the request.
    import axes.signals  # noqa: F401

    User = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid="security.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="security.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="security.login_failed")
    m2m_changed.connect(
        on_user_groups_changed, sender=User.groups.through, dispatch_uid="security.groups"
    )
    m2m_changed.connect(
        on_user_permissions_changed,
        sender=User.user_permissions.through,
        dispatch_uid="security.user_permissions",
    )
    pre_save.connect(on_user_pre_save, sender=User, dispatch_uid="security.user_flags")
    post_save.connect(on_user_saved, sender=User, dispatch_uid="security.user_flags")
