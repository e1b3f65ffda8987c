"""The cached activity figures are replaced by the writes that change them, and only by those."""

import datetime as dt

import pytest
from django.urls import reverse

from ngvh.activities import services
from ngvh.activities.data import ActivityData

from ..documents.factories import scenario

pytestmark = pytest.mark.django_db


def _data(s, **overrides) -> ActivityData:
    values = dict(title="Đón đoàn Incheon", kind="delegation_in", status="done", start_date=dt.date(s.year, 6, 2),
                  end_date=dt.date(s.year, 6, 3), agency_id=s.agencies["dl"].pk, place_name="Quận Ngô Quyền",
                  participants_total=30, country_codes=["KR"])
    values.update(overrides)
    return ActivityData(**values)


def test_each_activity_write_shows_on_the_next_request(client):
    # given a province dashboard and the national one, both cached
    s = scenario(activities=2)
    client.force_login(s.coordinator)
    plan_url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    national_url = reverse("dashboard:national") + f"?year={s.year}"
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2
    # when an activity is created, then edited to cancelled, then recreated and deleted
    activity = services.activity_create(user=s.coordinator, plan=s.plan, data=_data(s), confirm_unassigned=True)
    # then each step is visible at once on both pages
    figures = client.get(plan_url).context["figures"]
    assert (figures.count, figures.countries.get("KR")) == (3, 2)
    assert client.get(national_url).context["figures"].count == 3
    services.activity_update(user=s.coordinator, activity=activity, data=_data(s, status="cancelled"), confirm_unassigned=True)
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2
    services.activity_update(user=s.coordinator, activity=activity, data=_data(s), confirm_unassigned=True)
    assert client.get(plan_url).context["figures"].count == 3
    services.activity_delete(user=s.coordinator, activity=activity)
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2


def test_each_language_has_its_own_cached_charts(client):
    # given the Vietnamese page cached
    s = scenario(activities=2)
    client.force_login(s.coordinator)
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    client.cookies["django_language"] = "vi"
    vi = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").context["month_svg"]
    # when the same page is asked for in English
    client.cookies["django_language"] = "en"
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["month_svg"]
    # then the charts are in each language
    assert "Activities by month" in en
    assert vi != en
