"""Permission rows for every activities URL (collected by tests/security/test_permission_matrix.py).

The rule (see ``ngvh.activities.policies``): reporters change their own agency's
activities and read other agencies' *done* ones; another agency's attachment is read
only when public; leaders read everything and change nothing; forbidden = 404.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.activities import services
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

from .factories import activity_data, pdf_bytes, png_bytes, small_plan

SIGNED_IN = expect(anonymous=DENIED)
WRITERS = expect(anonymous=DENIED, leader=NOT_FOUND)  # anyone who records activities
OWNER = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND)  # A's reporters and coordinators
OWNER_READ = expect(anonymous=DENIED, reporter_b=NOT_FOUND)  # A's planned work, or A's private evidence
TOKEN = expect()  # the token is the credential


def _plan(w):
    return w.once("plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0])


def _activity(w, status="planned"):
    def make():
        plan = _plan(w)
        return services.activity_create(
            user=w.users["coordinator"], plan=plan, data=activity_data(agency=w.agency_a, status=status, start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 1))
        )

    return w.once(f"activity-{status}", make)


def _attachment(w, *, public=False, image=False):
    def make():
        upload = SimpleUploadedFile("anh.png" if image else "bien-ban.pdf", png_bytes() if image else pdf_bytes())
        return services.attachment_add(user=w.users["coordinator"], activity=_activity(w, "done"), upload=upload, is_public=public)

    return w.once(f"attachment-{public}-{image}", make)


def _token(w):
    return w.once("token", lambda: services.calendar_token_ensure(user=w.users["reporter_a"], plan=_plan(w), agency=w.agency_a))


def _form(w):
    return {
        "plan": _plan(w).pk, "title": "Triển lãm ảnh", "kind": "exhibition", "status": "done", "start_date": "01/05/2025",
        "end_date": "", "place_country": "VN", "agency": w.agency_a.pk, "participants_total": "10", "participants_foreign": "0",
        "media_count": "0",
    }


def _pid(w):
    return f"?plan={_plan(w).pk}"


ROWS = [
    Row("activities:publish", lambda w: reverse("activities:publish", args=[_activity(w, "done").pk]), OWNER, method="POST",
        data=lambda w: {"published": "0"}),
    Row("activities:list", lambda w: reverse("activities:list") + _pid(w), SIGNED_IN),
    Row("activities:create", lambda w: reverse("activities:create") + _pid(w), WRITERS),
    Row("activities:create", lambda w: reverse("activities:create") + _pid(w), WRITERS, method="POST", data=_form),
    Row("activities:detail", lambda w: reverse("activities:detail", args=[_activity(w).pk]), OWNER_READ),
    Row("activities:detail", lambda w: reverse("activities:detail", args=[_activity(w, "done").pk]), SIGNED_IN),
    Row("activities:edit", lambda w: reverse("activities:edit", args=[_activity(w, "done").pk]), OWNER),
    Row("activities:edit", lambda w: reverse("activities:edit", args=[_activity(w, "done").pk]), OWNER, method="POST", data=_form),
    Row("activities:delete", lambda w: reverse("activities:delete", args=[_activity(w, "done").pk]), OWNER),
    Row("activities:delete", lambda w: reverse("activities:delete", args=[_activity(w, "done").pk]), OWNER, method="POST"),
    Row(
        "activities:attachment_add", lambda w: reverse("activities:attachment_add", args=[_activity(w, "done").pk]), OWNER,
        method="POST", data=lambda w: {"file": SimpleUploadedFile("a.pdf", pdf_bytes())},
    ),
    Row("activities:attachment", lambda w: reverse("activities:attachment", args=[_attachment(w).pk]), OWNER_READ),
    Row("activities:attachment", lambda w: reverse("activities:attachment", args=[_attachment(w, public=True).pk]), SIGNED_IN),
    Row("activities:attachment_thumbnail", lambda w: reverse("activities:attachment_thumbnail", args=[_attachment(w, image=True).pk]), OWNER_READ),
    Row("activities:attachment_delete", lambda w: reverse("activities:attachment_delete", args=[_attachment(w).pk]), expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND), method="POST"),
    Row("activities:calendar", lambda w: reverse("activities:calendar") + _pid(w), SIGNED_IN),
    Row("activities:subscribe", lambda w: reverse("activities:subscribe") + _pid(w), SIGNED_IN),
    Row("activities:subscribe", lambda w: reverse("activities:subscribe"), SIGNED_IN, method="POST", data=lambda w: {"plan": _plan(w).pk, "scope": "plan"}),
    Row("activities:feed", lambda w: reverse("activities:feed", args=[_token(w).token]), TOKEN),
    Row("activities:feed", lambda w: reverse("activities:feed", args=["not-a-token"]), expect(*[NOT_FOUND] * 5)),
    Row("activities:export_xlsx", lambda w: reverse("activities:export_xlsx") + _pid(w), SIGNED_IN),
    Row("activities:export_csv", lambda w: reverse("activities:export_csv") + _pid(w), SIGNED_IN),
    Row("activities:import", lambda w: reverse("activities:import") + _pid(w), WRITERS),
    Row("activities:import_template", lambda w: reverse("activities:import_template") + _pid(w), WRITERS),
]
