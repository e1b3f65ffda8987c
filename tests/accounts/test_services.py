import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ngvh.accounts import services
from ngvh.accounts.models import Role, SecurityEvent, User

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def kinds():
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def test_create_mails_a_link_after_commit_and_logs(coordinator, agency_a, django_capture_on_commit_callbacks):
    # given a coordinator
    # when they create an account for a reporter of agency A
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(
            actor=coordinator, username="nguyenvan", full_name="Nguyễn Văn A", email="a@example.org", agency=agency_a, role=Role.REPORTER
        )
    # then the account exists with no known password, a link was mailed, and the log has it
    assert user.agency == agency_a and user.has_usable_password()
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["a@example.org"]
    assert kinds() == ["account_created"]
    assert SecurityEvent.objects.get().actor == coordinator


def test_no_mail_when_the_transaction_fails(coordinator, agency_a, django_capture_on_commit_callbacks):
    # given a username already taken
    UserFactory(username="taken")
    # when creating another account with it
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.user_create(actor=coordinator, username="taken", full_name="X", email="x@example.org", agency=agency_a, role="reporter")
    # then no mail left
    assert mail.outbox == []


def test_role_change_is_logged_apart_from_other_changes(coordinator, reporter_a, agency_b):
    # given a reporter of A
    # when the coordinator moves them to B as leader
    services.user_update(actor=coordinator, target=reporter_a, full_name="Tên mới", email=reporter_a.email, agency=agency_b, role=Role.LEADER)
    # then a role change and an account change are logged, and history names the coordinator
    assert sorted(kinds()) == ["account_changed", "role_changed"]
    role_event = SecurityEvent.objects.get(kind="role_changed")
    assert role_event.details == {"before": "reporter", "after": "leader"}
    assert reporter_a.history.first().history_user == coordinator


def test_deactivate_and_reactivate(coordinator, reporter_a):
    # given an active reporter
    # when deactivated, then reactivated
    services.user_deactivate(actor=coordinator, target=reporter_a)
    reporter_a.refresh_from_db()
    assert not reporter_a.is_active
    services.user_reactivate(actor=coordinator, target=reporter_a)
    reporter_a.refresh_from_db()
    # then both are logged
    assert reporter_a.is_active and kinds() == ["account_deactivated", "account_reactivated"]


def test_coordinator_cannot_deactivate_self_or_change_own_role(coordinator):
    # given a coordinator
    # when acting on their own account
    # then both are refused
    with pytest.raises(ValidationError):
        services.user_deactivate(actor=coordinator, target=coordinator)
    with pytest.raises(ValidationError):
        services.user_update(actor=coordinator, target=coordinator, full_name="x", email="c@example.org", agency=coordinator.agency, role="reporter")


def test_force_reset_invalidates_password_and_mails(coordinator, reporter_a, password, django_capture_on_commit_callbacks):
    # given a reporter who knows their password
    assert reporter_a.check_password(password)
    # when the coordinator forces a reset
    with django_capture_on_commit_callbacks(execute=True):
        services.user_force_password_reset(actor=coordinator, target=reporter_a)
    # then the old password no longer works and a link was sent
    reporter_a.refresh_from_db()
    assert not reporter_a.check_password(password)
    assert len(mail.outbox) == 1 and kinds() == ["password_reset_forced"]


def test_only_a_superuser_may_touch_a_superuser(coordinator):
    # given a system admin account
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    # when a coordinator tries to deactivate it
    # then it is refused
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=coordinator, target=admin)


@pytest.mark.parametrize("who", ["reporter_a", "leader"])
def test_account_writes_denied_to_non_coordinators(request, who, reporter_b, agency_a):
    # given a reporter or a leader
    actor = request.getfixturevalue(who)
    # when they try each account write
    # then every one is refused and nothing is logged
    with pytest.raises(PermissionDenied):
        services.user_create(actor=actor, username="x1", full_name="X", email="x@example.org", agency=agency_a, role="coordinator")
    with pytest.raises(PermissionDenied):
        services.user_update(actor=actor, target=reporter_b, full_name="X", email="x@example.org", agency=agency_a, role="coordinator")
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=actor, target=reporter_b)
    with pytest.raises(PermissionDenied):
        services.user_force_password_reset(actor=actor, target=reporter_b)
    assert kinds() == [] and not User.objects.filter(username="x1").exists()


def test_agency_required():
    # given a role but no agency
    # when checked
    # then refused with a field error
    with pytest.raises(ValidationError) as err:
        services._check_role("reporter", None)
    assert "agency" in err.value.error_dict
