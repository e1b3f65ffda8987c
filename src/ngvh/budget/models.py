"""Yearly budget estimates per plan, agency, task and source of funds.

An agency's reporter enters an estimate (draft), submits it; the focal point
(coordinator) approves it or returns it with a reason. The actual spending is not
stored here: it is read from the agency's done activities (see ``selectors``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class BudgetSource(models.TextChoices):
    """The three sources of ``Activity.budget_state``, ``budget_private``, ``budget_foreign``."""

    STATE = "state", _("State budget")
    SOCIALISATION = "socialisation", _("Socialised funds")
    FOREIGN = "foreign", _("Foreign funds")


# The activity field that holds each source's actual spending.
ACTIVITY_FIELD = {
    BudgetSource.STATE: "budget_state",
    BudgetSource.SOCIALISATION: "budget_private",
    BudgetSource.FOREIGN: "budget_foreign",
}


class EstimateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class BudgetEstimate(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="budget_estimates", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="budget_estimates", verbose_name=_("agency"))
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, related_name="budget_estimates", verbose_name=_("task"))
    source = models.CharField(_("source of funds"), max_length=20, choices=BudgetSource.choices)
    amount = models.BigIntegerField(_("estimate (đồng)"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EstimateStatus.choices, default=EstimateStatus.DRAFT)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget estimate")
        verbose_name_plural = _("budget estimates")
        ordering = ["plan", "year", "task__order", "agency__name", "source"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_estimate_amount_non_negative"),
            models.CheckConstraint(condition=Q(source__in=[s.value for s in BudgetSource]), name="budget_estimate_source_valid"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in EstimateStatus]), name="budget_estimate_status_valid"),
            models.UniqueConstraint(fields=["plan", "year", "agency", "task", "source"], name="budget_estimate_unique"),
        ]
        indexes = [models.Index(fields=["plan", "year", "agency"], name="budget_estimate_scope")]

    def __str__(self) -> str:
        return f"{self.year} {self.agency_id} {self.task_id} {self.source}: {self.amount}"


class EstimateEventKind(models.TextChoices):
    SAVED = "saved", _("Saved")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    IMPORTED = "imported", _("Imported from Excel")


class EstimateEvent(models.Model):
    """The timeline of an estimate: every change with who, when and why."""

    estimate = models.ForeignKey(BudgetEstimate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EstimateEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    amount = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["estimate", "at", "id"]

    def __str__(self) -> str:
        return f"{self.estimate_id} · {self.kind}"
