"""The plan parser on the bundled Hải Phòng plan and on small documents written here.

No database: the parser is a pure function of the document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import ngvh.plans
from ngvh.plans.messages import warning_json, warning_text
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes, parse_timeframe, split_parties
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
    assert any("III.5b" in warning_text(w, "vi") for w in seed_plan.warnings)
    # the paragraph cut by a page break is whole again
    assert any("hiệu quả, linh hoạt" in p for p in sections["I.2"].paragraphs)


def test_seed_warnings_name_lines(seed_plan):
    # Given the seed / When parsed / Then every warning says where it comes from
    assert seed_plan.warnings
    assert all(isinstance(w["line"], int) and warning_text(w, "vi") for w in seed_plan.warnings)
    assert any("cổng thông tin" in warning_text(w, "vi") and w["line"] == 220 for w in seed_plan.warnings)


# --- 1. metadata -----------------------------------------------------------------------


def test_metadata_from_letter_head():
    # Given a plan with a two-column letter head, a "Số:" line and a bold two-line title
    text = make_plan(
        one_task_table(),
        header=(
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH QUẢNG NINH\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\n"
            "*Hạ Long, ngày 03 tháng 3 năm 2023*\n\n"
            "KẾ HOẠCH\n"
            "**Triển khai Chiến lược Ngoại giao văn hóa\n"
            "của tỉnh đến năm 2030 .**\n\n"
            "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ về việc phê duyệt "
            "Chiến lược; Công văn số 404/BNG-NGVH-UNESCO ngày 10/02/2022 của Bộ Ngoại giao, Ủy ban nhân dân "
            "tỉnh Quảng Ninh ban hành Kế hoạch.\n\n"
        ),
        body="I. TỔ CHỨC THỰC HIỆN\n\n1. Các đơn vị báo cáo trước ngày 30/10 hằng năm.\n\n",
        caption=False,
    )
    # When it is parsed
    plan = parse_text(text)
    # Then number, date, place, issuer, title, legal basis and deadline come from the text
    assert plan.number == "12/KH-UBND"
    assert plan.issued_on == dt.date(2023, 3, 3)
    assert plan.place == "Hạ Long"
    assert plan.issuer == "Ủy ban nhân dân tỉnh Quảng Ninh"
    assert plan.title == "Triển khai Chiến lược Ngoại giao văn hóa của tỉnh đến năm 2030"
    assert [(b["number"], b["issued_on"]) for b in plan.legal_basis] == [
        ("2013/QĐ-TTg", "2021-11-30"),
        ("404/BNG-NGVH-UNESCO", "2022-02-10"),
    ]
    assert plan.legal_basis[0]["title"].startswith("Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng")
    assert plan.legal_basis[1]["title"].endswith("của Bộ Ngoại giao")
    assert plan.report_deadline == (10, 30)


def test_number_and_date_from_appendix_caption_when_the_letter_has_none():
    # Given a plan with no "Số:" line and no place-and-date line, only the appendix caption
    text = make_plan(
        one_task_table(),
        header="KẾ HOẠCH\nNgoại giao văn hóa\n\nỦy ban nhân dân tỉnh Nam Định ban hành Kế hoạch.\n\n",
    ).replace("(Kèm theo Kế hoạch số 12/KH-UBND ngày 03/3/2023)", "(Kèm theo Kế hoạch số 7/KH-UBND ngày 09/01/2024)")
    # When it is parsed
    plan = parse_text(text)
    # Then the caption supplies the number and the date, the preamble the issuer
    assert plan.number == "7/KH-UBND"
    assert plan.issued_on == dt.date(2024, 1, 9)
    assert plan.issuer == "Ủy ban nhân dân tỉnh Nam Định"


def test_missing_plan_number_is_refused_in_both_languages():
    # Given a plan with neither a "Số:" line nor an appendix caption
    text = make_plan(one_task_table(), caption=False).replace("Số: 12/KH-UBND\n", "")
    # When it is parsed / Then it is refused, saying the number is missing
    with pytest.raises(PlanParseError) as refused:
        parse_text(text)
    assert "số kế hoạch" in refused.value.text("vi")
    assert "plan number is missing" in refused.value.text("en")


def test_missing_date_is_refused():
    # Given a plan with no place-and-date line and no dated caption
    text = make_plan(one_task_table(), caption=False).replace("Hạ Long, ngày 03 tháng 3 năm 2023\n", "")
    # When it is parsed / Then it is refused
    with pytest.raises(PlanParseError) as refused:
        parse_text(text)
    assert "ngày ban hành" in refused.value.text("vi")
    assert "date of issue" in refused.value.text("en")


def test_plan_without_task_table_is_refused():
    # Given a plan whose appendix has no table
    text = make_plan("Không có bảng.\n")
    # When it is parsed / Then it is refused, naming the missing table
    with pytest.raises(PlanParseError) as refused:
        parse_text(text)
    assert "bảng nhiệm vụ" in refused.value.text("vi")
    assert "task table" in refused.value.text("en")
    # and says that tasks numbered in the text would have been read too
    assert "nhiệm vụ đánh số" in refused.value.text("vi")
    assert "tasks numbered" in refused.value.text("en")


# --- 2. body ---------------------------------------------------------------------------


def test_body_sections_bullets_page_breaks_duplicates_recipients_and_signer():
    # Given a body with bullets, a paragraph cut by a page break, two items numbered 2
    body = (
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Triển khai có hiệu\n\nquả, linh hoạt.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Văn hóa& Thể thao phối hợp với các Sở, ban, ngành:\n\n- Tổ chức lễ hội;\n\n"
        "2. Sở Ngoại vụ chủ trì:\n\n- Làm đầu mối.\n\n"
        "2. Sở Thông tin-Truyền thông chủ trì và phối hợp với các Sở, ngành:\n\n- Tuyên truyền./.\n\n"
        "Nơi nhận:\n- Bộ Ngoại giao;\n- Các Sở: Ng.v, VHTT;\n- Lưu: VT.\n\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nTrần Văn B\n\n"
    )
    # When it is parsed
    plan = parse_text(make_plan(one_task_table(), body=body))
    # Then sections are coded, duties carry the canonical agency, the duplicate is II.2b
    sections = {s.code: s for s in plan.body}
    assert list(sections) == ["I", "I.1", "II", "II.1", "II.2", "II.2b"]
    assert sections["I.1"].paragraphs == ["Triển khai có hiệu quả, linh hoạt."]
    assert sections["II.1"].agency == "Sở Văn hóa và Thể thao"
    assert sections["II.1"].paragraphs == ["Tổ chức lễ hội;"]
    assert sections["II.2b"].agency == "Sở Thông tin và Truyền thông"
    assert sections["II.2b"].paragraphs == ["Tuyên truyền."]
    duplicate = [w for w in plan.warnings if "II.2b" in warning_text(w, "vi")]
    assert duplicate and duplicate[0]["line"] == text_line(make_plan(one_task_table(), body=body), "2. Sở Thông tin")
    assert plan.recipients == ["Bộ Ngoại giao", "Các Sở: Ng.v, VHTT", "Lưu: VT"]
    assert plan.signer == {"on_behalf": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Văn B"}


def text_line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


# --- 3. appendix table -----------------------------------------------------------------


def test_columns_found_by_name_in_any_order_with_repeated_headers_and_group_variants():
    # Given a table whose columns are reordered and named with the family's variants
    header = "STT\tNhiệm vụ\tThời gian thực hiện\tCơ quan phối hợp\tCơ quan chủ trì\tSản phẩm"
    table = (
        f"{header}\n"
        "I.\tNhóm một\t\t\t\t\n"
        "1.\tNhiệm vụ một\tNăm 2023\tSở Du lịch\tSở Ngoại vụ\tBáo cáo\n"
        "1.1\tViệc con\t\t\tSở Du lịch\t\n"
        "\n"
        f"{header}\n"
        "II. Nhóm hai, tiêu đề ở ô đầu.\t\t\t\t\t\n"
        "1\tNhiệm vụ hai\tHằng năm\t\tSở Văn hóa và Thể thao\t\n"
    )
    # When it is parsed
    plan = parse_text(make_plan(table))
    # Then the repeated header is skipped, groups normalised, tasks coded by group
    assert [(g.code, g.title) for g in plan.groups] == [("I", "Nhóm một"), ("II", "Nhóm hai, tiêu đề ở ô đầu")]
    assert [t.code for t in plan.tasks] == ["I.1", "I.1.1", "II.1"]
    first = plan.tasks[0]
    assert (first.lead, first.coordinators, first.products) == ("Sở Ngoại vụ", ["Sở Du lịch"], "Báo cáo")
    assert (first.timeframe.kind, first.timeframe.start) == ("year", 2023)
    assert plan.tasks[2].timeframe.kind == "annual"


def test_row_with_trailing_cells_dropped_is_a_task_without_lead_for_review():
    # Given a task row with only a number and a title (the empty cells were dropped)
    table = f"{HEADER}\nI\tNhóm\t\t\t\n1\tNhiệm vụ thiếu ô\n"
    text = make_plan(table)
    # When it is parsed
    plan = parse_text(text)
    # Then the task is kept without a lead and the row goes to review
    assert [(t.code, t.lead) for t in plan.tasks] == [("1", None)]
    line = text_line(text, "1\tNhiệm vụ thiếu ô")
    assert [(w.code, w.source, w.task_code) for w in plan.needs_review] == [("no_lead", f"line {line}", "1")]


def test_a_row_that_cannot_be_classified_is_a_warning_not_a_refusal():
    # Given a readable plan with one row whose number cell is nonsense
    table = f"{HEADER}\nI\tNhóm\t\t\t\n1\tMột\tSở Ngoại vụ\t\tHàng năm\n*?\tlạc dòng\tSở Du lịch\t\t\n"
    text = make_plan(table)
    # When it is parsed
    plan = parse_text(text)
    # Then the plan is read, and the row is named in needs_review
    assert [t.code for t in plan.tasks] == ["1"]
    (warning,) = plan.needs_review
    assert warning.code == "unreadable_row"
    assert warning.source == f"line {text_line(text, '*?')}"
    assert "lạc dòng" in warning.params["text"]


def test_duplicate_task_code_is_refused():
    # Given two tasks numbered 1 in one group
    table = f"{HEADER}\nI\tNhóm\t\t\t\n1\tMột\tSở Ngoại vụ\t\tHàng năm\n1\tHai\tSở Du lịch\t\tHàng năm\n"
    text = make_plan(table)
    # When it is parsed / Then the second row is refused
    with pytest.raises(PlanParseError) as refused:
        parse_text(text)
    assert refused.value.row == text_line(text, "1\tHai")
    assert "I.1" in refused.value.text("vi") and "I.1" in refused.value.text("en")


# --- 4. agencies in cells --------------------------------------------------------------

VHTT, NV, DL = "Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Sở Du lịch"


@pytest.mark.parametrize(
    ("cell", "agencies", "related", "others"),
    [
        ("Sở Văn hóa và Thể thao Sở Du lịch Các đơn vị liên quan", [VHTT, DL], True, []),
        ("Sở Ngoại vụ Sở Văn hóa và Thể thao Sở Du lịch", [NV, VHTT, DL], False, []),
        ("Sở Văn hóa và Thể thao cùng các đơn vị liên quan", [VHTT], True, []),
        ("Công an thành phố và các đơn vị liên quan", ["Công an thành phố"], True, []),
        ("Sở Văn hóa và Thể thao Các đơn vị liên quan.", [VHTT], True, []),
        ("Sở Văn hóa& Thể thao; Sở Văn hóa và Thể Thao", [VHTT], False, []),
        ("Sở Thông tin-Truyền thông, Sở Văn hóa, Thể thao và Du lịch", [
            "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch"], False, []),
        ("Sở Ngoại vụ, Các quận, huyện, đơn vị liên quan", [NV], True, ["Các quận, huyện"]),
        ("Ủy ban nhân dân các quận, huyện", [], False, ["Các quận, huyện"]),
        ("Sở Ngoại vụ\nSở Du lịch", [NV, DL], False, []),
        ("Văn phòng Ủy ban nhân dân thành phố, Sở Nội vụ", [
            "Văn phòng Ủy ban nhân dân thành phố", "Sở Nội vụ"], False, []),
        ("Cơ quan Báo chí Hải Phòng; hệ thống thông tin cơ sở.", [], False, [
            "Cơ quan Báo chí Hải Phòng", "hệ thống thông tin cơ sở"]),
        ("Sở VHTT và Sở KHĐT", [VHTT, "Sở Kế hoạch và Đầu tư"], False, []),
    ],
)
def test_coordinator_cells_are_split_into_agencies_and_placeholders(cell, agencies, related, others):
    # Given a coordinator cell as clerks write them / When split
    parties = split_parties(cell, Vocabulary.default())
    # Then agencies are canonical, in order, and placeholders are not agencies
    assert [name for name, _, _ in parties.agencies] == agencies
    assert parties.related_units is related
    assert parties.other_parties == others


def test_unknown_agency_is_accepted_and_a_second_lead_becomes_coordinator():
    # Given a lead cell with two agencies, one unknown, and a portal typo among coordinators
    table = one_task_table(
        lead="Ban Quản lý Vịnh Hạ Long; Sở Ngoại vụ",
        coordinators="Sở Ngoại vụ; hệ thống công thông tin điện tử tỉnh",
    )
    text = make_plan(table)
    # When parsed
    plan = parse_text(text)
    task = plan.tasks[0]
    # Then the first is lead, the second a coordinator once, the typo is corrected with a warning
    assert task.lead == "Ban Quản lý Vịnh Hạ Long"
    assert task.coordinators == ["Sở Ngoại vụ"]
    assert task.other_parties == ["hệ thống cổng thông tin điện tử tỉnh"]
    agencies = {a["name"]: a["known"] for a in plan.agencies}
    assert agencies == {"Ban Quản lý Vịnh Hạ Long": False, "Sở Ngoại vụ": True}
    row = text_line(text, "1\tNhiệm vụ một.")
    assert {w["line"] for w in plan.warnings} == {row}
    assert any("nhiều cơ quan" in warning_text(w, "vi") for w in plan.warnings)


def test_province_vocabulary_spelling_wins():
    # Given a province that stores its own spelling and abbreviation
    vocabulary = Vocabulary.default().with_agencies(
        ["Sở Văn hoá, Thể thao và Du lịch"], {"SVHTTDL": "Sở Văn hoá, Thể thao và Du lịch"}
    )
    # When a cell uses another spelling and the abbreviation
    parties = split_parties("Sở Văn hóa, Thể Thao & Du lịch; SVHTTDL", vocabulary)
    # Then both become the stored spelling
    assert [name for name, _, _ in parties.agencies] == ["Sở Văn hoá, Thể thao và Du lịch"]


# --- 5. timeframes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hàng năm", {"kind": "annual"}),
        ("Hằng năm", {"kind": "annual"}),
        ("hàng năm", {"kind": "annual"}),
        ("Thường xuyên", {"kind": "ongoing"}),
        ("2025-2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("2025 – 2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("2025 - 2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("2025–2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("Giai đoạn 2025-2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("Từ 2025 đến 2030", {"kind": "period", "start": 2025, "end": 2030}),
        ("Năm 2023", {"kind": "year", "start": 2023, "end": 2023}),
        ("2023", {"kind": "year", "start": 2023, "end": 2023}),
        ("Quý IV/2023", {"kind": "quarter", "year": 2023, "quarter": 4}),
        ("Quý 4 năm 2023", {"kind": "quarter", "year": 2023, "quarter": 4}),
        ("Theo các hoạt động, sự kiện phát sinh", {"kind": "as_arising"}),
        ("Khi có phát sinh", {"kind": "as_arising"}),
        ("", {"kind": "unspecified"}),
    ],
)
def test_timeframe_cells(text, expected):
    # Given a timeframe cell / When read / Then its kind and years are known, the text kept
    timeframe = parse_timeframe(text)
    assert timeframe.to_json() == expected
    assert timeframe.text == text


def test_unreadable_timeframe_is_a_warning_and_a_reversed_period_a_refusal():
    # Given a task with a timeframe we cannot read
    text = make_plan(one_task_table(time="Sau khi có kinh phí"))
    plan = parse_text(text)
    # Then it is unspecified, the text kept, and a warning names the row with a code
    assert plan.tasks[0].timeframe.kind == "unspecified"
    assert plan.tasks[0].timeframe.text == "Sau khi có kinh phí"
    line = text_line(text, "1\tNhiệm vụ một.")
    assert plan.warnings == [
        {"line": line, "code": "plans.warning.unreadable_timeframe", "params": {"code": "1", "text": "Sau khi có kinh phí"}}
    ]
    # and it reads as before in both languages
    assert [warning_json(w) for w in plan.warnings] == [
        {
            "line": line,
            "code": "plans.warning.unreadable_timeframe",
            "message": "Nhiệm vụ 1: không hiểu thời gian “Sau khi có kinh phí”; ghi là chưa xác định.",
            "message_en": "Task 1: cannot read the timeframe “Sau khi có kinh phí”; recorded as unspecified.",
        }
    ]
    # Given a period that ends before it starts / Then the row is refused
    reversed_text = make_plan(one_task_table(time="2030-2025"))
    with pytest.raises(PlanParseError) as refused:
        parse_text(reversed_text)
    assert refused.value.row == text_line(reversed_text, "1\tNhiệm vụ một.")
