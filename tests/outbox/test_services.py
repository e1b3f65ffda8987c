"""The mail outbox: queued with the change, delivered with retries, each mail once."""

from __future__ import annotations

import datetime as dt
import email.header  # noqa: F401 - used by the SMTP helper

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from ngvh.outbox.models import MailStatus, OutboxMail
from ngvh.outbox.services import backoff, mail_enqueue, outbox_mail_retry, outbox_send_due

from .smtp import SmtpServer


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield server


def test_a_failing_smtp_server_loses_nothing_and_sends_each_mail_once(db, smtp, settings):
    # given three mails queued while the SMTP server refuses connections
    settings.NGVH_MAIL_MAX_ATTEMPTS = 5
    for n in range(3):
        mail_enqueue(to=[f"a{n}@example.org"], subject=f"Nhắc báo cáo {n}", body="Nội dung", send_on_commit=False)
    smtp.refusing = True
    start = timezone.now()
    # when the sender runs
    first = outbox_send_due(now=start)
    # then nothing is delivered, every mail waits for a retry with the error recorded
    assert first == {"sent": 0, "retry": 3, "failed": 0}
    assert smtp.received == []
    rows = list(OutboxMail.objects.all())
    assert all(m.status == MailStatus.PENDING and m.attempts == 1 and "SMTP" in m.last_error for m in rows)
    assert all(m.next_attempt_at == start + backoff(1) for m in rows)
    # when the sender runs again before the backoff has passed
    assert outbox_send_due(now=start + dt.timedelta(seconds=1)) == {"sent": 0, "retry": 0, "failed": 0}
    # when the server recovers and the backoff has passed
    smtp.refusing = False
    second = outbox_send_due(now=start + backoff(1))
    # then every mail is delivered exactly once, marked sent
    assert second == {"sent": 3, "retry": 0, "failed": 0}
    assert sorted(smtp.subjects()) == ["Nhắc báo cáo 0", "Nhắc báo cáo 1", "Nhắc báo cáo 2"]
    assert sorted(r for rcpts, _ in smtp.received for r in rcpts) == ["a0@example.org", "a1@example.org", "a2@example.org"]
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    assert OutboxMail.objects.filter(sent_at__isnull=True).count() == 0
    # when the sender runs once more, later
    assert outbox_send_due(now=start + dt.timedelta(days=1)) == {"sent": 0, "retry": 0, "failed": 0}
    # then nothing is sent twice
    assert len(smtp.received) == 3


def test_after_the_last_attempt_the_mail_is_failed_with_its_error(db, smtp, settings):
    # given a server that keeps refusing and two attempts allowed
    settings.NGVH_MAIL_MAX_ATTEMPTS = 2
    smtp.refusing = True
    mail = mail_enqueue(to=["x@example.org"], subject="S", body="B", send_on_commit=False)
    now = timezone.now()
    # when the sender runs twice, each time after the backoff
    outbox_send_due(now=now)
    outbox_send_due(now=now + backoff(1))
    # then the mail is failed, with the attempts and the error
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.sent_at) == (MailStatus.FAILED, 2, None)
    assert "421" in mail.last_error
    # and a later run leaves it alone
    assert outbox_send_due(now=now + dt.timedelta(days=2))["retry"] == 0


def test_backoff_doubles_and_is_capped(settings):
    settings.NGVH_MAIL_RETRY_BASE_SECONDS = 60
    settings.NGVH_MAIL_RETRY_MAX_SECONDS = 600
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]


def test_a_rolled_back_change_queues_no_mail(db):
    # given a change that fails after queueing its mail
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_enqueue(to=["a@example.org"], subject="S", body="B")
        raise RuntimeError("the change fails")
    # then no mail is queued
    assert not OutboxMail.objects.exists()


def test_mail_is_sent_best_effort_on_commit(db, mailoutbox, django_capture_on_commit_callbacks):
    # given a mail queued in a committed transaction
    with django_capture_on_commit_callbacks(execute=True):
        mail = mail_enqueue(to=["a@example.org", "a@example.org", " "], subject="Chủ đề", body="B")
    # then it is delivered once at commit, to each address once, and marked sent
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["a@example.org"]
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.attempts == 1


def test_no_recipient_queues_nothing(db):
    assert mail_enqueue(to=["", "  "], subject="S", body="B") is None
    assert not OutboxMail.objects.exists()


def test_a_sent_mail_must_have_a_sent_time(db):
    # the database refuses a sent row without its time
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMail.objects.create(to=["a@example.org"], subject="S", body="B", status=MailStatus.SENT)


def test_coordinator_puts_a_failed_mail_back_in_the_queue(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    # given a failed mail
    mail = OutboxMail.objects.create(to=["a@example.org"], subject="S", body="B", status=MailStatus.FAILED, attempts=8, last_error="x")
    # when the coordinator retries it
    with django_capture_on_commit_callbacks(execute=True):
        outbox_mail_retry(actor=coordinator, mail=mail)
    # then it is delivered and the retry is recorded
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.retried_by == coordinator and mail.retried_at
    assert len(mailoutbox) == 1


def test_reporter_cannot_retry_a_mail(reporter_a):
    mail = OutboxMail.objects.create(to=["a@example.org"], subject="S", body="B", status=MailStatus.FAILED, attempts=8)
    with pytest.raises(PermissionDenied):
        outbox_mail_retry(actor=reporter_a, mail=mail)
    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED


def test_ngvh_mail_send_delivers_the_due_mail(db, mailoutbox):
    from django.core.management import call_command

    # given a queued mail
    mail_enqueue(to=["a@example.org"], subject="S", body="B", send_on_commit=False)
    # when the timer's command runs
    call_command("mail", "send")
    # then it is sent
    assert len(mailoutbox) == 1
    assert OutboxMail.objects.get().status == MailStatus.SENT


def test_an_account_created_queues_its_password_mail_in_the_same_transaction(coordinator, agency_a, smtp):
    from django.contrib.auth.tokens import default_token_generator

    from ngvh.accounts.models import User
    from ngvh.accounts.services import user_create

    # given the SMTP server down when the account is created
    smtp.refusing = True
    # when a coordinator creates an account (commit callbacks not run: the mail is a row)
    user = user_create(actor=coordinator, username="moi", full_name="Người Mới", email="moi@example.org",
                       agency=agency_a, role="reporter")
    # then the mail is queued with the account, and the link in it is valid
    mail = OutboxMail.objects.get()
    assert mail.to == ["moi@example.org"] and mail.status == MailStatus.PENDING
    token = mail.body.split("/accounts/password/reset/")[1].split("/")[1]
    assert default_token_generator.check_token(User.objects.get(pk=user.pk), token)
    # when the server is back and the timer runs
    smtp.refusing = False
    assert outbox_send_due()["sent"] == 1
    # then the person gets the link once
    assert len(smtp.received) == 1 and smtp.received[0][0] == ["moi@example.org"]


def test_an_smtp_server_that_does_not_answer_holds_the_request_only_for_the_inline_timeout(
    db, settings, django_capture_on_commit_callbacks
):
    # given an SMTP server that accepts the connection and then says nothing, a long
    # EMAIL_TIMEOUT for the timer, and a short one for the try made inside the request
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.getsockname()[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 60
    settings.NGVH_MAIL_INLINE_TIMEOUT = 0.5
    try:
        # when a change queues a mail and commits (the on-commit try runs in the request)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            mail_enqueue(to=["vhtt@example.org"], subject="Nhắc báo cáo", body="Nội dung")
        waited = time.monotonic() - started
    finally:
        silent.close()
    # then the request went on after the inline timeout, far below EMAIL_TIMEOUT, and the
    # mail waits for the timer with the timeout recorded
    assert waited < 10
    mail = OutboxMail.objects.get()
    assert mail.status == MailStatus.PENDING and mail.attempts == 1
    assert "timed out" in mail.last_error
