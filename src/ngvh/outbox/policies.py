from __future__ import annotations


def _coordinator(user) -> bool:
    # upward: the outbox sits below accounts (accounts queues its mail here), but its page
    # is for the focal point, a role that accounts defines
    from ngvh.accounts.policies import is_coordinator

    return is_coordinator(user)


class OutboxPolicy:
    """The outbox (who was mailed what) is the coordinators' business only."""

    @staticmethod
    def can_view(user) -> bool:
        return _coordinator(user)

    @staticmethod
    def can_retry(user, mail) -> bool:
        return _coordinator(user)
