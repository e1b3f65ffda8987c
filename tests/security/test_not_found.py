"""A reporter of agency A cannot tell agency B's private objects from missing ones."""

import pytest
from django.urls import reverse

from ngvh.accounts.models import User

pytestmark = pytest.mark.django_db


def _missing_pk(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def _same_404(client, existing: str, missing: str) -> None:
    a, b = client.get(existing), client.get(missing)
    assert a.status_code == b.status_code == 404
    assert a.content == b.content


def test_other_agencys_account_looks_missing(client, reporter_a, reporter_b):
    # given reporter A signed in, and B's account
    client.force_login(reporter_a)
    # when A opens B's account pages and those of an account that does not exist
    # then the answers are identical 404s
    for name in ("accounts:user_detail", "accounts:user_edit", "accounts:user_history"):
        _same_404(client, reverse(name, args=[reporter_b.pk]), reverse(name, args=[_missing_pk(User)]))


def test_agency_history_and_restructurings_look_missing(client, reporter_a, agency_b, coordinator):
    # given reporter A signed in, B's agency history and a restructuring recorded by the coordinator
    import datetime as dt

    from ngvh.agencies.models import Agency, RestructuringEvent
    from ngvh.agencies.services import restructuring_record

    event = restructuring_record(
        user=coordinator, kind="rename", effective_date=dt.date(2025, 3, 1), predecessors=[agency_b],
        successors=[Agency.objects.create(province=agency_b.province, name="Sở Du lịch mới", name_key="sở du lịch mới")],
    )
    client.force_login(reporter_a)
    # when A opens them and their missing counterparts
    # then the answers are identical 404s
    _same_404(client, reverse("agencies:history", args=[agency_b.pk]), reverse("agencies:history", args=[_missing_pk(Agency)]))
    _same_404(
        client,
        reverse("agencies:restructuring_detail", args=[event.pk]),
        reverse("agencies:restructuring_detail", args=[_missing_pk(RestructuringEvent)]),
    )
