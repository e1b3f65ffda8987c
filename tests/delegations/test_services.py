"""Delegation workflow: registered → approved (coordination; police for crews) → done; the activity."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ngvh.activities.models import Activity
from ngvh.delegations import selectors, services
from ngvh.delegations.models import Delegation, DelegationEvent
from tests.activities.factories import ForeignPartnerFactory, small_plan
from tests.factories import TaskAssignmentFactory, TaskFactory

from .factories import crew_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def _register(user, plan, agency, **kw):
    return services.delegation_register(user=user, plan=plan, data=crew_data(lead_agency=agency, **kw))


def test_the_whole_workflow_leaves_a_timeline_with_the_acting_users(plan, reporter_b, reporter_a, agency_a):
    # given agency B registers a press crew that agency A leads
    d = _register(reporter_b, plan, agency_a)
    assert (d.status, d.registering_agency_id) == ("registered", reporter_b.agency_id)
    # when A approves it with the police and marks it done
    services.delegation_approve(user=reporter_a, delegation=d, coordination="Công an thành phố hướng dẫn tác nghiệp", police_coordinated=True)
    d = services.delegation_complete(user=reporter_a, delegation=d, result="Phim 30 phút phát sóng trên NHK")
    # then each step is an event with its actor and statuses, and history keeps the rows
    events = [(e.kind, e.actor, e.from_status, e.to_status) for e in DelegationEvent.objects.order_by("id")]
    assert events == [
        ("registered", reporter_b, "", "registered"),
        ("approved", reporter_a, "registered", "approved"),
        ("done", reporter_a, "approved", "done"),
    ]
    assert d.history.latest("history_id").history_user == reporter_a


def test_a_crew_is_approved_only_with_the_police(plan, reporter_a, agency_a):
    d = _register(reporter_a, plan, agency_a)
    with pytest.raises(ValidationError) as exc:
        services.delegation_approve(user=reporter_a, delegation=d, coordination="Sở Văn hóa", police_coordinated=False)
    assert "police_coordinated" in exc.value.message_dict
    assert Delegation.objects.get().status == "registered"


def test_an_incoming_delegation_needs_coordination_but_not_the_police(plan, reporter_a, agency_a):
    d = _register(reporter_a, plan, agency_a, kind="incoming", title="Đoàn Incheon", country="KR")
    with pytest.raises(ValidationError):
        services.delegation_approve(user=reporter_a, delegation=d, coordination="  ")
    d = services.delegation_approve(user=reporter_a, delegation=d, coordination="Sở Du lịch đón đoàn")
    assert d.status == "approved"


def test_transitions_follow_the_order(plan, coordinator, agency_a):
    d = _register(coordinator, plan, agency_a)
    # when marked done before approval / then refused
    with pytest.raises(ValidationError):
        services.delegation_complete(user=coordinator, delegation=d, result="x")
    services.delegation_approve(user=coordinator, delegation=d, coordination="Công an", police_coordinated=True)
    # when approved twice, or done without a result / then refused
    with pytest.raises(ValidationError):
        services.delegation_approve(user=coordinator, delegation=d, coordination="Công an", police_coordinated=True)
    with pytest.raises(ValidationError):
        services.delegation_complete(user=coordinator, delegation=d, result=" ")


def test_the_database_refuses_an_approved_crew_without_the_police(plan, coordinator, agency_a):
    d = _register(coordinator, plan, agency_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.filter(pk=d.pk).update(status="approved", coordination="x", police_coordinated=False)


def test_only_the_lead_agency_or_the_focal_point_moves_it(plan, reporter_b, leader, agency_a):
    # given a crew that agency A leads, registered by B
    d = _register(reporter_b, plan, agency_a)
    # when B (the registering agency) or a leader tries to approve / then refused
    for user in (reporter_b, leader):
        with pytest.raises(PermissionDenied):
            services.delegation_approve(user=user, delegation=d, coordination="Công an", police_coordinated=True)
        with pytest.raises(PermissionDenied):
            services.delegation_complete(user=user, delegation=d, result="x")
        with pytest.raises(PermissionDenied):
            services.delegation_activity_create(user=user, delegation=d)
    # and a leader cannot register
    with pytest.raises(PermissionDenied):
        _register(leader, plan, agency_a)


def test_register_refuses_bad_data(plan, reporter_a, agency_a):
    with pytest.raises(ValidationError) as exc:
        _register(reporter_a, plan, agency_a, country="XX", title=" ", end_date=dt.date(2026, 5, 1))
    assert {"country", "title", "end_date"} <= set(exc.value.message_dict)


def test_the_matching_activity_is_the_lead_agencys_against_the_crew_task(plan, reporter_a, agency_a):
    # given task I.4 about foreign press crews and a done crew with a partner
    task = TaskFactory(plan=plan, group=plan.groups.first(), code="I.4",
                       title="Hướng dẫn, quản lý các đoàn phóng viên báo chí, đoàn làm phim nước ngoài")
    TaskAssignmentFactory(task=task, agency=agency_a)
    partner = ForeignPartnerFactory(name="NHK", country="JP")
    d = _register(reporter_a, plan, agency_a, partner_id=partner.pk)
    services.delegation_approve(user=reporter_a, delegation=d, coordination="Công an", police_coordinated=True)
    services.delegation_complete(user=reporter_a, delegation=d, result="Phim phát sóng")
    # when the activity is created
    a = services.delegation_activity_create(user=reporter_a, delegation=d)
    # then it is a done press-crew activity of A, for I.4, with the crew counted as foreign participants
    assert (a.kind, a.status, a.agency, a.start_date, a.end_date, a.outcome) == (
        "press_crew", "done", agency_a, dt.date(2026, 5, 4), dt.date(2026, 5, 8), "Phim phát sóng"
    )
    assert list(a.tasks.all()) == [task] and list(a.foreign_partners.all()) == [partner]
    assert (a.participants_total, a.participants_foreign) == (6, 6)
    assert Delegation.objects.get().activity == a
    # and a second one is refused
    with pytest.raises(ValidationError):
        services.delegation_activity_create(user=reporter_a, delegation=d)
    assert Activity.objects.count() == 1


def test_an_outgoing_delegation_before_it_happens_gives_a_planned_activity_abroad(plan, coordinator, agency_a):
    d = _register(coordinator, plan, agency_a, kind="outgoing", title="Đoàn thăm Kitakyushu", members=5)
    a = services.delegation_activity_create(user=coordinator, delegation=d)
    assert (a.kind, a.status, a.place_country, a.participants_foreign) == ("delegation_out", "planned", "JP", 0)


def test_reporters_see_what_their_agency_registered_or_leads(plan, reporter_a, reporter_b, leader, agency_a, agency_b):
    led_by_a = _register(reporter_a, plan, agency_a)
    led_by_b = _register(reporter_b, plan, agency_b)
    assert set(selectors.delegation_list(user=reporter_a)) == {led_by_a}
    assert set(selectors.delegation_list(user=leader)) == {led_by_a, led_by_b}


def test_calendar_shows_delegations_without_an_activity(plan, coordinator, agency_a):
    d = _register(coordinator, plan, agency_a)
    may = dict(first=dt.date(2026, 5, 1), last=dt.date(2026, 5, 31))
    assert selectors.calendar_delegations(user=coordinator, **may) == [d]
    services.delegation_activity_create(user=coordinator, delegation=d)
    assert selectors.calendar_delegations(user=coordinator, **may) == []
