"""Permission rows for every training URL: everyone signed in reads courses; the organiser
(agency A here) or the focal point records them, links trainees and creates the activity."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from ngvh.people import services as people_services
from ngvh.training import services
from tests.activities.factories import small_plan
from tests.people.factories import person_data
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

SIGNED_IN = expect(anonymous=DENIED)
WRITERS = expect(anonymous=DENIED, leader=NOT_FOUND)
ORGANISER = expect(anonymous=DENIED, reporter_b=NOT_FOUND, leader=NOT_FOUND)


def _plan(w):
    return w.once("plan", lambda: small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0])


def _course(w):
    return w.once("course", lambda: services.course_create(
        user=w.users["coordinator"], plan=_plan(w), title="Lớp bồi dưỡng ngoại giao văn hóa", organiser=w.agency_a,
        start_date=dt.date(2026, 4, 1), trainee_count=30,
    ))


def _trainee(w):
    return w.once("trainee", lambda: people_services.person_create(
        user=w.users["coordinator"], data=person_data(agency=w.agency_a, category="trainee")
    ))


ROWS = [
    Row("training:list", lambda w: reverse("training:list") + f"?plan={_plan(w).pk}", SIGNED_IN),
    Row("training:create", lambda w: reverse("training:create") + f"?plan={_plan(w).pk}", WRITERS),
    Row("training:detail", lambda w: reverse("training:detail", args=[_course(w).pk]), SIGNED_IN),
    Row("training:trainee_add", lambda w: reverse("training:trainee_add", args=[_course(w).pk]), ORGANISER, method="POST",
        data=lambda w: {"person": _trainee(w).pk}),
    Row("training:activity", lambda w: reverse("training:activity", args=[_course(w).pk]), ORGANISER, method="POST"),
]
