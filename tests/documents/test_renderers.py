"""The .docx and .xlsx read back: the official format and the same figures as the rates."""

import datetime as dt
import io

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from ngvh.documents import selectors
from ngvh.documents.docx_render import render_docx
from ngvh.documents.services import (
    consolidation_build,
    consolidation_update_settings,
    effective_content,
)
from ngvh.documents.vocab import KIND_VI, place_date_line
from ngvh.documents.xlsx_render import render_xlsx, safe_text

from .factories import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    c = consolidation_update_settings(
        user=s.coordinator,
        consolidation=c,
        settings={
            "number": "15/BC-UBND",
            "issued_on": dt.date(2027, 2, 5),
            "parent_body": "",
            "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
            "signer_form": "TM.",
            "signer_authority": "ỦY BAN NHÂN DÂN",
            "signer_position": "CHỦ TỊCH",
            "signer_name": "Nguyễn Văn Tùng",
            "recipients": ["Bộ Ngoại giao", "TT Thành ủy"],
            "archive": "VT, Ng.v",
        },
    )
    return s, c


def _texts(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def _find_table(doc, first_header: str, second_header: str):
    for table in doc.tables:
        cells = [c.text for c in table.rows[0].cells]
        if len(cells) > 1 and cells[0] == first_header and cells[1] == second_header:
            return table
    raise AssertionError(f"no table headed {first_header} | {second_header}")


def test_place_date_line_leading_zeros():
    # days 1-9 and months 1-2 take a leading zero, months 3-12 do not
    assert place_date_line("Hải Phòng", dt.date(2027, 2, 5)) == "Hải Phòng, ngày 05 tháng 02 năm 2027"
    assert place_date_line("Hải Phòng", dt.date(2027, 3, 9)) == "Hải Phòng, ngày 09 tháng 3 năm 2027"
    assert place_date_line("Hải Phòng", dt.date(2022, 12, 15)) == "Hải Phòng, ngày 15 tháng 12 năm 2022"


def test_docx_page_and_fonts(built):
    _, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    section = doc.sections[0]
    # A4 portrait, margins within Nghị định 30/2020
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    # (Word stores twentieths of a point: allow a tenth of a millimetre of rounding)
    assert Mm(19.9) <= section.top_margin <= Mm(25.1) and Mm(19.9) <= section.bottom_margin <= Mm(25.1)
    assert Mm(29.9) <= section.left_margin <= Mm(35.1) and Mm(14.9) <= section.right_margin <= Mm(20.1)
    # Times New Roman everywhere, in every rFonts slot
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs for r in p.runs]
    runs = [r for r in runs if r.text]  # picture runs carry no text
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    rfonts = runs[0]._r.rPr.rFonts
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert rfonts.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{slot}") == "Times New Roman"
    # body 13-14 pt, paragraph spacing >= 6 pt
    body = [p for p in doc.paragraphs if p.text.startswith("Thực hiện Kế hoạch")][0]
    assert 13 <= body.runs[0].font.size.pt <= 14
    assert body.paragraph_format.space_after.pt >= 6
    # page numbers: none on page 1, a PAGE field centred in the header from page 2
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_heading_blocks(built):
    _, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    header = doc.tables[0]
    left, right = header.rows[0].cells
    # borderless two-column header
    assert 'w:val="nil"' in header._tbl.tblPr.xml
    left_texts = [p.text for p in left.paragraphs]
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" in left_texts
    assert "Số: 15/BC-UBND" in left_texts
    body_par = next(p for p in left.paragraphs if p.text == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
    assert body_par.runs[0].bold
    right_pars = {p.text: p for p in right.paragraphs}
    title = right_pars["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert title.runs[0].bold and 12 <= title.runs[0].font.size.pt <= 13
    motto = right_pars["Độc lập - Tự do - Hạnh phúc"]
    assert motto.runs[0].bold and 13 <= motto.runs[0].font.size.pt <= 14
    # the drawn rule beneath the motto: the next paragraph is an empty one with a bottom border
    pars = right.paragraphs
    index = [p.text for p in pars].index("Độc lập - Tự do - Hạnh phúc")
    assert pars[index + 1].text == "" and "w:bottom" in pars[index + 1]._p.pPr.xml
    date_line = right_pars["Hải Phòng, ngày 05 tháng 02 năm 2027"]
    assert date_line.runs[0].italic
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold


def test_docx_task_table_one_row_per_task(built):
    s, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    table = _find_table(doc, "TT", "Nội dung")
    headers = [cell.text for cell in table.rows[0].cells]
    assert headers == ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Tình trạng", "Kết quả"]
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    # group rows and one row per task, each with its status
    assert "I" in rows and "II" in rows
    task_rows = {code: r for code, r in rows.items() if code in s.tasks}
    assert set(task_rows) == set(s.tasks)
    assert task_rows["1"][5] == "Đã hoàn thành quá hạn"
    assert task_rows["2"][5] == "Không phát sinh trong kỳ"
    assert task_rows["3"][5] == "Đang thực hiện trong hạn"
    assert task_rows["4"][5] == "Chưa có báo cáo"
    assert task_rows["1"][2] == "Sở Văn hóa và Thể thao"
    assert "Sở Du lịch: Phối hợp đón 20 đoàn khách quốc tế." in task_rows["1"][6]


def test_docx_completeness_matches_rates(built):
    s, c = built
    rates = selectors.rates(plan=s.plan, year=s.year)
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    table = _find_table(doc, "Phải báo cáo", "Đã gửi")
    values = [int(cell.text) for cell in table.rows[1].cells]
    assert values == [rates["expected"], rates["submitted"], rates["on_time"], rates["late"], rates["accepted"],
                      rates["returned"], rates["not_sent"]]
    assert values == [3, 2, 1, 1, 2, 0, 1]
    # every count adds up: sent + returned + not sent = expected, and each list names as many agencies
    expected, sent, returned, not_sent = values[0], values[1], values[5], values[6]
    assert sent + returned + not_sent == expected
    texts = _texts(doc)
    assert "- Chưa gửi báo cáo: Sở Thông tin và Truyền thông." in texts
    assert len(rates["missing"]) == not_sent and len(rates["returned_agencies"]) == returned


def test_docx_recipients_and_signature(built):
    _, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    signature = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs and any(p.text == "Nơi nhận:" for p in t.rows[0].cells[0].paragraphs))
    left, right = signature.rows[0].cells
    pars = [p for p in left.paragraphs if p.text]
    assert pars[0].text == "Nơi nhận:" and pars[0].runs[0].bold and pars[0].runs[0].italic
    assert pars[0].runs[0].font.size.pt == 12
    assert [p.text for p in pars[1:]] == ["- Bộ Ngoại giao;", "- TT Thành ủy;", "- Lưu: VT, Ng.v."]
    assert all(p.runs[0].font.size.pt == 11 for p in pars[1:])
    sign = [p for p in right.paragraphs if p.text]
    assert [p.text for p in sign] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Tùng"]
    assert sign[-1].runs[0].bold


def test_docx_deputy_signature_form(built):
    s, c = built
    c = consolidation_update_settings(user=s.coordinator, consolidation=c, settings={
        "signer_form": "KT.", "signer_authority": "GIÁM ĐỐC", "signer_position": "PHÓ GIÁM ĐỐC"})
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    assert "KT. GIÁM ĐỐC" in _texts(doc) and "PHÓ GIÁM ĐỐC" in _texts(doc)


def test_docx_edited_passage_and_appendix(built):
    s, c = built
    from ngvh.documents.services import consolidation_edit_passages

    consolidation_edit_passages(user=s.coordinator, consolidation=c, texts={"intro": "Mở đầu do Sở Ngoại vụ viết lại."})
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    texts = _texts(doc)
    assert "Mở đầu do Sở Ngoại vụ viết lại." in texts
    appendix = _find_table(doc, "TT", "Cơ quan, đơn vị")
    assert appendix is not None
    assert any(f"#{s.reports['vh'].pk}" == cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    # two charts embedded as pictures
    assert len(doc.inline_shapes) == 2


def test_xlsx_sheets_and_figures(built):
    s, c = built
    content = effective_content(c)
    rates = selectors.rates(plan=s.plan, year=s.year)
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    assert wb.sheetnames == ["Nhiệm vụ", "Cơ quan, đơn vị", "Hoạt động", "Chỉ tiêu", "Báo cáo sử dụng"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width > 5
    tasks = {row[1]: row for row in wb["Nhiệm vụ"].iter_rows(min_row=2, values_only=True)}
    assert set(tasks) == set(s.tasks)
    assert tasks["1"][6] == "Đã hoàn thành quá hạn"
    # no English code anywhere on the Vietnamese annex
    codes = {"done_late", "done_on_time", "in_progress", "overdue", "not_arisen", "event_home", "accepted", "submitted"}
    assert not {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row} & codes
    agencies = wb["Cơ quan, đơn vị"]
    summary = {row[0]: row[1] for row in agencies.iter_rows(min_row=2, values_only=True) if row[0] and isinstance(row[1], int)}
    assert summary == {"Phải báo cáo": rates["expected"], "Đã gửi": rates["submitted"], "Đúng hạn": rates["on_time"],
                       "Quá hạn": rates["late"], "Đã chấp nhận": rates["accepted"], "Bị trả lại": 0, "Chưa gửi": 1}
    indicators = {row[0]: row[1] for row in wb["Chỉ tiêu"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert indicators["Số hoạt động"] == 3
    assert indicators["Số lượt người tham gia"] == 300
    assert indicators["Tổng kinh phí"] == 4_500_000
    assert wb["Chỉ tiêu"]["B2"].number_format == "#,##0"
    kinds = {row[0]: row[1] for row in wb["Hoạt động"].iter_rows(min_row=2, max_row=3, values_only=True)}
    assert kinds == {KIND_VI["event_home"]: 2, KIND_VI["delegation_in"]: 1}


def test_xlsx_is_formula_injection_safe(built):
    _, c = built
    content = effective_content(c)
    content["passages"] = [
        {**p, "text": "=HYPERLINK(\"http://x\")"} if p["kind"] == "result" else p for p in content["passages"]
    ]
    content["reports"][0]["agency"] = "+cmd|' /C calc'!A0"
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    values = [cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert "'+cmd|' /C calc'!A0" in values
    assert safe_text("-1") == "'-1" and safe_text(-1) == -1 and safe_text("@x") == "'@x"


def test_exports_name_countries_instead_of_iso_codes(built):
    # given a year whose activities reached Korea (twice) and Japan (once)
    _, c = built
    content = effective_content(c)
    assert content["indicators"]["countries"] == {"KR": 2, "JP": 1}
    # when the .docx and the .xlsx are rendered
    doc = Document(io.BytesIO(render_docx(content)))
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    # then the report names them, most activities first
    assert "- Số quốc gia, vùng lãnh thổ: 2 (Hàn Quốc, Nhật Bản)." in _texts(doc)
    # and the annex lists names with their counts, and no ISO code anywhere
    rows = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    countries = {r[0]: r[1] for r in rows[rows.index(("Quốc gia, vùng lãnh thổ", "Số hoạt động")) + 1:] if r[0]}
    assert countries == {"Hàn Quốc": 2, "Nhật Bản": 1}
    cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert not cells & {"KR", "JP"}
