"""Gifts catalogue: the focal point keeps it; a gift is never given twice to one partner."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ngvh.delegations import services as delegation_services
from ngvh.gifts import selectors, services
from ngvh.gifts.models import Gift, GiftPresentation
from tests.activities.factories import ForeignPartnerFactory, small_plan
from tests.delegations.factories import crew_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


@pytest.fixture
def gift(coordinator):
    return services.gift_create(user=coordinator, name="Tranh gốm Chu Đậu", maker="Làng gốm Chu Đậu", price_band="1m-5m")


def _delegation(user, plan, agency, partner, title="Đón đoàn Kitakyushu"):
    return delegation_services.delegation_register(
        user=user, plan=plan, data=crew_data(lead_agency=agency, kind="incoming", title=title, partner_id=partner.pk if partner else None)
    )


def test_only_the_focal_point_adds_gifts(reporter_a, leader):
    for user in (reporter_a, leader):
        with pytest.raises(PermissionDenied):
            services.gift_create(user=user, name="Áo dài", price_band="lt1m")
    assert not Gift.objects.exists()


def test_gift_create_checks_and_keeps_history(coordinator):
    with pytest.raises(ValidationError) as exc:
        services.gift_create(user=coordinator, name=" ", price_band="free")
    assert set(exc.value.message_dict) == {"name", "price_band"}
    g = services.gift_create(user=coordinator, name="Áo dài lụa", price_band="lt1m")
    assert g.history.get().history_user == coordinator


def test_the_same_gift_is_refused_twice_to_one_partner(plan, reporter_a, agency_a, gift):
    # given a partner whose first delegation received the gift
    partner = ForeignPartnerFactory(name="Kitakyushu", country="JP")
    first = _delegation(reporter_a, plan, agency_a, partner)
    services.gift_give(user=reporter_a, gift=gift, delegation=first, given_on=dt.date(2026, 5, 5))
    # when a second delegation of the same partner would receive it / then refused, naming the first time
    second = _delegation(reporter_a, plan, agency_a, partner, title="Đoàn Kitakyushu lần hai")
    with pytest.raises(ValidationError) as exc:
        services.gift_give(user=reporter_a, gift=gift, delegation=second, given_on=dt.date(2027, 5, 5))
    assert "05/05/2026" in exc.value.message_dict["gift"][0]
    # and the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        GiftPresentation.objects.create(gift=gift, delegation=second, partner=partner, given_on=dt.date(2027, 5, 5))
    # while another partner may receive it
    other = _delegation(reporter_a, plan, agency_a, ForeignPartnerFactory(name="Incheon", country="KR"), title="Đoàn Incheon")
    services.gift_give(user=reporter_a, gift=gift, delegation=other, given_on=dt.date(2026, 6, 1))
    assert GiftPresentation.objects.count() == 2
    # and the form offers only delegations whose partner has not had it
    assert selectors.givable_delegations(user=reporter_a, gift=gift) == []


def test_a_delegation_without_partner_cannot_receive_a_tracked_gift(plan, reporter_a, agency_a, gift):
    d = _delegation(reporter_a, plan, agency_a, None)
    with pytest.raises(ValidationError):
        services.gift_give(user=reporter_a, gift=gift, delegation=d, given_on=dt.date(2026, 5, 5))


def test_only_the_lead_agency_or_the_focal_point_records_a_gift(plan, coordinator, reporter_b, leader, agency_a, gift):
    d = _delegation(coordinator, plan, agency_a, ForeignPartnerFactory(name="Kitakyushu", country="JP"))
    for user in (reporter_b, leader):
        with pytest.raises(PermissionDenied):
            services.gift_give(user=user, gift=gift, delegation=d, given_on=dt.date(2026, 5, 5))
    p = services.gift_give(user=coordinator, gift=gift, delegation=d, given_on=dt.date(2026, 5, 5))
    assert (p.partner, p.given_by, p.history.get().history_user) == (d.partner, coordinator, coordinator)
