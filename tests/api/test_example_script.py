"""The documented example script pushes a spreadsheet through the real API over loopback."""

import importlib.util
from pathlib import Path

import pytest
from openpyxl import Workbook

from ngvh.activities.models import Activity
from ngvh.api.services import api_token_create
from tests.activities.factories import small_plan

pytestmark = pytest.mark.django_db(transaction=True)
SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "push_activities.py"


def _script():
    spec = importlib.util.spec_from_file_location("push_activities", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_script_records_good_rows_and_reports_refused_ones(live_server, reporter_a, agency_a, tmp_path, monkeypatch, capsys):
    # given a plan, a reporter's token and a sheet with two good rows and a bad one
    plan, _tasks = small_plan(lead_agency=agency_a)
    monkeypatch.setenv("NGVH_TOKEN", api_token_create(user=reporter_a, owner=reporter_a, name="excel")[1])
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "kind", "start_date", "end_date", "task_codes", "country_codes", "participants_total"])
    sheet.append(["Tuần phim Nhật Bản", "event_home", "10/05/2025", "12/05/2025", "I.1", "JP", 300])
    sheet.append(["Đón đoàn Incheon", "delegation_in", "01/06/2025", "02/06/2025", "I.1; I.2", "KR", 25])
    sheet.append(["Ngày sai", "event_home", "05/06/2025", "01/06/2025", "I.2", "", 10])
    path = tmp_path / "hoat-dong.xlsx"
    book.save(path)
    # when the script runs against the server
    code = _script().main([live_server.url, str(path), "--plan", str(plan.pk)])
    # then two activities are recorded with their tasks, and the bad row is named with the reason
    out = capsys.readouterr().out
    assert code == 1
    assert sorted(Activity.objects.values_list("title", flat=True)) == ["Tuần phim Nhật Bản", "Đón đoàn Incheon"]
    assert Activity.objects.get(title="Đón đoàn Incheon").tasks.count() == 2
    assert "row 4: refused (400)" in out and "end_date" in out
