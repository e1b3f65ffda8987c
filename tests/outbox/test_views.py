"""The outbox page: coordinators see undelivered mail and can send it again."""

from django.urls import reverse

from ngvh.outbox.models import MailStatus, OutboxMail


def test_coordinator_sees_failures_only(client, coordinator, django_assert_num_queries):
    # given a failed mail, one waiting after an error, and one sent
    OutboxMail.objects.create(to=["a@example.org"], subject="Hỏng", body="B", status=MailStatus.FAILED, attempts=8, last_error="SMTPConnectError")
    OutboxMail.objects.create(to=["b@example.org"], subject="Chờ", body="B", attempts=1, last_error="timeout")
    OutboxMail.objects.create(to=["c@example.org"], subject="Đã gửi", body="B", status=MailStatus.SENT, sent_at="2026-01-01T00:00Z", attempts=1)
    client.force_login(coordinator)
    # when the coordinator opens the outbox
    with django_assert_num_queries(6):
        response = client.get(reverse("outbox:failures"))
    # then the failures are listed with their errors, the sent mail is not
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hỏng" in body and "SMTPConnectError" in body and "Chờ" in body and "Đã gửi" not in body


def test_reporter_gets_404(client, reporter_a):
    client.force_login(reporter_a)
    assert client.get(reverse("outbox:failures")).status_code == 404


def test_retry_through_the_page(client, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    mail = OutboxMail.objects.create(to=["a@example.org"], subject="S", body="B", status=MailStatus.FAILED, attempts=8)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox:retry", args=[mail.pk]))
    assert response.status_code == 302
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and len(mailoutbox) == 1
