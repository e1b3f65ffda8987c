"""Everyone signed in reads the gifts catalogue; the focal point keeps it; a delegation's
lead agency (or the focal point) records the gifts it gave."""

from __future__ import annotations

from ngvh.accounts.policies import is_coordinator, is_reporter, is_signed_in, reads_everything


class GiftPolicy:
    @staticmethod
    def can_view(user) -> bool:
        return is_signed_in(user) and (reads_everything(user) or is_reporter(user))

    @staticmethod
    def can_manage(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_change_photo(user, gift) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_give(user, delegation) -> bool:
        from ngvh.delegations.policies import DelegationPolicy

        return DelegationPolicy.can_move(user, delegation)
