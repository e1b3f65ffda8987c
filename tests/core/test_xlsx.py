"""The Excel helpers every import shares: reading, cells, neutralised export, pending previews."""

import datetime as dt
import io
import zipfile

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from ngvh.core import xlsx
from tests.factories import workbook


@pytest.fixture(autouse=True)
def _storage_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"


def test_read_rows_skips_blank_rows_and_pads_to_the_width():
    data = workbook(["A", "B", "C"], [("x", 1), (None, None), ("y", 2.5, "z", "extra")])
    assert xlsx.read_rows(data, width=3, max_rows=10, max_uncompressed=10**7) == [(2, ("x", 1, None)), (4, ("y", 2.5, "z"))]


def test_read_rows_refuses_what_is_not_a_workbook_or_too_big():
    with pytest.raises(xlsx.ImportFileError):
        xlsx.read_rows(b"not a zip", width=1, max_rows=10, max_uncompressed=10**7)
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(xlsx.ImportFileError):
        xlsx.read_rows(other.getvalue(), width=1, max_rows=10, max_uncompressed=10**7)
    data = workbook(["A"], [(i,) for i in range(5)])
    with pytest.raises(xlsx.ImportFileError, match="4"):
        xlsx.read_rows(data, width=1, max_rows=4, max_uncompressed=10**7)
    with pytest.raises(xlsx.ImportFileError):  # more unpacked bytes than allowed: a zip bomb is never opened
        xlsx.read_rows(data, width=1, max_rows=10, max_uncompressed=100)


def test_cells():
    assert xlsx.cell_text(3.0) == "3" and xlsx.cell_text("  Hà Nội ") == "Hà Nội" and xlsx.cell_text(None) == ""
    assert xlsx.cell_date("05/03/2025") == xlsx.cell_date("2025-03-05") == xlsx.cell_date(45721) == dt.date(2025, 3, 5)
    assert xlsx.cell_date(dt.datetime(2025, 3, 5, 10)) == dt.date(2025, 3, 5) and xlsx.cell_date("") is None
    with pytest.raises(ValueError):
        xlsx.cell_date("31/02/2025")


def test_export_neutralises_every_formula_start():
    body = xlsx.export_xlsx(headers=["=H"], rows=[["=1+1"], ["+1"], ["-1"], ["@SUM(A1)"], [-5], [dt.date(2025, 5, 1)]], sheet_title="T")
    values = [row[0].value for row in load_workbook(io.BytesIO(body)).worksheets[0].iter_rows()]
    assert values[:6] == ["'=H", "'=1+1", "'+1", "'-1", "'@SUM(A1)", -5]
    assert values[6].date() == dt.date(2025, 5, 1)


def test_pending_previews_are_kept_by_random_key_and_confirmed_only_by_their_session():
    request = RequestFactory().get("/")
    request.session = {}
    pending = xlsx.PendingImports(request, "test_import")
    key = pending.keep(b"PK workbook")
    assert pending.read(key) == b"PK workbook" and list(xlsx.pending_keys()) == [key]
    # another session does not hold the key; a key we did not make is refused before the storage
    other = RequestFactory().get("/")
    other.session = {}
    with pytest.raises(FileNotFoundError):
        xlsx.PendingImports(other, "test_import").read(key)
    with pytest.raises(FileNotFoundError):
        xlsx.pending_read("../../settings")
    pending.forget(key)
    assert list(xlsx.pending_keys()) == [] and request.session["test_import"] == {}


def test_a_zip_claiming_a_version_python_cannot_read_is_refused_with_the_message():
    # given an .xlsx whose central directory claims zip version 6.4 (found by the fuzz test)
    import io
    import zipfile

    import pytest

    from ngvh.core.xlsx import ImportFileError, check_container

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(out.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract": 6.4
    # when its container is checked, then it is refused with the import's message, not a 500
    with pytest.raises(ImportFileError):
        check_container(bytes(data), max_uncompressed=10_000_000)
