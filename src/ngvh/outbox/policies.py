from __future__ import annotations

from ngvh.accounts.policies import is_coordinator


class OutboxPolicy:
    """The outbox (who was mailed what) is the coordinators' business only."""

    @staticmethod
    def can_view(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_retry(user, mail) -> bool:
        return is_coordinator(user)
