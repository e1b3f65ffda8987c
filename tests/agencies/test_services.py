import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ngvh.agencies import selectors, services
from ngvh.agencies.models import Agency, AgencyAlias, RestructuringKind
from ngvh.agencies.services import NewAgency, UndoRefused
from ngvh.core.text import agency_key
from ngvh.plans.models import AssignmentRole, TaskAssignment

from ..factories import ActivityFactory, AgencyFactory, TaskAssignmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

EFF = dt.date(2025, 3, 1)
UNTIL = dt.date(2025, 2, 28)
LEAD, COORD = AssignmentRole.LEAD, AssignmentRole.COORDINATOR


def current(task):
    return {(a.agency.name, a.role) for a in TaskAssignment.objects.filter(task=task, active_until__isnull=True)}


def snapshot():
    """Everything a restructuring may touch, to compare before and after an undo."""
    assignments = sorted(
        TaskAssignment.objects.values_list("id", "task_id", "agency_id", "role", "order", "active_from", "active_until", "origin_id")
    )
    agencies = sorted(Agency.objects.values_list("id", "name", "active_from", "active_until"))
    return assignments, agencies


# ---- registry ---------------------------------------------------------------------------


def test_agency_create_stores_alias_keys(coordinator):
    # given a coordinator and the recipients-list abbreviations
    # when the agency is created with them
    agency = services.agency_create(
        user=coordinator, province=coordinator.agency.province, name="Sở Giáo dục và Đào tạo",
        short_name="GD&ĐT", aliases=["GD&ĐT", "Sở Giáo dục - Đào tạo"],
    )
    # then each alias is stored under its agency key
    keys = set(AgencyAlias.objects.filter(agency=agency).values_list("key", flat=True))
    assert keys == {agency_key("GD&ĐT"), agency_key("Sở Giáo dục - Đào tạo")}


def test_agency_create_refuses_alias_of_another_agency(coordinator, agency_a):
    # given an existing agency Sở Văn hóa và Thể thao
    # when a new agency claims a spelling of its name as an alias
    with pytest.raises(ValidationError) as err:
        services.agency_create(user=coordinator, province=agency_a.province, name="Sở Mới", aliases=["Sở Văn hoá & Thể thao"])
    # then it is refused, naming the agency that already has it
    assert "Sở Văn hóa và Thể thao" in str(err.value)


def test_agency_update_replaces_aliases(coordinator, agency_a):
    # given an agency with one alias
    services.agency_update(user=coordinator, agency=agency_a, name=agency_a.name, kind=agency_a.kind, aliases=["VHTT"])
    # when the aliases are edited
    services.agency_update(user=coordinator, agency=agency_a, name=agency_a.name, kind=agency_a.kind, aliases=["VH&TT"])
    # then only the new one remains
    assert list(agency_a.aliases.values_list("alias", flat=True)) == ["VH&TT"]


def test_agency_update_refuses_parent_cycle(coordinator, agency_a):
    # given a unit under agency A
    child = AgencyFactory(parent=agency_a)
    # when A is placed under its own unit
    with pytest.raises(ValidationError):
        services.agency_update(user=coordinator, agency=agency_a, name=agency_a.name, kind=agency_a.kind, parent=child)
    # then nothing changed
    agency_a.refresh_from_db()
    assert agency_a.parent_id is None


@pytest.mark.parametrize("who", ["reporter_a", "leader"])
def test_registry_writes_denied_to_non_coordinators(request, who, agency_a):
    # given a reporter or a leader
    user = request.getfixturevalue(who)
    # when they try to create or edit an agency
    # then they are refused
    with pytest.raises(PermissionDenied):
        services.agency_create(user=user, province=agency_a.province, name="Sở Bất kỳ")
    with pytest.raises(PermissionDenied):
        services.agency_update(user=user, agency=agency_a, name="Đổi tên", kind=agency_a.kind)


# ---- restructuring kinds ----------------------------------------------------------------


def test_rename_moves_every_role_to_the_new_agency(coordinator, agency_a):
    # given agency A leads T1 and coordinates T2
    t1, t2 = TaskFactory(), TaskFactory()
    old_lead = TaskAssignmentFactory(task=t1, agency=agency_a, role=LEAD)
    TaskAssignmentFactory(task=t2, agency=agency_a, role=COORD, order=3)
    # when A is renamed from 01/03/2025
    event = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.RENAME, effective_date=EFF, predecessors=[agency_a],
        new_successors=[NewAgency(name="Sở Văn hóa mới")],
    )
    # then the new agency holds both roles from that date, pointing back at A's rows
    new = Agency.objects.get(name="Sở Văn hóa mới")
    assert new.active_from == EFF
    assert current(t1) == {("Sở Văn hóa mới", LEAD)}
    assert current(t2) == {("Sở Văn hóa mới", COORD)}
    lead = TaskAssignment.objects.get(task=t1, agency=new)
    assert lead.origin_id == old_lead.pk and lead.active_from == EFF
    assert TaskAssignment.objects.get(task=t2, agency=new).order == 3
    # and A's rows are closed the day before, A itself ends then
    old_lead.refresh_from_db()
    agency_a.refresh_from_db()
    assert old_lead.active_until == UNTIL and agency_a.active_until == UNTIL
    assert event.recorded_by == coordinator


def test_merge_keeps_lead_when_roles_meet(coordinator, agency_a, agency_b):
    # given A leads T1 and T3, B leads T2 and coordinates T3, and the successor S
    # already coordinates T1
    s = AgencyFactory(name="Sở Văn hóa, Thể thao và Du lịch")
    t1, t2, t3 = TaskFactory(), TaskFactory(), TaskFactory()
    TaskAssignmentFactory(task=t1, agency=agency_a, role=LEAD)
    TaskAssignmentFactory(task=t1, agency=s, role=COORD)
    TaskAssignmentFactory(task=t2, agency=agency_b, role=LEAD)
    TaskAssignmentFactory(task=t3, agency=agency_b, role=COORD)
    TaskAssignmentFactory(task=t3, agency=agency_a, role=LEAD)
    # when A and B merge into S
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a, agency_b], successors=[s],
    )
    # then S leads all three tasks and holds no second role on any of them
    for task in (t1, t2, t3):
        assert current(task) == {(s.name, LEAD)}
    # and the predecessors ended the day before
    assert set(Agency.objects.filter(pk__in=[agency_a.pk, agency_b.pk]).values_list("active_until", flat=True)) == {UNTIL}


def test_split_gives_each_task_to_the_chosen_successor(coordinator, agency_a):
    # given A leads T1 and coordinates T2, split into S1 and S2
    s1, s2 = AgencyFactory(), AgencyFactory()
    t1, t2 = TaskFactory(), TaskFactory()
    TaskAssignmentFactory(task=t1, agency=agency_a, role=LEAD)
    TaskAssignmentFactory(task=t2, agency=agency_a, role=COORD)
    # when the coordinator chooses S2 for T1 and S1 for T2
    event = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.SPLIT, effective_date=EFF, predecessors=[agency_a], successors=[s1, s2],
        task_choices={t1.pk: s2.pk, t2.pk: s1.pk},
    )
    # then each task went where it was sent, with its role
    assert current(t1) == {(s2.name, LEAD)}
    assert current(t2) == {(s1.name, COORD)}
    # and the per-task successor resolves through the selector
    assert selectors.agency_successor_as_of(agency_a, EFF, task=t1) == s2
    assert selectors.agency_successor_as_of(agency_a, EFF) is None
    assert selectors.agency_successors_as_of(agency_a, EFF) == sorted([s1, s2], key=lambda a: a.name)
    assert event.task_choices == {str(t1.pk): s2.pk, str(t2.pk): s1.pk}


def test_split_without_a_choice_for_every_task_changes_nothing(coordinator, agency_a):
    # given A holds two tasks
    s1, s2 = AgencyFactory(), AgencyFactory()
    t1, t2 = TaskFactory(code="A.1"), TaskFactory(code="A.2")
    TaskAssignmentFactory(task=t1, agency=agency_a, role=LEAD)
    TaskAssignmentFactory(task=t2, agency=agency_a, role=LEAD)
    before = snapshot()
    # when the split names a successor for T1 only
    with pytest.raises(ValidationError) as err:
        services.restructuring_record(
            user=coordinator, kind=RestructuringKind.SPLIT, effective_date=EFF, predecessors=[agency_a],
            successors=[s1, s2], task_choices={t1.pk: s1.pk},
        )
    # then it is refused naming the task left out, and nothing changed
    assert "A.2" in str(err.value)
    assert snapshot() == before


def test_dissolve_passes_tasks_to_the_receiver(coordinator, agency_a):
    # given A leads a task and R receives its duties
    receiver = AgencyFactory(name="Sở Nội vụ")
    task = TaskFactory()
    TaskAssignmentFactory(task=task, agency=agency_a, role=LEAD)
    # when A is dissolved
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.DISSOLVE, effective_date=EFF, predecessors=[agency_a], successors=[receiver],
    )
    # then R leads the task and the lineage says what happened
    assert current(task) == {("Sở Nội vụ", LEAD)}
    lineage = selectors.agency_lineage(agency_a)
    assert [(s.kind, s.date, s.agencies) for s in lineage.successors] == [("dissolve", EFF, [receiver])]
    assert selectors.agency_lineage(receiver).predecessors[0].agencies == [agency_a]


@pytest.mark.parametrize(
    ("kind", "preds", "succs"),
    [("rename", 2, 1), ("merge", 1, 2), ("split", 1, 1), ("dissolve", 1, 0), ("merge", 0, 1)],
)
def test_shape_of_each_kind_is_checked(coordinator, kind, preds, succs):
    # given the wrong number of agencies on one side for the kind
    predecessors = [AgencyFactory() for _ in range(preds)]
    successors = [AgencyFactory() for _ in range(succs)]
    # when recording
    # then it is refused
    with pytest.raises(ValidationError):
        services.restructuring_record(
            user=coordinator, kind=kind, effective_date=EFF, predecessors=predecessors, successors=successors,
        )


def test_effective_date_before_the_holding_started_is_refused(coordinator, agency_a, agency_b):
    # given B took T over on 01/03/2025
    task = TaskFactory()
    TaskAssignmentFactory(task=task, agency=agency_a, role=LEAD)
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a], successors=[agency_b]
    )
    before = snapshot()
    # when a second event would move B's tasks from an earlier date
    with pytest.raises(ValidationError):
        services.restructuring_record(
            user=coordinator, kind=RestructuringKind.RENAME, effective_date=dt.date(2025, 1, 1),
            predecessors=[agency_b], new_successors=[NewAgency(name="Sở C")],
        )
    # then nothing changed
    assert snapshot() == before


# ---- chains, history, undo --------------------------------------------------------------


def test_task_moves_through_two_successive_events(coordinator, agency_a, agency_b):
    # given A leads T; on 01/03/2025 A merges into B, on 01/07/2025 B is renamed C
    task = TaskFactory()
    first = TaskAssignmentFactory(task=task, agency=agency_a, role=LEAD)
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a], successors=[agency_b]
    )
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.RENAME, effective_date=dt.date(2025, 7, 1),
        predecessors=[agency_b], new_successors=[NewAgency(name="Sở C")],
    )
    c = Agency.objects.get(name="Sở C")
    # then C leads T now, and the chain A -> B -> C is kept with dates
    assert current(task) == {("Sở C", LEAD)}
    held = list(TaskAssignment.objects.filter(task=task).order_by("id").values_list("agency__name", "active_from", "active_until"))
    assert held == [
        (agency_a.name, None, UNTIL),
        (agency_b.name, EFF, dt.date(2025, 6, 30)),
        ("Sở C", dt.date(2025, 7, 1), None),
    ]
    assert TaskAssignment.objects.get(task=task, agency=c).origin.origin_id == first.pk
    # and the successor of A depends on the date asked
    assert selectors.agency_successor_as_of(agency_a, dt.date(2025, 2, 1)) == agency_a
    assert selectors.agency_successor_as_of(agency_a, dt.date(2025, 5, 1)) == agency_b
    assert selectors.agency_successor_as_of(agency_a, dt.date(2025, 11, 15)) == c


def test_records_dated_before_stay_with_the_old_agency(coordinator, agency_a, agency_b):
    # given an activity A recorded in 2024
    activity = ActivityFactory(agency=agency_a, start_date=dt.date(2024, 6, 1))
    # when A merges into B
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a], successors=[agency_b]
    )
    # then the activity is still A's
    activity.refresh_from_db()
    assert activity.agency_id == agency_a.pk


def test_undo_restores_the_exact_previous_state(coordinator, agency_a, agency_b):
    # given a merge with a lead/coordinator collision and a newly created successor
    t1, t2 = TaskFactory(), TaskFactory()
    TaskAssignmentFactory(task=t1, agency=agency_a, role=LEAD)
    TaskAssignmentFactory(task=t1, agency=agency_b, role=COORD)
    TaskAssignmentFactory(task=t2, agency=agency_b, role=LEAD)
    before = snapshot()
    event = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a, agency_b],
        new_successors=[NewAgency(name="Sở Văn hóa, Thể thao và Du lịch")],
    )
    assert snapshot() != before
    # when it is undone
    services.restructuring_undo(user=coordinator, event=event)
    # then every row is as it was, the created agency is gone and the event is marked
    assert snapshot() == before
    event.refresh_from_db()
    assert event.undone_by == coordinator and event.undone_at is not None
    assert selectors.agency_lineage(agency_a).successors == []


def test_undo_refused_while_a_later_event_builds_on_it(coordinator, agency_a, agency_b):
    # given A -> B then B -> C
    task = TaskFactory()
    TaskAssignmentFactory(task=task, agency=agency_a, role=LEAD)
    original = snapshot()
    first = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a], successors=[agency_b]
    )
    after_first = snapshot()
    second = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.RENAME, effective_date=dt.date(2025, 7, 1),
        predecessors=[agency_b], new_successors=[NewAgency(name="Sở C")],
    )
    # when the first is undone before the second
    with pytest.raises(UndoRefused):
        services.restructuring_undo(user=coordinator, event=first)
    # then undoing in reverse order walks back step by step
    services.restructuring_undo(user=coordinator, event=second)
    assert snapshot() == after_first
    services.restructuring_undo(user=coordinator, event=first)
    assert snapshot() == original


@pytest.mark.parametrize("who", ["reporter_a", "leader"])
def test_restructuring_denied_to_non_coordinators(request, who, coordinator, agency_a, agency_b):
    # given a reporter or a leader, and an event recorded by the coordinator
    user = request.getfixturevalue(who)
    event = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_a], successors=[agency_b]
    )
    # when they try to record or undo
    # then they are refused
    with pytest.raises(PermissionDenied):
        services.restructuring_record(
            user=user, kind=RestructuringKind.MERGE, effective_date=EFF, predecessors=[agency_b], successors=[agency_a]
        )
    with pytest.raises(PermissionDenied):
        services.restructuring_undo(user=user, event=event)


def test_history_records_who_changed_an_agency(coordinator, agency_a):
    # given an agency
    # when the coordinator edits its short name
    services.agency_update(user=coordinator, agency=agency_a, name=agency_a.name, kind=agency_a.kind, short_name="VHTT")
    # then the history keeps the change and who made it
    latest = agency_a.history.first()
    delta = latest.diff_against(latest.prev_record)
    assert latest.history_user == coordinator
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("short_name", "", "VHTT")]
