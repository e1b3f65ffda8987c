"""Reads of the gifts catalogue, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from .models import Gift, GiftPresentation
from .policies import GiftPolicy


def gift_list(*, user) -> QuerySet[Gift]:
    if not GiftPolicy.can_view(user):
        return Gift.objects.none()
    return Gift.objects.annotate(times=Count("presentations")).order_by("-is_active", "name", "id")


def gift_get(*, user, pk: int) -> Gift:
    found = gift_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def presentations_of(*, user, gift: Gift) -> list[GiftPresentation]:
    """Who received the gift; delegations the user may not read show only their partner."""
    from ngvh.delegations.selectors import visible_delegations

    visible = set(visible_delegations(user).filter(gifts__gift=gift).values_list("pk", flat=True))
    rows = list(gift.presentations.select_related("partner", "delegation").order_by("-given_on", "-id"))
    for row in rows:
        row.delegation_visible = row.delegation_id in visible
    return rows


def givable_delegations(*, user, gift: Gift):
    """Delegations the user may record a gift for: theirs to move, with a partner not yet given it."""
    from ngvh.delegations.selectors import visible_delegations

    from .policies import GiftPolicy

    given = GiftPresentation.objects.filter(gift=gift).values("partner_id")
    qs = visible_delegations(user).filter(partner__isnull=False).exclude(partner_id__in=given).select_related("partner", "lead_agency")
    return [d for d in qs.order_by("-start_date", "-id")[:200] if GiftPolicy.can_give(user, d)]
