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
