import datetime as dt
import json
from importlib.resources import files
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ngvh.agencies.models import Agency, RestructuringEvent
from ngvh.plans.models import TaskAssignment

pytestmark = pytest.mark.django_db

VHTT, DL, VHTTDL = "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Văn hóa, Thể thao và Du lịch"


def bundled() -> dict:
    return json.loads(files("ngvh.agencies").joinpath("data", "hai-phong-2025.json").read_text())


def state():
    return (
        sorted(TaskAssignment.objects.values_list("id", "agency_id", "role", "active_from", "active_until")),
        sorted(Agency.objects.values_list("id", "name", "active_until")),
        RestructuringEvent.objects.count(),
    )


def test_bundled_file_moves_vhtt_and_dl_tasks(seed_plan, seed_agencies):
    # given the bundled plan, where VHTT and DL lead tasks
    vhtt_leads = set(
        TaskAssignment.objects.filter(agency=seed_agencies[VHTT], role="lead").values_list("task_id", flat=True)
    )
    assert vhtt_leads
    out = StringIO()
    # when the bundled Hải Phòng 2025 file is applied
    call_command("agencies", "apply-restructuring", "hai-phong-2025", "--lang", "en", stdout=out)
    # then VHTTDL exists from 01/03/2025 and leads every task VHTT led
    successor = Agency.objects.get(name=VHTTDL)
    assert successor.active_from == dt.date(2025, 3, 1)
    now_lead = set(
        TaskAssignment.objects.filter(agency=successor, role="lead", active_until__isnull=True).values_list("task_id", flat=True)
    )
    assert vhtt_leads <= now_lead
    assert not TaskAssignment.objects.filter(agency__name__in=[VHTT, DL], active_until__isnull=True).exists()
    # and only the verified change was applied; the unverified ones are reported as skipped
    assert RestructuringEvent.objects.count() == 1
    assert "Skipped (unverified" in out.getvalue()
    assert "Sở Kế hoạch và Đầu tư" in out.getvalue()


def test_bundled_file_twice_changes_nothing_more(seed_plan):
    # given the file was applied once
    call_command("agencies", "apply-restructuring", "hai-phong-2025", stdout=StringIO())
    before = state()
    out = StringIO()
    # when it is applied again
    call_command("agencies", "apply-restructuring", "hai-phong-2025", stdout=out)
    # then nothing changes and the command says it was already applied
    assert state() == before
    assert "Đã áp dụng trước đó" in out.getvalue()


def test_file_with_an_unknown_agency_is_refused_whole(seed_plan, tmp_path):
    # given the bundled file plus an event naming an agency the registry does not know
    data = bundled()
    data["events"].append(
        {"kind": "merge", "effective_date": "2025-07-01", "predecessors": ["Sở Không Tồn Tại"], "successors": ["Sở Tài chính"]}
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    before = state()
    # when it is applied
    with pytest.raises(CommandError) as err:
        call_command("agencies", "apply-restructuring", str(path), "--lang", "en", stdout=StringIO())
    # then it is refused naming the agency, and not even the valid first event was applied
    assert "Sở Không Tồn Tại" in str(err.value) and "Nothing was changed" in str(err.value)
    assert state() == before


def test_unverified_events_need_a_date_before_they_apply(seed_plan):
    # given the bundled file, whose unverified events carry no date
    before = state()
    # when the operator asks to include them
    with pytest.raises(CommandError) as err:
        call_command("agencies", "apply-restructuring", "hai-phong-2025", "--include-unverified", stdout=StringIO())
    # then the whole file is refused in Vietnamese, asking for the date
    assert "chưa có ngày hiệu lực" in str(err.value)
    assert state() == before


def test_unverified_events_apply_once_dated(seed_plan, tmp_path):
    # given a copy of the file with dates written in for the unverified mergers
    data = bundled()
    for event in data["events"][1:]:
        event["effective_date"] = "2025-03-01"
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    # when it is applied with --include-unverified
    call_command("agencies", "apply-restructuring", str(path), "--include-unverified", stdout=StringIO())
    # then all three events were recorded
    assert RestructuringEvent.objects.count() == 3
    assert Agency.objects.get(name="Sở Kế hoạch và Đầu tư").active_until == dt.date(2025, 2, 28)


def test_malformed_file_is_refused(seed_plan, tmp_path):
    # given a file that is not JSON
    path = tmp_path / "x.json"
    path.write_text("{not json")
    # when applied
    # then a clear error, in English when asked
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("agencies", "apply-restructuring", str(path), "--lang", "en", stdout=StringIO())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", 'Chưa có tỉnh/thành phố "Tỉnh Chưa Có" trong hệ thống: hãy nhập kế hoạch trước.'),
        ("en", 'Province "Tỉnh Chưa Có" is not in the system yet: import its plan first.'),
    ],
)
def test_a_province_not_yet_in_the_system_is_refused_in_the_language_asked(seed_plan, tmp_path, lang, expected):
    # given a well-formed file for a province the system does not hold
    data = {**bundled(), "province": "Tỉnh Chưa Có"}
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    before = state()
    # when it is applied with --lang
    with pytest.raises(CommandError) as err:
        call_command("agencies", "apply-restructuring", str(path), "--lang", lang, stdout=StringIO())
    # then the refusal is worded in that language, and nothing changed
    assert str(err.value) == expected
    assert state() == before


@pytest.mark.parametrize(
    ("lang", "missing", "applied"),
    [("vi", "Không tìm thấy tệp ", f"Đã áp dụng: {DL}, {VHTT} → {VHTTDL} từ 01/03/2025\n"),
     ("en", "File not found: ", f"Applied: {DL}, {VHTT} → {VHTTDL} from 01/03/2025\n")],
)
def test_the_command_speaks_the_language_asked(seed_plan, tmp_path, lang, missing, applied):
    # given a path to no file
    # when it is named, then the command says so in the language asked
    with pytest.raises(CommandError, match=f"^{missing}"):
        call_command("agencies", "apply-restructuring", str(tmp_path / "none.json"), "--lang", lang, stdout=StringIO())
    # when the bundled file is applied, then each applied change is reported in that language, with its date
    out = StringIO()
    call_command("agencies", "apply-restructuring", "hai-phong-2025", "--lang", lang, stdout=out)
    assert out.getvalue().startswith(applied)
