"""The demo's illustrative accounts are made through the account service, by the system
actor only, once, with the security log noting each."""

import pytest
from django.core.exceptions import PermissionDenied

from ngvh.accounts.models import SecurityEvent, User
from ngvh.accounts.services import demo_account_ensure
from ngvh.accounts.system import system_actor

pytestmark = pytest.mark.django_db


def test_the_system_actor_makes_a_demo_login_once(agency_a):
    # when the demo makes its login twice
    first, created = demo_account_ensure(actor=system_actor(), username="vhtt-demo", full_name="Cán bộ Văn hóa",
                                         agency=agency_a, role="reporter", password="ngvh-demo-2026")
    again, created_again = demo_account_ensure(actor=system_actor(), username="vhtt-demo", full_name="Cán bộ khác",
                                               agency=agency_a, role="reporter", password="other")
    # then one account, marked as demo, with the published password, and one log line
    assert created and not created_again and again.pk == first.pk
    assert first.is_demo and first.check_password("ngvh-demo-2026") and again.full_name == "Cán bộ Văn hóa"
    assert SecurityEvent.objects.filter(target=first).count() == 1


def test_an_author_without_a_password_cannot_sign_in(agency_a):
    user, _created = demo_account_ensure(actor=system_actor(), username="minhhoa-1", full_name="Cán bộ minh họa",
                                         agency=agency_a, role="reporter", password=None)
    assert not user.has_usable_password()


def test_a_person_cannot_make_demo_accounts(coordinator, agency_a):
    # given a coordinator (who administers real accounts)
    # when they try to make a demo account, then it is refused and nothing is stored
    with pytest.raises(PermissionDenied):
        demo_account_ensure(actor=coordinator, username="gia", full_name="Giả", agency=agency_a, role="reporter",
                            password="x")
    assert not User.objects.filter(username="gia").exists()
