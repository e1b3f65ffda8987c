"""Permission rows for every delegations URL (collected by tests/security/test_permission_matrix.py).

The rule (see ``ngvh.delegations.policies``): reporters register delegations and see those
their agency registered or leads; the lead agency (A here) or a coordinator moves them;
leaders read all and move nothing; forbidden = 404.
"""

from __future__ import annotations

from django.urls import reverse

from ngvh.delegations import services
from tests.activities.factories import small_plan
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

from .factories import crew_data

SIGNED_IN = expect(anonymous=DENIED)
WRITERS = expect(anonymous=DENIED, leader=NOT_FOUND)
LEAD_READ = expect(anonymous=DENIED, reporter_b=NOT_FOUND)
LEAD_MOVE = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND)


def _plan(w):
    return w.once("plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0])


def _crew(w, status="registered"):
    def make():
        c = w.users["coordinator"]
        d = services.delegation_register(user=c, plan=_plan(w), data=crew_data(lead_agency=w.agency_a))
        if status in ("approved", "done"):
            d = services.delegation_approve(user=c, delegation=d, coordination="Công an thành phố", police_coordinated=True)
        return d

    return w.once(f"crew-{status}", make)


def _form(w):
    return {
        "plan": _plan(w).pk, "kind": "incoming", "title": "Đoàn Incheon", "country": "KR", "start_date": "01/06/2026",
        "lead_agency": w.agency_a.pk,
    }


ROWS = [
    Row("delegations:list", lambda w: reverse("delegations:list") + f"?plan={_plan(w).pk}", SIGNED_IN),
    Row("delegations:create", lambda w: reverse("delegations:create") + f"?plan={_plan(w).pk}", WRITERS),
    Row("delegations:create", lambda w: reverse("delegations:create"), WRITERS, method="POST", data=_form),
    Row("delegations:detail", lambda w: reverse("delegations:detail", args=[_crew(w).pk]), LEAD_READ),
    Row("delegations:approve", lambda w: reverse("delegations:approve", args=[_crew(w).pk]), LEAD_MOVE, method="POST",
        data=lambda w: {"coordination": "Công an thành phố", "police_coordinated": "on"}),
    Row("delegations:complete", lambda w: reverse("delegations:complete", args=[_crew(w, "approved").pk]), LEAD_MOVE, method="POST",
        data=lambda w: {"result": "Phim phát sóng"}),
    Row("delegations:activity", lambda w: reverse("delegations:activity", args=[_crew(w, "approved").pk]), LEAD_MOVE, method="POST"),
]
