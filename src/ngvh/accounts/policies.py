"""Role facts shared by every model's policy.

Each app has its own ``policies.py`` with one policy class per model
(``PlanPolicy``, ``ActivityPolicy``, ``ReportPolicy``...). They build on these
predicates so that the roles are defined in one place only.
"""

from __future__ import annotations

from .models import Role


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_system(user) -> bool:
    """The system actor (``accounts.system``): a command or a timer, never a person.

    It is inactive, so it passes none of the role predicates below; a policy that lets
    commands and timers act says so by asking this explicitly.
    """
    return bool(user is not None and getattr(user, "is_system", False) and user.pk)


def is_admin(user) -> bool:
    return is_signed_in(user) and user.is_superuser


def is_coordinator(user) -> bool:
    """Officers of the focal point (Sở Ngoại vụ) and the system admin."""
    return is_signed_in(user) and (user.is_superuser or user.role == Role.COORDINATOR)


def is_reporter(user) -> bool:
    return is_signed_in(user) and not user.is_superuser and user.role == Role.REPORTER


def is_leader(user) -> bool:
    return is_signed_in(user) and not user.is_superuser and user.role == Role.LEADER


def reads_everything(user) -> bool:
    """Coordinators and leaders read every agency's records; reporters only their own."""
    return is_coordinator(user) or is_leader(user)


def belongs_to(user, agency_id: int | None) -> bool:
    return is_signed_in(user) and agency_id is not None and user.agency_id == agency_id


def acting_agency_id(user) -> int | None:
    """The agency a signed-in user works for (and records for by default), or None."""
    return user.agency_id if is_signed_in(user) else None


def acting_agency(user):
    """The agency itself (shown in the page header), or None."""
    return user.agency if acting_agency_id(user) else None


class UserPolicy:
    """Who may administer accounts: coordinators and the system admin, for any agency."""

    @staticmethod
    def can_manage(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_create_demo_account(user) -> bool:
        """Illustrative accounts (``ngvh demo``) are made by the system actor, never by a person."""
        return is_system(user)

    @staticmethod
    def can_edit(user, target) -> bool:
        # Only a superuser may touch a superuser account; nobody edits the system actor.
        return is_coordinator(user) and not is_system(target) and (user.is_superuser or not target.is_superuser)


class SecurityEventPolicy:
    """The security log names people and addresses: the focal point reads it, nobody edits it."""

    @staticmethod
    def can_view(user) -> bool:
        return is_coordinator(user)


class HistoryPolicy:
    """Change history (who changed what) of agencies, accounts and plan data."""

    @staticmethod
    def can_view(user, obj=None) -> bool:
        return is_coordinator(user)
