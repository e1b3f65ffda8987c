"""Permission matrix rows for every documents URL (collected by tests/security)."""

from django.urls import reverse
from django.utils import timezone

from tests.factories import AnnualReportFactory, PlanFactory, ReportingYearFactory
from tests.security.matrix import COORDINATOR_OBJECT, DENIED, NOT_FOUND, Row, expect

READERS = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND)
YEAR = 2026


def _plan(w):
    return w.once("doc-plan", lambda: PlanFactory())


def _accepted(w):
    def make():
        ry = ReportingYearFactory(plan=_plan(w), year=YEAR)
        now = timezone.now()
        return AnnualReportFactory(reporting_year=ry, agency=w.agency_a, status="accepted", submitted_at=now,
                                   first_submitted_at=now, accepted_at=now)

    return w.once("doc-accepted", make)


def _built(w):
    from ngvh.documents.services import consolidation_build

    def make():
        _accepted(w)
        return consolidation_build(user=w.users["coordinator"], plan=_plan(w), year=YEAR)

    return w.once("doc-built", make)


def _url(name):
    def build(w):
        c = _built(w)
        return reverse(name, args=[c.plan_id, YEAR])

    return build


def _build_data(w):
    return {"reports": [_accepted(w).pk], "number": "1/BC-UBND", "place": "Hải Phòng", "issued_on": "05/02/2027",
            "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "signer_form": "TM.", "signer_authority": "ỦY BAN NHÂN DÂN",
            "signer_position": "CHỦ TỊCH", "recipients": "Bộ Ngoại giao", "archive": "VT"}


def _detail_unbuilt(w):
    _accepted(w)
    return reverse("documents:detail", args=[_plan(w).pk, YEAR])


ROWS = [
    Row("documents:index", lambda w: reverse("documents:index"), READERS),
    Row("documents:detail", _url("documents:detail"), READERS),
    Row("documents:detail", _detail_unbuilt, COORDINATOR_OBJECT, method="POST", data=_build_data),
    Row("documents:edit", _url("documents:edit"), COORDINATOR_OBJECT),
    Row("documents:edit", _url("documents:edit"), COORDINATOR_OBJECT, method="POST", data=lambda w: {"intro": "Đoạn mở đầu."}),
    Row("documents:docx", _url("documents:docx"), READERS),
    Row("documents:xlsx", _url("documents:xlsx"), READERS),
]
