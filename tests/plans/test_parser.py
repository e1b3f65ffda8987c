"""The plan parser on the bundled Hải Phòng plan and on small documents written here.

No database: the parser is a pure function of the document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import ngvh.plans
from ngvh.plans.parser import parse_bytes
from ngvh.plans.vocabulary import Vocabulary

SEED = Path(ngvh.plans.__file__).parent / "seeds" / "ke-hoach-274-KH-UBND-hai-phong.txt"

HEADER = "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian"


def seed_bytes() -> bytes:
    return SEED.read_bytes()


def make_plan(table: str, *, header: str = "", body: str = "", caption: bool = True) -> str:
    """A small plan of the same family: letter head, a body, then an appendix table."""
    head = header or (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NINH\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND\n"
        "Hạ Long, ngày 03 tháng 3 năm 2023\n\n"
        "KẾ HOẠCH\n"
        "Thực hiện Chiến lược Ngoại giao văn hóa\n"
        "đến năm 2030\n\n"
        "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ.\n\n"
    )
    letter = body or "I. MỤC ĐÍCH\n\n1. Mục đích\n\n- Triển khai.\n\n"
    appendix = "PHỤ LỤC\n\n"
    if caption:
        appendix += "(Kèm theo Kế hoạch số 12/KH-UBND ngày 03/3/2023)\n\n"
    return head + letter + appendix + table.strip("\n") + "\n"


def parse_text(text: str, vocabulary: Vocabulary | None = None):
    return parse_bytes(text.encode("utf-8"), "plan.txt", vocabulary=vocabulary)


def one_task_table(lead: str = "Sở Ngoại vụ", coordinators: str = "", time: str = "Hàng năm") -> str:
    return f"{HEADER}\nI\tNhóm một\t\t\t\n1\tNhiệm vụ một.\t{lead}\t{coordinators}\t{time}\n"


# --- the seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_plan():
    return parse_bytes(seed_bytes(), SEED.name)


def test_seed_metadata(seed_plan):
    # Given the bundled Hải Phòng plan / When parsed / Then its identity is read from the text
    assert seed_plan.number == "274/KH-UBND"
    assert seed_plan.issued_on == dt.date(2022, 12, 5)
    assert seed_plan.place == "Hải Phòng"
    assert seed_plan.issuer == "Ủy ban nhân dân thành phố Hải Phòng"
    assert seed_plan.title == "Triển khai Chiến lược Ngoại giao văn hoá của thành phố Hải Phòng đến năm 2030"
    basis = {b["number"]: b["issued_on"] for b in seed_plan.legal_basis}
    assert basis["2013/QĐ-TTg"] == "2021-11-30"
    assert basis["404/BNG-NGVH-UNESCO"] == "2022-02-10"
    assert seed_plan.report_deadline == (11, 15)
    assert seed_plan.signer == {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "Nguyễn Văn Tùng"}
    assert seed_plan.recipients[0] == "Bộ Ngoại giao"
    assert seed_plan.recipients[-1] == "Lưu VT"


def test_seed_groups_and_task_codes(seed_plan):
    # Given the seed / When parsed / Then the appendix gives four groups and 18 tasks
    assert [g.code for g in seed_plan.groups] == ["I", "II", "III", "IV"]
    expected = (
        [f"I.{n}" for n in range(1, 6)]
        + [f"II.{n}" for n in range(1, 9)]
        + [f"III.{n}" for n in range(1, 4)]
        + ["IV.1", "IV.2"]
    )
    assert [t.code for t in seed_plan.tasks] == expected


def test_seed_leads(seed_plan):
    # Given the seed / When parsed / Then every lead is one canonical agency name
    nv, tttt, vhtt = "Sở Ngoại vụ", "Sở Thông tin và Truyền thông", "Sở Văn hóa và Thể thao"
    khdt, dl = "Sở Kế hoạch và Đầu tư", "Sở Du lịch"
    expected = {
        "I.1": nv, "I.2": tttt, "I.3": nv, "I.4": nv, "I.5": tttt,
        "II.1": nv, "II.2": nv, "II.3": nv, "II.4": vhtt, "II.5": khdt, "II.6": khdt, "II.7": dl,
        "II.8": vhtt, "III.1": nv, "III.2": vhtt, "III.3": vhtt, "IV.1": nv, "IV.2": nv,
    }  # fmt: skip
    assert {t.code: t.lead for t in seed_plan.tasks} == expected


def test_seed_coordinators_and_placeholders(seed_plan):
    # Given the seed's run-together coordinator cells / When parsed / Then they are split
    tasks = {t.code: t for t in seed_plan.tasks}
    assert tasks["I.1"].coordinators == ["Sở Văn hóa và Thể thao", "Sở Du lịch"]
    assert tasks["I.1"].related_units is True
    assert tasks["I.4"].coordinators == [
        "Sở Văn hóa và Thể thao",
        "Sở Thông tin và Truyền thông",
        "Công an thành phố",
    ]
    assert tasks["I.5"].coordinators == []
    assert tasks["I.5"].other_parties == [
        "Cơ quan Báo chí Hải Phòng",
        "hệ thống cổng thông tin điện tử thành phố",
        "hệ thống thông tin cơ sở",
    ]
    assert tasks["II.7"].coordinators == ["Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Ban Quản lý Khu kinh tế"]
    assert tasks["II.7"].other_parties == ["Các quận, huyện"]
    assert tasks["III.3"].other_parties == ["Các quận, huyện"] and tasks["III.3"].related_units
    assert tasks["IV.2"].coordinators == ["Sở Nội vụ", "Sở Văn hóa và Thể thao"]
    for task in seed_plan.tasks:
        assert task.lead not in task.coordinators
        assert len(set(task.coordinators)) == len(task.coordinators)


def test_seed_variant_spellings_never_reach_tasks_or_body(seed_plan):
    # Given the seed's misspelt agency names / When parsed / Then only canonical names are used
    data = seed_plan.to_json()
    used = json.dumps({"tasks": data["tasks"], "body": data["body"]}, ensure_ascii=False)
    assert "Sở Văn hóa& Thể thao" not in used
    assert "Sở Thông tin-Truyền thông" not in used
    assert "Thể Thao" not in json.dumps(data["tasks"], ensure_ascii=False)
    # ... and the variants are remembered as aliases of the canonical agency.
    agencies = {a["name"]: a for a in seed_plan.agencies}
    assert "Sở Văn hóa& Thể thao" in agencies["Sở Văn hóa và Thể thao"]["aliases"]
    assert "VHTT" in agencies["Sở Văn hóa và Thể thao"]["aliases"]
    assert "Sở Thông tin-Truyền thông" in agencies["Sở Thông tin và Truyền thông"]["aliases"]
    assert all(a["known"] for a in seed_plan.agencies)


def test_seed_timeframes(seed_plan):
    # Given the seed / When parsed / Then timeframes are read, blank ones stay unspecified
    kinds = {t.code: t.timeframe for t in seed_plan.tasks}
    assert (kinds["I.3"].kind, kinds["I.3"].start, kinds["I.3"].end) == ("period", 2025, 2030)
    assert (kinds["IV.1"].kind, kinds["IV.1"].start, kinds["IV.1"].end) == ("period", 2024, 2030)
    assert kinds["II.3"].kind == "as_arising"
    assert kinds["I.4"].kind == kinds["II.5"].kind == "unspecified"
    others = set(kinds) - {"I.3", "IV.1", "II.3", "I.4", "II.5"}
    assert {kinds[c].kind for c in others} == {"annual"}
    assert kinds["II.3"].text == "Theo các hoạt động, sự kiện phát sinh"


def test_seed_body_sections(seed_plan):
    # Given the seed / When parsed / Then the body keeps its sections and section III duties
    sections = {s.code: s for s in seed_plan.body}
    assert {"I", "I.1", "I.2", "II", "III"} <= set(sections)
    assert [c for c in sections if c.startswith("II.")] == [f"II.{n}" for n in range(1, 7)]
    assert sections["I.1"].title == "Mục đích"
    assert sections["III.3"].agency == "Sở Văn hóa và Thể thao"
    assert sections["III.5"].agency == "Sở Kế hoạch và Đầu tư"
    assert sections["III.5b"].agency == "Sở Thông tin và Truyền thông"
    assert sections["III.8"].agency == "Công an thành phố"
    assert any("III.5b" in w["message"] for w in seed_plan.warnings)
    # the paragraph cut by a page break is whole again
    assert any("hiệu quả, linh hoạt" in p for p in sections["I.2"].paragraphs)


def test_seed_warnings_name_lines(seed_plan):
    # Given the seed / When parsed / Then every warning says where it comes from
    assert seed_plan.warnings
    assert all(isinstance(w["line"], int) and w["message"] for w in seed_plan.warnings)
    assert any("cổng thông tin" in w["message"] and w["line"] == 220 for w in seed_plan.warnings)
