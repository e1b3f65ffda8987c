"""Permission matrix rows for every reporting URL (collected by tests/security)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AnnualReportFactory,
    PlanFactory,
    ReportingYearFactory,
    TaskFactory,
    TaskGroupFactory,
)
from tests.security.matrix import COORDINATOR_OBJECT, DENIED, NOT_FOUND, SIGNED_IN, Row, expect

OWN_AGENCY_PAGE = expect(anonymous=DENIED, reporter_b=NOT_FOUND)
READERS = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND)
OWN_AGENCY_WRITE = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND, coordinator=NOT_FOUND)
PROPOSERS = expect(anonymous=DENIED, leader=NOT_FOUND)


def _plan(w):
    return w.once("plan", lambda: PlanFactory())


def _year(w):
    return w.once("ry", lambda: ReportingYearFactory(plan=_plan(w), year=2025))


def _draft(w):
    return w.once("draft", lambda: AnnualReportFactory(reporting_year=_year(w), agency=w.agency_a))


def _submitted(w):
    return w.once(
        "submitted",
        lambda: AnnualReportFactory(reporting_year=_year(w), agency=w.agency_a, status="submitted", submitted_at=timezone.now(),
                                    first_submitted_at=timezone.now()),
    )


def _proposal(w):
    from ngvh.reporting.models import AmendmentProposal

    def make():
        task = TaskFactory(group=TaskGroupFactory(plan=_plan(w)))
        return AmendmentProposal.objects.create(plan=_plan(w), agency=w.agency_a, action="remove", task=task, reason="Đã hoàn thành")

    return w.once("proposal", make)


def _proposal_data(w):
    return {"plan": _plan(w).pk, "action": "add", "title": "Giao lưu với Incheon", "group": TaskGroupFactory(plan=_plan(w)).pk,
            "reason": "Kết nghĩa"}


def _document_review(w):
    """An amended document of a plan in use (one task dropped), reviewed against it."""

    def make():
        from ngvh.plans.parser import parse_bytes
        from ngvh.plans.services import import_review_create, plan_import
        from tests.factories import ActivityFactory
        from tests.plans.review_documents import ROWS as DOCUMENT_ROWS
        from tests.plans.review_documents import plan_docx

        coordinator = w.users["coordinator"]
        plan = plan_import(parsed=parse_bytes(plan_docx(), "p.docx"), user=coordinator).plan
        ActivityFactory(plan=plan).tasks.add(plan.tasks.first())
        return import_review_create(user=coordinator, filename="p.docx", data=plan_docx(DOCUMENT_ROWS[:-1]), target_plan=plan)

    return w.once("document_review", make)


ROWS = [
    Row("reporting:home", lambda w: reverse("reporting:home"), SIGNED_IN),
    Row("reporting:open", lambda w: reverse("reporting:open"), COORDINATOR_OBJECT, method="POST",
        data=lambda w: {"plan": _plan(w).pk, "year": 2026}),
    Row("reporting:year", lambda w: reverse("reporting:year", args=[_year(w).pk]), SIGNED_IN),
    Row("reporting:rates", lambda w: reverse("reporting:rates", args=[_year(w).pk]), READERS),
    Row("reporting:report", lambda w: reverse("reporting:report", args=[_draft(w).pk]), OWN_AGENCY_PAGE),
    Row("reporting:report", lambda w: reverse("reporting:report", args=[_draft(w).pk]), OWN_AGENCY_WRITE, method="POST",
        data=lambda w: {"version": 1, "difficulties": "", "recommendations": "", "planned-count": "0", "action": "save"}),
    Row("reporting:return", lambda w: reverse("reporting:return", args=[_submitted(w).pk]), COORDINATOR_OBJECT, method="POST",
        data=lambda w: {"reason": "Thiếu số liệu"}),
    Row("reporting:accept", lambda w: reverse("reporting:accept", args=[_submitted(w).pk]), COORDINATOR_OBJECT, method="POST"),
    Row("reporting:reopen", lambda w: reverse("reporting:reopen", args=[_submitted(w).pk]), COORDINATOR_OBJECT, method="POST",
        data=lambda w: {"reopen_reason": "Cập nhật"}),
    Row("reporting:remind", lambda w: reverse("reporting:remind", args=[_draft(w).pk]), COORDINATOR_OBJECT, method="POST"),
    Row("reporting:amendments", lambda w: reverse("reporting:amendments"), SIGNED_IN),
    Row("reporting:amendment_new", lambda w: reverse("reporting:amendment_new"), PROPOSERS),
    Row("reporting:amendment_new", lambda w: reverse("reporting:amendment_new"), PROPOSERS, method="POST", data=_proposal_data),
    Row("reporting:amendment", lambda w: reverse("reporting:amendment", args=[_proposal(w).pk]), OWN_AGENCY_PAGE),
    Row("reporting:amendment_decide", lambda w: reverse("reporting:amendment_decide", args=[_proposal(w).pk]), COORDINATOR_OBJECT,
        method="POST", data=lambda w: {"decision": "accept", "effective_from": dt.date(2027, 1, 1).strftime("%d/%m/%Y"),
                                       "decision_reason": "Đồng ý"}),
    Row("reporting:amendment_from_document", lambda w: reverse("reporting:amendment_from_document", args=[_document_review(w).pk]),
        COORDINATOR_OBJECT, method="POST", data=lambda w: {"effective_from": "01/01/2027", "reason": "Quyết định số 45/QĐ-UBND"}),
]
