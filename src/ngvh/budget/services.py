"""Every write on budget estimates.

Each service checks the policy, locks the estimate's row, checks its state, writes, and
records an ``EstimateEvent`` naming the acting user, as every app's services do (and a
history row through django-simple-history): the policy has already refused anyone
else, the system actor included, since no budget policy lets it act. Every write raises
the plan's reporting data version in its own transaction (``reporting.versions``), so
the dashboard's cached estimate-vs-actual section is rebuilt on the next request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngvh.agencies.models import Agency, AgencyAlias
from ngvh.reporting.versions import reporting_version_bump

from . import xlsx
from .models import BudgetEstimate, BudgetSource, EstimateEvent, EstimateEventKind, EstimateStatus
from .policies import BudgetEstimatePolicy


def _event(estimate: BudgetEstimate, kind: str, user, *, from_status: str = "", reason: str = "") -> EstimateEvent:
    return EstimateEvent.objects.create(
        estimate=estimate, kind=kind, actor=user,
        from_status=from_status, to_status=estimate.status, amount=estimate.amount, reason=reason,
    )


def _locked(estimate: BudgetEstimate) -> BudgetEstimate:
    return BudgetEstimate.objects.select_for_update().get(pk=estimate.pk)


def _check_values(*, plan, year: int, task, source: str, amount: int) -> None:
    errors = {}
    if task.plan_id != plan.pk:
        errors["task"] = _("This task is not part of the plan.")
    if source not in BudgetSource.values:
        errors["source"] = _("Choose a source of funds.")
    if amount is None or amount < 0:
        errors["amount"] = _("The estimate cannot be negative.")
    if not 2000 <= int(year) <= 2100:
        errors["year"] = _("Enter a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def estimate_save(*, user, plan, year: int, agency: Agency, task, source: str, amount: int, note: str = "") -> BudgetEstimate:
    """Enter or change the agency's estimate for a task and source (one per plan and year).

    A submitted or approved estimate cannot be changed; a returned one goes back to draft.
    """
    if not BudgetEstimatePolicy.can_enter(user, agency.pk):
        raise PermissionDenied
    _check_values(plan=plan, year=year, task=task, source=source, amount=amount)
    estimate = (
        BudgetEstimate.objects.select_for_update()
        .filter(plan=plan, year=year, agency=agency, task=task, source=source).first()
    )
    if estimate is None:
        estimate = BudgetEstimate(plan=plan, year=year, agency=agency, task=task, source=source, created_by=user)
        from_status = ""
    else:
        if not BudgetEstimatePolicy.can_edit(user, estimate):
            raise ValidationError(_("This estimate has been submitted and can no longer be changed."))
        from_status = estimate.status
    estimate.amount = int(amount)
    estimate.note = (note or "").strip()[:500]
    estimate.status = EstimateStatus.DRAFT
    estimate._history_user = user
    estimate.save()
    _event(estimate, EstimateEventKind.SAVED, user, from_status=from_status)
    reporting_version_bump(plan_ids=[estimate.plan_id])
    return estimate


@transaction.atomic
def estimate_submit(*, user, estimate: BudgetEstimate) -> BudgetEstimate:
    estimate = _locked(estimate)
    if not BudgetEstimatePolicy.can_enter(user, estimate.agency_id):
        raise PermissionDenied
    if not BudgetEstimatePolicy.can_submit(user, estimate):
        raise ValidationError(_("Only a draft or returned estimate can be submitted."))
    from_status = estimate.status
    estimate.status = EstimateStatus.SUBMITTED
    estimate.return_reason = ""
    estimate._history_user = user
    estimate.save(update_fields=["status", "return_reason", "updated_at"])
    _event(estimate, EstimateEventKind.SUBMITTED, user, from_status=from_status)
    reporting_version_bump(plan_ids=[estimate.plan_id])
    return estimate


@transaction.atomic
def estimate_approve(*, user, estimate: BudgetEstimate) -> BudgetEstimate:
    if not BudgetEstimatePolicy.can_decide(user):
        raise PermissionDenied
    estimate = _locked(estimate)
    if not BudgetEstimatePolicy.can_decide(user, estimate):
        raise ValidationError(_("Only a submitted estimate can be approved or returned."))
    estimate.status = EstimateStatus.APPROVED
    estimate._history_user = user
    estimate.save(update_fields=["status", "updated_at"])
    _event(estimate, EstimateEventKind.APPROVED, user, from_status=EstimateStatus.SUBMITTED)
    reporting_version_bump(plan_ids=[estimate.plan_id])
    return estimate


@transaction.atomic
def estimate_return(*, user, estimate: BudgetEstimate, reason: str) -> BudgetEstimate:
    if not BudgetEstimatePolicy.can_decide(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the estimate is returned.")})
    estimate = _locked(estimate)
    if not BudgetEstimatePolicy.can_decide(user, estimate):
        raise ValidationError(_("Only a submitted estimate can be approved or returned."))
    estimate.status = EstimateStatus.RETURNED
    estimate.return_reason = reason
    estimate._history_user = user
    estimate.save(update_fields=["status", "return_reason", "updated_at"])
    _event(estimate, EstimateEventKind.RETURNED, user, from_status=EstimateStatus.SUBMITTED, reason=reason)
    reporting_version_bump(plan_ids=[estimate.plan_id])
    return estimate


# ---- Excel ----------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    checked: xlsx.Checked | None = None
    file_error: str = ""
    saved: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems


def _lookups(*, user, plan) -> xlsx.Lookups:
    from ngvh.activities.xlsx import task_code_key
    from ngvh.core.text import agency_key

    agencies = {a.name_key: a.pk for a in Agency.objects.filter(province_id=plan.province_id).only("pk", "name_key")}
    for alias in AgencyAlias.objects.filter(province_id=plan.province_id).only("agency_id", "key"):
        agencies.setdefault(alias.key, alias.agency_id)
    own = BudgetEstimatePolicy.entering_agency(user)
    if own is not None:
        agencies.setdefault(agency_key(own.name), own.pk)
    return xlsx.Lookups(
        tasks={task_code_key(code): pk for pk, code in plan.tasks.values_list("pk", "code")},
        agencies=agencies,
        default_agency_id=own.pk if own else None,
        allowed_agency_ids={own.pk if own else None},
    )


@transaction.atomic
def estimates_import_xlsx(*, user, plan, year: int, data: bytes) -> ImportOutcome:
    """Save every row of the workbook as the agency's estimates, or none of them.

    A row that would change an estimate already submitted or approved is a problem of
    that row, like a wrong code: the whole file is refused and nothing is saved.
    """
    if not BudgetEstimatePolicy.can_import(user):
        raise PermissionDenied
    outcome = ImportOutcome()
    try:
        rows = xlsx.read_rows(data)
    except xlsx.ImportFileError as exc:
        outcome.file_error = str(exc)
        return outcome
    checked = xlsx.check_rows(rows, _lookups(user=user, plan=plan))
    outcome.checked = checked
    outcome.problems = list(checked.problems)
    if not checked.ok:
        return outcome
    existing = {
        (e.task_id, e.agency_id, e.source): e
        for e in BudgetEstimate.objects.select_for_update().filter(plan=plan, year=year, agency_id__in={r.agency_id for _n, r in checked.rows})
    }
    locked = [
        xlsx.Problem(row=number, column="", label="", message=_("This estimate has been submitted and can no longer be changed."))
        for number, row in checked.rows
        if (e := existing.get((row.task_id, row.agency_id, row.source))) is not None and not BudgetEstimatePolicy.can_edit(user, e)
    ]
    if locked:
        outcome.problems = locked
        return outcome
    for _number, row in checked.rows:
        estimate = existing.get((row.task_id, row.agency_id, row.source))
        from_status = estimate.status if estimate else ""
        if estimate is None:
            estimate = BudgetEstimate(plan=plan, year=year, agency_id=row.agency_id, task_id=row.task_id, source=row.source,
                                      created_by=user)
        estimate.amount = row.amount
        estimate.note = row.note
        estimate.status = EstimateStatus.DRAFT
        estimate._history_user = user
        estimate.save()
        _event(estimate, EstimateEventKind.IMPORTED, user, from_status=from_status)
    outcome.saved = len(checked.rows)
    reporting_version_bump(plan_ids=[plan.pk])
    return outcome


def estimates_export_rows(estimates) -> list[list]:
    """Rows for :func:`xlsx.export_estimates` in the import's column order."""
    return [
        [e.task.code, e.agency.name, str(BudgetSource(e.source).label), e.amount, e.note, str(EstimateStatus(e.status).label)]
        for e in estimates
    ]
