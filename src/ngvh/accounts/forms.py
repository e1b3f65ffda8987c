from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is not correct. Both are case-sensitive."),
        "inactive": _("This account has been deactivated. Ask the coordinator (Sở Ngoại vụ)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # axes identifies the request; AuthenticationForm passes it to authenticate().
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
