from django.urls import reverse

from ngvh.outbox.models import MailStatus, OutboxMail
from tests.security.matrix import COORDINATOR_OBJECT, Row


def _failed_mail(w):
    mail = OutboxMail.objects.create(to=["a@example.org"], subject="S", body="B", status=MailStatus.FAILED, attempts=3)
    return reverse("outbox:retry", args=[mail.pk])


ROWS = [
    Row("outbox:failures", lambda w: reverse("outbox:failures"), COORDINATOR_OBJECT),
    Row("outbox:retry", _failed_mail, COORDINATOR_OBJECT, method="POST"),
]
