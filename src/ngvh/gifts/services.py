"""Writes on the gifts catalogue and the gifts given, with the acting user in the history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngvh.core.text import nfc

from . import photos
from .models import Gift, GiftPresentation, PriceBand
from .policies import GiftPolicy


@transaction.atomic
def gift_create(*, user, name: str, price_band: str, maker: str = "", description: str = "") -> Gift:
    if not GiftPolicy.can_manage(user):
        raise PermissionDenied
    errors = {}
    if not nfc(name):
        errors["name"] = [_("Enter the gift's name.")]
    if price_band not in PriceBand.values:
        errors["price_band"] = [_("Choose a price band.")]
    if errors:
        raise ValidationError(errors)
    gift = Gift(name=nfc(name), maker=nfc(maker), description=(description or "").strip(), price_band=price_band, created_by=user)
    gift._history_user = user
    gift.save()
    return gift


@transaction.atomic
def gift_give(*, user, gift: Gift, delegation, given_on: dt.date) -> GiftPresentation:
    """Record that ``delegation`` received ``gift``; refused if its partner already has it."""
    from ngvh.delegations.models import Delegation

    delegation = Delegation.objects.select_for_update(of=("self",)).select_related("partner").get(pk=delegation.pk)
    if not GiftPolicy.can_give(user, delegation):
        raise PermissionDenied
    if delegation.partner_id is None:
        raise ValidationError({"delegation": [_("Name the delegation's foreign partner first: gifts are tracked per partner.")]})
    if given_on is None:
        raise ValidationError({"given_on": [_("Enter the date it was given.")]})
    earlier = GiftPresentation.objects.filter(gift=gift, partner_id=delegation.partner_id).select_related("delegation").first()
    if earlier is not None:
        raise ValidationError({"gift": [
            _("%(partner)s already received this gift on %(date)s (%(delegation)s). Choose another gift.") % {
                "partner": delegation.partner.name, "date": earlier.given_on.strftime("%d/%m/%Y"), "delegation": earlier.delegation.title,
            }
        ]})
    presentation = GiftPresentation(gift=gift, delegation=delegation, partner_id=delegation.partner_id, given_on=given_on, given_by=user)
    presentation._history_user = user
    presentation.save()
    return presentation


def gift_photo_set(*, user, gift: Gift, upload) -> Gift:
    """Give the gift a photo (replacing any earlier one).

    The upload is checked by its content and stored under a random name before the row
    changes (a file store cannot join the database transaction); if the change then
    fails, the new file is deleted. The earlier file goes once the change has committed.
    """
    if not GiftPolicy.can_change_photo(user, gift):
        raise PermissionDenied
    try:
        name, content_type = photos.store(upload)
    except photos.RefusedPhoto as exc:
        raise ValidationError({"photo": [str(exc)]}) from exc
    try:
        return _photo_save(user=user, gift=gift, name=name, content_type=content_type)
    except BaseException:
        photos.remove(name)
        raise


@transaction.atomic
def _photo_save(*, user, gift: Gift, name: str, content_type: str) -> Gift:
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    if not GiftPolicy.can_change_photo(user, gift):
        raise PermissionDenied
    earlier = gift.photo_name
    gift.photo_name, gift.photo_type = name, content_type
    gift._history_user = user
    gift.save(update_fields=["photo_name", "photo_type"])
    if earlier:
        transaction.on_commit(lambda: photos.remove(earlier))
    return gift


@transaction.atomic
def gift_photo_remove(*, user, gift: Gift) -> Gift:
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    if not GiftPolicy.can_change_photo(user, gift):
        raise PermissionDenied
    earlier = gift.photo_name
    if not earlier:
        return gift
    gift.photo_name = gift.photo_type = ""
    gift._history_user = user
    gift.save(update_fields=["photo_name", "photo_type"])
    transaction.on_commit(lambda: photos.remove(earlier))
    return gift
