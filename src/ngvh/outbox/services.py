"""The mail outbox: ``mail_enqueue`` inside the change's transaction, ``outbox_send_due`` later.

A mail is a row written in the same transaction as the change that causes it, so a
rolled-back change sends nothing and a committed one cannot lose its mail. The sender
delivers due rows one at a time, each under a row lock, and marks each sent, or pending
again with an exponential backoff, or failed after ``NGVH_MAIL_MAX_ATTEMPTS``. It runs on a
timer (``ngvh mail send``) and, best effort, right after the commit that queued mail.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import MailStatus, OutboxMail

log = logging.getLogger("ngvh.outbox")


def backoff(attempts: int) -> dt.timedelta:
    """Wait before the next try after ``attempts`` failed ones: base · 2^(n-1), capped."""
    base = settings.NGVH_MAIL_RETRY_BASE_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.NGVH_MAIL_RETRY_MAX_SECONDS))


def mail_enqueue(*, to: list[str], subject: str, body: str, html: str = "", send_on_commit: bool = True) -> OutboxMail | None:
    """Queue one mail in the current transaction; nothing when there is no recipient."""
    recipients = list(dict.fromkeys(e.strip() for e in to if e and e.strip()))
    if not recipients:
        return None
    mail = OutboxMail.objects.create(to=recipients, subject=subject.replace("\n", " ").strip()[:998], body=body, html=html)
    if send_on_commit:
        transaction.on_commit(lambda pk=mail.pk: _send_soon(pk))
    return mail


def _send_soon(pk: int) -> None:
    # Best effort: a failure here leaves the row pending for the timer. The request that
    # queued the mail waits for it, so an SMTP server that does not answer may hold the
    # officer's page for NGVH_MAIL_INLINE_TIMEOUT seconds at most, not EMAIL_TIMEOUT.
    try:
        outbox_send_due(ids=[pk], timeout=settings.NGVH_MAIL_INLINE_TIMEOUT)
    except Exception:  # noqa: BLE001 - never break the request that queued the mail
        log.exception("outbox: sending mail %s after commit failed; the timer will retry", pk)


def _deliver(mail: OutboxMail, connection) -> None:
    message = EmailMultiAlternatives(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.to, connection=connection)
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    message.send(fail_silently=False)


def outbox_send_due(
    *, now: dt.datetime | None = None, ids: list[int] | None = None, limit: int = 500, timeout: float | None = None
) -> dict[str, int]:
    """Deliver the pending mail that is due; return counts of sent / retry / failed.

    ``timeout`` (seconds) replaces EMAIL_TIMEOUT for this run's SMTP connections."""
    now = now or timezone.now()
    due = OutboxMail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now)
    if ids is not None:
        due = due.filter(pk__in=ids)
    counts = {"sent": 0, "retry": 0, "failed": 0}
    options = {"timeout": timeout} if timeout is not None else {}
    connection = get_connection(fail_silently=False, **options)
    for pk in list(due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            # Re-read under a lock: two senders (the timer and an on-commit send, or two
            # servers) never both deliver a row.
            locked = OutboxMail.objects.select_for_update(skip_locked=connection_supports_skip_locked()).filter(
                pk=pk, status=MailStatus.PENDING, next_attempt_at__lte=now
            )
            mail = locked.first()
            if mail is None:
                continue
            mail.attempts += 1
            try:
                _deliver(mail, connection)
            except Exception as exc:  # noqa: BLE001 - any delivery error is recorded on the row
                mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if mail.attempts >= settings.NGVH_MAIL_MAX_ATTEMPTS:
                    mail.status = MailStatus.FAILED
                    counts["failed"] += 1
                else:
                    mail.next_attempt_at = now + backoff(mail.attempts)
                    counts["retry"] += 1
                log.warning("outbox: mail %s attempt %s failed: %s", mail.pk, mail.attempts, mail.last_error)
                # A broken connection is not reused for the next mail.
                try:
                    connection.close()
                except Exception:  # noqa: BLE001
                    pass
                connection = get_connection(fail_silently=False, **options)
            else:
                mail.status = MailStatus.SENT
                mail.sent_at = timezone.now()
                mail.last_error = ""
                counts["sent"] += 1
            mail.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
    try:
        connection.close()
    except Exception:  # noqa: BLE001
        pass
    return counts


def connection_supports_skip_locked() -> bool:
    from django.db import connection

    return connection.features.has_select_for_update_skip_locked


@transaction.atomic
def outbox_mail_retry(*, actor, mail: OutboxMail) -> OutboxMail:
    """Put a failed mail back in the queue, due now (coordinators)."""
    from .policies import OutboxPolicy

    if not OutboxPolicy.can_retry(actor, mail):
        raise PermissionDenied
    mail = OutboxMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status != MailStatus.FAILED:
        return mail
    mail.status = MailStatus.PENDING
    mail.attempts = 0
    mail.next_attempt_at = timezone.now()
    mail.retried_by = actor
    mail.retried_at = timezone.now()
    mail.save(update_fields=["status", "attempts", "next_attempt_at", "retried_by", "retried_at"])
    log.info("outbox: mail %s put back in the queue by %s", mail.pk, actor.username)

    transaction.on_commit(lambda pk=mail.pk: _send_soon(pk))
    return mail
