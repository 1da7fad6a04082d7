"""Idle logout of signed-in users, and the audit of what the admin's own views do not log."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.contenttypes.models import ContentType

from . import audit

LAST_ACTIVITY = "security_last_activity"

# Requests the admin's scripts send by themselves while a page editor is open: they keep no
# one's session alive (a browser left open on the editor still signs out).
BACKGROUND_VIEWS = {
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
}


class IdleLogoutMiddleware:
    """Signs a user out after ``SESSION_IDLE_TIMEOUT`` seconds without a request of theirs.

    Works with ``SESSION_COOKIE_AGE`` set to the same value: every counted request stores
    its time in the session, which saves the session and renews its expiry, so an idle
    session also expires in the session store. Background requests are not counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        now = time.time()
        last = request.session.get(LAST_ACTIVITY)
        timeout = settings.SESSION_IDLE_TIMEOUT
        if isinstance(last, int | float) and now - last > timeout:
            request.security_idle_logout = True
            logout(request)
            messages.warning(
                request, f"您已超过 {timeout // 60} 分钟未操作，为保障安全已自动退出，请重新登录。"
            )
            return None
        match = request.resolver_match
        if match is None or match.view_name not in BACKGROUND_VIEWS:
            request.session[LAST_ACTIVITY] = now
        return None


EXPORT_FORMATS = {"csv", "xlsx"}
GROUP_FORM_VIEWS = {"wagtailusers_groups:add", "wagtailusers_groups:edit"}


class AdminAuditMiddleware:
    """Writes to Wagtail's log what the admin's views leave out: spreadsheet exports of any
    listing (Wagtail's ``?export=csv|xlsx``), and the permissions a group form changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        export = getattr(request, "_security_export", None)
        if export is not None and response.status_code == 200:
            self._log_export(request, response, *export)
        before = getattr(request, "_security_groups_before", None)
        if before is not None:
            audit.log_group_permission_changes(
                before, audit.group_permissions_snapshot(), request.user
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not request.path.startswith("/admin/") or match is None:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        fmt = request.GET.get("export")
        if request.method == "GET" and fmt in EXPORT_FORMATS:
            view_class = getattr(view_func, "view_class", None)
            model = (getattr(view_func, "view_initkwargs", None) or {}).get("model") or getattr(
                view_class, "model", None
            )
            request._security_export = (fmt, model)
        if request.method == "POST" and match.view_name in GROUP_FORM_VIEWS:
            request._security_groups_before = audit.group_permissions_snapshot()
        return None

    @staticmethod
    def _log_export(request, response, fmt, model):
        query = request.GET.urlencode()[:500]
        where = f"{request.path}?{query}"
        if model is not None:
            instance = ContentType.objects.get_for_model(model)
            what = str(model._meta.verbose_name_plural)
        else:
            instance, what = request.user, request.path
        audit.record(
            instance,
            audit.EXPORT,
            f"导出 {fmt.upper()}：{what}（{where}）",
            user=request.user,
            title=what,
            format=fmt,
            path=request.path,
            query=query,
        )
