"""Relationships with foreign partners, their documents, and the anniversaries planned.

The partner itself (name, country, locality or organisation) stays the shared registry
``activities.ForeignPartner``, which activities and the public partner-cities page already
use; this app adds what the city keeps about the relationship: what kind it is, since
when, which agency looks after it, and the signed documents (MoU number, date, signatories).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RelationshipKind(models.TextChoices):
    TWINNED = "twinned", _("Twinned city")
    FRIENDSHIP = "friendship", _("Friendship")
    MOU = "mou", _("Cooperation MoU")
    ORGANISATION = "organisation", _("Organisation")


class Relationship(models.Model):
    province = models.ForeignKey("agencies.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    partner = models.ForeignKey(
        "activities.ForeignPartner", on_delete=models.PROTECT, related_name="relationships", verbose_name=_("foreign partner")
    )
    kind = models.CharField(_("kind of relationship"), max_length=20, choices=RelationshipKind.choices)
    established_on = models.DateField(_("established on"))
    lead_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency in charge")
    )
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("illustrative (demo) data"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["partner__name", "established_on"]
        constraints = [
            models.UniqueConstraint(fields=["province", "partner", "kind"], name="relationship_unique_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=["twinned", "friendship", "mou", "organisation"]), name="relationship_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.get_kind_display()}"


class RelationshipDocument(models.Model):
    """A signed text: agreement on twinning, memorandum of understanding, minutes."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="documents", verbose_name=_("relationship"))
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(_("number"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"))
    signatories = models.TextField(_("signatories"), help_text=_("One per line: name, office, side."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relationship document")
        verbose_name_plural = _("relationship documents")
        ordering = ["relationship", "-signed_on", "id"]

    def __str__(self) -> str:
        return self.number or self.title


class AnniversaryDraft(models.Model):
    """An anniversary the planner turned into a planned activity (once per year and subject).

    The subject is a relationship, or Viet Nam's diplomatic relations with ``country``.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    relationship = models.ForeignKey(Relationship, null=True, blank=True, on_delete=models.CASCADE, related_name="drafts")
    country = models.CharField(_("country"), max_length=2, blank=True)
    activity = models.ForeignKey("activities.Activity", null=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned anniversary")
        verbose_name_plural = _("planned anniversaries")
        constraints = [
            models.CheckConstraint(
                condition=(Q(relationship__isnull=False) & Q(country="")) | (Q(relationship__isnull=True) & ~Q(country="")),
                name="anniversary_one_subject",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "relationship"], condition=Q(relationship__isnull=False), name="anniversary_once_relationship"
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "country"], condition=Q(relationship__isnull=True), name="anniversary_once_country"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.relationship_id or self.country}"
