"""Who may read and change the agency registry and its restructurings."""

from __future__ import annotations

from ngvh.accounts.policies import is_coordinator, is_system


class AgencyPolicy:
    """The registry is public; only the focal point (Sở Ngoại vụ) maintains it."""

    @staticmethod
    def can_view(user, agency) -> bool:
        return True

    @staticmethod
    def can_create(user) -> bool:
        # The system actor too: a restructuring file may name a successor to create.
        return is_coordinator(user) or is_system(user)

    @staticmethod
    def can_edit(user, agency) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_view_history(user, agency) -> bool:
        # Change history names the officers who made each change: internal information.
        return is_coordinator(user)


class RestructuringEventPolicy:
    @staticmethod
    def can_view(user, event=None) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_record(user) -> bool:
        # The system actor too: ``ngvh agencies apply-restructuring`` and the demo's merger.
        return is_coordinator(user) or is_system(user)

    @staticmethod
    def can_undo(user, event) -> bool:
        return is_coordinator(user) and not event.is_undone
