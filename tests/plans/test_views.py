"""The plan, task, search and agency pages."""

import pytest
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskAssignmentFactory,
    TaskFactory,
    TaskGroupFactory,
)


def _plan_with_tasks(n_tasks: int, n_groups: int = 2):
    plan = PlanFactory()
    groups = [TaskGroupFactory(plan=plan, code=code) for code in ["I", "II", "III", "IV"][:n_groups]]
    lead, helper, other = AgencyFactory(), AgencyFactory(), AgencyFactory()
    for i in range(n_tasks):
        task = TaskFactory(group=groups[i % n_groups], code=f"{groups[i % n_groups].code}.{i}")
        TaskAssignmentFactory(task=task, agency=lead, role="lead")
        TaskAssignmentFactory(task=task, agency=helper, role="coordinator", order=1)
        TaskAssignmentFactory(task=task, agency=other, role="coordinator", order=2)
    return plan


@pytest.mark.django_db
def test_plan_page_shows_metadata_and_18_tasks(client, seed_plan):
    html = client.get(reverse("plans:detail", args=[seed_plan.pk])).content.decode()
    assert "274/KH-UBND" in html
    assert "05/12/2022" in html
    assert "2013/QĐ-TTg" in html
    assert html.count('id="task-') == 18
    assert "Sở Văn hóa và Thể thao" in html
    assert "2025–2030" in html


@pytest.mark.django_db
def test_plan_page_filters_by_group(client, seed_plan):
    html = client.get(reverse("plans:detail", args=[seed_plan.pk]), {"group": "II"}).content.decode()
    assert html.count('id="task-') == 8
    assert 'id="task-II.8"' in html and 'id="task-I.1"' not in html


@pytest.mark.django_db
def test_plan_page_filters_by_agency(client, seed_plan, seed_agencies):
    tourism = seed_agencies["Sở Du lịch"]
    html = client.get(reverse("plans:detail", args=[seed_plan.pk]), {"agency": tourism.pk}).content.decode()
    # Sở Du lịch leads II.7 and coordinates I.1, I.2, I.3
    for code in ["I.1", "I.2", "I.3", "II.7"]:
        assert f'id="task-{code}"' in html
    assert 'id="task-II.1"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["van hoa", "văn hoá", "VĂN HÓA", "Van Hoa"])
def test_search_ignores_diacritics_tone_placement_and_case(client, seed_plan, query):
    html = client.get(reverse("plans:search"), {"q": query}).content.decode()
    assert "II.4" in html  # "Giao lưu sáng tác và triển lãm văn hóa- nghệ thuật"


@pytest.mark.django_db
def test_search_with_diacritics_is_precise(client, seed_plan):
    # "vân" is not "văn": a query with diacritics matches them
    html = client.get(reverse("plans:search"), {"q": "vân hóa"}).content.decode()
    assert "search-results" not in html


@pytest.mark.django_db
def test_task_page_shows_lead_coordinators_placeholders_and_timeframe(client, seed_plan):
    html = client.get(reverse("plans:task", args=[seed_plan.pk, "I.5"])).content.decode()
    assert "Sở Thông tin và Truyền thông" in html
    assert "Cơ quan Báo chí Hải Phòng" in html


@pytest.mark.django_db
def test_unknown_task_is_404(client, seed_plan):
    assert client.get(reverse("plans:task", args=[seed_plan.pk, "IX.9"])).status_code == 404


@pytest.mark.django_db
def test_unpublished_plan_is_404_for_anonymous_but_visible_signed_in(client, reporter_a):
    plan = PlanFactory(is_published=False)
    url = reverse("plans:detail", args=[plan.pk])
    assert client.get(url).status_code == 404
    client.force_login(reporter_a)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n_tasks", [3, 30])
def test_plan_page_query_count_is_fixed(client, django_assert_num_queries, n_tasks):
    plan = _plan_with_tasks(n_tasks)
    url = reverse("plans:detail", args=[plan.pk])
    # plan, tasks, assignments(+agency), groups, agencies for the filter, demo banner
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n_tasks", [3, 30])
def test_plan_page_query_count_is_fixed_when_filtered(client, django_assert_num_queries, n_tasks):
    plan = _plan_with_tasks(n_tasks)
    agency_id = plan.tasks.first().assignments.first().agency_id
    url = reverse("plans:detail", args=[plan.pk])
    with django_assert_num_queries(6):
        assert client.get(url, {"agency": agency_id, "q": "van hoa", "group": "I"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n_tasks", [3, 30])
def test_task_page_query_count_is_fixed(client, django_assert_num_queries, n_tasks):
    plan = _plan_with_tasks(n_tasks)
    task = plan.tasks.first()
    # plan+task, assignments, demo banner, groups; the reporting years and the counted
    # lines of the status by year (nobody signed in reads activities or report lines)
    with django_assert_num_queries(6):
        assert client.get(reverse("plans:task", args=[plan.pk, task.code])).status_code == 200


@pytest.mark.django_db
def test_agency_directory_and_agency_page(client, seed_plan, seed_agencies):
    html = client.get(reverse("agencies:list")).content.decode()
    assert "Sở Ngoại vụ" in html
    foreign = seed_agencies["Sở Ngoại vụ"]
    html = client.get(reverse("agencies:detail", args=[foreign.pk])).content.decode()
    assert "I.1" in html and "IV.2" in html  # tasks as lead
    assert "II.4" in html  # as coordinator


@pytest.mark.django_db
def test_task_page_shows_the_current_wording_after_an_amendment(client):
    # Given a task whose wording was changed by an amendment (old row retired, version 2 current)
    plan = PlanFactory()
    group = TaskGroupFactory(plan=plan, code="I")
    import datetime as dt

    TaskFactory(group=group, code="I.1", title="Nội dung cũ", version=1, retired_on=dt.date(2025, 6, 1))
    TaskFactory(group=group, code="I.1", title="Nội dung mới", version=2)
    url = reverse("plans:task", args=[plan.pk, "I.1"])
    # When the task page is opened, then the current wording shows; the old one on request
    assert "Nội dung mới" in client.get(url).content.decode()
    assert "Nội dung cũ" in client.get(url, {"version": 1}).content.decode()
    # And the plan page lists the task once, in its current wording
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert html.count('id="task-I.1"') == 1 and "Nội dung cũ" not in html
