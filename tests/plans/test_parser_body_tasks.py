"""Plans without a task table: the tasks are numbered in the text (issue 13).

Why: Nghệ An, Bắc Ninh and Quảng Ngãi write their tasks under "NHIỆM VỤ ..." with the
lead, the coordinators and the timeframe on the lines below each one, or in parentheses
at the end of its sentence. Such a plan must be read, a task without a lead kept for
review, and only a document with no tasks at all refused.
"""

from __future__ import annotations

import pytest

from ngvh.plans.messages import warning_text
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes
from tests.plans.body_task_documents import BAC_NINH, NGHE_AN, QUANG_NGAI, as_docx, as_text
from tests.plans.test_parser_docx import comparable

FORMATS = {"txt": as_text, "docx": as_docx}


def parse(lines: list[str], fmt: str = "txt"):
    return parse_bytes(FORMATS[fmt](lines), f"plan.{fmt}")


def summary(plan) -> list[tuple]:
    return [(t.code, t.group, t.lead, t.coordinators, t.timeframe.kind, t.source) for t in plan.tasks]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_nghe_an_groups_and_tasks_with_their_lines(fmt):
    # Given Nghệ An's plan: groups "1.", tasks "1.1." each followed by lead, coordinators, time
    plan = parse(NGHE_AN, fmt)
    # Then the groups and tasks are read, each task pointing at its line
    assert [(g.code, g.title) for g in plan.groups] == [
        ("1", "Ngoại giao văn hóa góp phần xây dựng, củng cố môi trường hòa bình, ổn định"),
        ("2", "Ngoại giao văn hóa góp phần gắn kết ngoại giao chính trị và ngoại giao kinh tế"),
    ]
    assert summary(plan) == [
        ("1.1", "1", "Sở Văn hóa, Thể thao và Du lịch", ["Sở Ngoại vụ"], "annual", "line 19"),
        ("1.2", "1", "Sở Thông tin và Truyền thông", ["Sở Ngoại vụ"], "period", "line 24"),
        ("2.1", "2", "Sở Ngoại vụ", ["Sở Du lịch", "Sở Công Thương"], "ongoing", "line 29"),
        ("2.2", "2", None, [], "year", "line 33"),
    ]
    first, second = plan.tasks[:2]
    assert first.title.startswith("Tổ chức các hoạt động giao lưu văn hóa, thể thao")
    assert (first.other_parties, second.related_units) == (["UBND các huyện"], True)
    assert (second.timeframe.start, second.timeframe.end) == (2023, 2030)
    # and the letter's facts are read as for a plan with a table
    assert (plan.number, plan.report_deadline) == ("215/KH-UBND", (11, 30))
    assert [b["number"] for b in plan.legal_basis] == ["2013/QĐ-TTg"]


def test_a_task_without_a_lead_is_kept_for_review_not_dropped_nor_refused():
    # Given Nghệ An's task 2.2, which names only its year
    plan = parse(NGHE_AN)
    # Then it is a task, for review with its line, and a warning says it has no lead
    assert plan.tasks[-1].code == "2.2"
    assert [(w.code, w.source, w.task_code) for w in plan.needs_review] == [("no_lead", "line 33", "2.2")]
    assert any(warning_text(w, "en") == "Task 2.2 has no lead unit." for w in plan.warnings)
    task = plan.to_json()["tasks"][-1]
    assert (task["lead"], task["source"]) == (None, "line 33")


def test_duty_sections_make_no_task_and_no_agency_from_a_sentence():
    # Given section III of Nghệ An: "1. Sở Ngoại vụ có trách nhiệm:", "3. Sở Tài chính bố trí ..."
    plan = parse(NGHE_AN)
    # Then no task comes from them, and no agency is made of a sentence
    assert all(not t.code.startswith("III") and "kinh phí" not in t.title for t in plan.tasks)
    assert {a["name"] for a in plan.agencies} == {
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ", "Sở Thông tin và Truyền thông", "Sở Du lịch",
        "Sở Công Thương",
    }
    duties = {s.code: s.agency for s in plan.body if s.code.startswith("III.")}
    assert duties == {"III.1": "Sở Ngoại vụ", "III.2": "Sở Văn hóa, Thể thao và Du lịch", "III.3": "Sở Tài chính",
                      "III.4": None}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_bac_ninh_letter_groups_and_lead_in_parentheses(fmt):
    # Given Bắc Ninh's plan: groups "A."/"B.", tasks restarting at 1, leads in parentheses or on lines
    plan = parse(BAC_NINH, fmt)
    # Then the tasks are coded under their group and the parentheses give lead and timeframe
    assert [g.code for g in plan.groups] == ["A", "B"]
    assert summary(plan) == [
        ("A.1", "A", "Sở Văn hóa, Thể thao và Du lịch", ["Sở Ngoại vụ"], "annual", "line 14"),
        ("A.2", "A", "Sở Văn hóa, Thể thao và Du lịch", ["Sở Ngoại vụ"], "annual", "line 15"),
        ("B.1", "B", "Sở Ngoại vụ", ["Công an tỉnh"], "ongoing", "line 21"),
        ("B.2", "B", None, [], "unspecified", "line 22"),
    ]
    a1, a2, b1, _ = plan.tasks
    # the parentheses that name who leads are taken out of the title; others stay in it
    assert a1.title == "Tổ chức chương trình giới thiệu Dân ca Quan họ Bắc Ninh tại các địa phương kết nghĩa"
    assert a1.other_parties == ["UBND các huyện"]
    assert a2.title == "Tổ chức Hội Lim (hát Quan họ) gắn với quảng bá du lịch cho khách quốc tế."
    assert (a2.timeframe.text, b1.timeframe.text) == ("Tháng 2 hằng năm", "thường xuyên")
    assert b1.title == "Bảo đảm an ninh, trật tự cho các đoàn khách quốc tế đến tỉnh"
    # tasks numbered again under each group are no duplicate section numbers
    assert not any("Duplicate" in warning_text(w, "en") for w in plan.warnings)
    assert [(w.code, w.task_code) for w in plan.needs_review if w.task_code] == [
        ("unknown_agency", "B.1"), ("no_lead", "B.2"),
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_quang_ngai_small_letter_tasks_and_a_lead_for_the_whole_group(fmt):
    # Given Quảng Ngãi's plan: groups "1.", tasks "a)", "Đơn vị chủ trì" once under group 1
    plan = parse(QUANG_NGAI, fmt)
    # Then each task has its group's lead unless it names its own
    assert summary(plan) == [
        ("1.a", "1", "Sở Văn hóa, Thể thao và Du lịch", ["UBND huyện Lý Sơn"], "annual", "line 17"),
        ("1.b", "1", "Sở Ngoại vụ", [], "period", "line 20"),
        ("2.a", "2", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
         ["Sở Ngoại vụ", "Sở Kế hoạch và Đầu tư"], "unspecified", "line 24"),
    ]
    # and a timeframe it cannot read is kept as written, for review
    assert plan.tasks[-1].timeframe.text == "Theo kế hoạch xúc tiến của tỉnh"
    assert ("unreadable_timeframe", "2.a") in [(w.code, w.task_code) for w in plan.needs_review]
    assert plan.report_deadline == (11, 20)


@pytest.mark.parametrize("lines", [NGHE_AN, BAC_NINH, QUANG_NGAI], ids=["nghe-an", "bac-ninh", "quang-ngai"])
def test_text_and_word_versions_give_the_same_plan(lines):
    # Given one plan as a text file and as a Word file of paragraphs / Then both read alike
    assert comparable(parse(lines, "docx")) == comparable(parse(lines, "txt"))


def test_with_a_task_table_the_numbered_body_gives_no_task_and_no_agency():
    # Given Nghệ An's plan with a task table appended
    table = ["PHỤ LỤC", "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian",
             "I\tNhóm\t\t\t", "1\tMột việc\tSở Ngoại vụ\tSở Du lịch\tHằng năm"]
    plan = parse(NGHE_AN + table)
    # Then the table's task is the only task, and agencies named only in the body are not met
    assert [(t.code, t.lead) for t in plan.tasks] == [("1", "Sở Ngoại vụ")]
    names = {a["name"] for a in plan.agencies}
    assert "Sở Công Thương" not in names and "Sở Thông tin và Truyền thông" not in names


def _without_tasks(lines: list[str]) -> list[str]:
    """The plan with its tasks section reduced to solution headings and bullets."""
    start, end = lines.index("II. NHIỆM VỤ VÀ GIẢI PHÁP"), lines.index("III. TỔ CHỨC THỰC HIỆN")
    return [*lines[: start + 1], "1. Tăng cường quảng bá văn hóa xứ Nghệ",
            "- Tổ chức các hoạt động quảng bá.", "2. Đào tạo nguồn nhân lực", "- Mở lớp tập huấn.", *lines[end:]]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_no_table_and_no_numbered_tasks_is_refused_with_a_clear_message(fmt):
    # Given Nghệ An's plan whose tasks section has only headings and bullets, naming no lead
    lines = _without_tasks(NGHE_AN)
    # When it is parsed / Then it is refused, in both languages, saying what was looked for
    with pytest.raises(PlanParseError) as refused:
        parse(lines, fmt)
    assert "bảng nhiệm vụ" in refused.value.text("vi") and "nhiệm vụ đánh số" in refused.value.text("vi")
    assert "task table" in refused.value.text("en") and "tasks numbered" in refused.value.text("en")


def test_bullets_are_never_tasks():
    # Given Nghệ An's task 1.1, followed by a bullet that reads like a task
    plan = parse(NGHE_AN)
    # Then the bullet is neither a task nor part of the title
    assert not any("thi đấu thể thao hữu nghị" in t.title for t in plan.tasks)
    assert len(plan.tasks) == 4


def test_parentheses_on_their_own_line_under_a_task():
    # Given Bắc Ninh's task B.2 followed by its lead and timeframe in parentheses, on a line of their own
    lines = list(BAC_NINH)
    lines.insert(lines.index("III. TỔ CHỨC THỰC HIỆN"), "(Sở Văn hóa, Thể thao và Du lịch chủ trì; thực hiện năm 2024)")
    # When it is parsed
    task = parse(lines).tasks[-1]
    # Then the task has them, and nothing is left for review about its lead
    assert (task.code, task.lead, task.timeframe.kind, task.timeframe.start) == (
        "B.2", "Sở Văn hóa, Thể thao và Du lịch", "year", 2024,
    )
    assert task.title == "Rà soát các hoạt động văn hóa có yếu tố nước ngoài trên địa bàn tỉnh."


def test_sections_not_in_capitals_and_roman_groups_inside_capital_sections():
    # Given Nghệ An's plan with its sections written "II. Nhiệm vụ và giải pháp", "III. Tổ chức thực hiện"
    lines = [
        {"II. NHIỆM VỤ VÀ GIẢI PHÁP": "II. Nhiệm vụ và giải pháp", "III. TỔ CHỨC THỰC HIỆN": "III. Tổ chức thực hiện"}.get(
            line, line
        )
        for line in NGHE_AN
    ]
    # When it is parsed / Then the same tasks are read and the duties of section III are none of them
    assert [t.code for t in parse(lines).tasks] == ["1.1", "1.2", "2.1", "2.2"]
    # And given Roman groups "I.", "II." inside a section in capitals
    roman = [
        {"1. Ngoại giao văn hóa góp phần xây dựng, củng cố môi trường hòa bình, ổn định": "I. Môi trường hòa bình",
         "2. Ngoại giao văn hóa góp phần gắn kết ngoại giao chính trị và ngoại giao kinh tế": "II. Gắn kết ngoại giao"}
        .get(line, line)
        for line in NGHE_AN
    ]
    plan = parse(roman)
    # Then they are the groups of the tasks under them
    assert [(g.code, g.title) for g in plan.groups] == [("I", "Môi trường hòa bình"), ("II", "Gắn kết ngoại giao")]
    assert [(t.code, t.group) for t in plan.tasks] == [("1.1", "I"), ("1.2", "I"), ("2.1", "II"), ("2.2", "II")]
    # and the body keeps them inside section II, with no duplicate section number to warn about
    assert [s.code for s in plan.body if s.code.split(".")[0] == "II"] == [
        "II", "II.I", "II.1.1", "II.1.2", "II.II", "II.2.1", "II.2.2",
    ]
    assert [warning_text(w, "en") for w in plan.warnings] == ["Task 2.2 has no lead unit."]
