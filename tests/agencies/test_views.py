import datetime as dt

import pytest
from django.urls import reverse

from ngvh.agencies import services
from ngvh.agencies.models import Agency, RestructuringEvent, RestructuringKind
from ngvh.plans.models import TaskAssignment

from ..factories import AgencyFactory, TaskAssignmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_coordinator_creates_an_agency_with_aliases(client, coordinator):
    # given a signed-in coordinator
    client.force_login(coordinator)
    # when they fill in the new agency form
    response = client.post(
        reverse("agencies:create"),
        {"province": coordinator.agency.province_id, "name": "Sở Giáo dục và Đào tạo", "short_name": "GD&ĐT",
         "kind": "department", "aliases": "GD&ĐT\nSở GD-ĐT", "active_from": "01/01/2008"},
    )
    # then the agency exists with its aliases and start date, and they land on its page
    agency = Agency.objects.get(name="Sở Giáo dục và Đào tạo")
    assert response.status_code == 302 and response.url == reverse("agencies:detail", args=[agency.pk])
    assert agency.active_from == dt.date(2008, 1, 1)
    assert sorted(agency.aliases.values_list("alias", flat=True)) == ["GD&ĐT", "Sở GD-ĐT"]


def test_agency_form_keeps_input_and_explains_a_bad_date(client, coordinator):
    # given a coordinator
    client.force_login(coordinator)
    # when the date is not a real date
    response = client.post(
        reverse("agencies:create"),
        {"province": coordinator.agency.province_id, "name": "Sở Y tế", "kind": "department", "active_from": "31/02/2025"},
    )
    # then the form comes back with the error summary and the typed values
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body and 'href="#id_active_from"' in body
    assert 'value="Sở Y tế"' in body and 'value="31/02/2025"' in body


def test_reporter_cannot_open_the_agency_editor(client, reporter_a, agency_a):
    # given a reporter
    client.force_login(reporter_a)
    # when they open the edit page or post to it
    # then they are refused and nothing changes
    assert client.get(reverse("agencies:edit", args=[agency_a.pk])).status_code == 404
    assert client.post(reverse("agencies:edit", args=[agency_a.pk]), {"name": "X", "kind": "other"}).status_code == 404
    agency_a.refresh_from_db()
    assert agency_a.name == "Sở Văn hóa và Thể thao"


def test_edit_records_history_shown_on_the_history_page(client, coordinator, agency_a):
    # given a coordinator edits the short name in the app
    client.force_login(coordinator)
    client.post(reverse("agencies:edit", args=[agency_a.pk]), {"name": agency_a.name, "kind": "department", "short_name": "VHTT"})
    # when they open the history page
    response = client.get(reverse("agencies:history", args=[agency_a.pk]))
    # then it shows who changed the field, before and after
    body = response.content.decode()
    assert response.status_code == 200
    assert "coordinator" in body and "VHTT" in body
    latest = agency_a.history.first()
    assert latest.history_user == coordinator


def test_merge_through_the_form_and_lineage_on_both_pages(client, coordinator, agency_a, agency_b):
    # given A leads a task and B coordinates it
    task = TaskFactory()
    TaskAssignmentFactory(task=task, agency=agency_a, role="lead")
    TaskAssignmentFactory(task=task, agency=agency_b, role="coordinator")
    client.force_login(coordinator)
    # when the coordinator records the merger into a new agency
    response = client.post(
        reverse("agencies:restructuring_create"),
        {"kind": "merge", "effective_date": "01/03/2025", "predecessors": [agency_a.pk, agency_b.pk],
         "new_successors": "Sở Văn hóa, Thể thao và Du lịch"},
    )
    # then the event exists and the successor leads the task
    event = RestructuringEvent.objects.get()
    assert response.url == reverse("agencies:restructuring_detail", args=[event.pk])
    successor = Agency.objects.get(name="Sở Văn hóa, Thể thao và Du lịch")
    assert TaskAssignment.objects.get(task=task, active_until__isnull=True).agency == successor
    # and both agency pages state the lineage with the date
    old_page = client.get(reverse("agencies:detail", args=[agency_a.pk])).content.decode()
    new_page = client.get(reverse("agencies:detail", args=[successor.pk])).content.decode()
    assert "Sáp nhập vào" in old_page and "01/03/2025" in old_page and successor.name in old_page
    assert agency_a.name in new_page and agency_b.name in new_page
    # and the task page says who it was before
    task_page = client.get(reverse("plans:task", args=[task.plan_id, task.code])).content.decode()
    assert "lineage-note" in task_page and agency_a.name in task_page


def test_split_asks_for_each_task_then_records(client, coordinator, agency_a):
    # given A holds two tasks and two successors exist
    s1, s2 = AgencyFactory(name="Sở Một"), AgencyFactory(name="Sở Hai")
    t1, t2 = TaskFactory(), TaskFactory()
    TaskAssignmentFactory(task=t1, agency=agency_a, role="lead")
    TaskAssignmentFactory(task=t2, agency=agency_a, role="lead")
    client.force_login(coordinator)
    data = {"kind": "split", "effective_date": "01/07/2025", "predecessors": [agency_a.pk], "successors": [s1.pk, s2.pk]}
    # when the first step is posted
    first = client.post(reverse("agencies:restructuring_create"), data)
    # then the page asks who takes each task, without errors yet, and records nothing
    body = first.content.decode()
    assert first.status_code == 200 and f'name="task_{t1.pk}"' in body and 'class="error-summary"' not in body
    assert not RestructuringEvent.objects.exists()
    # when the choices are posted
    client.post(
        reverse("agencies:restructuring_create"),
        {**data, "split_step": "1", f"task_{t1.pk}": str(s2.pk), f"task_{t2.pk}": str(s1.pk)},
    )
    # then each task went to its chosen successor
    assert TaskAssignment.objects.get(task=t1, active_until__isnull=True).agency == s2
    assert TaskAssignment.objects.get(task=t2, active_until__isnull=True).agency == s1


def test_undo_through_the_page(client, coordinator, agency_a, agency_b):
    # given a merger recorded by mistake
    task = TaskFactory()
    TaskAssignmentFactory(task=task, agency=agency_a, role="lead")
    event = services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=dt.date(2025, 3, 1),
        predecessors=[agency_a], successors=[agency_b],
    )
    client.force_login(coordinator)
    # when the coordinator confirms the undo
    confirm = client.get(reverse("agencies:restructuring_undo", args=[event.pk]))
    assert confirm.status_code == 200
    client.post(reverse("agencies:restructuring_undo", args=[event.pk]))
    # then A leads the task again and is active
    assert TaskAssignment.objects.get(task=task, active_until__isnull=True).agency == agency_a
    agency_a.refresh_from_db()
    assert agency_a.active_until is None


def _restructured_world(coordinator, n: int):
    for _ in range(n):
        a, b = AgencyFactory(), AgencyFactory()
        TaskAssignmentFactory(agency=a, role="lead")
        services.restructuring_record(
            user=coordinator, kind=RestructuringKind.MERGE, effective_date=dt.date(2025, 3, 1), predecessors=[a], successors=[b]
        )


@pytest.mark.parametrize("n", [1, 6])
def test_restructuring_list_query_count_is_fixed(client, coordinator, django_assert_num_queries, n):
    # given n restructurings
    _restructured_world(coordinator, n)
    client.force_login(coordinator)
    # when the list is shown
    # then the number of queries does not depend on n
    with django_assert_num_queries(8):
        response = client.get(reverse("agencies:restructuring_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_agency_detail_query_count_is_fixed(client, coordinator, agency_a, django_assert_num_queries, n):
    # given agency A with n tasks, then merged into B
    for _ in range(n):
        TaskAssignmentFactory(agency=agency_a, role="lead")
    services.restructuring_record(
        user=coordinator, kind=RestructuringKind.MERGE, effective_date=dt.date(2025, 3, 1), predecessors=[agency_a],
        new_successors=[services.NewAgency(name="Sở Kế nhiệm")],
    )
    client.force_login(coordinator)
    # when A's page is shown
    # then the number of queries does not depend on n (two of them: its activities and reports by year)
    with django_assert_num_queries(13):
        response = client.get(reverse("agencies:detail", args=[agency_a.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("q", "name"),
    [("van hoa", "Sở Văn hóa và Thể thao"), ("ngoai vu", "Sở Ngoại vụ"), ("du lich", "Sở Du lịch"),
     ("cong an", "Công an thành phố"), ("Văn hoá", "Sở Văn hóa và Thể thao"), ("van hoa the thao", "Sở Văn hóa và Thể thao")],
)
def test_agency_search_finds_names_typed_without_diacritics(client, q, name):
    # given agencies whose names carry diacritics, and one that should not match
    for n in ("Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Sở Du lịch", "Công an thành phố", "Sở Y tế"):
        AgencyFactory(name=n)
    # when the directory is searched as people type, often without diacritics
    response = client.get(reverse("agencies:list"), {"q": q})
    # then the agency is listed and the unrelated one is not
    names = [a.name for a in response.context["agencies"]]
    assert names == [name]
