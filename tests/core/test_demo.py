"""Demo accounts exist only in demo mode."""

import pytest
from django.core.management import call_command

from ngvh.accounts.models import User
from ngvh.site.demo import demo_accounts_ensure


def test_demo_accounts_are_refused_outside_demo_mode(db, settings):
    # given demo mode off (the default)
    settings.NGVH_DEMO = False
    # when demo accounts are asked for
    # then nothing is created
    with pytest.raises(RuntimeError, match="demo mode"):
        demo_accounts_ensure(plan=None)
    assert not User.objects.filter(is_demo=True).exists()


@pytest.mark.slow
def test_ngvh_demo_creates_accounts_only_in_demo_mode(db, settings, capsys):
    # given demo mode off
    settings.NGVH_DEMO = False
    # when `ngvh demo` runs
    call_command("demo")
    # then the plan is there but no demo login exists: the only demo accounts are the
    # illustrative authors of its reports and activities, with no password anyone could
    # type and no address a reset link could go to
    demo_users = list(User.objects.filter(is_demo=True))
    assert demo_users and not [u.username for u in demo_users if u.has_usable_password() or u.email]
    assert not User.objects.filter(username="dieuphoi").exists()
    assert "NGVH_DEMO is off" in capsys.readouterr().out
    # when demo mode is on and it runs again
    settings.NGVH_DEMO = True
    call_command("demo")
    # then the demo logins exist
    assert User.objects.filter(is_demo=True, username="dieuphoi").exists()
