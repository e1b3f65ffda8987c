"""Account administration and the security log.

Coordinators manage accounts of every agency; every change is written to the security
log with the acting user, and mail leaves only after the transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from ngvh.core.text import nfc

from .models import Role, SecurityEvent, SecurityEventKind, User
from .policies import UserPolicy

EDITABLE_FIELDS = ("full_name", "email", "agency", "role")


def client_ip(request) -> str | None:
    """The client's address: ``X-Forwarded-For`` only from a trusted proxy (``core.net``)."""
    from ngvh.core.net import client_ip as real_client_ip

    return real_client_ip(request)


def security_event_record(
    *, kind: str, actor=None, target=None, username: str = "", request=None, details: dict | None = None
) -> SecurityEvent:
    """Append one line to the security log (never edited afterwards)."""
    actor = actor if isinstance(actor, User) and actor.pk else None
    target = target if isinstance(target, User) and target.pk else None
    return SecurityEvent.objects.create(
        kind=kind,
        actor=actor,
        target=target,
        username=(username or (target.username if target else ""))[:150],
        ip_address=client_ip(request),
        details=details or {},
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.NGVH_BASE_URL.rstrip("/") + path


def _send_password_mail(user: User, *, reason: str) -> None:
    """Queue a set-your-password link in the outbox, in the caller's transaction.

    Called after the password was saved: the link is built from the stored password, so
    the token is valid for the password the user actually has.
    """
    from ngvh.outbox.services import mail_enqueue

    if not user.email:
        return
    fresh = User.objects.get(pk=user.pk)
    with override(settings.LANGUAGE_CODE):
        context = {"user": fresh, "link": password_link(fresh), "reason": reason}
        subject = render_to_string("accounts/emails/password_link_subject.txt", context).strip()
        body = render_to_string("accounts/emails/password_link.txt", context)
    mail_enqueue(to=[fresh.email], subject=subject, body=body)


def _check_unique_username(username: str, exclude_pk: int | None = None) -> None:
    qs = User.objects.filter(username__iexact=username)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"username": _("This username is already taken. Choose another.")})


def _check_role(role: str, agency) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if agency is None:
        raise ValidationError({"agency": _("Choose the agency this person works for.")})


@transaction.atomic
def user_create(
    *, actor, username: str, full_name: str, email: str, agency, role: str, request=None
) -> User:
    """Create an account with no known password: the person sets one from the mailed link."""
    _require(UserPolicy.can_manage(actor))
    username = nfc(username)
    if not username:
        raise ValidationError({"username": _("Enter a username.")})
    if not email:
        raise ValidationError({"email": _("Enter an email address: the password link is sent there.")})
    _check_unique_username(username)
    _check_role(role, agency)
    user = User(username=username, full_name=nfc(full_name), email=email.strip(), agency=agency, role=role)
    user.set_password(get_random_string(48))
    user._history_user = actor
    user.full_clean(exclude=["password"])
    user.save()
    security_event_record(
        kind=SecurityEventKind.ACCOUNT_CREATED, actor=actor, target=user, request=request,
        details={"agency": agency.name, "role": role},
    )
    _send_password_mail(user, reason="created")
    return user


@transaction.atomic
def demo_account_ensure(
    *, actor, username: str, full_name: str, agency, role: str, password: str | None, email: str = ""
) -> tuple[User, bool]:
    """An illustrative account of ``ngvh demo`` (marked ``is_demo``), made once: with the
    published demo password for the demo logins, or with none anyone could type for the
    demo's other authors. No mail is sent; a second run changes nothing."""
    _require(UserPolicy.can_create_demo_account(actor))
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing, False
    _check_role(role, agency)
    user = User(username=username, full_name=nfc(full_name)[:150], email=email, agency=agency, role=role, is_demo=True)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user._history_user = actor
    user.save()
    security_event_record(
        kind=SecurityEventKind.ACCOUNT_CREATED, actor=actor, target=user, details={"agency": agency.name, "role": role, "demo": True},
    )
    return user, True


@transaction.atomic
def user_update(*, actor, target: User, full_name: str, email: str, agency, role: str, request=None) -> User:
    _require(UserPolicy.can_edit(actor, target))
    if not email:
        raise ValidationError({"email": _("Enter an email address: the password link is sent there.")})
    _check_role(role, agency)
    if target.pk == actor.pk and role != target.role and not actor.is_superuser:
        raise ValidationError({"role": _("You cannot change your own role. Ask another coordinator.")})
    target = User.objects.select_for_update().get(pk=target.pk)
    before = {f: getattr(target, f) for f in EDITABLE_FIELDS}
    target.full_name, target.email, target.agency, target.role = nfc(full_name), email.strip(), agency, role
    after = {f: getattr(target, f) for f in EDITABLE_FIELDS}
    changed = [f for f in EDITABLE_FIELDS if before[f] != after[f]]
    if not changed:
        return target
    target._history_user = actor
    target.save()
    if "role" in changed:
        security_event_record(
            kind=SecurityEventKind.ROLE_CHANGED, actor=actor, target=target, request=request,
            details={"before": before["role"], "after": role},
        )
    others = [f for f in changed if f != "role"]
    if others:
        security_event_record(
            kind=SecurityEventKind.ACCOUNT_CHANGED, actor=actor, target=target, request=request,
            details={f: [str(before[f] or ""), str(after[f] or "")] for f in others},
        )
    return target


@transaction.atomic
def user_deactivate(*, actor, target: User, request=None) -> User:
    """Deactivate rather than delete: the account's reports and history keep their author."""
    _require(UserPolicy.can_edit(actor, target))
    if target.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    target = User.objects.select_for_update().get(pk=target.pk)
    if not target.is_active:
        return target
    target.is_active = False
    target._history_user = actor
    target.save(update_fields=["is_active"])
    security_event_record(kind=SecurityEventKind.ACCOUNT_DEACTIVATED, actor=actor, target=target, request=request)
    return target


@transaction.atomic
def user_reactivate(*, actor, target: User, request=None) -> User:
    _require(UserPolicy.can_edit(actor, target))
    target = User.objects.select_for_update().get(pk=target.pk)
    if target.is_active:
        return target
    target.is_active = True
    target._history_user = actor
    target.save(update_fields=["is_active"])
    security_event_record(kind=SecurityEventKind.ACCOUNT_REACTIVATED, actor=actor, target=target, request=request)
    return target


@transaction.atomic
def user_force_password_reset(*, actor, target: User, request=None) -> User:
    """Replace the password with an unknown one and mail a reset link.

    Changing the password hash also ends every open session of the account.
    """
    _require(UserPolicy.can_edit(actor, target))
    if not target.email:
        raise ValidationError(_("This account has no email address: add one before forcing a password reset."))
    target = User.objects.select_for_update().get(pk=target.pk)
    target.set_password(get_random_string(48))
    target.save(update_fields=["password"])
    security_event_record(kind=SecurityEventKind.PASSWORD_RESET_FORCED, actor=actor, target=target, request=request)
    _send_password_mail(target, reason="forced")
    return target
