from django.urls import reverse

from tests.factories import PlanFactory
from tests.security.matrix import NOT_FOUND, PUBLIC, Row, expect


def _plan(w):
    return w.once("api-plan", PlanFactory)


def _private_plan(w):
    return w.once("api-private-plan", lambda: PlanFactory(is_published=False))


ROWS = [
    Row("api:schema", lambda w: reverse("api:schema"), PUBLIC),
    Row("api:plan_list", lambda w: reverse("api:plan_list"), PUBLIC),
    Row("api:plan_detail", lambda w: reverse("api:plan_detail", args=[_plan(w).pk]), PUBLIC),
    Row("api:plan_tasks", lambda w: reverse("api:plan_tasks", args=[_plan(w).pk]), PUBLIC),
    # An unpublished plan is not shown to the public: same 404 as a missing plan.
    Row(
        "api:plan_detail",
        lambda w: reverse("api:plan_detail", args=[_private_plan(w).pk]),
        expect(anonymous=NOT_FOUND),
    ),
]
