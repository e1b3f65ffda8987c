from django.urls import reverse

from tests.factories import TaskAssignmentFactory, TaskFactory
from tests.security.matrix import COORDINATOR_OBJECT, COORDINATOR_PAGE, PUBLIC, Row


def _task(w):
    return w.once("task", lambda: TaskAssignmentFactory(task=TaskFactory(), agency=w.agency_a).task)


ROWS = [
    Row("plans:list", lambda w: reverse("plans:list"), PUBLIC),
    Row("plans:search", lambda w: reverse("plans:search") + "?q=van+hoa", PUBLIC),
    Row("plans:detail", lambda w: reverse("plans:detail", args=[_task(w).plan_id]), PUBLIC),
    Row("plans:task", lambda w: reverse("plans:task", args=[_task(w).plan_id, _task(w).code]), PUBLIC),
]


def _draft(w):
    def make():
        from ngvh.plans.services import import_review_create

        from .review_documents import plan_docx

        return import_review_create(user=w.users["coordinator"], filename="p.docx", data=plan_docx())

    return w.once("review", make)


def _decided_draft_url(w):
    from ngvh.plans.services import import_review_confirm_agency

    from .review_documents import UNKNOWN

    import_review_confirm_agency(user=w.users["coordinator"], review=_draft(w), name=UNKNOWN)
    return reverse("plans:review_import", args=[_draft(w).pk])


def _upload(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .review_documents import plan_docx

    return {"document": SimpleUploadedFile("ke-hoach.docx", plan_docx())}


def _review_url(name):
    return lambda w: reverse(name, args=[_draft(w).pk])


ROWS += [
    Row("plans:review_new", lambda w: reverse("plans:review_new"), COORDINATOR_PAGE),
    Row("plans:review_new", lambda w: reverse("plans:review_new"), COORDINATOR_PAGE, method="POST", data=_upload),
    Row("plans:review", _review_url("plans:review"), COORDINATOR_OBJECT),
    Row("plans:review_tasks", _review_url("plans:review_tasks"), COORDINATOR_OBJECT, method="POST"),
    Row("plans:review_agencies", _review_url("plans:review_agencies"), COORDINATOR_OBJECT, method="POST"),
    Row("plans:review_import", _decided_draft_url, COORDINATOR_OBJECT, method="POST"),
    Row("plans:review_discard", _review_url("plans:review_discard"), COORDINATOR_OBJECT),
    Row("plans:review_discard", _review_url("plans:review_discard"), COORDINATOR_OBJECT, method="POST"),
]
