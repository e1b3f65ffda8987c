"""Excel import and export of personal records: consent on every row, every row or none,
and the export is a personal-data export (only records the user may change, each logged)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from ngvh.people import services, xlsx
from ngvh.people.models import Person, PersonAccessLog

from .factories import NAME, people_workbook, person_data, person_row

pytestmark = pytest.mark.django_db


def _import(user, rows, commit=True):
    return services.people_import_xlsx(user=user, data=people_workbook(rows), commit=commit)


def test_import_saves_every_row_with_its_consent_and_logs_each_creation(reporter_a, agency_a):
    # given two rows, one in English labels with a country by name and the consent date as a real date
    rows = [
        person_row(),
        person_row(category="trainee", name="Lê Văn Học", email="", country="Japan", consent_date=dt.date(2026, 2, 1),
                   method="electronic"),
    ]
    # when previewed, then confirmed
    preview = _import(reporter_a, rows, commit=False)
    assert preview.ok and len(preview.preview) == 2 and not Person.objects.exists()
    outcome = _import(reporter_a, rows)
    # then both records belong to the reporter's agency, with their consent, and each creation is logged
    assert outcome.committed and outcome.saved == 2
    assert sorted(Person.objects.values_list("full_name", "category", "owner_agency_id", "country", "consent_method")) == [
        ("Lê Văn Học", "trainee", agency_a.pk, "JP", "electronic"), (NAME, "collaborator", agency_a.pk, "", "written"),
    ]
    assert sorted(PersonAccessLog.objects.values_list("action", flat=True)) == ["create", "create"]


def test_a_row_without_consent_is_refused_and_nothing_is_saved(reporter_a):
    # given a good row, a row with no consent at all, and one with a consent method not in the list
    rows = [person_row(), person_row(name="Không Đồng Ý", consent_date="", scope="", method=""), person_row(method="gật đầu")]
    outcome = _import(reporter_a, rows)
    # then nothing is saved and the consent cells of row 3 and the method of row 4 are named
    assert not outcome.ok and not outcome.committed and not Person.objects.exists()
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "L"), (3, "M"), (3, "N"), (4, "N")]
    assert "đồng ý" in outcome.problems[0].message  # Vietnamese, the default language


def test_a_reporter_cannot_import_for_another_agency(reporter_a, agency_b):
    outcome = _import(reporter_a, [person_row(agency=agency_b.name)])
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "C")] and not Person.objects.exists()


def test_the_focal_point_imports_for_any_agency(coordinator, agency_b):
    outcome = _import(coordinator, [person_row(agency=agency_b.name)])
    assert outcome.committed and Person.objects.get().owner_agency == agency_b


def test_bad_cells_are_named(reporter_a):
    rows = [person_row(category="khách", email="không-phải-thư", country="Atlantis", consent_date="32/13/2026")]
    outcome = _import(reporter_a, rows)
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "A"), (2, "I"), (2, "L")]
    # the e-mail is checked once the cells are read
    outcome = _import(reporter_a, [person_row(email="không-phải-thư")])
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "D")]


def test_leaders_cannot_import(leader):
    with pytest.raises(PermissionDenied):
        _import(leader, [person_row()])


def test_export_holds_only_the_users_records_each_logged_and_formulas_neutralised(reporter_a, agency_a, agency_b, coordinator):
    # given a record of A whose skills start like a formula, a record of B and an erased record of A
    mine = services.person_create(user=reporter_a, data=person_data(agency=agency_a, skills="=cmd|' /C calc'!A0"))
    services.person_create(user=coordinator, data=person_data(agency=agency_b, full_name="Người Của B"))
    erased = services.person_create(user=reporter_a, data=person_data(agency=agency_a, full_name="Đã Xóa"))
    services.person_erase(user=reporter_a, person=erased)
    PersonAccessLog.objects.all().delete()
    # when A's reporter exports
    body, count = services.people_export_xlsx(user=reporter_a)
    ws = load_workbook(io.BytesIO(body)).worksheets[0]
    # then only A's live record is in it, the formula is text, and the export is logged for that record only
    assert count == 1 and ws.max_row == 2
    values = [c.value for c in ws[2]]
    assert values[1] == NAME and values[6] == "'=cmd|' /C calc'!A0" and values[-1] == mine.pk
    assert list(PersonAccessLog.objects.values_list("person_id", "action", "actor_id")) == [(mine.pk, "export", reporter_a.pk)]
    # and the file reads back as a row the import accepts
    assert xlsx.check_rows(xlsx.read_rows(body), xlsx.Lookups(agencies={agency_a.name_key: agency_a.pk}, default_agency_id=None)).problems == []


def test_leaders_cannot_export(leader):
    with pytest.raises(PermissionDenied):
        services.people_export_xlsx(user=leader)
