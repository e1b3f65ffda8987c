"""One search over tasks, the plans' text and activities, diacritics optional, scoped to the reader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _section(html: str, marker: str) -> str:
    return html.split(f'id="{marker}"')[1].split("</section>")[0] if f'id="{marker}"' in html else ""


@pytest.mark.parametrize("query", ["le hoi", "Lễ hội", "LE HOI HOA PHUONG"])
def test_search_finds_a_passage_of_the_plan_text_without_diacritics(client, seed_plan, query):
    # Given the bundled plan, whose text names "Lễ hội Hoa Phượng Đỏ"
    # When a visitor searches without diacritics
    html = client.get(reverse("plans:search"), {"q": query}).content.decode()
    # Then the passage is found, linked to its section of the plan page
    body = _section(html, "search-body")
    assert "Lễ hội Hoa Phượng Đỏ" in body
    assert reverse("plans:detail", args=[seed_plan.pk]) + "#s-" in body


def test_search_finds_tasks_and_the_activities_the_reader_may_see(client, agency_a, agency_b, reporter_b):
    plan = PlanFactory()
    TaskFactory(plan=plan, group__plan=plan, code="I.1", title="Tổ chức Lễ hội Hoa Phượng Đỏ hằng năm")
    ActivityFactory(plan=plan, agency=agency_a, title="Lễ hội Hoa Phượng Đỏ 2025")
    ActivityFactory(plan=plan, agency=agency_a, title="Lễ hội đường phố (dự kiến)", status="planned", start_date=dt.date(2025, 9, 1))
    ActivityFactory(plan=plan, agency=agency_b, title="Lễ hội biển của Sở Du lịch", status="planned", start_date=dt.date(2025, 9, 2))
    # When reporter B searches "le hoi"
    client.force_login(reporter_b)
    html = client.get(reverse("plans:search"), {"q": "le hoi"}).content.decode()
    # Then the task and the done activity of A show, B's own planned one too, A's planned one not
    assert "I.1" in _section(html, "search-tasks")
    activities = _section(html, "search-activities")
    assert "Lễ hội Hoa Phượng Đỏ 2025" in activities and "Lễ hội biển của Sở Du lịch" in activities
    assert "Lễ hội đường phố" not in activities
    # And a visitor sees the task but no activity at all
    client.logout()
    html = client.get(reverse("plans:search"), {"q": "le hoi"}).content.decode()
    assert "I.1" in _section(html, "search-tasks") and 'id="search-activities"' not in html


def test_unpublished_plan_is_not_searched_for_visitors(client, coordinator):
    plan = PlanFactory(is_published=False, body=[{"code": "I", "title": "Mục tiêu", "paragraphs": ["Tổ chức Lễ hội Cờ Lau"]}])
    TaskFactory(plan=plan, group__plan=plan, title="Lễ hội Cờ Lau")
    html = client.get(reverse("plans:search"), {"q": "co lau"}).content.decode()
    assert "Cờ Lau" not in html
    client.force_login(coordinator)
    html = client.get(reverse("plans:search"), {"q": "co lau"}).content.decode()
    assert "Tổ chức Lễ hội Cờ Lau" in _section(html, "search-body") and "Lễ hội Cờ Lau" in _section(html, "search-tasks")


@pytest.mark.parametrize("n", [1, 10])
def test_search_query_count_is_fixed(client, coordinator, agency_a, django_assert_num_queries, n):
    plan = PlanFactory(body=[{"code": "I", "title": "Mục tiêu", "paragraphs": [f"Lễ hội số {i}" for i in range(n)]}])
    for i in range(n):
        TaskFactory(plan=plan, group__plan=plan, title=f"Lễ hội {i}")
        ActivityFactory(plan=plan, agency=agency_a, title=f"Lễ hội {i}")
    client.force_login(coordinator)
    url = reverse("plans:search") + "?q=le+hoi"
    client.get(url)
    # session, user; plans with their text, tasks, their assignments, activities (with the header's agency and demo flag)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
