from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Province(models.Model):
    """The authority whose plan we hold: a province or city, or a ministry.

    Agencies are scoped to it because every province has its own "Sở Ngoại vụ".
    """

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("Department (Sở)")
    BOARD = "board", _("Board (Ban)")
    CITY_BODY = "city_body", _("City-level body")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    PRESS = "press", _("Press body")
    OTHER = "other", _("Other")


class Agency(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("province"))
    name = models.CharField(_("name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("parent")
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name_key"], name="agency_unique_name_per_province"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="agency_active_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgencyAlias(models.Model):
    """Another spelling or abbreviation of an agency (``Ng.v``, ``VHTT``, ``Sở VH&TT``)."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("agency"))
    alias = models.CharField(_("alias"), max_length=255)
    key = models.CharField(max_length=255, editable=False)

    class Meta:
        verbose_name = _("agency alias")
        verbose_name_plural = _("agency aliases")
        constraints = [models.UniqueConstraint(fields=["province", "key"], name="alias_unique_key_per_province")]

    def __str__(self) -> str:
        return self.alias


class RestructuringKind(models.TextChoices):
    RENAME = "rename", _("Rename")
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    DISSOLVE = "dissolve", _("Dissolve")


class RestructuringEvent(models.Model):
    """A decision that moved agencies' tasks to successors from an effective date.

    ``changes`` keeps exactly what the event did (assignments closed and opened, agency
    dates changed, agencies it created) so that undoing a mistaken event restores the
    state before it instead of guessing. The event is never deleted: an undone event
    keeps its record with ``undone_at`` set.
    """

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="restructurings", verbose_name=_("province"))
    kind = models.CharField(_("kind"), max_length=20, choices=RestructuringKind.choices)
    effective_date = models.DateField(_("effective date"))
    predecessors = models.ManyToManyField(Agency, related_name="restructurings_out", verbose_name=_("predecessors"))
    successors = models.ManyToManyField(Agency, related_name="restructurings_in", verbose_name=_("successors"))
    # For a split: {task_id: successor_agency_id}, the coordinator's choice per task.
    task_choices = models.JSONField(_("task choices"), default=dict, blank=True)
    decision = models.CharField(_("decision"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("undone by")
    )

    class Meta:
        verbose_name = _("restructuring")
        verbose_name_plural = _("restructurings")
        ordering = ["-effective_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["rename", "merge", "split", "dissolve"]), name="restructuring_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
