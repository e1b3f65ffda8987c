"""Cultural gifts offered to foreign partners (plan II.2) and which delegation received which.

The catalogue lists the city's cultural products; a presentation records that a gift was
given to a delegation, and so to its foreign partner. The same gift is never given twice
to one partner: the service refuses it with a message and the database with a constraint.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PriceBand(models.TextChoices):
    UNDER_1M = "lt1m", _("Under 1 million đồng")
    FROM_1M = "1m-5m", _("1 to 5 million đồng")
    FROM_5M = "5m-20m", _("5 to 20 million đồng")
    OVER_20M = "gt20m", _("Over 20 million đồng")


class Gift(models.Model):
    name = models.CharField(_("name"), max_length=255)
    maker = models.CharField(_("maker"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    price_band = models.CharField(_("price band"), max_length=10, choices=PriceBand.choices)
    is_active = models.BooleanField(_("still offered"), default=True)
    # A name we generated (gifts/photos.py), never the uploaded file's name.
    photo_name = models.CharField(_("photo"), max_length=40, blank=True)
    photo_type = models.CharField(_("photo type"), max_length=20, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(price_band__in=["lt1m", "1m-5m", "5m-20m", "gt20m"]), name="gift_price_band_valid"),
            models.CheckConstraint(
                condition=(Q(photo_name="") & Q(photo_type=""))
                | (~Q(photo_name="") & Q(photo_type__in=["image/jpeg", "image/png", "image/webp"])),
                name="gift_photo_has_type",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GiftPresentation(models.Model):
    gift = models.ForeignKey(Gift, on_delete=models.PROTECT, related_name="presentations", verbose_name=_("gift"))
    delegation = models.ForeignKey(
        "delegations.Delegation", on_delete=models.PROTECT, related_name="gifts", verbose_name=_("delegation")
    )
    partner = models.ForeignKey(
        "activities.ForeignPartner", on_delete=models.PROTECT, related_name="gifts_received", verbose_name=_("foreign partner")
    )
    given_on = models.DateField(_("given on"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift given")
        verbose_name_plural = _("gifts given")
        ordering = ["-given_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["gift", "partner"], name="gift_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.gift} → {self.partner}"
