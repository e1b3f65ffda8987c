"""Who may see, enter and decide budget estimates.

- **Reporters** enter their own agency's estimates, edit them while draft or returned,
  submit them, and read only their own agency's estimates and comparison.
- **Coordinators** (the focal point) read every agency's estimates and approve or
  return submitted ones; **leaders** read everything and change nothing.
- Another agency's estimate looks missing (404).
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

from .models import EstimateStatus

EDITABLE = (EstimateStatus.DRAFT, EstimateStatus.RETURNED)


class BudgetEstimatePolicy:
    @staticmethod
    def visible_q(user, field: str = "agency_id") -> Q | None:
        """Filter giving the agencies whose budget ``user`` may read; ``None`` means nothing."""
        if reads_everything(user):
            return Q()
        if is_reporter(user) and user.agency_id:
            return Q(**{field: user.agency_id})
        return None

    @staticmethod
    def reader_key(user) -> str:
        """What :meth:`visible_q` selects, as a cache-key part: ``all``, ``agency-<id>`` or ``none``."""
        if reads_everything(user):
            return "all"
        if is_reporter(user) and user.agency_id:
            return f"agency-{user.agency_id}"
        return "none"

    @staticmethod
    def can_view(user, estimate) -> bool:
        return reads_everything(user) or (is_reporter(user) and belongs_to(user, estimate.agency_id))

    @staticmethod
    def can_enter(user, agency_id: int | None = None) -> bool:
        """An agency's reporter enters that agency's estimates (``None``: their own)."""
        if not (is_reporter(user) and user.agency_id):
            return False
        return agency_id is None or belongs_to(user, agency_id)

    @staticmethod
    def entering_agency(user):
        """The agency whose estimates ``user`` enters (by form or workbook): their own, or
        ``None`` for an account without one."""
        return user.agency if acting_agency_id(user) else None

    @staticmethod
    def can_edit(user, estimate) -> bool:
        return BudgetEstimatePolicy.can_enter(user, estimate.agency_id) and estimate.status in EDITABLE

    can_submit = can_edit

    @staticmethod
    def can_decide(user, estimate=None) -> bool:
        """The focal point approves or returns a submitted estimate."""
        return is_coordinator(user) and (estimate is None or estimate.status == EstimateStatus.SUBMITTED)

    @staticmethod
    def can_import(user) -> bool:
        return BudgetEstimatePolicy.can_enter(user)

    @staticmethod
    def can_export(user) -> bool:
        return reads_everything(user) or is_reporter(user) and bool(user.agency_id)
