"""The read-only API shares the pages' scoping."""

import pytest
from django.urls import reverse

from tests.factories import PlanFactory


@pytest.mark.django_db
def test_plan_tasks_api_lists_18_tasks_with_assignments(client, seed_plan):
    data = client.get(reverse("api:plan_tasks", args=[seed_plan.pk])).json()
    assert len(data) == 18
    i1 = data[0]
    assert i1["code"] == "I.1"
    assert [a["agency"] for a in i1["assignments"] if a["role"] == "lead"] == ["Sở Ngoại vụ"]


@pytest.mark.django_db
def test_unpublished_plan_is_404_in_the_api_for_anonymous(client):
    plan = PlanFactory(is_published=False)
    assert client.get(reverse("api:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("api:plan_list")).json()["count"] == 0


@pytest.mark.django_db
def test_openapi_schema_is_served(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"openapi" in response.content
