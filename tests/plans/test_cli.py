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
