"""Delegation pages, the calendar and the private iCal feed."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from ngvh.activities import services as activity_services
from ngvh.delegations import services
from ngvh.delegations.models import Delegation
from tests.activities.factories import small_plan

from .factories import crew_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def test_list_pins_its_queries(client, plan, reporter_a, agency_a, django_assert_num_queries):
    for i in range(3):
        services.delegation_register(user=reporter_a, plan=plan, data=crew_data(lead_agency=agency_a, title=f"Đoàn {i}"))
    client.force_login(reporter_a)
    with django_assert_num_queries(7):  # session, user (with agency and demo flag), plans, rows, session save ...
        response = client.get(reverse("delegations:list") + f"?plan={plan.pk}")
    assert len(re.findall(r'href="/delegations/\d+/"', response.content.decode())) == 3


def test_register_approve_done_and_activity_through_the_pages(client, plan, reporter_a, agency_a):
    client.force_login(reporter_a)
    response = client.post(reverse("delegations:create"), {
        "plan": plan.pk, "kind": "press_crew", "title": "Đoàn làm phim KBS", "country": "KR", "start_date": "04/05/2026",
        "lead_agency": agency_a.pk, "members": "4",
    })
    d = Delegation.objects.get()
    assert response.url == reverse("delegations:detail", args=[d.pk])
    # approving a crew without the police box shows the error and keeps it registered
    bad = client.post(reverse("delegations:approve", args=[d.pk]), {"coordination": "Sở Văn hóa"})
    assert bad.status_code == 400 and Delegation.objects.get().status == "registered"
    client.post(reverse("delegations:approve", args=[d.pk]), {"coordination": "Công an thành phố", "police_coordinated": "on"})
    client.post(reverse("delegations:complete", args=[d.pk]), {"result": "Phóng sự phát sóng"})
    created = client.post(reverse("delegations:activity", args=[d.pk]))
    d.refresh_from_db()
    assert (d.status, created.url) == ("done", reverse("activities:detail", args=[d.activity_id]))


def test_another_agencys_reporter_gets_404(client, plan, reporter_a, reporter_b, agency_a):
    d = services.delegation_register(user=reporter_a, plan=plan, data=crew_data(lead_agency=agency_a))
    client.force_login(reporter_b)
    assert client.get(reverse("delegations:detail", args=[d.pk])).status_code == 404


def test_calendar_and_feed_include_the_delegation(client, plan, reporter_a, agency_a):
    # given a registered crew in May 2026 and the reporter's calendar subscription
    d = services.delegation_register(user=reporter_a, plan=plan, data=crew_data(lead_agency=agency_a))
    token = activity_services.calendar_token_ensure(user=reporter_a, plan=plan, agency=agency_a)
    client.force_login(reporter_a)
    # when the month and the feed are read
    body = client.get(reverse("activities:calendar"), {"year": 2026, "month": 5, "plan": plan.pk}).content.decode()
    feed = Calendar.from_ical(client.get(reverse("activities:feed", args=[token.token])).content)
    # then both show the crew
    assert reverse("delegations:detail", args=[d.pk]) in body
    events = [e for e in feed.walk("VEVENT") if str(e["uid"]).startswith(f"delegation-{d.pk}@")]
    assert len(events) == 1 and "Đoàn làm phim NHK" in str(events[0]["summary"])
    assert events[0]["dtstart"].dt.isoformat() == "2026-05-04"


def test_the_detail_page_offers_the_next_step_for_the_delegations_status(client, plan, reporter_a, agency_a):
    # given a registered delegation of A seen by A's reporter
    d = services.delegation_register(user=reporter_a, plan=plan, data=crew_data(lead_agency=agency_a))
    client.force_login(reporter_a)
    # when its page is shown while registered, then once approved
    registered = client.get(reverse("delegations:detail", args=[d.pk])).content.decode()
    services.delegation_approve(user=reporter_a, delegation=d, coordination="Công an thành phố", police_coordinated=True)
    approved = client.get(reverse("delegations:detail", args=[d.pk])).content.decode()
    # then the approval form comes first, then the form marking it done
    assert 'id="approve"' in registered and 'id="complete"' not in registered
    assert 'id="complete"' in approved and 'id="approve"' not in approved
