"""Excel import of estimates: every row or none, with row messages; and the export."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from ngvh.budget import services, xlsx
from ngvh.budget.models import BudgetEstimate, EstimateStatus
from tests.activities.factories import small_plan

from .factories import BudgetEstimateFactory
from .permission_rows import workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_tasks(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)


def test_import_saves_every_row(reporter_a, plan_tasks):
    plan, _tasks = plan_tasks
    # given a workbook of two good rows (a Vietnamese and an English source, amounts as text and number)
    data = workbook([("I.1", "", "Ngân sách nhà nước", "1.500.000", "Tập huấn"), ("i.2", "Sở Văn hóa và Thể thao", "Foreign funds", 20, None)])
    # when imported
    outcome = services.estimates_import_xlsx(user=reporter_a, plan=plan, year=2026, data=data)
    # then both are saved as drafts of the reporter's agency
    assert outcome.ok and outcome.saved == 2
    assert sorted(BudgetEstimate.objects.values_list("task__code", "source", "amount", "status", "agency_id")) == [
        ("I.1", "state", 1_500_000, "draft", reporter_a.agency_id), ("I.2", "foreign", 20, "draft", reporter_a.agency_id),
    ]


def test_import_one_bad_row_saves_nothing(reporter_a, plan_tasks):
    plan, _tasks = plan_tasks
    # given one good row and rows with an unknown task, another agency, a bad source and a negative amount
    data = workbook([
        ("I.1", "", "state", 10, ""), ("IX.9", "", "state", 10, ""), ("I.2", "Sở Du lịch", "state", 10, ""),
        ("I.2", "", "lottery", 10, ""), ("II.1", "", "state", -3, ""), ("I.1", "", "state", 11, ""),
    ])
    # when imported
    outcome = services.estimates_import_xlsx(user=reporter_a, plan=plan, year=2026, data=data)
    # then nothing is saved and each problem names its row and column
    assert not outcome.ok and not BudgetEstimate.objects.exists()
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "A"), (4, "B"), (5, "C"), (6, "D"), (7, "A")]


def test_import_refuses_changing_a_submitted_estimate(reporter_a, plan_tasks):
    plan, tasks = plan_tasks
    # given a submitted estimate
    BudgetEstimateFactory(task=tasks[0], agency=reporter_a.agency, year=2026, amount=5, status=EstimateStatus.SUBMITTED)
    # when a file would change it
    outcome = services.estimates_import_xlsx(user=reporter_a, plan=plan, year=2026, data=workbook([("I.2", "", "state", 1, ""), ("I.1", "", "state", 9, "")]))
    # then the whole file is refused
    assert [p.row for p in outcome.problems] == [3]
    assert list(BudgetEstimate.objects.values_list("amount", flat=True)) == [5]


def test_import_not_a_workbook(reporter_a, plan_tasks):
    outcome = services.estimates_import_xlsx(user=reporter_a, plan=plan_tasks[0], year=2026, data=b"PK\x03\x04 broken")
    assert outcome.file_error and not BudgetEstimate.objects.exists()


def test_import_permission_denied(leader, coordinator, plan_tasks):
    # the focal point and leaders do not enter an agency's estimates
    for user in (leader, coordinator):
        with pytest.raises(PermissionDenied):
            services.estimates_import_xlsx(user=user, plan=plan_tasks[0], year=2026, data=workbook([("I.1", "", "state", 1, "")]))


def test_export_reads_back_with_the_import(reporter_a, plan_tasks):
    plan, tasks = plan_tasks
    # given an estimate whose note looks like a formula
    BudgetEstimateFactory(task=tasks[0], agency=reporter_a.agency, year=2026, amount=7, note="=1+1")
    # when exported
    estimates = BudgetEstimate.objects.select_related("task", "agency")
    data = xlsx.export_estimates(services.estimates_export_rows(estimates))
    ws = load_workbook(io.BytesIO(data)).active
    values = list(ws.iter_rows(min_row=2, values_only=True))
    # then the row has the import's columns, the formula neutralised, and reads back as one good row
    assert values[0][0] == "I.1" and values[0][3] == 7 and values[0][4] == "'=1+1"
    assert len(xlsx.read_rows(data)) == 1
