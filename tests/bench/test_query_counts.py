"""Every list, report and dashboard page runs the same number of queries at two data sizes.

The pages' own tests pin their counts on small factory data; this one uses the national
generator, so the second plan has three times the activities, other agencies, tasks and
report lines than the first: a query per row anywhere shows up as a difference.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from ngvh.bench.dataset import next_ids
from ngvh.bench.generator import CURRENT_YEAR, DatabaseSink, GenConfig, generate

# (URL name, kwargs from the plan's objects, query string)
PAGES = [
    ("dashboard:plan", lambda o: {"plan_id": o["plan"].pk}, f"?year={CURRENT_YEAR}"),
    ("dashboard:national", lambda o: {}, f"?year={CURRENT_YEAR}"),
    ("activities:list", lambda o: {}, "?plan={plan}&year=2026&kind=exhibition&q=trien+lam"),
    ("activities:list", lambda o: {}, "?plan={plan}"),
    ("activities:calendar", lambda o: {}, "?plan={plan}&year=2026&month=5"),
    ("reporting:year", lambda o: {"pk": o["year"].pk}, ""),
    ("reporting:rates", lambda o: {"pk": o["year"].pk}, ""),
    ("reporting:report", lambda o: {"pk": o["report"].pk}, ""),
    ("documents:index", lambda o: {}, ""),
    ("plans:detail", lambda o: {"pk": o["plan"].pk}, ""),
    ("agencies:list", lambda o: {}, "?plan={plan}"),
]


def _objects(index: int) -> dict:
    from ngvh.plans.models import Plan
    from ngvh.reporting.models import AnnualReport, ReportingYear

    plan = Plan.objects.get(number=f"{index + 1}/KH-UBND-TT")
    year = ReportingYear.objects.get(plan=plan, year=CURRENT_YEAR)
    report = AnnualReport.objects.filter(reporting_year=year).order_by("id").first()
    return {"plan": plan, "year": year, "report": report}


def _counts(client, objects: dict) -> dict[str, int]:
    out = {}
    for name, kwargs, query in PAGES:
        try:
            url = reverse(name, kwargs=kwargs(objects) or None)
        except NoReverseMatch:
            continue
        url += query.format(plan=objects["plan"].pk)
        client.get(url)  # warm: first-request caches (content types, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[f"{name} {query}"] = len(queries.captured_queries)
    return out


@pytest.mark.django_db
def test_pages_run_the_same_queries_for_a_small_and_a_three_times_larger_plan(client):
    from ngvh.accounts.models import User

    # given a first province with few activities
    generate(GenConfig(scale=1, seed=11, per_agency_year=3), sink=DatabaseSink(), progress=False, start_ids=next_ids())
    client.force_login(User.objects.get(username="p00-dieuphoi"))
    small = _counts(client, _objects(0))

    # when a second province with three times the activities is added
    generate(GenConfig(scale=1, seed=11, per_agency_year=9, first=1), sink=DatabaseSink(), progress=False,
             start_ids=next_ids())
    large = _counts(client, _objects(1))

    # then every page that exists runs as many queries for the larger plan as for the smaller
    assert small, "no page could be reversed"
    assert {k: (small[k], large[k]) for k in small if small[k] != large[k]} == {}
