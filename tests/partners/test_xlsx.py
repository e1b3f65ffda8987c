"""Excel import and export of relationships: every row or none, with row messages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from ngvh.partners import services, xlsx
from ngvh.partners.models import Relationship, RelationshipDocument
from tests.activities.factories import small_plan

from .factories import relationship_row, relationships_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def _import(user, plan, rows, commit=True):
    return services.relationships_import_xlsx(user=user, province=plan.province, data=relationships_workbook(rows), commit=commit)


def test_import_saves_every_row_with_countries_in_any_spelling(coordinator, plan, agency_a):
    # given rows naming the country in Vietnamese, in English without the article, by ISO code, and the kind in English
    rows = [
        relationship_row(name="Kitakyushu", country="Nhật Bản", agency="Sở Văn hóa và Thể thao", title="Thỏa thuận kết nghĩa",
                         number="12/TTKN", signed_on="01/04/2017", signatories="Ông A, Chủ tịch; Ông B, Thị trưởng"),
        relationship_row(name="Incheon", country="South Korea", kind="Twinned city", since=dt.date(2007, 11, 20)),
        relationship_row(name="Viêng Chăn", country="la", kind="friendship", since="05/09/2012"),
    ]
    # when checked without saving, then confirmed
    preview = _import(coordinator, plan, rows, commit=False)
    assert preview.ok and len(preview.preview) == 3 and not Relationship.objects.exists()
    outcome = _import(coordinator, plan, rows)
    # then all three relationships exist, the first with its agency and its signed document
    assert outcome.committed and outcome.saved == 3
    assert sorted(Relationship.objects.values_list("partner__name", "partner__country", "kind")) == [
        ("Incheon", "KR", "twinned"), ("Kitakyushu", "JP", "twinned"), ("Viêng Chăn", "LA", "friendship"),
    ]
    kita = Relationship.objects.get(partner__name="Kitakyushu")
    assert kita.lead_agency == agency_a and kita.established_on == dt.date(2017, 4, 1)
    doc = RelationshipDocument.objects.get()
    assert (doc.number, doc.signed_on, doc.signatories) == ("12/TTKN", dt.date(2017, 4, 1), "Ông A, Chủ tịch\nÔng B, Thị trưởng")
    assert kita.history.first().history_user == coordinator


def test_one_bad_row_saves_nothing_and_each_problem_names_its_cell(coordinator, plan):
    # given a good row and rows with an unknown country, an unknown kind, a bad date, an unknown agency,
    # a document without signatories, and a repeat of the first row
    rows = [
        relationship_row(),
        relationship_row(name="Atlantis", country="Atlantis"),
        relationship_row(name="Incheon", country="KR", kind="anh em"),
        relationship_row(name="Busan", country="KR", since="31/02/2020"),
        relationship_row(name="Seoul", country="KR", agency="Sở Không Có"),
        relationship_row(name="Đà Lạt", country="FR", title="Biên bản ghi nhớ", signed_on="01/01/2020"),
        relationship_row(),
    ]
    outcome = _import(coordinator, plan, rows)
    # then nothing is saved and every problem names its row and column
    assert not outcome.ok and not outcome.committed and not Relationship.objects.exists()
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "B"), (4, "C"), (5, "D"), (6, "E"), (7, "J"), (8, "A")]
    assert "Atlantis" in outcome.problems[0].message


def test_a_relationship_already_recorded_is_a_row_problem(coordinator, plan):
    # given Kitakyushu already recorded as a twinned city
    services.relationship_create(user=coordinator, province=plan.province, name="Kitakyushu", country="JP", kind="twinned",
                                 established_on=dt.date(2017, 4, 1))
    # when a file names it again (spelled in another case) next to a new one
    outcome = _import(coordinator, plan, [relationship_row(name="Incheon", country="KR"), relationship_row(name="KITAKYUSHU")])
    # then the file is refused and nothing new is stored
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "A")]
    assert Relationship.objects.count() == 1


def test_unreadable_file_is_refused_with_a_message(coordinator, plan):
    outcome = services.relationships_import_xlsx(user=coordinator, province=plan.province, data=b"not a workbook", commit=True)
    assert outcome.file_error and not outcome.committed


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_only_the_focal_point_imports(request, role, plan):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        _import(user, plan, [relationship_row()])
    assert not Relationship.objects.exists()


def test_export_has_the_import_columns_and_neutralises_formulas(coordinator, plan):
    # given a relationship whose notes start like a formula, with a document
    r = services.relationship_create(user=coordinator, province=plan.province, name="Kitakyushu", country="JP", kind="twinned",
                                     established_on=dt.date(2017, 4, 1), notes="=HYPERLINK(\"http://x\")")
    services.relationship_document_add(user=coordinator, relationship=r, title="Thỏa thuận", number="12", signed_on=dt.date(2017, 4, 1),
                                       signatories="Ông A\nÔng B")
    # when exported
    body = xlsx.export(services.relationships_export_rows(Relationship.objects.prefetch_related("documents")))
    ws = load_workbook(io.BytesIO(body)).worksheets[0]
    values = [c.value for c in ws[2]]
    # then the formula is text, and the file reads back as a row the import recognises
    assert values[5] == "'=HYPERLINK(\"http://x\")" and values[9] == "Ông A; Ông B"
    rows = xlsx.read_rows(body)
    checked = xlsx.check_rows(rows, xlsx.Lookups(agencies={}, existing=set()))
    assert checked.ok and checked.rows[0][1].country == "JP" and checked.rows[0][1].signatories == ("Ông A", "Ông B")


def test_template_has_the_headers_and_lists(coordinator, plan):
    body = xlsx.build_template(kinds=["Thành phố kết nghĩa"], countries=["JP - Nhật Bản"], agencies=["Sở Du lịch"])
    wb = load_workbook(io.BytesIO(body))
    assert [c.value for c in wb.worksheets[0][1]][:3] == [str(label) for _k, label in xlsx.COLUMNS[:3]]
    assert wb["Lists"].sheet_state == "hidden" and wb["Lists"]["B1"].value == "JP - Nhật Bản"
