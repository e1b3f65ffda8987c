import io

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from ngvh.documents.cli import consolidate
from ngvh.reporting.models import ReportStatus

from .factories import scenario

pytestmark = pytest.mark.django_db


def test_consolidate_writes_both_files(tmp_path):
    s = scenario()
    out, err = io.StringIO(), io.StringIO()
    code = consolidate({"plan": "274/KH-UBND", "year": s.year, "docx": str(tmp_path / "r.docx"),
                        "xlsx": str(tmp_path / "r.xlsx")}, out, err)
    assert code == 0, err.getvalue()
    doc = Document(str(tmp_path / "r.docx"))
    assert any(p.text == "BÁO CÁO" for p in doc.paragraphs)
    assert load_workbook(str(tmp_path / "r.xlsx")).sheetnames[0] == "Nhiệm vụ"
    assert "expected 3" in out.getvalue()


def test_consolidate_with_nothing_accepted_exits_2(tmp_path):
    s = scenario()
    for report in (s.reports["vh"], s.reports["dl"]):
        report.status = ReportStatus.SUBMITTED
        report.save()
    out, err = io.StringIO(), io.StringIO()
    code = consolidate({"plan": "274/KH-UBND", "year": s.year, "docx": str(tmp_path / "r.docx")}, out, err)
    assert code == 2
    assert "Không có báo cáo nào đã được chấp nhận" in err.getvalue()
    assert "nothing to consolidate" in err.getvalue()
    assert not (tmp_path / "r.docx").exists()


def test_consolidate_unknown_plan_exits_2():
    out, err = io.StringIO(), io.StringIO()
    assert consolidate({"plan": "999/KH-UBND", "year": 2026}, out, err) == 2
    assert "999/KH-UBND" in err.getvalue()


def test_report_command_delegates(tmp_path):
    s = scenario()
    out = io.StringIO()
    call_command("report", "consolidate", "--plan", "274/KH-UBND", "--year", str(s.year),
                 "--output", str(tmp_path / "city.docx"), stdout=out)
    assert (tmp_path / "city.docx").exists()


def test_report_command_with_docx_and_xlsx_options(tmp_path):
    s = scenario()
    out = io.StringIO()
    call_command("report", "consolidate", "--plan", "274/KH-UBND", "--year", str(s.year),
                 "--docx", str(tmp_path / "a.docx"), "--xlsx", str(tmp_path / "a.xlsx"), stdout=out)
    assert (tmp_path / "a.docx").exists() and (tmp_path / "a.xlsx").exists()


def test_report_command_exits_2_when_nothing_is_accepted(tmp_path):
    s = scenario()
    for report in (s.reports["vh"], s.reports["dl"]):
        report.status = ReportStatus.SUBMITTED
        report.save()
    with pytest.raises(SystemExit) as info:
        call_command("report", "consolidate", "--plan", "274/KH-UBND", "--year", str(s.year),
                     "--docx", str(tmp_path / "a.docx"), stdout=io.StringIO(), stderr=io.StringIO())
    assert info.value.code == 2
