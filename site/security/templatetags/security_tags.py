from django import template
from django.conf import settings

from ..policy import cool_off_minutes

register = template.Library()


@register.simple_tag
def login_policy_note():
    """The lockout and idle-logout rules, as the login page states them."""
    return (
        f"连续 {settings.AXES_FAILURE_LIMIT} 次密码错误将暂停该账号从本地址登录 "
        f"{cool_off_minutes()} 分钟；{settings.SESSION_IDLE_TIMEOUT // 60} 分钟无操作将自动退出。"
    )
