"""Who may do what in the reporting cycle. Views and services ask here; nobody tests roles.

- reporters write their own agency's report while it is a draft or returned;
- coordinators open years, return (with a reason), accept, reopen and remind;
- leaders read everything and change nothing.
"""

from __future__ import annotations

from ngvh.accounts.policies import (
    belongs_to,
    is_coordinator,
    is_reporter,
    is_signed_in,
    is_system,
    reads_everything,
)

EDITABLE = ("draft", "returned")


class ReportingYearPolicy:
    @staticmethod
    def can_view(user, reporting_year=None) -> bool:
        return is_signed_in(user)

    @staticmethod
    def can_open(user, plan=None) -> bool:
        # The system actor too: ``ngvh report open`` on the server.
        return is_coordinator(user) or is_system(user)

    @staticmethod
    def can_send_due_reminders(user) -> bool:
        """The scheduled reminders are the daily timer's alone; a person reminds one agency."""
        return is_system(user)

    @staticmethod
    def can_view_rates(user, reporting_year=None) -> bool:
        return reads_everything(user)


class ReportPolicy:
    @staticmethod
    def can_view(user, report) -> bool:
        return reads_everything(user) or belongs_to(user, report.agency_id)

    @staticmethod
    def can_edit(user, report) -> bool:
        """Submitted and accepted reports are locked for the agency.

        The focal point is itself lead on many tasks, so its own coordinators write its report.
        """
        writes = is_reporter(user) or is_coordinator(user)
        return writes and belongs_to(user, report.agency_id) and report.status in EDITABLE

    @staticmethod
    def can_submit(user, report) -> bool:
        return ReportPolicy.can_edit(user, report)

    @staticmethod
    def can_review(user, report) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_return(user, report) -> bool:
        return is_coordinator(user) and report.status == "submitted"

    @staticmethod
    def can_accept(user, report) -> bool:
        return is_coordinator(user) and report.status == "submitted"

    @staticmethod
    def can_reopen(user, report) -> bool:
        return is_coordinator(user) and report.status in ("submitted", "accepted")

    @staticmethod
    def can_remind(user, report) -> bool:
        return is_coordinator(user) and report.status in EDITABLE


class AmendmentPolicy:
    @staticmethod
    def can_view(user, proposal) -> bool:
        return reads_everything(user) or belongs_to(user, proposal.agency_id)

    @staticmethod
    def can_propose(user, plan=None) -> bool:
        """Units propose through the focal point; the focal point may also record one."""
        return (is_reporter(user) or is_coordinator(user)) and bool(getattr(user, "agency_id", None))

    @staticmethod
    def can_decide(user, proposal) -> bool:
        return is_coordinator(user) and proposal.status == "pending"

    @staticmethod
    def can_amend_from_document(user, plan) -> bool:
        """An amended plan document is the People's Committee's decision, recorded by the
        focal point: the coordinator both proposes and accepts its changes."""
        return is_coordinator(user) and bool(getattr(user, "agency_id", None))


class FiguresPolicy:
    """Official figures (accepted reports) are for everyone; the provisional ones, which
    include reports not yet accepted, only for those who read every agency's reports."""

    @staticmethod
    def can_see_provisional(user) -> bool:
        return reads_everything(user)
