"""The plan family as other provinces' offices write it: one small Word document per variant.

Audit of issue 13, points 1 and 2 (variant -> test). ``test_parser.py`` (P),
``test_parser_docx.py`` (D), ``test_parser_formats.py`` (F), ``test_parser_body_tasks.py`` (B)
and this file (V).

| Variant                                                            | Test                                                                 |
|--------------------------------------------------------------------|----------------------------------------------------------------------|
| Groups in Roman numerals, title merged across the row              | V test_roman_groups_merged_titles_tasks_numbered_straight_through    |
| Tasks numbered straight through the groups (1...n across I-IV)     | V test_roman_groups_merged_titles_tasks_numbered_straight_through    |
| Groups in capital letters, title in the next cell, fewer cells     | V test_letter_groups_title_in_next_cell_and_fewer_cells              |
| Groups in Arabic numerals with tasks 1.1, 1.2 (codes kept)         | V test_arabic_groups_keep_task_codes_as_written                      |
| Header repeated mid-table, column-number row (1) (2) (3)           | V test_arabic_groups_keep_task_codes_as_written                      |
| Trailing empty cells dropped                                       | P test_row_with_trailing_cells_dropped_is_a_task_without_lead_for_review |
| Extra columns (Sản phẩm, Kết quả, Nguồn kinh phí, Ghi chú)         | V test_extra_columns_and_other_header_words                          |
| Header words Thời gian hoàn thành, Đơn vị thực hiện, Cơ quan chủ trì | V test_extra_columns_and_other_header_words                        |
| Timeframes (Hàng năm (Quý I), 2023, Quý IV năm 2024, Tháng 6/2023, 2023 - 2025, Giai đoạn 2022-2025, Thường xuyên, Theo các sự kiện phát sinh, empty) | V test_timeframe_cells_of_the_family, P test_timeframe_cells |
| Deadline "Định kỳ trước ngày 15/11 hằng năm" and the other forms   | V test_report_deadline_in_any_usual_wording                          |
| Six-month deadline beside the yearly one (both kept)               | V test_six_month_deadline_is_kept_beside_the_yearly_one              |
| Long-form dates in the header and the legal basis                  | V test_long_form_dates_title_issuer_and_number_forms                 |
| Legal basis on "Căn cứ ..." lines                                  | P test_metadata_from_letter_head, V test_plan_issued_by_a_decision   |
| Plan issued by a QUYẾT ĐỊNH (number is the decision's, not its own basis) | V test_plan_issued_by_a_decision, V test_decision_without_a_plan_heading_takes_the_title_from_article_1 |
| Number forms 317/KH-UBND and 317/KH.UBND                           | V test_long_form_dates_title_issuer_and_number_forms                 |
| The plan's title, a clean issuer                                   | V test_long_form_dates_title_issuer_and_number_forms                 |
| Leads that are not a Sở; a name with "và" kept whole               | V test_leads_that_are_not_a_department                               |
| Abbreviations Sở VHTTDL, Sở TT&TT, Sở KH&ĐT, Sở GD&ĐT, UBND các huyện | V test_abbreviated_agencies_and_local_governments                 |
| Agencies one per line, after ";" or ",", or only spaces            | V test_agencies_per_line_by_separator_or_by_spaces_only, P test_coordinator_cells_are_split_into_agencies_and_placeholders |
| Body section III: no agency from a sentence, review instead        | V test_body_duties_make_agencies_only_from_a_heading_subject         |
| Refuse a BÁO CÁO                                                   | V test_a_report_is_refused                                           |
| Refuse a CÔNG VĂN                                                  | V test_an_official_letter_is_refused                                 |
| Refuse a document with no task table and no numbered tasks        | P test_plan_without_task_table_is_refused, B test_no_table_and_no_numbered_tasks_is_refused_with_a_clear_message |
| No task table: tasks numbered in the body (1.1., a), A./1.), lines "Cơ quan chủ trì:", "Phối hợp:", "Thời gian:", or "(X chủ trì, ...)" | B test_nghe_an_*, test_bac_ninh_*, test_quang_ngai_* |
| No task table: a task without a lead goes to review, not refused   | B test_a_task_without_a_lead_is_kept_for_review_not_dropped_nor_refused |
| With a task table, the numbered body gives no task and no agency   | B test_with_a_task_table_the_numbered_body_gives_no_task_and_no_agency |
| One unclassifiable row is a warning, not a refusal                 | P test_a_row_that_cannot_be_classified_is_a_warning_not_a_refusal, V test_an_unclassifiable_word_row_goes_to_review |
| The Hải Phòng seed: exactly its 18 tasks and facts                 | P test_seed_* , D test_word_version_of_the_seed_parses_like_the_text |
| .doc of the seed gives the .docx facts                             | F test_doc_version_of_the_seed_gives_the_same_facts_as_the_docx      |
| .pdf of the seed (ruled tables): every fact of the .docx, rows cut by page breaks joined, wrapped lines joined | F test_pdf_of_the_seed_with_ruled_tables_gives_the_same_facts_as_the_docx |
| .pdf: short paragraphs one under the other stay apart              | F test_pdf_keeps_short_paragraphs_apart_and_joins_wrapped_ones       |

Not covered yet: a .pdf whose task table has no rules (python-docx's default table style):
pdfplumber finds no table there, so the tasks are not read from it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes, parse_timeframe, split_parties
from ngvh.plans.vocabulary import Vocabulary
from tests.plans.variant_documents import HEAD, HEADER, MERGE, group_title_merged, word_plan


def parse(rows, **kwargs):
    return parse_bytes(word_plan(rows, **kwargs), "plan.docx")


def codes(plan):
    return [(t.code, t.group) for t in plan.tasks]


ONE_TASK = [HEADER, ["I", "Nhóm"], ["1", "Một", "Sở Ngoại vụ", "", "2023"]]


def with_body(*lines: str) -> list[str]:
    return [*HEAD[:10], "I. TỔ CHỨC THỰC HIỆN", "1. Chế độ báo cáo", *lines, "PHỤ LỤC"]


# --- groups and task codes ---------------------------------------------------------------


def test_roman_groups_merged_titles_tasks_numbered_straight_through():
    # Given Roman groups whose title is merged across the row and tasks numbered 1..4 across them
    rows = [
        HEADER,
        group_title_merged("I", "Quảng bá hình ảnh"),
        ["1", "Một", "Sở Ngoại vụ", "", "2023"],
        ["2", "Hai", "Sở Du lịch", "", "Quý IV năm 2024"],
        group_title_merged("II", "Hợp tác quốc tế"),
        ["3", "Ba", "Sở Ngoại vụ", "", "Thường xuyên"],
        group_title_merged("III", "Nghiên cứu"),
        ["4", "Bốn", "Sở Ngoại vụ", "", ""],
    ]
    # When it is parsed
    plan = parse(rows)
    # Then the groups carry their titles once and the codes are the printed numbers
    assert [(g.code, g.title) for g in plan.groups] == [
        ("I", "Quảng bá hình ảnh"), ("II", "Hợp tác quốc tế"), ("III", "Nghiên cứu"),
    ]
    assert codes(plan) == [("1", "I"), ("2", "I"), ("3", "II"), ("4", "III")]
    assert plan.needs_review == []


def test_letter_groups_title_in_next_cell_and_fewer_cells():
    # Given groups A, B typed in a row of two cells (the others left out), title in the next cell
    rows = [
        HEADER,
        ["A", "Nhóm A"],
        ["1", "Một", "Sở Ngoại vụ", "", "2023"],
        ["B", "Nhóm B"],
        ["2", "Hai", "Sở Du lịch", "", "2024"],
    ]
    # When it is parsed
    plan = parse(rows, width=5)
    # Then A and B are groups and their tasks sit under them
    assert [(g.code, g.title) for g in plan.groups] == [("A", "Nhóm A"), ("B", "Nhóm B")]
    assert codes(plan) == [("1", "A"), ("2", "B")]


def test_arabic_groups_keep_task_codes_as_written():
    # Given groups 1, 2 with tasks 1.1, 1.2, 2.1, a column-number row and the header repeated
    rows = [
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Nhóm một", "", "", ""],
        ["1.1", "Việc một", "Sở Ngoại vụ", "", "2023"],
        ["1.2", "Việc hai", "Sở Du lịch", "", "2024"],
        HEADER,
        ["2", "Nhóm hai", MERGE, MERGE, MERGE],
        ["2.1", "Việc ba", "Sở Ngoại vụ", "", "2025"],
    ]
    # When it is parsed
    plan = parse(rows)
    # Then 1.1 stays 1.1 (not I.1.1) and the header and number rows are not tasks
    assert [g.code for g in plan.groups] == ["1", "2"]
    assert codes(plan) == [("1.1", "1"), ("1.2", "1"), ("2.1", "2")]
    assert plan.needs_review == []


def test_extra_columns_and_other_header_words():
    # Given a table with "Đơn vị thực hiện" as lead, "Thời gian hoàn thành", and extra columns
    header = ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị phối hợp", "Sản phẩm", "Kết quả",
              "Nguồn kinh phí", "Thời gian hoàn thành", "Ghi chú"]
    rows = [
        header,
        group_title_merged("I", "Nhóm", 9),
        ["1", "Một", "Sở Ngoại vụ", "Sở Du lịch", "Báo cáo", "Tốt", "Ngân sách tỉnh", "Thường xuyên", "Không"],
    ]
    # When it is parsed
    (task,) = parse(rows).tasks
    # Then each cell lands in its field and the extra columns change nothing else
    assert (task.title, task.lead, task.coordinators) == ("Một", "Sở Ngoại vụ", ["Sở Du lịch"])
    assert (task.products, task.timeframe.kind) == ("Báo cáo", "ongoing")


def test_cơ_quan_chủ_trì_header():
    # Given the lead column headed "Cơ quan chủ trì"
    rows = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"], *ONE_TASK[1:]]
    # When it is parsed / Then the lead is read from it
    assert parse(rows).tasks[0].lead == "Sở Ngoại vụ"


def test_an_unclassifiable_word_row_goes_to_review():
    # Given an otherwise readable Word plan with one row that is neither group nor task
    rows = [*ONE_TASK, ["*?", "lạc dòng", "Sở Du lịch", "", ""]]
    # When it is parsed
    plan = parse(rows)
    # Then the plan is read and the row is named, by table and row, for review
    assert [t.code for t in plan.tasks] == ["1"]
    (warning,) = plan.needs_review
    assert (warning.code, warning.source) == ("unreadable_row", "table 1, row 4")


# --- timeframes and deadlines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "quarter"),
    [
        ("Hàng năm (Quý I)", "annual", None, None, None),
        ("2023", "year", 2023, 2023, None),
        ("Quý IV năm 2024", "quarter", 2024, 2024, 4),
        ("Tháng 6/2023", "year", 2023, 2023, None),
        ("2023 - 2025", "period", 2023, 2025, None),
        ("Giai đoạn 2022-2025", "period", 2022, 2025, None),
        ("Thường xuyên", "ongoing", None, None, None),
        ("Theo các sự kiện phát sinh", "as_arising", None, None, None),
        ("", "unspecified", None, None, None),
    ],
)
def test_timeframe_cells_of_the_family(text, kind, start, end, quarter):
    # Given a timeframe cell as provinces write it / When it is read in a Word table
    rows = [HEADER, ["I", "Nhóm"], ["1", "Một", "Sở Ngoại vụ", "", text]]
    timeframe = parse(rows).tasks[0].timeframe
    # Then its kind and years are the ones the text says, and the text is kept
    assert (timeframe.kind, timeframe.start, timeframe.end, timeframe.quarter) == (kind, start, end, quarter)
    assert timeframe.text == text
    assert parse_timeframe(text) == timeframe


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Định kỳ trước ngày 15/11 hằng năm, các sở gửi báo cáo về Sở Ngoại vụ.", (11, 15)),
        ("Các sở báo cáo hằng năm kết quả thực hiện về Sở Ngoại vụ trước ngày 30/11.", (11, 30)),
        ("Các sở gửi báo cáo kết quả thực hiện (trước ngày 30/11) về Sở Ngoại vụ.", (11, 30)),
        ("Các sở báo cáo trước ngày 25 tháng 11 hằng năm.", (11, 25)),
    ],
)
def test_report_deadline_in_any_usual_wording(sentence, deadline):
    # Given the reporting duty written the way one province writes it
    plan = parse(ONE_TASK, head=with_body(sentence))
    # Then the yearly deadline is read as (month, day)
    assert plan.report_deadline == deadline


def test_six_month_deadline_is_kept_beside_the_yearly_one():
    # Given a six-month and a yearly deadline in one sentence
    sentence = "Các sở gửi báo cáo 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 15/11 hằng năm."
    # When it is parsed
    plan = parse(ONE_TASK, head=with_body(sentence))
    # Then the yearly one is the report deadline and the six-month one is kept too
    assert plan.report_deadline == (11, 15)
    assert plan.half_year_deadline == (6, 15)
    assert plan.to_json()["half_year_deadline"] == "06-15"


# --- header, number, title, issuer, legal basis ---------------------------------------------


@pytest.mark.parametrize("number", ["317/KH-UBND", "317/KH.UBND"])
def test_long_form_dates_title_issuer_and_number_forms(number):
    # Given a Quảng Ngãi plan with long-form dates and a two-line title
    head = [line.replace("317/KH-UBND", number) for line in HEAD]
    # When it is parsed
    plan = parse(ONE_TASK, head=head)
    # Then number, date, title and a clean issuer are read; the basis has its long-form date
    assert plan.number == number
    assert plan.issued_on == dt.date(2022, 11, 30)
    assert plan.title == "Triển khai Chiến lược Ngoại giao văn hóa đến năm 2030 trên địa bàn tỉnh Quảng Ngãi"
    assert plan.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert [(b["number"], b["issued_on"]) for b in plan.legal_basis] == [("2013/QĐ-TTg", "2021-11-30")]


DECISION = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH NGHỆ AN",
    "Số: 45/QĐ-UBND",
    "Nghệ An, ngày 15 tháng 3 năm 2023",
    "",
    "QUYẾT ĐỊNH",
    "Ban hành Kế hoạch thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030",
    "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30 tháng 11 năm 2021 của Thủ tướng Chính phủ;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chiến lược Ngoại giao văn hóa "
    "đến năm 2030 trên địa bàn tỉnh Nghệ An.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
]
PLAN_AFTER_DECISION = [
    "KẾ HOẠCH",
    "Thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030",
    "(Kèm theo Quyết định số 45/QĐ-UBND ngày 15/3/2023 của UBND tỉnh Nghệ An)",
    "I. MỤC ĐÍCH",
    "1. Mục đích",
    "- Triển khai.",
    "PHỤ LỤC",
]


def test_plan_issued_by_a_decision():
    # Given a QUYẾT ĐỊNH whose Article 1 issues the plan that follows it
    plan = parse(ONE_TASK, head=DECISION + PLAN_AFTER_DECISION)
    # Then the number and date are the decision's, the basis its "Căn cứ" lines without itself
    assert plan.number == "45/QĐ-UBND"
    assert plan.issued_on == dt.date(2023, 3, 15)
    assert plan.issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    assert plan.title == "Thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030"
    assert [b["number"] for b in plan.legal_basis] == ["2013/QĐ-TTg"]


def test_decision_without_a_plan_heading_takes_the_title_from_article_1():
    # Given a decision followed directly by the plan's sections (no KẾ HOẠCH heading)
    plan = parse(ONE_TASK, head=DECISION + PLAN_AFTER_DECISION[3:])
    # Then the title is what Article 1 issues
    assert plan.title == "Kế hoạch thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030 trên địa bàn tỉnh Nghệ An"
    assert plan.number == "45/QĐ-UBND"


# --- agencies --------------------------------------------------------------------------------


def test_leads_that_are_not_a_department():
    # Given leads that are a city government and a management board whose name contains "và"
    board = "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    rows = [
        HEADER,
        ["I", "Nhóm"],
        ["1", "Một", "Ủy ban nhân dân thành phố Tuyên Quang", "", "2023"],
        ["2", "Hai", board, "Sở Ngoại vụ và các đơn vị liên quan", "2023"],
    ]
    # When it is parsed
    plan = parse(rows)
    # Then each is one agency, for review as new, and "và các đơn vị liên quan" is a placeholder
    assert [t.lead for t in plan.tasks] == ["Ủy ban nhân dân thành phố Tuyên Quang", board]
    assert (plan.tasks[1].coordinators, plan.tasks[1].related_units) == (["Sở Ngoại vụ"], True)
    unknown = [w.params["name"] for w in plan.needs_review if w.code == "unknown_agency"]
    assert unknown == ["Ủy ban nhân dân thành phố Tuyên Quang", board]


def test_abbreviated_agencies_and_local_governments():
    # Given abbreviations of departments and "UBND các huyện"
    rows = [
        HEADER,
        ["I", "Nhóm"],
        ["1", "Một", "Sở VHTTDL", "Sở TT&TT; Sở KH&ĐT; Sở GD&ĐT", "2023"],
        ["2", "Hai", "Sở Ngoại vụ", "UBND các huyện", "2023"],
    ]
    # When it is parsed
    first, second = parse(rows).tasks
    # Then the departments are spelled out and the local governments are a placeholder
    assert first.lead == "Sở Văn hóa, Thể thao và Du lịch"
    assert first.coordinators == ["Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Sở Giáo dục và Đào tạo"]
    assert (second.coordinators, second.other_parties) == ([], ["UBND các huyện"])


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Du lịch\nSở Y tế\nSở Xây dựng",
        "Sở Du lịch; Sở Y tế; Sở Xây dựng",
        "Sở Du lịch, Sở Y tế, Sở Xây dựng",
        "Sở Du lịch Sở Y tế Sở Xây dựng",
    ],
)
def test_agencies_per_line_by_separator_or_by_spaces_only(cell):
    # Given the same three coordinators on lines, after ";", after ",", or only spaces
    rows = [HEADER, ["I", "Nhóm"], ["1", "Một", "Sở Ngoại vụ", cell, "2023"]]
    # When it is parsed / Then they are the same three agencies
    assert parse(rows).tasks[0].coordinators == ["Sở Du lịch", "Sở Y tế", "Sở Xây dựng"]


def test_an_agency_pasted_next_to_a_placeholder():
    # Given a Word cell pasted as text: an agency then a placeholder, only spaces between
    parties = split_parties("Sở Xây dựng các cơ quan liên quan", Vocabulary.default())
    # Then it is one agency and the related-units placeholder
    assert [name for name, _, _ in parties.agencies] == ["Sở Xây dựng"]
    assert parties.related_units is True


def test_body_duties_make_agencies_only_from_a_heading_subject():
    # Given section III naming duties: headings with a subject, and a sentence
    head = [
        *HEAD[:10],
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Ngoại vụ chủ trì, phối hợp với các cơ quan:",
        "- Làm đầu mối.",
        "2. Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi:",
        "- Quảng bá khu kinh tế.",
        "3. Sở Tài chính bố trí kinh phí cho các hoạt động.",
        "4. Ban hành các văn bản hướng dẫn cho cơ sở.",
        "PHỤ LỤC",
    ]
    # When it is parsed
    plan = parse(ONE_TASK, head=head)
    sections = {s.code: s.agency for s in plan.body}
    # Then headings' subjects are agencies, a sentence gives only a known name or nothing
    assert sections["III.1"] == "Sở Ngoại vụ"
    assert sections["III.2"] == "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    assert sections["III.3"] == "Sở Tài chính"
    assert sections["III.4"] is None
    names = {a["name"] for a in plan.agencies}
    assert not any("kinh phí" in n or "văn bản" in n for n in names)


# --- what is not a plan -----------------------------------------------------------------------


def test_a_report_is_refused():
    # Given a BÁO CÁO with a table that looks like a task table
    head = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 88/BC-UBND", "Bắc Ninh, ngày 15 tháng 11 năm 2023", "",
            "BÁO CÁO", "Kết quả thực hiện Chiến lược Ngoại giao văn hóa năm 2023", "I. KẾT QUẢ", "PHỤ LỤC"]
    # When it is parsed / Then it is refused as a report, in both languages
    with pytest.raises(PlanParseError) as refused:
        parse(ONE_TASK, head=head)
    assert "báo cáo, không phải kế hoạch" in refused.value.text("vi")
    assert "report" in refused.value.text("en")


def test_an_official_letter_is_refused():
    # Given a CÔNG VĂN (a "V/v" subject and "Kính gửi"), no KẾ HOẠCH line
    head = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 99/UBND-NV", "Bắc Ninh, ngày 15 tháng 11 năm 2023",
            "V/v triển khai Chiến lược Ngoại giao văn hóa", "Kính gửi: Các sở, ban, ngành",
            "Ủy ban nhân dân tỉnh đề nghị các sở triển khai.", "PHỤ LỤC"]
    # When it is parsed / Then it is refused as a letter
    with pytest.raises(PlanParseError) as refused:
        parse(ONE_TASK, head=head)
    assert "công văn" in refused.value.text("vi")
    assert "official letter" in refused.value.text("en")
