"""Who may hold, create and revoke API tokens: the account's owner, and the focal point
(coordinators administer accounts, so they may also cut an account's API access)."""

from __future__ import annotations

from ngvh.accounts.policies import is_coordinator, is_signed_in


class ApiTokenPolicy:
    @staticmethod
    def can_manage_for(user, owner) -> bool:
        if not is_signed_in(user) or owner is None or not owner.is_active:
            return False
        if user.pk == owner.pk:
            return True
        return is_coordinator(user) and (user.is_superuser or not owner.is_superuser)

    @staticmethod
    def can_revoke(user, token) -> bool:
        return token.revoked_at is None and ApiTokenPolicy.can_manage_for(user, token.user)
