"""设置 → 登录锁定: the lockouts in force, and unlocking one (superusers only)."""

import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import audit
from .policy import cool_off_minutes


def lockout_response(request, original_response=None, credentials=None):
    """settings.AXES_LOCKOUT_CALLABLE: the Chinese page a locked-out login gets (429)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": cool_off_minutes(),
    }
    return render(request, "security/lockout.html", context, status=429)


def active_lockouts():
    """(username, address, failures, last attempt, unlocks at) for each username and address
    pair with at least AXES_FAILURE_LIMIT failures inside the cool-off period, newest first."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.all()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    rows = (
        attempts.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        {
            "username": row["username"] or "",
            "ip_address": row["ip_address"] or "",
            "failures": row["failures"],
            "last": row["last"],
            "until": row["last"] + cool_off if cool_off is not None else None,
        }
        for row in rows
    ]


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/lockouts.html"
    page_title = "登录锁定"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lockouts=active_lockouts(),
            failure_limit=settings.AXES_FAILURE_LIMIT,
            cool_off_minutes=cool_off_minutes(),
        )
        return context

    def post(self, request):
        username = request.POST.get("username", "")[:255]
        try:
            ip_address = str(ipaddress.ip_address(request.POST.get("ip_address", "")))
        except ValueError:
            ip_address = None
        count = 0
        if ip_address is not None:
            count, _ = AccessAttempt.objects.filter(
                username=username or None, ip_address=ip_address
            ).delete()
        if count:
            user = get_user_model().objects.filter(username=username).first()
            audit.record_login_event(
                user,
                username,
                audit.UNLOCK,
                f"解除 {username} 在 {ip_address} 的登录锁定",
                {"username": username, "ip": ip_address},
                actor=request.user,
            )
            messages.success(request, f"已解除 {username} 在 {ip_address} 的登录锁定。")
        else:
            messages.warning(request, "没有找到这一锁定，可能已到期自动解除。")
        return redirect(reverse("security_lockouts"))
