"""Who reads which dashboard. Views and the cache ask here; nobody tests roles.

- everyone signed in reads a plan's dashboard (the official figures);
- those who read every agency's reports (coordinators and leaders) also read the
  national view over every plan, and may switch to the provisional figures.
"""

from __future__ import annotations

from ngvh.accounts.policies import reads_everything
from ngvh.budget.policies import BudgetEstimatePolicy


class DashboardPolicy:
    @staticmethod
    def can_view_national(user) -> bool:
        return reads_everything(user)

    @staticmethod
    def reads_every_agency(user) -> bool:
        """Every agency's figures (the budget section included), not only the reader's own."""
        return reads_everything(user)

    @staticmethod
    def reader_scope(user) -> str:
        """What in a cached body depends on the reader: whether they read every agency
        (the provisional switch), and which agencies' budget the estimate-vs-actual
        section shows (a reporter sees only their own agency's)."""
        if reads_everything(user):
            return "all"
        return f"one:{BudgetEstimatePolicy.reader_key(user)}"
