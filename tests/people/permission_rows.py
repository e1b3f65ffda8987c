"""Permission rows for every people URL (collected by tests/security/test_permission_matrix.py).

The rule (see ``ngvh.people.policies``): a personal record is read only by its owning
agency (A here) and the focal point; everybody else gets 404, leaders included; changes,
exports and erasure by A's reporters and coordinators.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.people import services
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

from .factories import people_workbook, person_data, person_row

OWNER = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND)
SIGNED_IN_WITH_AGENCY = expect(anonymous=DENIED)
WRITERS = expect(anonymous=DENIED, leader=NOT_FOUND)


def _person(w):
    return w.once("person", lambda: services.person_create(user=w.users["coordinator"], data=person_data(agency=w.agency_a)))


def _form(w):
    return {
        "category": "trainee", "full_name": "Trần Văn Học Viên", "consent_date": "01/03/2026",
        "consent_scope": "Lưu họ tên để thống kê học viên", "consent_method": "written", "course": "Lớp ngoại giao văn hóa",
        "owner_agency": w.agency_a.pk,
    }


def _upload(w):
    return {"file": SimpleUploadedFile("nguoi.xlsx", people_workbook([person_row()]))}


ROWS = [
    Row("people:import", lambda w: reverse("people:import"), WRITERS),
    Row("people:import", lambda w: reverse("people:import"), WRITERS, method="POST", data=_upload),
    Row("people:import_template", lambda w: reverse("people:import_template"), WRITERS),
    Row("people:export_xlsx", lambda w: (_person(w), reverse("people:export_xlsx"))[1], WRITERS),
    Row("people:list", lambda w: reverse("people:list"), SIGNED_IN_WITH_AGENCY),
    Row("people:create", lambda w: reverse("people:create"), WRITERS),
    Row("people:detail", lambda w: reverse("people:detail", args=[_person(w).pk]), OWNER),
    Row("people:edit", lambda w: reverse("people:edit", args=[_person(w).pk]), OWNER),
    Row("people:export", lambda w: reverse("people:export", args=[_person(w).pk]), OWNER),
    Row("people:erase", lambda w: reverse("people:erase", args=[_person(w).pk]), OWNER, method="POST", data=lambda w: {"confirm": "yes"}),
]
