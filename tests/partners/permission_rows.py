"""Permission rows for every partners URL (collected by tests/security/test_permission_matrix.py).

The rule (see ``ngvh.partners.policies``): every signed-in officer reads the registry
and the anniversary planner; only the focal point (coordinators) changes it and drafts
activities from it; a forbidden write answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.partners import services
from tests.activities.factories import small_plan
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

from .factories import relationship_row, relationships_workbook

SIGNED_IN = expect(anonymous=DENIED)
FOCAL = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)


def _plan(w):
    return w.once("plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0])


def _relationship(w):
    return w.once(
        "relationship",
        lambda: services.relationship_create(
            user=w.users["coordinator"], province=_plan(w).province, name="Kitakyushu", country="JP", kind="twinned",
            established_on=dt.date(2017, 4, 1),
        ),
    )


def _form(w):
    return {"plan": _plan(w).pk, "name": "Incheon", "country": "KR", "kind": "twinned", "established_on": "20/11/2007"}


def _pid(w):
    return f"?plan={_plan(w).pk}"


def _upload(w):
    data = relationships_workbook([relationship_row(name="Busan", country="KR")])
    return {"plan": _plan(w).pk, "file": SimpleUploadedFile("doi-tac.xlsx", data)}


ROWS = [
    Row("partners:import", lambda w: reverse("partners:import") + _pid(w), FOCAL),
    Row("partners:import", lambda w: reverse("partners:import") + _pid(w), FOCAL, method="POST", data=_upload),
    Row("partners:import_template", lambda w: reverse("partners:import_template") + _pid(w), FOCAL),
    Row("partners:export", lambda w: (_relationship(w), reverse("partners:export"))[1], SIGNED_IN),
    Row("partners:list", lambda w: reverse("partners:list"), SIGNED_IN),
    Row("partners:create", lambda w: reverse("partners:create") + _pid(w), FOCAL),
    Row("partners:create", lambda w: reverse("partners:create") + _pid(w), FOCAL, method="POST", data=_form),
    Row("partners:partner", lambda w: reverse("partners:partner", args=[_relationship(w).partner_id]), SIGNED_IN),
    Row("partners:edit", lambda w: reverse("partners:edit", args=[_relationship(w).pk]), FOCAL),
    Row("partners:edit", lambda w: reverse("partners:edit", args=[_relationship(w).pk]), FOCAL, method="POST",
        data=lambda w: {"established_on": "01/04/2017"}),
    Row("partners:document_add", lambda w: reverse("partners:document_add", args=[_relationship(w).pk]), FOCAL, method="POST",
        data=lambda w: {"title": "Thỏa thuận", "signed_on": "01/04/2017", "signatories": "A"}),
    Row("partners:history", lambda w: reverse("partners:history", args=[_relationship(w).pk]), FOCAL),
    Row("partners:anniversaries", lambda w: (_relationship(w), reverse("partners:anniversaries") + _pid(w) + "&year=2027")[1], SIGNED_IN),
    Row("partners:anniversary_draft", lambda w: (_relationship(w), reverse("partners:anniversary_draft"))[1], FOCAL, method="POST",
        data=lambda w: {"plan": _plan(w).pk, "year": "2027", "key": f"r{_relationship(w).pk}"}),
]
