import csv
import datetime as dt
import io

import hypothesis
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ngvh.activities import services, xlsx
from ngvh.activities.models import Activity, ActivityCountry
from ngvh.core.text import search_key

pytestmark = pytest.mark.django_db


def workbook_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([str(label) for _key, label in xlsx.COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def good_row(i: int, agency_name: str = "") -> list:
    row = [None] * len(xlsx.COLUMNS)
    values = {
        "title": f"Giao lưu văn hoá Việt – Nhật lần {i}",
        "kind": "Triển lãm" if i % 2 else "exhibition",
        "status": "Đã thực hiện" if i % 3 == 0 else "",
        "start_date": dt.datetime(2025, 3, 1 + i % 27),
        "end_date": f"{2 + i % 27:02d}/03/2025",
        "agency": agency_name,
        "tasks": "I.1, I.2" if i % 2 else "i.1",
        "place_country": "Nhật Bản" if i % 5 == 0 else "",
        "place_name": "Kitakyushu" if i % 5 == 0 else "Quận Ngô Quyền",
        "countries": "KR, Hàn Quốc" if i % 7 == 0 else "",
        "participants_total": 120,
        "participants_foreign": "20",
        "budget_state": "1.250.000",
        "budget_private": 0,
        "budget_foreign": 300000.0,
        "media_count": 3,
        "outcome": "Tăng cường hiểu biết",
    }
    for key, value in values.items():
        row[xlsx.COLUMN_INDEX[key]] = value
    return row


def test_500_rows_with_one_bad_row_saves_nothing_and_names_the_row(reporter_a, plan_a):
    # given 500 rows where row 250 (Excel row 251) has a negative budget
    plan, _ = plan_a
    rows = [good_row(i) for i in range(500)]
    rows[249][xlsx.COLUMN_INDEX["budget_state"]] = -5
    data = workbook_bytes(rows)
    # when imported with commit
    with translation.override("en"):
        outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=True)
    # then nothing is saved and the problem names row 251, column N (state budget)
    assert not outcome.committed and outcome.saved == 0
    assert Activity.objects.count() == 0
    assert [(p.row, p.column) for p in outcome.checked.problems] == [(251, "N")]
    assert "negative" in outcome.checked.problems[0].message
    assert outcome.checked.total == 500


def test_problems_are_explained_in_vietnamese(reporter_a, plan_a):
    plan, _ = plan_a
    row = good_row(1)
    row[xlsx.COLUMN_INDEX["start_date"]] = "31/02/2025"
    with translation.override("vi"):
        outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes([row]), commit=False)
    problem = outcome.checked.problems[0]
    assert (problem.row, problem.column) == (2, "D")
    assert "không phải là ngày" in problem.message


def test_every_problem_of_a_row_is_reported(reporter_a, plan_a):
    # given a row with a bad kind, an unknown task, a fake country and an end before start
    plan, _ = plan_a
    row = good_row(1)
    row[xlsx.COLUMN_INDEX["kind"]] = "Picnic"
    row[xlsx.COLUMN_INDEX["tasks"]] = "IX.9"
    row[xlsx.COLUMN_INDEX["countries"]] = "Atlantis"
    with translation.override("en"):
        outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes([row]), commit=False)
    # then each is reported with its column
    assert {p.column for p in outcome.checked.problems} == {"B", "G", "J"}


def test_preview_then_commit_saves_all_rows_with_links(reporter_a, agency_a, plan_a):
    # given 30 good rows
    plan, (t1, t2, _t3) = plan_a
    data = workbook_bytes([good_row(i) for i in range(30)])
    # when previewed / then checked and nothing written
    preview = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=False)
    assert preview.ok and len(preview.checked.rows) == 30 and Activity.objects.count() == 0
    # when committed / then all 30, with tasks, countries, year, search text and history
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=True)
    assert outcome.saved == 30 and Activity.objects.count() == 30
    first = Activity.objects.get(title="Giao lưu văn hoá Việt – Nhật lần 1")
    assert set(first.tasks.all()) == {t1, t2}
    assert first.agency == agency_a and first.year == 2025 and first.budget_state == 1_250_000
    assert first.search_text == search_key(f"{first.title} {first.description} {first.place_name} {first.outcome}")
    assert set(ActivityCountry.objects.filter(activity__title__endswith=" 0").values_list("code", flat=True)) == {"JP", "KR"}
    assert first.history.get().history_user == reporter_a


def test_unassigned_task_is_a_warning_not_a_problem(reporter_a, plan_a):
    plan, _ = plan_a
    row = good_row(1)
    row[xlsx.COLUMN_INDEX["tasks"]] = "II.1"
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes([row]), commit=False)
    assert outcome.ok and [w.column for w in outcome.checked.warnings] == ["G"]


def test_reporter_cannot_import_for_another_agency(reporter_a, agency_b, plan_a):
    plan, _ = plan_a
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes([good_row(1, agency_b.name)]), commit=True)
    assert [p.column for p in outcome.checked.problems] == ["F"] and Activity.objects.count() == 0


def test_leader_cannot_import(leader, plan_a):
    plan, _ = plan_a
    with pytest.raises(PermissionDenied):
        services.activities_import_xlsx(user=leader, plan=plan, data=workbook_bytes([good_row(1)]), commit=True)


def test_not_a_workbook(reporter_a, plan_a):
    plan, _ = plan_a
    outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=b"MZ not excel", commit=True)
    assert outcome.file_error and not outcome.ok


def test_template_has_drop_down_lists():
    data = xlsx.build_template(kinds=["Triển lãm", "Khác"], statuses=["Đã thực hiện"], task_codes=["I.1", "I.2"], countries=["JP - Nhật Bản"])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "=Lists!$A$1:$A$2" in formulas  # kind
    assert "=Lists!$C$1:$C$2" in formulas  # task codes
    assert "=Lists!$D$1:$D$1" in formulas  # countries
    assert wb["Lists"].sheet_state == "hidden"


DANGEROUS = ["=HYPERLINK(\"http://evil\")", "+1+2", "-3+cmd", "@SUM(A1)"]


def test_xlsx_export_neutralises_formulas():
    data = xlsx.export_xlsx(headers=["Tên"], rows=[[v] for v in DANGEROUS] + [[dt.date(2025, 5, 1)], [-5]], sheet_title="Hoạt động")
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    values = [ws.cell(row=r, column=1).value for r in range(2, 2 + len(DANGEROUS))]
    assert values == ["'" + v for v in DANGEROUS]
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 2 + len(DANGEROUS)))
    assert ws.cell(row=6, column=1).value == dt.datetime(2025, 5, 1)
    assert ws.cell(row=7, column=1).value == -5


def test_csv_export_neutralises_formulas():
    data = xlsx.export_csv(headers=["Tên"], rows=[[v] for v in DANGEROUS] + [[dt.date(2025, 5, 1)]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:5]] == ["'" + v for v in DANGEROUS]
    assert rows[5][0] == "01/05/2025"


def test_a_repeated_bad_value_is_reported_on_every_row(reporter_a, plan_a):
    # given three rows sharing an unknown agency spelling and a date that does not exist
    plan, _ = plan_a
    rows = [good_row(i) for i in range(3)]
    for row in rows:
        row[xlsx.COLUMN_INDEX["kind"]] = "Picnic"
        row[xlsx.COLUMN_INDEX["start_date"]] = "31/02/2025"
    # when checked
    with translation.override("en"):
        outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=workbook_bytes(rows), commit=False)
    # then each row carries both problems, not only the first row that met the value
    assert sorted((p.row, p.column) for p in outcome.checked.problems) == [
        (2, "B"), (2, "D"), (3, "B"), (3, "D"), (4, "B"), (4, "D"),
    ]


def test_dates_are_read_in_every_accepted_spelling():
    # given the dd/mm/yyyy fast path and the other formats the import has always accepted
    # when parsed
    # then each gives the same day, and an impossible day is still refused
    assert xlsx.cell_date("05/03/2025") == dt.date(2025, 3, 5)
    assert xlsx.cell_date("5/3/2025") == dt.date(2025, 3, 5)
    assert xlsx.cell_date("05-03-2025") == dt.date(2025, 3, 5)
    assert xlsx.cell_date("2025-03-05") == dt.date(2025, 3, 5)
    assert xlsx.cell_date(45721) == dt.date(2025, 3, 5)
    with pytest.raises(ValueError):
        xlsx.cell_date("31/02/2025")
    with pytest.raises(ValueError):
        xlsx.cell_date("٠٥/٠٣/٢٠٢٥")  # digits, but not the ASCII ones the format means


def test_a_true_cell_is_not_taken_for_the_number_one():
    # given the same memo used for a numeric column, fed 1 and then True
    memo = xlsx._Memo(xlsx._int)
    # when both are read
    # then 1 is a number and True is refused, whatever the order
    assert memo(1) == 1
    with pytest.raises(ValueError):
        memo(True)
    assert xlsx._text(True) == "True" and xlsx._text(3.0) == "3"


def _damaged_workbooks() -> dict[str, bytes]:
    """Files that look like a workbook from outside but are broken inside, as real uploads are."""
    import zipfile

    good = workbook_bytes([good_row(1)])

    def rezip(change) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = change(info.filename, src.read(info.filename))
                if data is not None:
                    dst.writestr(info.filename, data)
        return out.getvalue()

    return {
        "truncated download": good[: len(good) // 2],
        "broken sheet XML": rezip(lambda name, data: data[: len(data) // 2] if name.endswith("sheet1.xml") else data),
        "sheet missing": rezip(lambda name, data: None if name.endswith("sheet1.xml") else data),
        "zip without a workbook": rezip(lambda name, data: None if name == "xl/workbook.xml" else data),
        "empty file": b"",
        "legacy binary": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }


@pytest.mark.parametrize("kind", list(_damaged_workbooks()))
def test_a_damaged_workbook_gets_the_imports_own_message(reporter_a, plan_a, kind):
    # given a damaged .xlsx
    plan, _ = plan_a
    data = _damaged_workbooks()[kind]
    # when it is imported, in English and in Vietnamese
    with translation.override("en"):
        outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=True)
    with translation.override("vi"):
        outcome_vi = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=True)
    # then it is refused with the import's message, never an exception, and nothing is stored
    assert not outcome.ok and "cannot be read as an Excel workbook" in outcome.file_error
    assert outcome_vi.file_error and outcome_vi.file_error != outcome.file_error
    assert not Activity.objects.exists()


def test_a_damaged_upload_shows_the_message_on_the_page(client, reporter_a, plan_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    # given a reporter uploading a truncated workbook
    plan, _ = plan_a
    client.force_login(reporter_a)
    data = _damaged_workbooks()["broken sheet XML"]
    # when the page checks it (in Vietnamese, the default language)
    response = client.post(reverse("activities:import"), {"plan": plan.pk, "file": SimpleUploadedFile("h.xlsx", data)})
    # then the page answers 400 with the message in its error summary
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "Không đọc được tệp này dưới dạng Excel (.xlsx)" in body


def test_cells_read_as_the_template_means_them():
    # given a row with a date cell, a number cell, a boolean, an empty cell and text past the last column
    row = good_row(1)
    row[xlsx.COLUMN_INDEX["description"]] = None
    data = workbook_bytes([row + ["beyond the template"], [None] * len(xlsx.COLUMNS), row])
    # when read
    rows = xlsx.read_rows(data)
    # then blank rows are skipped, row numbers are Excel's, and values keep their types
    assert [n for n, _v in rows] == [2, 4]
    values = rows[0][1]
    assert len(values) == len(xlsx.COLUMNS)
    assert xlsx.cell_date(values[xlsx.COLUMN_INDEX["start_date"]]) == dt.date(2025, 3, 2)
    assert values[xlsx.COLUMN_INDEX["participants_total"]] == 120
    assert values[xlsx.COLUMN_INDEX["description"]] is None
    assert values[xlsx.COLUMN_INDEX["title"]] == "Giao lưu văn hoá Việt – Nhật lần 1"


_PART = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĂĐ áàảãạếềểễệóòỏõọ\u0301\u0300\u0323 .,-–\t\n\u00a0ΣσİK0")), max_size=12)


@given(parts=st.lists(_PART, min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_search_key_of_parts_equals_the_key_of_the_joined_text(parts):
    # given any parts (spaces at the ends, empty parts, stray combining marks, Greek sigma)
    # when keyed part by part
    # then the key is exactly the one of the joined text
    assert xlsx.fast_search_key_of(parts) == search_key(" ".join(parts))


# ---- fuzzing: mutated workbooks never raise, on the service or the page ------------------

_GOOD_WORKBOOK = None


def _good_workbook() -> bytes:
    global _GOOD_WORKBOOK
    if _GOOD_WORKBOOK is None:
        _GOOD_WORKBOOK = workbook_bytes([good_row(1), good_row(2)])
    return _GOOD_WORKBOOK


def _rezip_member(data: bytes, member_index: int, mutate) -> bytes:
    """Rewrite one member with mutated bytes but a valid container (so the damage reaches
    the XML and deflate readers, not only the zip directory): zlib errors, broken XML."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        infos = src.infolist()
        target = infos[member_index % len(infos)].filename
        for info in infos:
            body = src.read(info.filename)
            dst.writestr(info.filename, mutate(body) if info.filename == target else body)
    return out.getvalue()


@st.composite
def mutated_workbooks(draw) -> bytes:
    data = bytearray(_good_workbook())
    how = draw(st.sampled_from(["flip", "truncate", "splice", "member"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 16))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if how == "splice":
        i = draw(st.integers(0, len(data)))
        return bytes(data[:i] + draw(st.binary(min_size=1, max_size=64)) + data[i:])

    def mutate(body: bytes) -> bytes:
        b = bytearray(body)
        for _ in range(draw(st.integers(1, 8))):
            if b:
                b[draw(st.integers(0, len(b) - 1))] = draw(st.integers(0, 255))
        return bytes(b[: draw(st.integers(0, len(b)))])

    return _rezip_member(bytes(data), draw(st.integers(0, 20)), mutate)


@pytest.mark.slow
@given(data=mutated_workbooks())
@settings(max_examples=200, deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_fuzz_mutated_workbooks_never_raise_in_the_import_service(reporter_a, plan_a, data):
    # given any mutation of a good workbook
    plan, _ = plan_a
    # when it is checked, in both languages
    for lang in ("vi", "en"):
        with translation.override(lang):
            outcome = services.activities_import_xlsx(user=reporter_a, plan=plan, data=data, commit=False)
        # then it is either read (rows checked) or refused with the import's message
        assert outcome.checked is not None or outcome.file_error


@pytest.mark.slow
@given(data=mutated_workbooks())
@settings(max_examples=40, deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_fuzz_mutated_workbooks_never_give_a_500_on_the_import_page(client, reporter_a, plan_a, data, tmp_path_factory):
    from django.conf import settings as django_settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse

    # given a signed-in reporter uploading a mutated workbook
    plan, _ = plan_a
    client.force_login(reporter_a)
    client.raise_request_exception = True
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("evidence"))):
        assert django_settings.MEDIA_ROOT
        # when the page checks it
        response = client.post(reverse("activities:import"), {"plan": plan.pk, "file": SimpleUploadedFile("h.xlsx", data)})
    # then it answers with the page (rows or the message), never a server error
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        body = response.content.decode()
        assert "error-summary" in body
