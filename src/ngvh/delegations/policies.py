"""Who may see and move delegations and press crews.

- **Coordinators** (Sở Ngoại vụ) see and move every delegation; **leaders** read them all.
- **Reporters** register delegations for the plan and see those their agency registered or
  leads; the **lead agency** (or a coordinator) approves, marks done and creates the activity.
- Forbidden and missing give the same 404 (the selectors use :meth:`visible_q`).
"""

from __future__ import annotations

from django.db.models import Q

from ngvh.accounts.policies import (
    acting_agency_id,
    belongs_to,
    is_coordinator,
    is_reporter,
    reads_everything,
)


class DelegationPolicy:
    @staticmethod
    def visible_q(user) -> Q | None:
        if reads_everything(user):
            return Q()
        if is_reporter(user) and user.agency_id:
            return Q(lead_agency_id=user.agency_id) | Q(registering_agency_id=user.agency_id)
        return None

    @staticmethod
    def can_register(user) -> bool:
        return is_coordinator(user) or (is_reporter(user) and user.agency_id is not None)

    @staticmethod
    def registering_agency_id(user) -> int | None:
        """A delegation is registered in the name of the registering officer's agency (none
        for an account without one)."""
        return acting_agency_id(user)

    @staticmethod
    def can_move(user, delegation) -> bool:
        """Approve, mark done, create the activity: the lead agency or the focal point."""
        return is_coordinator(user) or (is_reporter(user) and belongs_to(user, delegation.lead_agency_id))
