from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import Role, SecurityEventKind, User


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


# The agency model through the user's own link to it: accounts sits below agencies.
Agency = User._meta.get_field("agency").related_model


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.province.name})" if obj.active_until is None else f"{obj.name} — {_('no longer active')}"


class UserForm(forms.Form):
    """Create or edit an account. Passwords are never typed here: a link is mailed."""

    username = forms.CharField(
        label=_("Username"), max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; the person logs in with it."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), help_text=_("The link to set the password is sent to this address."))
    agency = AgencyChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices,
        help_text=_("Coordinator: Sở Ngoại vụ officers. Reporter: records and reports for their agency. Leader: reads everything."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.select_related("province").order_by("active_until", "name")
        if editing:
            del self.fields["username"]

    def clean_username(self):
        from django.contrib.auth.validators import UnicodeUsernameValidator

        value = self.cleaned_data["username"].strip()
        UnicodeUsernameValidator()(value)
        return value


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, username or email"), required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False, empty_label=_("All agencies"))
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False)
    active = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), ("1", _("Active")), ("0", _("Deactivated"))], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")


class SecurityLogFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=[("", _("All events")), *SecurityEventKind.choices], required=False)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail queued in the outbox instead of sent inline."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        from django.template import loader

        from ngvh.outbox.services import mail_enqueue

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = loader.render_to_string(html_email_template_name, context) if html_email_template_name else ""
        mail_enqueue(to=[to_email], subject=subject, body=body, html=html)
