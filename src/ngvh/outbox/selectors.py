from __future__ import annotations

from django.http import Http404

from .models import MailStatus, OutboxMail
from .policies import OutboxPolicy


def outbox_failures_for(user):
    """Failed mail first, then mail still waiting for a retry after an error."""
    if not OutboxPolicy.can_view(user):
        raise Http404
    return OutboxMail.objects.filter(status__in=[MailStatus.FAILED, MailStatus.PENDING]).exclude(
        status=MailStatus.PENDING, attempts=0
    ).order_by("status", "-created", "-id")[:500]


def outbox_mail_for(user, pk: int) -> OutboxMail:
    if not OutboxPolicy.can_view(user):
        raise Http404
    try:
        return OutboxMail.objects.get(pk=pk)
    except OutboxMail.DoesNotExist as exc:
        raise Http404 from exc
