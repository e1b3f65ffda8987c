"""Who may do what in the reporting cycle. Views and services ask here; nobody tests roles.

- reporters write their own agency's report while it is a draft or returned;
- coordinators open years, return (with a reason), accept, reopen and remind;
- leaders read everything and change nothing.
"""

from __future__ import annotations

from django.db.models import Q

from ngvh.accounts.models import Role, User
from ngvh.accounts.policies import (
    acting_agency_id,
    belongs_to,
    is_coordinator,
    is_reporter,
    is_signed_in,
    is_system,
    reads_everything,
)

from .models import AmendmentProposal, AmendmentStatus, AnnualReport, ReportLine, ReportStatus

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
LOCKED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


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
    def visible(user):
        """The reports ``user`` may read: every report for those who read everything, the
        own agency's for the others, none signed out."""
        if reads_everything(user):
            return AnnualReport.objects.all()
        return ReportPolicy.own(user)

    @staticmethod
    def own(user):
        """The reports of the user's own agency (whatever the role), none without one."""
        agency_id = acting_agency_id(user)
        return AnnualReport.objects.filter(agency_id=agency_id) if agency_id else AnnualReport.objects.none()

    @staticmethod
    def of_agency(user, agency_id: int):
        """One agency's reports, if ``user`` may read them; otherwise none, without a query."""
        if reads_everything(user) or belongs_to(user, agency_id):
            return AnnualReport.objects.filter(agency_id=agency_id)
        return AnnualReport.objects.none()

    @staticmethod
    def writers(agency):
        """The accounts that write (and are told about) the agency's report: its active
        users but the leaders, who only read."""
        return User.objects.filter(agency=agency, is_active=True).exclude(role=Role.LEADER)

    @staticmethod
    def reviewers():
        """The accounts that review every report: the active coordinators."""
        return User.objects.filter(is_active=True, role=Role.COORDINATOR)

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
        return is_coordinator(user) and report.status == ReportStatus.SUBMITTED

    @staticmethod
    def can_accept(user, report) -> bool:
        return is_coordinator(user) and report.status == ReportStatus.SUBMITTED

    @staticmethod
    def can_reopen(user, report) -> bool:
        return is_coordinator(user) and report.status in LOCKED

    @staticmethod
    def can_remind(user, report) -> bool:
        return is_coordinator(user) and report.status in EDITABLE

    @staticmethod
    def can_remind_any(user) -> bool:
        """Whether to offer reminding the agencies whose reports are still open."""
        return is_coordinator(user)

    @staticmethod
    def locked_for(user, report) -> bool:
        """The report is one the user would write, but it is submitted or accepted: they
        are told to ask for it to be reopened rather than shown a 404."""
        writes = is_reporter(user) or is_coordinator(user)
        return writes and belongs_to(user, report.agency_id) and report.status in LOCKED


class ReportLinePolicy:
    @staticmethod
    def visible(user):
        """Report lines: every line for those who read everything; the own agency's lines
        and the accepted lines of the others for the rest signed in; none signed out."""
        if reads_everything(user):
            return ReportLine.objects.all()
        if not is_signed_in(user):
            return ReportLine.objects.none()
        return ReportLine.objects.filter(
            Q(report__agency_id=acting_agency_id(user)) | Q(report__status=ReportStatus.ACCEPTED)
        )


class AmendmentPolicy:
    @staticmethod
    def visible(user):
        """Proposals: all of them for those who read everything, the own agency's otherwise."""
        if reads_everything(user):
            return AmendmentProposal.objects.all()
        agency_id = acting_agency_id(user)
        return AmendmentProposal.objects.filter(agency_id=agency_id) if agency_id else AmendmentProposal.objects.none()

    @staticmethod
    def proposing_agency_id(user) -> int | None:
        """A proposal is made in the name of the proposer's agency."""
        return acting_agency_id(user)

    @staticmethod
    def can_view(user, proposal) -> bool:
        return reads_everything(user) or belongs_to(user, proposal.agency_id)

    @staticmethod
    def can_propose(user, plan=None) -> bool:
        """Units propose through the focal point; the focal point may also record one."""
        return (is_reporter(user) or is_coordinator(user)) and bool(getattr(user, "agency_id", None))

    @staticmethod
    def can_decide(user, proposal) -> bool:
        return is_coordinator(user) and proposal.status == AmendmentStatus.PENDING

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
