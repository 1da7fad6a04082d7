from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form without "Remember me" (settings.WAGTAILADMIN_USER_LOGIN_FORM): an
    admin session always ends when the browser closes, as on a shared office computer."""

    remember = None
