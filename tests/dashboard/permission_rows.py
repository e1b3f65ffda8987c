"""Permission matrix rows for every dashboard URL (collected by tests/security)."""

from django.urls import reverse

from tests.factories import PlanFactory, ReportingYearFactory
from tests.security.matrix import DENIED, NOT_FOUND, PUBLIC, SIGNED_IN, Row, expect

READERS = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND)


def _plan(w):
    def make():
        plan = PlanFactory(is_published=True)
        ReportingYearFactory(plan=plan, year=2026)
        return plan

    return w.once("dash-plan", make)


ROWS = [
    Row("dashboard:home", lambda w: reverse("dashboard:home"), SIGNED_IN),
    Row("dashboard:plan", lambda w: reverse("dashboard:plan", args=[_plan(w).pk]), SIGNED_IN),
    Row("dashboard:national", lambda w: (_plan(w), reverse("dashboard:national"))[1], READERS),
    Row("dashboard:public", lambda w: reverse("dashboard:public", args=[_plan(w).pk]), PUBLIC),
]
