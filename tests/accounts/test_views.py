import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from ngvh.accounts.models import SecurityEvent, User
from ngvh.outbox.models import MailStatus, OutboxMail

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def login_post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_login_and_failure_are_logged(client, reporter_a):
    # given a reporter
    # when they mistype, then log in
    login_post(client, "reporter_a", "wrong-password")
    response = login_post(client, "reporter_a", PASSWORD)
    # then both are in the security log with the address
    assert response.status_code == 302
    events = list(SecurityEvent.objects.order_by("id").values_list("kind", "username", "ip_address"))
    assert events == [("login_failed", "reporter_a", "10.0.0.7"), ("login", "reporter_a", "10.0.0.7")]


@pytest.mark.parametrize(("lang", "text"), [("vi", "Đăng nhập sai quá nhiều lần"), ("en", "Too many failed log-in attempts")])
def test_lockout_after_the_configured_number_of_failures(client, reporter_a, lang, text):
    # given the failure limit from settings and a chosen language
    limit = settings.AXES_FAILURE_LIMIT
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    # when the password is wrong that many times
    responses = [login_post(client, "reporter_a", f"wrong-{i}") for i in range(limit)]
    # then the attempts before the limit show the form, the last one the lockout page
    assert all(r.status_code == 200 for r in responses[:-1])
    assert responses[-1].status_code in (403, 429)
    assert text in responses[-1].content.decode()
    # and even the right password is refused while locked, and the lockout is logged
    assert login_post(client, "reporter_a", PASSWORD).status_code in (403, 429)
    assert SecurityEvent.objects.filter(kind="locked_out", username="reporter_a").exists()


def test_lockout_limit_follows_the_setting(client, reporter_a, settings):
    # given a lower limit configured
    settings.AXES_FAILURE_LIMIT = 2
    # when two wrong passwords are sent
    login_post(client, "reporter_a", "wrong-1")
    second = login_post(client, "reporter_a", "wrong-2")
    # then the account is already locked
    assert second.status_code in (403, 429)


def test_session_expires_after_inactivity(client, reporter_a):
    # given a signed-in reporter
    login_post(client, "reporter_a", PASSWORD)
    # when the session is inspected
    session = client.session
    # then it ends after the configured idle time, renewed while the user is active
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert "ngvh.core.sessions.SessionRefreshMiddleware" in settings.MIDDLEWARE


def test_password_reset_by_email_link(client, reporter_a, django_capture_on_commit_callbacks):
    # given a reporter who forgot the password
    # when they ask for a link (queued in the outbox, delivered after commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": reporter_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert OutboxMail.objects.get().status == MailStatus.SENT
    link = re.search(r"https?://[^\s]+/accounts/password/reset/[^\s]+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    # and follow it and choose a strong password
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Mot-mat-khau-RAT-dai-2025", "new_password2": "Mot-mat-khau-RAT-dai-2025"})
    # then the new password works and both steps are logged
    assert done.status_code == 302
    reporter_a.refresh_from_db()
    assert reporter_a.check_password("Mot-mat-khau-RAT-dai-2025")
    assert set(SecurityEvent.objects.values_list("kind", flat=True)) == {"password_reset_requested", "password_changed"}


def test_weak_password_is_refused_with_a_clear_message(client, reporter_a):
    # given a signed-in reporter
    client.force_login(reporter_a)
    # when they choose a short, common password
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    # then it is refused with the error summary
    assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()


def test_coordinator_creates_an_account_through_the_page(client, coordinator, agency_a, django_capture_on_commit_callbacks):
    # given a coordinator
    client.force_login(coordinator)
    # when they fill in the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_create"),
            {"username": "tranthi", "full_name": "Trần Thị B", "email": "b@example.org", "agency": agency_a.pk, "role": "reporter"},
        )
    # then the account exists and the person got a link
    user = User.objects.get(username="tranthi")
    assert response.url == reverse("accounts:user_detail", args=[user.pk])
    assert mail.outbox[0].to == ["b@example.org"]


def test_account_form_keeps_input_after_an_error(client, coordinator, agency_a):
    # given a coordinator
    client.force_login(coordinator)
    # when the email is missing
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "tranthi", "full_name": "Trần Thị B", "email": "", "agency": agency_a.pk, "role": "reporter"},
    )
    # then the error summary links to the field and the typed name stays
    body = response.content.decode()
    assert 'href="#id_email"' in body and 'value="Trần Thị B"' in body


def test_edit_then_history_page_shows_before_and_after(client, coordinator, reporter_a, agency_b):
    # given a coordinator moves a reporter to agency B
    client.force_login(coordinator)
    client.post(
        reverse("accounts:user_edit", args=[reporter_a.pk]),
        {"full_name": reporter_a.full_name, "email": reporter_a.email, "agency": agency_b.pk, "role": "reporter"},
    )
    # when the history page is opened
    body = client.get(reverse("accounts:user_history", args=[reporter_a.pk])).content.decode()
    # then it shows who, and the agency before and after
    assert "coordinator" in body and "Sở Văn hóa và Thể thao" in body and "Sở Du lịch" in body


def test_deactivate_needs_confirmation_then_blocks_login(client, coordinator, reporter_a):
    # given a coordinator on the confirmation page
    client.force_login(coordinator)
    page = client.get(reverse("accounts:user_deactivate", args=[reporter_a.pk]))
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    # when they confirm
    client.post(reverse("accounts:user_deactivate", args=[reporter_a.pk]))
    client.logout()
    # then the reporter cannot log in
    assert login_post(client, "reporter_a", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_reporter_cannot_reach_account_administration(client, reporter_a, reporter_b):
    # given a reporter
    client.force_login(reporter_a)
    # when they try the list, another account and a write
    # then list is forbidden, the account looks missing, and nothing changes
    assert client.get(reverse("accounts:user_list")).status_code == 404
    assert client.get(reverse("accounts:user_detail", args=[reporter_b.pk])).status_code == 404
    assert client.post(reverse("accounts:user_deactivate", args=[reporter_b.pk])).status_code == 404
    reporter_b.refresh_from_db()
    assert reporter_b.is_active


@pytest.mark.parametrize("n", [2, 12])
def test_user_list_query_count_is_fixed(client, coordinator, django_assert_num_queries, n):
    # given n accounts
    UserFactory.create_batch(n)
    client.force_login(coordinator)
    # when the list is shown
    # then the number of queries does not depend on n
    with django_assert_num_queries(8):
        assert client.get(reverse("accounts:user_list")).status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_security_log_query_count_is_fixed(client, coordinator, reporter_a, django_assert_num_queries, n):
    # given n log lines
    for _ in range(n):
        login_post(client, "reporter_a", "wrong")
    client.force_login(coordinator)
    # when the log is shown
    # then the number of queries does not depend on n
    with django_assert_num_queries(7):
        response = client.get(reverse("accounts:security_log"))
    assert response.status_code == 200 and "reporter_a" in response.content.decode()


def _login_via_proxy(client, username, password, client_address):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_address)


def test_behind_a_trusted_proxy_one_address_cannot_lock_out_another(client, reporter_a, settings):
    # given the app behind a trusted proxy and a low failure limit
    settings.NGVH_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.AXES_FAILURE_LIMIT = 2
    # when an attacker fails twice with reporter A's name from their own address
    _login_via_proxy(client, "reporter_a", "wrong-1", "198.51.100.66")
    locked = _login_via_proxy(client, "reporter_a", "wrong-2", "198.51.100.66")
    # then that address is locked out for that account, and the log has the real address
    assert locked.status_code in (403, 429)
    assert SecurityEvent.objects.filter(kind="locked_out", ip_address="198.51.100.66").exists()
    # but reporter A signs in from their own address through the same proxy
    from django.test import Client

    own = Client()
    response = _login_via_proxy(own, "reporter_a", PASSWORD, "203.0.113.20")
    assert response.status_code == 302 and "_auth_user_id" in own.session


def test_an_untrusted_peer_cannot_choose_its_logged_address(client, reporter_a, settings):
    # given no trusted proxy
    settings.NGVH_TRUSTED_PROXIES = []
    # when a client sends a forged X-Forwarded-For with a failed login
    client.post(reverse("accounts:login"), {"username": "reporter_a", "password": "wrong"},
                REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    # then the security log records the direct peer
    assert set(SecurityEvent.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_the_security_log_marks_refused_logins_and_changes_to_watch(client, coordinator, reporter_a):
    # given a failed log-in, a forced password reset and a plain log-in in the log
    from ngvh.accounts.models import SecurityEvent, SecurityEventKind

    login_post(client, "reporter_a", "wrong")
    SecurityEvent.objects.create(kind=SecurityEventKind.PASSWORD_RESET_FORCED, actor=coordinator, target=reporter_a)
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, target=reporter_a)
    client.force_login(coordinator)
    # when the log is shown
    body = client.get(reverse("accounts:security_log")).content.decode()
    # then the refused log-in is an error tag, the forced reset a warning, the log-in plain text
    assert body.count("tag tag--error") == 1
    assert body.count("tag tag--warn") == 1
    assert [e.tone for e in SecurityEvent.objects.order_by("id")] == ["error", "warn", ""]
