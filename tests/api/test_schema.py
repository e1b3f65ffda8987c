"""Property-based tests of the whole API from its own OpenAPI schema.

Schemathesis generates requests (valid and invalid) for every operation and checks that the
server never answers 5xx and that every answer matches the schema: status codes, content
types, bodies. It calls the WSGI application in-process: nothing leaves the machine.
"""

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ngvh.api.services import api_token_create
from ngvh.config.wsgi import application
from ngvh.reporting.services import reporting_year_open
from tests.factories import ActivityFactory
from tests.reporting.factories import small_plan

pytestmark = [pytest.mark.slow]
EXAMPLES = 30
# A schema cannot say that a plan id must exist or that an end date follows the start: the
# services refuse such requests with 400 and a message, which this check would call a
# failure. Every other default check applies (no 5xx, status codes, content types, bodies,
# headers, refusal of schema-invalid data).
EXCLUDED = [positive_data_acceptance]


@pytest.fixture
def api_schema(db):
    """The schema over the WSGI application. Like Django's test client, keep the request
    signals from closing the test's database connection (PostgreSQL runs each test in a
    transaction on that connection)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    """A coordinator's token over a small plan with an opened year, reports and activities."""
    sp = small_plan()
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=dt.date(2025, 10, 1))
    for task in sp.tasks.values():
        ActivityFactory(plan=sp.plan, agency=sp.a).tasks.add(task)
    return api_token_create(user=sp.coordinator, owner=sp.coordinator, name="schemathesis")[1]


def test_api_conforms_to_its_schema(api_schema, token):
    """Every operation, in one test: each gets its own Hypothesis run and every failure is
    collected, so one report names all the operations that break the contract."""
    failures = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            case.call_and_validate(headers={"Authorization": f"Token {token}"}, excluded_checks=EXCLUDED)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            failures[operation.label] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
