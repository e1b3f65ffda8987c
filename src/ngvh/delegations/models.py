"""Incoming and outgoing delegations and foreign press or film crews (plan task I.4).

A small workflow: *registered* by any agency, *approved* by the lead agency with the
coordination noted (the city police for a press or film crew), *done* with a short
result. Each step leaves a ``DelegationEvent`` with the acting user. A delegation can
create the matching activity, which then counts in the reports like any other.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class DelegationKind(models.TextChoices):
    INCOMING = "incoming", _("Incoming delegation")
    OUTGOING = "outgoing", _("Outgoing delegation")
    PRESS_CREW = "press_crew", _("Foreign press or film crew")


class DelegationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("delegation status", "Registered")
    APPROVED = "approved", pgettext_lazy("delegation status", "Approved")
    DONE = "done", _("Done")


class Delegation(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    title = models.CharField(_("name of the delegation or crew"), max_length=500)
    country = models.CharField(_("country"), max_length=2)
    partner = models.ForeignKey(
        "activities.ForeignPartner", null=True, blank=True, on_delete=models.PROTECT, related_name="delegations",
        verbose_name=_("foreign partner"),
    )
    members = models.PositiveIntegerField(_("number of members"), default=0)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place_name = models.CharField(_("place"), max_length=255, blank=True)
    purpose = models.TextField(_("purpose and programme"), blank=True)
    lead_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead agency"))
    registering_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by agency")
    )
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus.choices, default=DelegationStatus.REGISTERED)
    coordination = models.TextField(_("coordination"), blank=True)
    police_coordinated = models.BooleanField(_("coordinated with the city police"), default=False)
    result = models.TextField(_("result"), blank=True)
    activity = models.OneToOneField(
        "activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="delegation", verbose_name=_("activity")
    )
    is_demo = models.BooleanField(_("illustrative (demo) data"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["plan", "start_date", "end_date"], name="delegation_plan_dates")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=Q(kind__in=["incoming", "outgoing", "press_crew"]), name="delegation_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=["registered", "approved", "done"]), name="delegation_status_valid"),
            models.CheckConstraint(condition=Q(status="registered") | ~Q(coordination=""), name="delegation_approved_coordination"),
            models.CheckConstraint(
                condition=Q(status="registered") | ~Q(kind="press_crew") | Q(police_coordinated=True), name="delegation_crew_police"
            ),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(result=""), name="delegation_done_result"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_registered(self) -> bool:
        """Registered, waiting for approval (the page offers the approval form)."""
        return self.status == DelegationStatus.REGISTERED

    @property
    def is_approved(self) -> bool:
        """Approved, not yet done (the page offers to mark it done)."""
        return self.status == DelegationStatus.APPROVED


class DelegationEventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    APPROVED = "approved", _("Approved")
    DONE = "done", _("Marked done")
    ACTIVITY = "activity", _("Activity created")


class DelegationEvent(models.Model):
    """The timeline of a delegation: every step with who, when and what was noted."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=DelegationEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["delegation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.delegation_id} · {self.kind}"
