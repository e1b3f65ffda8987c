"""Partner registry services: relationships, documents, the anniversary planner and its drafts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ngvh.activities.models import Activity, ActivityStatus, ForeignPartner
from ngvh.partners import selectors, services
from ngvh.partners.demo import load as demo_load
from ngvh.partners.models import AnniversaryDraft, Relationship, RelationshipDocument
from tests.activities.factories import small_plan
from tests.factories import ActivityFactory, TaskAssignmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _create(user, plan, **kw):
    values = dict(name="Kitakyushu", country="JP", kind="twinned", established_on=dt.date(2017, 4, 1))
    values.update(kw)
    return services.relationship_create(user=user, province=plan.province, **values)


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def test_coordinator_records_a_relationship_on_the_shared_partner_registry(coordinator, plan):
    # given a partner already in the registry (named by an activity)
    existing = ForeignPartner.objects.create(name="Kitakyushu", name_key="kitakyushu", country="JP")
    # when the coordinator records the twinning
    r = _create(coordinator, plan, name="  Kitakyushu ")
    # then it points at the same partner, and its history names the coordinator
    assert r.partner == existing
    assert ForeignPartner.objects.count() == 1
    assert r.history.get().history_user == coordinator


def test_an_organisation_enters_the_registry_as_an_organisation(coordinator, plan):
    # when an organisation relationship is recorded / then its partner is an organisation
    r = _create(coordinator, plan, name="Quỹ Giao lưu Quốc tế", kind="organisation")
    assert r.partner.kind == "organisation"


def test_relationship_create_refuses_bad_data_and_duplicates(coordinator, plan):
    # when the country is not one / then refused
    with pytest.raises(ValidationError) as exc:
        _create(coordinator, plan, country="XX")
    assert "country" in exc.value.message_dict
    # when the same relationship is recorded twice / then refused
    _create(coordinator, plan)
    with pytest.raises(ValidationError):
        _create(coordinator, plan, name="KITAKYUSHU")


@pytest.mark.parametrize("who", ["reporter_a", "leader"])
def test_only_the_focal_point_writes_the_registry(request, who, coordinator, plan):
    # given a relationship
    user = request.getfixturevalue(who)
    r = _create(coordinator, plan)
    # when anyone else writes / then refused
    with pytest.raises(PermissionDenied):
        _create(user, plan, name="Incheon", country="KR")
    with pytest.raises(PermissionDenied):
        services.relationship_update(user=user, relationship=r, established_on=dt.date(2014, 1, 1))
    with pytest.raises(PermissionDenied):
        services.relationship_document_add(user=user, relationship=r, title="T", signed_on=dt.date(2014, 1, 1), signatories="A")
    with pytest.raises(PermissionDenied):
        services.anniversary_draft(user=user, plan=plan, year=2027, key=f"r{r.pk}")
    assert not RelationshipDocument.objects.exists()


def test_update_and_document_keep_history(coordinator, plan, agency_a):
    # given a relationship
    r = _create(coordinator, plan)
    # when its date and agency change and a signed MoU is added
    services.relationship_update(user=coordinator, relationship=r, established_on=dt.date(2014, 3, 12), lead_agency=agency_a)
    doc = services.relationship_document_add(
        user=coordinator, relationship=r, title="Biên bản ghi nhớ", number="01/MOU", signed_on=dt.date(2014, 3, 12),
        signatories="Chủ tịch UBND\n\n  Thị trưởng Kitakyushu ",
    )
    # then both are kept with who did it, blank signatory lines dropped
    assert [h.history_type for h in Relationship.history.filter(id=r.pk).order_by("history_id")] == ["+", "~"]
    assert Relationship.history.filter(id=r.pk).latest("history_id").established_on == dt.date(2014, 3, 12)
    assert doc.signatories == "Chủ tịch UBND\nThị trưởng Kitakyushu"
    assert doc.history.get().history_user == coordinator


def test_document_needs_title_date_and_a_signatory(coordinator, plan):
    r = _create(coordinator, plan)
    with pytest.raises(ValidationError) as exc:
        services.relationship_document_add(user=coordinator, relationship=r, title=" ", signed_on=None, signatories="\n")
    assert set(exc.value.message_dict) == {"title", "signed_on", "signatories"}


def test_partner_page_lists_every_exchange_the_user_may_read(coordinator, reporter_b, plan, agency_a):
    # given a partner with a done and a planned activity of agency A, and one without the partner
    r = _create(coordinator, plan)
    done = ActivityFactory(plan=plan, agency=agency_a, title="Giao lưu Kitakyushu")
    planned = ActivityFactory(plan=plan, agency=agency_a, status=ActivityStatus.PLANNED, title="Dự kiến Kitakyushu")
    ActivityFactory(plan=plan, agency=agency_a)
    done.foreign_partners.add(r.partner)
    planned.foreign_partners.add(r.partner)
    # when the coordinator and another agency's reporter open the partner
    # then the coordinator sees both, the reporter only the done one
    assert {a.pk for a in selectors.partner_page(user=coordinator, partner=r.partner).activities} == {done.pk, planned.pk}
    assert [a.pk for a in selectors.partner_page(user=reporter_b, partner=r.partner).activities] == [done.pk]


def test_planner_lists_every_relationship_and_diplomatic_anniversary_of_2027(coordinator, plan):
    # given relationships established on these dates
    _create(coordinator, plan, name="Kitakyushu", country="JP", kind="twinned", established_on=dt.date(2014, 3, 12))  # 13 y
    _create(coordinator, plan, name="Incheon", country="KR", kind="twinned", established_on=dt.date(2007, 11, 20))  # 20 y
    _create(coordinator, plan, name="Viêng Chăn", country="LA", kind="mou", established_on=dt.date(2017, 6, 5))  # 10 y
    _create(coordinator, plan, name="Quỹ ABC", country="JP", kind="organisation", established_on=dt.date(2022, 1, 1))  # 5 y
    # when the planner is opened for 2027
    rows = selectors.anniversary_rows(user=coordinator, plan=plan, year=2027)
    # then it lists, by date: the organisation (5), Viêng Chăn (10), Laos 65, Incheon (20), Korea 35 — not Japan (54) nor Kitakyushu (13)
    got = [(r.subject, r.relationship.partner.name if r.relationship else r.country, r.years, r.on) for r in rows]
    assert got == [
        ("relationship", "Quỹ ABC", 5, dt.date(2027, 1, 1)),
        ("relationship", "Viêng Chăn", 10, dt.date(2027, 6, 5)),
        ("diplomatic", "LA", 65, dt.date(2027, 9, 5)),
        ("relationship", "Incheon", 20, dt.date(2027, 11, 20)),
        ("diplomatic", "KR", 35, dt.date(2027, 12, 22)),
    ]


def test_draft_creates_a_planned_activity_against_the_suggested_task_and_lead(coordinator, plan, agency_b):
    # given a task about twinned cities led by agency B and a twinning reaching 10 years in 2027
    task = TaskFactory(plan=plan, group=plan.groups.first(), code="II.8", title="Hợp tác với các thành phố kết nghĩa")
    TaskAssignmentFactory(task=task, agency=agency_b)
    r = _create(coordinator, plan, established_on=dt.date(2017, 4, 1))
    # when the coordinator drafts the anniversary
    draft = services.anniversary_draft(user=coordinator, plan=plan, year=2027, key=f"r{r.pk}")
    # then a planned activity exists on the day, for the task and its lead, naming the partner
    a = draft.activity
    assert (a.status, a.start_date, a.agency, list(a.tasks.all()), list(a.foreign_partners.all())) == (
        "planned", dt.date(2027, 4, 1), agency_b, [task], [r.partner]
    )
    assert "10" in a.title and "Kitakyushu" in a.title
    assert a.history.get().history_user == coordinator
    # and the planner shows it, and a second draft is refused
    row = next(x for x in selectors.anniversary_rows(user=coordinator, plan=plan, year=2027) if x.key == f"r{r.pk}")
    assert row.draft == draft
    with pytest.raises(ValidationError):
        services.anniversary_draft(user=coordinator, plan=plan, year=2027, key=f"r{r.pk}")
    assert Activity.objects.count() == 1


def test_draft_of_diplomatic_relations_uses_the_agency_of_the_coordinator_without_a_task(coordinator, plan):
    # given a Korean partner (Viet Nam–Korea: 22/12/1992, 35 years in 2027) and no fitting task
    _create(coordinator, plan, name="Incheon", country="KR", established_on=dt.date(2008, 1, 1))
    # when drafted
    draft = services.anniversary_draft(user=coordinator, plan=plan, year=2027, key="cKR")
    # then the activity is the coordinator's agency's, reaching Korea
    assert draft.country == "KR" and draft.relationship is None
    assert draft.activity.agency == coordinator.agency
    assert draft.activity.start_date == dt.date(2027, 12, 22)
    assert list(draft.activity.countries.values_list("code", flat=True)) == ["KR"]


def test_draft_refuses_a_year_without_anniversary(coordinator, plan):
    r = _create(coordinator, plan, established_on=dt.date(2017, 4, 1))
    with pytest.raises(ValidationError):
        services.anniversary_draft(user=coordinator, plan=plan, year=2026, key=f"r{r.pk}")
    assert not AnniversaryDraft.objects.exists()


def test_demo_partners_are_illustrative_and_idempotent(coordinator, plan):
    # when the demo is loaded twice
    first = demo_load(plan=plan)
    second = demo_load(plan=plan)
    # then the partners came once, every one marked as demo and saying so
    assert first == 4 and second == 0
    assert Relationship.objects.count() == 4
    assert all(r.is_demo and "minh họa" in r.notes for r in Relationship.objects.all())
