"""Daily links: the public site from the home and plan pages, and "Lịch sử xử lý" (processing
history) from every plan, task, report and activity page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    AnnualReportFactory,
    PlanFactory,
    TaskAssignmentFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def test_home_and_plan_page_link_the_public_site(client):
    plan = PlanFactory(is_published=True)
    hidden = PlanFactory(is_published=False)
    # Given a visitor on the home page, then the public site and the published plan's public page are linked
    html = client.get(reverse("site:home")).content.decode()
    assert f'id="home-public" href="{reverse("public:home")}"' in html
    assert reverse("public:plan", args=[plan.pk]) in html
    # And the navigation links the public site on every page
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert reverse("public:home") in nav
    # And the plan page links its public page; an unpublished plan has none (it would be 404)
    assert reverse("public:plan", args=[plan.pk]) in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert hidden.pk != plan.pk


def test_unpublished_plan_page_has_no_public_link(client, coordinator):
    plan = PlanFactory(is_published=False)
    client.force_login(coordinator)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("public:plan", args=[plan.pk]) not in html


def _pages(agency):
    task = TaskAssignmentFactory(task=TaskFactory(), agency=agency).task
    report = AnnualReportFactory(agency=agency)
    activity = ActivityFactory(agency=agency, plan=task.plan)
    return [
        (reverse("plans:detail", args=[task.plan_id]), reverse("accounts:object_history", args=["plan", task.plan_id])),
        (reverse("plans:task", args=[task.plan_id, task.code]), reverse("accounts:object_history", args=["task", task.pk])),
        (reverse("reporting:report", args=[report.pk]), reverse("accounts:object_history", args=["report", report.pk])),
        (reverse("activities:detail", args=[activity.pk]), reverse("accounts:object_history", args=["activity", activity.pk])),
    ]


def test_every_plan_task_report_and_activity_page_links_its_history(client, coordinator, agency_a):
    client.force_login(coordinator)
    for page, history in _pages(agency_a):
        html = client.get(page).content.decode()
        assert history in html and "Lịch sử xử lý" in html, page
        # and the history page opens, titled after its object
        response = client.get(history)
        assert response.status_code == 200, history


def test_history_link_is_hidden_from_those_who_may_not_read_history(client, reporter_a, agency_a):
    client.force_login(reporter_a)
    for page, history in _pages(agency_a):
        response = client.get(page)
        assert response.status_code == 200, page
        assert history not in response.content.decode()
        assert client.get(history).status_code == 404
