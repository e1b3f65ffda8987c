"""Mail of the reporting cycle, through Django's email backend (console in ``make run``).

Called inside the transition's transaction: each mail is queued in the outbox
(``ngvh.outbox``) with the change, so a rolled-back transition sends nothing and a committed
one cannot lose its mail (the outbox retries until the server accepts it).
Text is in the site's language (Vietnamese), with an English line for foreign staff.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ReminderKind


def agency_recipients(agency) -> list[str]:
    """The agency's active user accounts and its contact address, without duplicates."""
    from .policies import ReportPolicy

    emails = list(
        ReportPolicy.writers(agency)
        .exclude(email="")
        .order_by("id")
        .values_list("email", flat=True)
    )
    if agency.email:
        emails.append(agency.email)
    return list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))


def coordinator_recipients() -> list[str]:
    from .policies import ReportPolicy

    emails = ReportPolicy.reviewers().exclude(email="").order_by("id").values_list("email", flat=True)
    return list(dict.fromkeys(e.strip().lower() for e in emails))


def _url(name: str, *args) -> str:
    return settings.NGVH_BASE_URL.rstrip("/") + reverse(name, args=args)


def _send(subject: str, body: str, recipients: list[str]):
    from ngvh.outbox.services import mail_enqueue

    return mail_enqueue(to=recipients, subject=subject, body=body)


def send_returned(*, report_id: int):
    from .models import AnnualReport

    report = AnnualReport.objects.select_related("agency", "reporting_year", "reporting_year__plan").get(pk=report_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Annual report %(year)s returned for revision") % {"year": report.reporting_year.year}
        body = "\n".join(
            [
                _("The annual report %(year)s of %(agency)s (plan %(plan)s) has been returned by Sở Ngoại vụ.")
                % {"year": report.reporting_year.year, "agency": report.agency.name, "plan": report.reporting_year.plan.number},
                "",
                _("Reason:"),
                report.return_reason,
                "",
                _("Revise and submit it again: %(url)s") % {"url": _url("reporting:report", report.id)},
            ]
        )
    return _send(subject, body, agency_recipients(report.agency))


def reminder_text(report, kind: str, today) -> tuple[str, str]:
    ry = report.reporting_year
    days = (ry.deadline - today).days
    with translation.override(settings.LANGUAGE_CODE):
        if kind == ReminderKind.OVERDUE:
            subject = _("Annual report %(year)s is overdue") % {"year": ry.year}
            lead = _("The deadline of %(deadline)s has passed and the annual report %(year)s of %(agency)s has not been submitted.")
        else:
            subject = _("Reminder: annual report %(year)s due %(deadline)s") % {
                "year": ry.year, "deadline": ry.deadline.strftime("%d/%m/%Y")
            }
            lead = _("The annual report %(year)s of %(agency)s is due by %(deadline)s (%(days)s days left).")
        body = "\n".join(
            [
                lead % {"year": ry.year, "agency": report.agency.name, "deadline": ry.deadline.strftime("%d/%m/%Y"), "days": max(days, 0)},
                "",
                _("Open the report: %(url)s") % {"url": _url("reporting:report", report.id)},
            ]
        )
    return subject, body


def send_reminder(*, report_id: int, kind: str, today=None):
    from django.utils import timezone

    from .models import AnnualReport

    report = AnnualReport.objects.select_related("agency", "reporting_year").get(pk=report_id)
    subject, body = reminder_text(report, kind, today or timezone.localdate())
    return _send(subject, body, agency_recipients(report.agency))


def summary_text(rates, reporting_year) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Annual reports %(year)s: %(submitted)s of %(expected)s submitted") % {
            "year": reporting_year.year, "submitted": rates.submitted, "expected": rates.expected
        }
        lines = [
            _("Plan %(plan)s, deadline %(deadline)s.") % {"plan": reporting_year.plan.number, "deadline": reporting_year.deadline.strftime("%d/%m/%Y")},
            _("Expected: %(n)s; submitted: %(s)s; on time: %(o)s; accepted: %(a)s.")
            % {"n": rates.expected, "s": rates.submitted, "o": rates.on_time, "a": rates.accepted},
            "",
            _("Not reported:"),
            *[f"- {name}" for name in rates.missing_agencies or ["—"]],
            _("Returned, awaiting revision:"),
            *[f"- {name}" for name in rates.returned_agencies or ["—"]],
            _("Submitted late:"),
            *[f"- {name}" for name in rates.late_agencies or ["—"]],
            "",
            _("Reporting rates: %(url)s") % {"url": _url("reporting:rates", reporting_year.id)},
        ]
    return subject, "\n".join(lines)


def send_amendment_decided(*, proposal_id: int):
    from .models import AmendmentProposal

    proposal = AmendmentProposal.objects.select_related("agency", "plan", "task").get(pk=proposal_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Amendment proposal for plan %(plan)s: %(status)s") % {
            "plan": proposal.plan.number, "status": proposal.get_status_display()
        }
        body = "\n".join(
            [
                subject,
                "",
                _("Reason:"),
                proposal.decision_reason,
                "",
                _url("reporting:amendment", proposal.id),
            ]
        )
    return _send(subject, body, agency_recipients(proposal.agency))
