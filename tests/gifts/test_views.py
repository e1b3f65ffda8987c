"""Gifts pages: the catalogue's queries, recording a gift, the refusal shown on the form."""

import datetime as dt

import pytest
from django.urls import reverse

from ngvh.delegations import services as delegation_services
from ngvh.gifts import services
from ngvh.gifts.models import GiftPresentation
from tests.activities.factories import ForeignPartnerFactory, small_plan
from tests.delegations.factories import crew_data

pytestmark = pytest.mark.django_db


def test_catalogue_pins_its_queries(client, coordinator, reporter_a, django_assert_num_queries):
    for name in ("Tranh gốm", "Áo dài", "Nón lá"):
        services.gift_create(user=coordinator, name=name, price_band="lt1m")
    client.force_login(reporter_a)
    with django_assert_num_queries(6):
        body = client.get(reverse("gifts:list")).content.decode()
    assert all(n in body for n in ("Tranh gốm", "Áo dài", "Nón lá"))


def test_lead_agency_records_a_gift_and_the_partner_page_form_no_longer_offers_it(client, coordinator, reporter_a, agency_a, agency_b):
    plan = small_plan(lead_agency=agency_a, other_agency=agency_b)[0]
    partner = ForeignPartnerFactory(name="Kitakyushu", country="JP")
    d = delegation_services.delegation_register(
        user=reporter_a, plan=plan, data=crew_data(lead_agency=agency_a, kind="incoming", partner_id=partner.pk)
    )
    gift = services.gift_create(user=coordinator, name="Tranh gốm Chu Đậu", price_band="1m-5m")
    client.force_login(reporter_a)
    url = reverse("gifts:detail", args=[gift.pk])
    assert f'value="{d.pk}"' in client.get(url).content.decode()
    response = client.post(url, {"delegation": d.pk, "given_on": "05/05/2026"})
    assert response.status_code == 302
    assert GiftPresentation.objects.get().given_on == dt.date(2026, 5, 5)
    body = client.get(url).content.decode()
    assert "Kitakyushu" in body and f'value="{d.pk}"' not in body
