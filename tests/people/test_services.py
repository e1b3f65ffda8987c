"""Personal-data rules (Decree 13/2023/NĐ-CP): purpose, consent, scope, access log, export, erasure."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404

from ngvh.people import services
from ngvh.people.models import PERSONAL_FIELDS, PURPOSES, Person, PersonAccessLog

from .factories import EMAIL, NAME, PHONE, person_data

pytestmark = pytest.mark.django_db


def _actions(person):
    return list(PersonAccessLog.objects.filter(person=person).order_by("id").values_list("action", "actor__username"))


def test_every_personal_field_has_a_stated_purpose():
    # given the model's fields / then every stored text field about the person has a purpose, shown as its help text
    about_the_person = {
        f.name for f in Person._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.name.startswith("consent") and f.name != "category"
    }
    assert about_the_person == set(PERSONAL_FIELDS) == set(PURPOSES)
    assert all(Person._meta.get_field(n).help_text == PURPOSES[n] for n in PERSONAL_FIELDS)


def test_a_record_needs_consent(reporter_a, agency_a):
    # when saved without consent date, scope or method / then refused
    with pytest.raises(ValidationError) as exc:
        services.person_create(user=reporter_a, data=person_data(agency=agency_a, consent_date=None, consent_scope=" ", consent_method=""))
    assert {"consent_date", "consent_scope", "consent_method"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError):
        services.person_create(user=reporter_a, data=person_data(agency=agency_a, consent_date=dt.date.today() + dt.timedelta(days=1)))
    # and the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(owner_agency=agency_a, category="trainee", full_name="X")


def test_create_is_logged_and_kept_in_history(reporter_a, agency_a):
    p = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    assert _actions(p) == [("create", "reporter_a")]
    assert p.history.get().history_user == reporter_a


def test_a_reporter_records_only_for_their_agency_and_leaders_not_at_all(reporter_a, leader, agency_b, agency_a):
    with pytest.raises(PermissionDenied):
        services.person_create(user=reporter_a, data=person_data(agency=agency_b))
    with pytest.raises(PermissionDenied):
        services.person_create(user=leader, data=person_data(agency=agency_a))
    assert not Person.objects.exists()


def test_another_agency_sees_nothing(reporter_a, reporter_b, leader, coordinator, agency_a):
    # given a record of agency A
    p = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    # when B's reporter or a leader of another agency looks / then nothing and 404, and nothing is logged for them
    assert services.people_list(user=reporter_b) == []
    assert services.people_list(user=leader) == []
    for user in (reporter_b, leader):
        with pytest.raises(Http404):
            services.person_open(user=user, pk=p.pk)
        with pytest.raises(PermissionDenied):
            services.person_export(user=user, person=p)
        with pytest.raises(PermissionDenied):
            services.person_erase(user=user, person=p)
        with pytest.raises(PermissionDenied):
            services.person_update(user=user, person=p, data=person_data(agency=agency_a))
    # while the focal point sees it
    assert services.people_list(user=coordinator) == [p]
    assert [a for a, _u in _actions(p)] == ["create", "list"]


def test_every_view_list_and_export_is_logged(reporter_a, coordinator, agency_a):
    p = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    services.person_open(user=coordinator, pk=p.pk)
    services.people_list(user=reporter_a)
    services.person_export(user=reporter_a, person=p)
    assert _actions(p) == [("create", "reporter_a"), ("view", "coordinator"), ("list", "reporter_a"), ("export", "reporter_a")]


def test_export_gives_the_persons_data_and_consent(reporter_a, agency_a):
    p = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    data = json.loads(services.person_export(user=reporter_a, person=p))
    assert (data["full_name"], data["email"], data["phone"], data["languages"]) == (NAME, EMAIL, PHONE, "Nhật, Anh")
    assert data["consent"] == {"date": "2026-03-01", "scope": p.consent_scope, "method": "written"}


def _all_text_of_the_person_tables() -> str:
    with connection.cursor() as cursor:
        dump = []
        for table in (Person._meta.db_table, Person.history.model._meta.db_table, PersonAccessLog._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names from the models
            dump.extend(str(v) for row in cursor.fetchall() for v in row)
    return "\n".join(dump)


def test_erasure_leaves_no_personal_field_anywhere_but_keeps_that_it_happened(reporter_a, coordinator, agency_a):
    # given a record changed once (two history rows holding the data)
    p = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    services.person_update(user=reporter_a, person=p, data=person_data(agency=agency_a, phone="0987 000 111"))
    assert NAME in _all_text_of_the_person_tables()
    # when the person asks and the coordinator erases
    erased = services.person_erase(user=coordinator, person=p)
    # then no personal value is left in the record, its history or the log
    dump = _all_text_of_the_person_tables()
    for value in (NAME, EMAIL, PHONE, "0987 000 111", "Phiên dịch hội nghị", "Nhật, Anh", "mời cộng tác phiên dịch"):
        assert value not in dump
    # and the fact of the erasure stays: when, by whom, in the history and the log
    assert erased.erased_at is not None
    last = erased.history.latest("history_id")
    assert (last.history_user, last.history_change_reason, last.erased_at) == (coordinator, "erasure", erased.erased_at)
    assert _actions(p)[-1] == ("erase", "coordinator")
    # and an export afterwards holds nothing personal
    data = json.loads(services.person_export(user=coordinator, person=p))
    assert all(data[n] == "" for n in PERSONAL_FIELDS) and data["consent"] == {"date": None, "scope": "", "method": ""}
    # and an erased record cannot be filled again
    with pytest.raises(ValidationError):
        services.person_update(user=coordinator, person=p, data=person_data(agency=agency_a))
