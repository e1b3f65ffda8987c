from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    REPORTER = "reporter", _("Reporter")
    LEADER = "leader", _("Leader")


SYSTEM_ACTOR_LABEL = _("System (command or timer)")


class User(AbstractUser):
    """A civil servant: one agency, one role. Superusers are the system admins."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    is_demo = models.BooleanField(_("demo account"), default=False)
    # The one row that stands for commands and timers (``accounts.system.system_actor``):
    # inactive, with no usable password, so nobody can sign in as it.
    is_system = models.BooleanField(_("system actor"), default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=[r.value for r in Role]), name="user_role_valid"),
            models.UniqueConstraint(fields=["is_system"], condition=Q(is_system=True), name="one_system_actor"),
            models.CheckConstraint(condition=Q(is_system=False) | Q(is_active=False), name="system_actor_inactive"),
        ]

    def __str__(self) -> str:
        return self.display_name if self.is_system else self.full_name or self.username

    @property
    def display_name(self) -> str:
        if self.is_system:
            return str(SYSTEM_ACTOR_LABEL)
        return self.full_name or self.get_full_name() or self.username


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOCKED_OUT = "locked_out", _("Locked out")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    PASSWORD_RESET_FORCED = "password_reset_forced", _("Password reset forced")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    ACCOUNT_CREATED = "account_created", _("Account created")
    ACCOUNT_CHANGED = "account_changed", _("Account changed")
    ROLE_CHANGED = "role_changed", _("Role changed")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
    ACCOUNT_REACTIVATED = "account_reactivated", _("Account reactivated")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")


class SecurityEvent(models.Model):
    """One line of the security log: who did what to which account, from where.

    ``username`` keeps what was typed at a failed log-in, where no account may exist;
    rows are only ever added, never edited.
    """

    kind = models.CharField(_("event"), max_length=40, choices=SecurityEventKind.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="security_events_done", verbose_name=_("by")
    )
    target = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="security_events", verbose_name=_("account")
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "login", "login_failed", "locked_out", "logout", "password_reset_requested",
                        "password_reset_forced", "password_changed", "account_created", "account_changed",
                        "role_changed", "account_deactivated", "account_reactivated", "api_token_created",
                        "api_token_revoked",
                    ]
                ),
                name="security_event_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username}"

    @property
    def tone(self) -> str:
        """How the log shows the event: ``error`` (a refused log-in), ``warn`` (a change to
        watch), or ``""`` for the rest."""
        if self.kind in (SecurityEventKind.LOGIN_FAILED, SecurityEventKind.LOCKED_OUT):
            return "error"
        if self.kind in (
            SecurityEventKind.ROLE_CHANGED, SecurityEventKind.ACCOUNT_DEACTIVATED, SecurityEventKind.PASSWORD_RESET_FORCED
        ):
            return "warn"
        return ""
