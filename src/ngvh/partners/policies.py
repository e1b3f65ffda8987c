"""Who may read and change the partner registry.

Relationships with foreign partners are the city's public commitments: every signed-in
officer reads them. The focal point (Sở Ngoại vụ, the coordinators) keeps the registry and
turns anniversaries into planned activities; leaders read; nobody signed out sees anything
here (the public site has its own partner-cities page).
"""

from __future__ import annotations

from ngvh.accounts.policies import (
    acting_agency_id,
    is_coordinator,
    is_reporter,
    is_signed_in,
    reads_everything,
)


class RelationshipPolicy:
    @staticmethod
    def can_view(user) -> bool:
        return is_signed_in(user) and (reads_everything(user) or is_reporter(user))

    @staticmethod
    def can_manage(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_import(user) -> bool:
        """Relationships come in from Excel only through the focal point, who keeps the registry."""
        return is_coordinator(user)

    @staticmethod
    def can_export(user) -> bool:
        return RelationshipPolicy.can_view(user)


class AnniversaryPolicy:
    can_view = RelationshipPolicy.can_view

    @staticmethod
    def can_draft(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def fallback_agency(user):
        """The agency in charge of a drafted activity when the relationship names none: the
        drafting officer's own (``None`` for an account without one)."""
        return user.agency if acting_agency_id(user) else None
