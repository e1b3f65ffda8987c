from django.urls import reverse

from tests.factories import ActivityFactory, AnnualReportFactory, PlanFactory
from tests.security.matrix import COORDINATOR_OBJECT, COORDINATOR_PAGE, PUBLIC, SIGNED_IN, Row


def _user_url(name):
    # The target is reporter B's account: private to coordinators, even for B.
    return lambda w: reverse(name, args=[w.users["reporter_b"].pk])


ROWS = [
    Row("accounts:login", lambda w: reverse("accounts:login"), PUBLIC),
    Row("accounts:logout", lambda w: reverse("accounts:logout"), PUBLIC, method="POST"),
    Row("accounts:password_reset", lambda w: reverse("accounts:password_reset"), PUBLIC),
    Row("accounts:password_reset", lambda w: reverse("accounts:password_reset"), PUBLIC, method="POST",
        data=lambda w: {"email": "nobody@example.org"}),
    Row("accounts:password_reset_done", lambda w: reverse("accounts:password_reset_done"), PUBLIC),
    Row("accounts:password_reset_confirm", lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]), PUBLIC),
    Row("accounts:password_reset_complete", lambda w: reverse("accounts:password_reset_complete"), PUBLIC),
    Row("accounts:password_change", lambda w: reverse("accounts:password_change"), SIGNED_IN),
    Row("accounts:password_change", lambda w: reverse("accounts:password_change"), SIGNED_IN, method="POST"),
    Row("accounts:password_change_done", lambda w: reverse("accounts:password_change_done"), SIGNED_IN),
    Row("accounts:user_list", lambda w: reverse("accounts:user_list"), COORDINATOR_PAGE),
    Row("accounts:user_create", lambda w: reverse("accounts:user_create"), COORDINATOR_PAGE),
    Row("accounts:user_create", lambda w: reverse("accounts:user_create"), COORDINATOR_PAGE, method="POST",
        data=lambda w: {"username": "newuser", "full_name": "Mới", "email": "n@example.org", "agency": w.agency_a.pk, "role": "reporter"}),
    Row("accounts:user_detail", _user_url("accounts:user_detail"), COORDINATOR_OBJECT),
    Row("accounts:user_edit", _user_url("accounts:user_edit"), COORDINATOR_OBJECT),
    Row("accounts:user_edit", _user_url("accounts:user_edit"), COORDINATOR_OBJECT, method="POST",
        data=lambda w: {"full_name": "B", "email": "b@example.org", "agency": w.agency_b.pk, "role": "leader"}),
    Row("accounts:user_deactivate", _user_url("accounts:user_deactivate"), COORDINATOR_OBJECT, method="POST"),
    Row("accounts:user_reactivate", _user_url("accounts:user_reactivate"), COORDINATOR_OBJECT, method="POST"),
    Row("accounts:user_force_reset", _user_url("accounts:user_force_reset"), COORDINATOR_OBJECT, method="POST"),
    Row("accounts:user_history", _user_url("accounts:user_history"), COORDINATOR_OBJECT),
    Row("accounts:object_history", lambda w: reverse("accounts:object_history", args=["plan", PlanFactory().pk]), COORDINATOR_OBJECT),
    Row("accounts:object_history", lambda w: reverse("accounts:object_history", args=["report", AnnualReportFactory(agency=w.agency_a).pk]),
        COORDINATOR_OBJECT),
    Row("accounts:object_history", lambda w: reverse("accounts:object_history", args=["activity", ActivityFactory(agency=w.agency_a).pk]),
        COORDINATOR_OBJECT),
    Row("accounts:security_log", lambda w: reverse("accounts:security_log"), COORDINATOR_PAGE),
]
