from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form without "Remember me" (settings.WAGTAILADMIN_USER_LOGIN_FORM): an
    admin session always ends when the browser closes, as on a shared office computer. The
    password field's label is Chinese (Wagtail's has none, so Django showed "Password")."""

    remember = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
