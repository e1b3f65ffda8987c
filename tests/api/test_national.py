"""The yearly export for the national reporting system: one layout, JSON and XLSX alike."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ngvh.api.national import LAYOUT, VERSION
from ngvh.reporting.models import AnnualReport, ReportLine
from ngvh.reporting.services import reporting_year_open
from tests.reporting.factories import small_plan

from .test_views import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_with_states():
    """A accepted (I.1 done on time, I.3 not arisen), C submitted only, B returned, S draft."""
    sp = small_plan()
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=dt.date(2025, 10, 1))
    now = timezone.now()
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(reporting_year__plan=sp.plan)}
    a = reports[sp.a.pk]
    AnnualReport.objects.filter(pk=a.pk).update(status="accepted", submitted_at=now, first_submitted_at=now, accepted_at=now,
                                                difficulties="Thiếu kinh phí")
    ReportLine.objects.filter(report=a, task=sp.tasks["I.1"]).update(status="done_on_time", progress=100, results="Tổ chức tuần phim")
    ReportLine.objects.filter(report=a, task=sp.tasks["I.3"]).update(status="not_arisen")
    c = reports[sp.c.pk]
    AnnualReport.objects.filter(pk=c.pk).update(status="submitted", submitted_at=now, first_submitted_at=now, difficulties="BÍMẬT")
    ReportLine.objects.filter(report=c).update(status="overdue", results="BÍMẬT")
    AnnualReport.objects.filter(pk=reports[sp.b.pk].pk).update(status="returned", return_reason="Bổ sung", submitted_at=now,
                                                               first_submitted_at=now)
    return sp


def test_json_and_xlsx_carry_the_same_official_figures(year_with_states):
    sp = year_with_states
    api = client_for(sp.coordinator)
    url = reverse("api:plan_national", args=[sp.plan.pk])
    data = json.loads(api.get(url, {"year": 2025}).content)
    # the layout is named and versioned
    assert data["layout"] == LAYOUT and data["version"] == VERSION
    # only the accepted report counts for task statuses and texts
    assert data["task_status"]["done_on_time"] == 1 and data["task_status"]["not_arisen"] == 1
    assert data["task_status"]["overdue"] == 0 and data["task_status"]["no_report"] == 3
    assert sum(data["task_status"].values()) == len(data["tasks"]) == 5
    assert "BÍMẬT" not in json.dumps(data, ensure_ascii=False)
    assert data["tasks"][0]["results"] == "Sở Văn hóa và Thể thao: Tổ chức tuần phim"
    r = data["reporting"]
    assert r["expected"] == r["submitted"] + r["not_submitted"]
    # the workbook holds the same numbers under the same keys
    book = load_workbook(io.BytesIO(api.get(url, {"year": 2025, "file": "xlsx"}).content))
    sheet = {row[0]: row[1] for row in book["reporting"].iter_rows(min_row=2, values_only=True)}
    assert {k: sheet[k] for k in r} == r
    assert {k: sheet[f"task_status.{k}"] for k in data["task_status"]} == data["task_status"]
    assert [row[0] for row in book["tasks"].iter_rows(min_row=2, values_only=True)] == [t["code"] for t in data["tasks"]]


def test_only_readers_of_every_agency_export(year_with_states):
    sp = year_with_states
    url = reverse("api:plan_national", args=[sp.plan.pk])
    assert client_for(sp.reporter_a).get(url, {"year": 2025}).status_code == 404
    assert client_for(sp.leader).get(url, {"year": 2025}).status_code == 200
    assert client_for(sp.coordinator).get(url, {"year": 2031}).status_code == 404
    bad = client_for(sp.coordinator).get(url, {"year": "x", "file": "pdf"})
    assert bad.status_code == 400 and {"year", "file"} <= set(bad.json()["errors"])
