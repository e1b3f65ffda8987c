"""Permission rows for every budget URL (collected by tests/security/test_permission_matrix.py).

Reporters enter and submit their own agency's estimates; the coordinator approves or
returns them; leaders read; another agency's estimate is a 404.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.budget.models import EstimateStatus
from tests.activities.factories import small_plan
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

from .factories import BudgetEstimateFactory

SIGNED_IN = expect(anonymous=DENIED)
REPORTERS = expect(anonymous=DENIED, leader=NOT_FOUND, coordinator=NOT_FOUND)
OWNER = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND, coordinator=NOT_FOUND)
DECIDER = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)


def _plan(w):
    return w.once("plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b))


def _estimate(w, status):
    return w.once(f"estimate-{status}", lambda: BudgetEstimateFactory(
        task=_plan(w)[1][0], agency=w.agency_a, status=status, source="state" if status == "draft" else "foreign"))


def _q(w):
    return f"?plan={_plan(w)[0].pk}&year=2025"


def _form(w):
    return {"plan": _plan(w)[0].pk, "year": 2025, "task": _plan(w)[1][1].pk, "source": "state", "amount": "1000"}


def workbook(rows) -> bytes:
    """An .xlsx with the import's header row and ``rows`` under it."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã nhiệm vụ", "Cơ quan", "Nguồn kinh phí", "Dự toán (đồng)", "Ghi chú"])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(w):
    data = workbook([("I.1", "", "Ngân sách nhà nước", 1_000_000, "")])
    return {"plan": _plan(w)[0].pk, "year": 2025, "file": SimpleUploadedFile("du-toan.xlsx", data)}


ROWS = [
    Row("budget:list", lambda w: reverse("budget:list") + _q(w), SIGNED_IN),
    Row("budget:save", lambda w: reverse("budget:save"), REPORTERS, method="POST", data=_form),
    Row("budget:submit", lambda w: reverse("budget:submit", args=[_estimate(w, EstimateStatus.DRAFT).pk]), OWNER, method="POST"),
    Row("budget:approve", lambda w: reverse("budget:approve", args=[_estimate(w, EstimateStatus.SUBMITTED).pk]), DECIDER,
        method="POST"),
    Row("budget:return", lambda w: reverse("budget:return", args=[_estimate(w, EstimateStatus.SUBMITTED).pk]), DECIDER,
        method="POST", data=lambda w: {"reason": "Thiếu thuyết minh"}),
    Row("budget:import", lambda w: reverse("budget:import") + _q(w), REPORTERS),
    Row("budget:import", lambda w: reverse("budget:import") + _q(w), REPORTERS, method="POST", data=_upload),
    Row("budget:export", lambda w: reverse("budget:export") + _q(w), SIGNED_IN),
]
