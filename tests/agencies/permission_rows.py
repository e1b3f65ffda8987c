import datetime as dt

from django.urls import reverse

from tests.agencies.factories import RestructuringEventFactory
from tests.factories import TaskAssignmentFactory
from tests.security.matrix import COORDINATOR_OBJECT, COORDINATOR_PAGE, PUBLIC, Row


def _event(w):
    def make():
        from ngvh.agencies.services import restructuring_record

        TaskAssignmentFactory(agency=w.agency_a)
        return restructuring_record(
            user=w.users["coordinator"], kind="merge", effective_date=dt.date(2025, 3, 1),
            predecessors=[w.agency_a], successors=[w.agency_b],
        )

    return w.once("event", make)


def _agency(name):
    return lambda w: reverse(name, args=[w.agency_a.pk])


ROWS = [
    Row("agencies:list", lambda w: reverse("agencies:list"), PUBLIC),
    Row("agencies:detail", _agency("agencies:detail"), PUBLIC),
    Row("agencies:create", lambda w: reverse("agencies:create"), COORDINATOR_PAGE),
    Row("agencies:create", lambda w: reverse("agencies:create"), COORDINATOR_PAGE, method="POST",
        data=lambda w: {"province": w.agency_a.province_id, "name": "Sở Mới", "kind": "department"}),
    Row("agencies:edit", _agency("agencies:edit"), COORDINATOR_PAGE),
    Row("agencies:edit", _agency("agencies:edit"), COORDINATOR_PAGE, method="POST",
        data=lambda w: {"name": "Sở Văn hóa và Thể thao", "kind": "department", "short_name": "VHTT"}),
    Row("agencies:history", _agency("agencies:history"), COORDINATOR_OBJECT),
    Row("agencies:restructuring_list", lambda w: reverse("agencies:restructuring_list"), COORDINATOR_PAGE),
    Row("agencies:restructuring_create", lambda w: reverse("agencies:restructuring_create"), COORDINATOR_PAGE),
    Row("agencies:restructuring_create", lambda w: reverse("agencies:restructuring_create"), COORDINATOR_PAGE, method="POST",
        data=lambda w: {"kind": "merge", "effective_date": "01/03/2025", "predecessors": [w.agency_a.pk], "successors": [w.agency_b.pk]}),
    Row("agencies:restructuring_detail", lambda w: reverse("agencies:restructuring_detail", args=[_event(w).pk]), COORDINATOR_OBJECT),
    Row("agencies:restructuring_detail", lambda w: reverse("agencies:restructuring_detail", args=[RestructuringEventFactory().pk]),
        COORDINATOR_OBJECT),
    Row("agencies:restructuring_undo", lambda w: reverse("agencies:restructuring_undo", args=[_event(w).pk]), COORDINATOR_OBJECT,
        method="POST"),
]
