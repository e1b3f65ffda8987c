"""Showing an activity on the public site ("công khai")."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ngvh.activities.models import Activity
from ngvh.activities.services import activity_publish, activity_update
from ngvh.reporting.models import ReportLine
from tests.factories import ActivityFactory, AnnualReportFactory, ReportingYearFactory, TaskFactory

from .factories import activity_data

pytestmark = pytest.mark.django_db


def _activity(agency, *, report_status="accepted", status="done"):
    activity = ActivityFactory(agency=agency, status=status)
    ry = ReportingYearFactory(plan=activity.plan, year=2025)
    now = timezone.now()
    sent = {"submitted_at": now, "first_submitted_at": now} if report_status in ("submitted", "accepted") else {}
    report = AnnualReportFactory(reporting_year=ry, agency=agency, status=report_status, **sent,
                                 accepted_at=now if report_status == "accepted" else None,
                                 return_reason="Bổ sung" if report_status == "returned" else "")
    line = ReportLine.objects.create(report=report, task=TaskFactory(plan=activity.plan), role="lead")
    line.activities.add(activity)
    return activity


def test_agency_shows_an_accepted_done_activity_and_withdraws_it(reporter_a, agency_a):
    activity = _activity(agency_a)
    activity_publish(user=reporter_a, activity=activity, published=True)
    assert Activity.objects.get(pk=activity.pk).published_at is not None
    activity_publish(user=reporter_a, activity=activity, published=False)
    assert Activity.objects.get(pk=activity.pk).published_at is None


@pytest.mark.parametrize("report_status", ["draft", "submitted", "returned"])
def test_an_activity_of_an_unaccepted_report_cannot_be_shown(reporter_a, agency_a, report_status):
    activity = _activity(agency_a, report_status=report_status)
    with pytest.raises(ValidationError):
        activity_publish(user=reporter_a, activity=activity, published=True)
    assert Activity.objects.get(pk=activity.pk).published_at is None


@pytest.mark.parametrize("role", ["reporter_b", "leader"])
def test_others_cannot_show_an_agencys_activity(request, agency_a, role):
    activity = _activity(agency_a)
    with pytest.raises(PermissionDenied):
        activity_publish(user=request.getfixturevalue(role), activity=activity, published=True)
    assert Activity.objects.get(pk=activity.pk).published_at is None


def test_changing_a_public_activity_back_to_planned_withdraws_it(reporter_a, agency_a):
    activity = _activity(agency_a)
    activity_publish(user=reporter_a, activity=activity, published=True)
    activity_update(user=reporter_a, activity=activity, data=activity_data(agency=agency_a, status="planned"), confirm_unassigned=True)
    assert Activity.objects.get(pk=activity.pk).published_at is None
