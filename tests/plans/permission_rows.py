from django.urls import reverse

from tests.factories import TaskAssignmentFactory, TaskFactory
from tests.security.matrix import PUBLIC, Row


def _task(w):
    return w.once("task", lambda: TaskAssignmentFactory(task=TaskFactory(), agency=w.agency_a).task)


ROWS = [
    Row("plans:list", lambda w: reverse("plans:list"), PUBLIC),
    Row("plans:search", lambda w: reverse("plans:search") + "?q=van+hoa", PUBLIC),
    Row("plans:detail", lambda w: reverse("plans:detail", args=[_task(w).plan_id]), PUBLIC),
    Row("plans:task", lambda w: reverse("plans:task", args=[_task(w).plan_id, _task(w).code]), PUBLIC),
]
