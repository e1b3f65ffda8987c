"""The ``ngvh`` console script: parse, import, and every Django command."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "src" / "ngvh" / "plans" / "seeds" / "ke-hoach-274-KH-UBND-hai-phong.txt"
NGVH = Path(sys.executable).with_name("ngvh")


def run_ngvh(*args, env=None, tmp_path=None):
    environment = {**os.environ, **(env or {})}
    if tmp_path is not None:
        environment.setdefault("NGVH_DATA_DIR", str(tmp_path))
    return subprocess.run([str(NGVH), *args], capture_output=True, text=True, env=environment, timeout=120)


@pytest.fixture(scope="module")
def parsed_json():
    result = run_ngvh("plan", "parse", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_parse_prints_the_plan_facts(parsed_json):
    data = parsed_json
    assert data["number"] == "274/KH-UBND"
    assert data["issued_on"] == "2022-12-05"
    assert data["place"] == "Hải Phòng"
    assert data["report_deadline"] == "11-15"
    assert {"number": "2013/QĐ-TTg", "issued_on": "2021-11-30"}.items() <= data["legal_basis"][0].items()
    assert [g["code"] for g in data["groups"]] == ["I", "II", "III", "IV"]
    codes = [t["code"] for t in data["tasks"]]
    assert codes == [f"I.{i}" for i in range(1, 6)] + [f"II.{i}" for i in range(1, 9)] + [
        "III.1", "III.2", "III.3", "IV.1", "IV.2"
    ]


def test_parse_gives_leads_coordinators_and_timeframes(parsed_json):
    tasks = {t["code"]: t for t in parsed_json["tasks"]}
    leads = {
        "I.1": "Sở Ngoại vụ", "I.2": "Sở Thông tin và Truyền thông", "I.3": "Sở Ngoại vụ", "I.4": "Sở Ngoại vụ",
        "I.5": "Sở Thông tin và Truyền thông", "II.1": "Sở Ngoại vụ", "II.2": "Sở Ngoại vụ", "II.3": "Sở Ngoại vụ",
        "II.4": "Sở Văn hóa và Thể thao", "II.5": "Sở Kế hoạch và Đầu tư", "II.6": "Sở Kế hoạch và Đầu tư",
        "II.7": "Sở Du lịch", "II.8": "Sở Văn hóa và Thể thao", "III.1": "Sở Ngoại vụ",
        "III.2": "Sở Văn hóa và Thể thao", "III.3": "Sở Văn hóa và Thể thao", "IV.1": "Sở Ngoại vụ", "IV.2": "Sở Ngoại vụ",
    }
    assert {code: t["lead"] for code, t in tasks.items()} == leads
    assert tasks["I.1"]["coordinators"] == ["Sở Văn hóa và Thể thao", "Sở Du lịch"]
    assert tasks["I.1"]["related_units"] is True
    assert tasks["I.1"]["other_parties"] == []
    text = json.dumps(parsed_json, ensure_ascii=False)
    assert "Sở Văn hóa& Thể thao" not in text.replace('"aliases"', "").split('"agencies"')[0]
    assert "Sở Thông tin-Truyền thông" not in text.split('"agencies"')[0]
    assert tasks["I.3"]["timeframe"] == {"kind": "period", "start": 2025, "end": 2030}
    assert tasks["IV.1"]["timeframe"] == {"kind": "period", "start": 2024, "end": 2030}
    assert tasks["II.3"]["timeframe"] == {"kind": "as_arising"}
    assert tasks["I.4"]["timeframe"] == {"kind": "unspecified"}
    assert tasks["II.5"]["timeframe"] == {"kind": "unspecified"}
    others = set(tasks) - {"I.3", "IV.1", "II.3", "I.4", "II.5"}
    assert all(tasks[c]["timeframe"] == {"kind": "annual"} for c in others)


def test_parse_refusal_exits_2_with_message_on_stderr(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Một văn bản không phải kế hoạch.\n", encoding="utf-8")
    result = run_ngvh("plan", "parse", str(bad), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "số" in result.stderr.lower() or "number" in result.stderr.lower()
    assert "\n" in result.stderr.strip()  # Vietnamese line, then English line


def test_parse_refusal_on_stderr_is_worded_in_vietnamese_then_english(tmp_path):
    # Given a file with nothing in it
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    # When it is parsed / Then the refusal is the Vietnamese line, then the English one
    result = run_ngvh("plan", "parse", str(empty))
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["Tệp trống.", "The file is empty."]


def test_parse_json_warnings_keep_their_line_and_texts_and_gain_a_code(parsed_json):
    # Given the seed plan parsed to JSON / Then each warning has its line, a code, and both texts
    warnings = parsed_json["warnings"]
    assert warnings and all(set(w) == {"line", "code", "message", "message_en"} for w in warnings)
    assert all(w["code"].startswith("plans.warning.") and w["message"] and w["message_en"] for w in warnings)
    portal = [w for w in warnings if w["code"] == "plans.warning.portal_typo"]
    assert portal and portal[0]["line"] == 220
    assert "(cổng thông tin)." in portal[0]["message"] and "(portal)." in portal[0]["message_en"]


def test_import_then_reimport_through_the_command(tmp_path):
    db = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    assert run_ngvh("migrate", "-v", "0", env=db, tmp_path=tmp_path).returncode == 0
    first = run_ngvh("plan", "import", str(SEED), env=db, tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "18" in first.stdout
    second = run_ngvh("plan", "import", str(SEED), env=db, tmp_path=tmp_path)
    assert second.returncode == 0
    assert "unchanged" in second.stdout


def test_ngvh_runs_django_commands():
    result = run_ngvh("check")
    assert result.returncode == 0
    assert "no issues" in result.stdout


def test_parse_json_gives_each_task_its_source_and_needs_review(tmp_path):
    # Given a Word plan with an unknown lead and a row that is not a group or a task
    from tests.plans.review_documents import ROWS, UNKNOWN, plan_docx

    path = tmp_path / "plan.docx"
    path.write_bytes(plan_docx([*ROWS, ["*?", "lạc dòng", "Sở Du lịch", "", ""]]))
    # When it is parsed to JSON
    result = run_ngvh("plan", "parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    tasks = {t["code"]: t for t in data["tasks"]}
    # Then every task says where it was read, and what about it needs review
    assert tasks["1"]["source"] == "table 1, row 3"
    assert tasks["1"]["needs_review"] == []
    assert [w["code"] for w in tasks["2"]["needs_review"]] == ["unknown_agency"]
    assert UNKNOWN in tasks["2"]["needs_review"][0]["message"]
    codes = {(w["code"], w["source"]) for w in data["needs_review"]}
    assert ("unreadable_row", "table 1, row 8") in codes


def _review_command(path, *extra):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("plan", "import", str(path), "--review", *extra, stdout=out)
    return out.getvalue()


def _stored():
    from ngvh.agencies.models import Agency
    from ngvh.plans.models import ImportReview, Plan, Task

    return (Plan.objects.count(), Task.objects.count(), Agency.objects.count(), ImportReview.objects.count())


@pytest.fixture
def review_file(tmp_path):
    from tests.plans.review_documents import ROWS, plan_docx

    path = tmp_path / "plan.docx"
    path.write_bytes(plan_docx([*ROWS, ["*?", "lạc dòng", "Sở Du lịch", "", ""]]))
    return path


@pytest.fixture
def held_agency(db):
    from tests.factories import AgencyFactory
    from tests.plans.review_documents import HELD, document_province

    return AgencyFactory(province=document_province(), name=HELD)


@pytest.mark.django_db
def test_import_review_prints_what_needs_review_and_stores_nothing(review_file, held_agency):
    from tests.plans.review_documents import UNKNOWN

    # Given a province holding an agency close to the document's unknown one
    before = _stored()
    # When the document is imported with --review
    out = _review_command(review_file)
    # Then the unknown agency is listed with the held one as a suggestion, the unread row too
    line = next(text for text in out.splitlines() if UNKNOWN in text)
    assert held_agency.name in line
    assert "table 1, row 8: *? | lạc dòng | Sở Du lịch" in out
    assert "Nothing stored" in out
    # And nothing is written
    assert _stored() == before


@pytest.mark.django_db
def test_import_review_can_keep_the_draft_for_a_coordinator(review_file, held_agency, coordinator):
    from ngvh.plans.models import ImportReview

    # Given a coordinator / When --review --create-draft names them
    out = _review_command(review_file, "--create-draft", coordinator.username)
    # Then one draft is kept for them, with the document, and no plan is stored yet
    (review,) = ImportReview.objects.all()
    assert review.created_by == coordinator and review.source_name == "plan.docx"
    assert str(review.pk) in out
    assert _stored()[:2] == (0, 0)


@pytest.mark.django_db
def test_import_review_draft_is_refused_to_a_reporter(review_file, reporter_a):
    from django.core.management.base import CommandError

    # Given a reporter / When they ask for a draft / Then it is refused and nothing is kept
    before = _stored()
    with pytest.raises(CommandError) as refused:
        _review_command(review_file, "--create-draft", reporter_a.username)
    assert refused.value.returncode == 2
    assert _stored() == before


def test_import_review_of_a_refused_document_exits_2(tmp_path):
    # Given a report, not a plan / When --review runs / Then it exits 2 with the reason
    bad = tmp_path / "bad.txt"
    bad.write_text("Một văn bản không phải kế hoạch.\n", encoding="utf-8")
    result = run_ngvh("plan", "import", str(bad), "--review")
    assert result.returncode == 2
    assert result.stdout == ""


def test_parse_json_of_a_plan_whose_tasks_are_numbered_in_the_text(tmp_path):
    # Given Nghệ An's plan without a task table, as a Word file
    from tests.plans.body_task_documents import NGHE_AN, as_docx

    path = tmp_path / "ke-hoach-215.docx"
    path.write_bytes(as_docx(NGHE_AN))
    # When it is parsed by the command
    result = run_ngvh("plan", "parse", str(path), "--json")
    # Then it is read, each task citing its line, the task without a lead listed for review
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(t["code"], t["source"]) for t in data["tasks"]] == [
        ("1.1", "line 19"), ("1.2", "line 24"), ("2.1", "line 29"), ("2.2", "line 33"),
    ]
    assert [(w["code"], w["task_code"], w["source"]) for w in data["needs_review"]] == [("no_lead", "2.2", "line 33")]
