"""The page frame's header facts (the reader's agency, the demo banner) come with the user's
own query and are never cached: a change shows on the next page of the same session."""

import pytest
from django.urls import reverse

from ngvh.accounts.models import User
from ngvh.accounts.services import user_update
from ngvh.site.demo import demo_accounts_ensure
from tests.factories import AgencyFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _page(client) -> str:
    return client.get(reverse("plans:list")).content.decode()


def test_demo_banner_appears_after_the_demo_load_and_goes_with_its_accounts(client, reporter_a, settings):
    # given a signed-in reporter on a database without demo data
    client.force_login(reporter_a)
    assert "demo-banner" not in _page(client)
    # when the demo accounts are loaded (another process, same database)
    settings.NGVH_DEMO = True
    demo_accounts_ensure(plan=PlanFactory())
    # then the next page of the same session carries the banner
    assert "demo-banner" in _page(client)
    # when the demo accounts are removed
    User.objects.filter(is_demo=True).delete()
    # then the banner is gone on the next page
    assert "demo-banner" not in _page(client)


def test_demo_banner_for_an_anonymous_reader(client):
    # given demo accounts and nobody signed in
    assert "demo-banner" not in client.get("/").content.decode()
    User.objects.create(username="demo-x", is_demo=True)
    # then the public frame still shows the banner (its own query, no signed-in user)
    assert "demo-banner" in client.get("/").content.decode()


def test_header_names_the_new_agency_after_the_readers_agency_changes(client, reporter_a, coordinator):
    # given a signed-in reporter whose header names Sở Văn hóa và Thể thao
    client.force_login(reporter_a)
    assert "Sở Văn hóa và Thể thao" in _page(client)
    # when a coordinator moves them to another agency
    user_update(actor=coordinator, target=reporter_a, full_name=reporter_a.full_name, email=reporter_a.email,
                agency=AgencyFactory(name="Sở Ngoại vụ"), role=reporter_a.role)
    # then the next page of the same session names the new agency, not the old one
    html = _page(client)
    assert 'class="site-header__agency">Sở Ngoại vụ<' in html
    assert "Sở Văn hóa và Thể thao" not in html
