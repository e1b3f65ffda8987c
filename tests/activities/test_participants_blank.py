"""A blank number of participants is "not reported": it stays blank and totals say so."""

import datetime as dt

import pytest
from django.urls import reverse

from ngvh.activities import services, xlsx
from ngvh.activities.data import ActivityData
from ngvh.activities.figures import activity_figures
from ngvh.activities.models import Activity
from ngvh.activities.rollup import rollup_differences
from ngvh.documents.vocab import reported_note

from ..factories import ActivityFactory
from .test_xlsx import good_row, workbook_bytes

pytestmark = pytest.mark.django_db


def test_a_blank_cell_on_import_stays_blank_and_a_zero_stays_zero(reporter_a, plan_a):
    # given three rows: a number, a zero and an empty participants cell
    plan, _tasks = plan_a
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[1][xlsx.COLUMN_INDEX["participants_total"]] = 0
    rows[1][xlsx.COLUMN_INDEX["participants_foreign"]] = 0
    rows[2][xlsx.COLUMN_INDEX["participants_total"]] = None
    rows[2][xlsx.COLUMN_INDEX["participants_foreign"]] = "  "
    # when the file is imported
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes(rows), commit=True)
    # then the blank is stored as "not reported", the zero as zero
    assert outcome.saved == 3
    by_title = {a.title[-1]: (a.participants_total, a.participants_foreign) for a in Activity.objects.all()}
    assert by_title == {"1": (120, 20), "2": (0, 0), "3": (None, None)}
    # and the rollups agree with a recomputation
    assert rollup_differences() == []


def test_totals_count_only_the_activities_that_gave_a_number(reporter_a, plan_a):
    # given two done activities with 10 and 20 participants and one that gave no number
    plan, _tasks = plan_a
    for i, people in enumerate((10, 20, None)):
        day = dt.date(2025, 4, 1 + i)
        data = ActivityData(title=f"Hoạt động {i}", kind="exhibition", start_date=day, end_date=day,
                            agency_id=reporter_a.agency_id, participants_total=people)
        services.activity_create(user=reporter_a, plan=plan, data=data)
    # when the figures are read (the whole plan, from the rollups; and one agency, from the rows)
    whole = activity_figures(plan_id=plan.pk, year=2025)
    one_agency = activity_figures(plan_id=plan.pk, year=2025, agency_id=reporter_a.agency_id)
    # then the blank adds nothing to the total and is not counted as reported
    for figures in (whole, one_agency):
        assert (figures.count, figures.participants, figures.participants_reported) == (3, 30, 2)
    assert reported_note(2, 3) == " (theo số liệu của 2/3 hoạt động có báo số người tham gia)"
    assert reported_note(3, 3) == ""


def test_the_activity_page_shows_a_dash_for_a_blank_count(client, reporter_a, plan_a):
    # given an activity whose number of participants was not given
    plan, _tasks = plan_a
    activity = ActivityFactory(plan=plan, agency=reporter_a.agency, participants_total=None, participants_foreign=None)
    client.force_login(reporter_a)
    # when its page is opened
    body = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    # then the count reads "—", not 0
    assert "<dd>— (" in body
