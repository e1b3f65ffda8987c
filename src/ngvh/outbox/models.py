"""Every mail the app sends is first a row here, written in the transaction that causes it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutboxMail(models.Model):
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html = models.TextField(_("HTML body"), blank=True, default="")
    created = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True, default="")
    retried_by = models.ForeignKey(
        "accounts.User", verbose_name=_("retried by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retried_at = models.DateTimeField(_("retried at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MailStatus]), name="outbox_status_valid"
            ),
            # A mail is sent exactly when it has a sent time.
            models.CheckConstraint(
                condition=(Q(status=MailStatus.SENT) & Q(sent_at__isnull=False))
                | (~Q(status=MailStatus.SENT) & Q(sent_at__isnull=True)),
                name="outbox_sent_has_time",
            ),
            # A failed mail was tried at least once.
            models.CheckConstraint(
                condition=~Q(status=MailStatus.FAILED) | Q(attempts__gte=1), name="outbox_failed_was_tried"
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_failed(self) -> bool:
        return self.status == MailStatus.FAILED
