"""The .docx and .xlsx read back: the official format and the same figures as the rates."""

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
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
from ngvh.documents.xlsx_render import HEADER_ROW, render_xlsx, safe_text

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
    appendix = _find_table(doc, "STT", "Cơ quan, đơn vị")
    assert [row.cells[0].text for row in appendix.rows[1:]] == ["1", "2"]
    # two charts embedded as pictures
    assert len(doc.inline_shapes) == 2


def test_xlsx_sheets_and_figures(built):
    s, c = built
    content = effective_content(c)
    rates = selectors.rates(plan=s.plan, year=s.year)
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    assert wb.sheetnames == ["Nhiệm vụ", "Cơ quan, đơn vị", "Hoạt động", "Chỉ tiêu", "Kinh phí", "Báo cáo sử dụng"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.column_dimensions["A"].width > 5
    tasks = {row[2]: row for row in wb["Nhiệm vụ"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert set(tasks) == set(s.tasks)
    assert tasks["1"][7] == "Đã hoàn thành quá hạn"
    # no English code anywhere on the Vietnamese annex
    codes = {"done_late", "done_on_time", "in_progress", "overdue", "not_arisen", "event_home", "accepted", "submitted"}
    assert not {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row} & codes
    agencies = wb["Cơ quan, đơn vị"]
    summary = {row[1]: row[2] for row in agencies.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[1] and isinstance(row[2], int)}
    assert summary == {"Phải báo cáo": rates["expected"], "Đã gửi": rates["submitted"], "Đúng hạn": rates["on_time"],
                       "Quá hạn": rates["late"], "Đã chấp nhận": rates["accepted"], "Bị trả lại": 0, "Chưa gửi": 1}
    indicators = {row[1]: row[2] for row in wb["Chỉ tiêu"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[1]}
    assert indicators["Số hoạt động"] == 3
    assert indicators["Số lượt người tham gia"] == 300
    assert indicators["Tổng kinh phí"] == 4_500_000
    assert wb["Chỉ tiêu"].cell(row=HEADER_ROW + 1, column=3).number_format == "#,##0"
    kinds = {row[1]: row[2] for row in wb["Hoạt động"].iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 2, values_only=True)}
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
    countries = {r[1]: r[2] for r in rows[rows.index((None, "Quốc gia, vùng lãnh thổ", "Số hoạt động")) + 1:] if r[1]}
    assert countries == {"Hàn Quốc": 2, "Nhật Bản": 1}
    cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert not cells & {"KR", "JP"}


def _section_of_each_table(doc) -> list[tuple[int, object]]:
    """(section index, table) in body order: a paragraph holding a sectPr closes a section."""
    from docx.table import Table

    out, index = [], 0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            out.append((index, Table(child, doc)))
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return out


def test_docx_title_puts_the_year_before_the_strategy(built):
    # given the default subject / when the report is rendered
    s, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    texts = [p.text for p in doc.paragraphs]
    subject = texts[texts.index("BÁO CÁO") + 1]
    # then it reads "Kết quả năm 2026 thực hiện Kế hoạch số … đến năm 2030": the year is not tacked on after 2030
    assert subject.startswith(f"Kết quả năm {s.year} thực hiện Kế hoạch số {s.plan.number} ngày ")
    assert subject.endswith("triển khai Chiến lược Ngoại giao văn hóa đến năm 2030")
    assert subject.index(f"năm {s.year}") < subject.index("đến năm 2030")
    assert not subject.endswith(f"năm {s.year}")


def test_charts_are_set_in_times_new_roman():
    import matplotlib
    from matplotlib.text import Text

    from ngvh.documents import charts

    # given the chart style: Times New Roman first, else a font with its metrics
    assert charts.FONT == "Times New Roman"
    assert charts.SERIF[0] in ("Times New Roman", "Liberation Serif", "Tinos")
    with matplotlib.rc_context(charts.RC):
        for fig in (
            charts.hbar_figure(title="Tình trạng thực hiện nhiệm vụ", labels=["Đã hoàn thành", "Quá hạn"], values=[3, 1], xlabel="Số nhiệm vụ"),
            charts.vbar_figure(title="Số hoạt động theo tháng", labels=["T1", "T2"], values=[2, 5], ylabel="Số hoạt động"),
        ):
            # when drawn / then every piece of text (titles, ticks, bar labels) uses that font
            fig.canvas.draw()
            names = {t.get_fontname() for t in fig.findobj(Text) if t.get_text()}
            assert names == {charts.SERIF[0]}
    # and the PNGs are still made
    assert charts.hbar_png(title="x", labels=["a"], values=[1], xlabel="y").startswith(b"\x89PNG")


def test_docx_task_table_sits_in_a_landscape_section(built):
    from docx.enum.section import WD_ORIENT

    _, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    # given three sections: portrait, landscape for the task table, portrait again
    orientations = [sec.orientation for sec in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = doc.sections[1]
    assert abs(landscape.page_width - Mm(297)) < Mm(1) and abs(landscape.page_height - Mm(210)) < Mm(1)
    # then the task table is in the landscape section and fills its width, most of it for "Nội dung"
    table = _find_table(doc, "TT", "Nội dung")
    assert [i for i, t in _section_of_each_table(doc) if t._tbl is table._tbl] == [1]
    usable = landscape.page_width - landscape.left_margin - landscape.right_margin
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    total = Mm(sum(grid) / 56.692)  # twentieths of a point per millimetre
    assert usable - Mm(3) <= total <= usable + Mm(1)
    content_width = grid[1] / 56.692
    assert content_width >= 70 and content_width == max(g / 56.692 for g in grid)
    # and pages after the first carry the number; the later sections do not hide it
    assert not doc.sections[1].different_first_page_header_footer
    assert not doc.sections[2].different_first_page_header_footer


def test_docx_results_are_grouped_under_each_agency(built):
    s, c = built
    # given Sở Du lịch with results on two tasks
    content = effective_content(c)
    by_agency = {}
    for p in content["passages"]:
        if p["kind"] == "result":
            by_agency.setdefault(p["agency"], []).append(p["task_code"])
    assert sorted(by_agency["Sở Du lịch"]) == ["1", "3"]
    doc = Document(io.BytesIO(render_docx(content)))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("3. Kết quả của các cơ quan, đơn vị")
    part = texts[start + 1:texts.index("4. Biểu đồ")]
    # then each agency is named once, its lines follow without repeating it
    assert part.count("- Sở Du lịch:") == 1 and part.count("- Sở Văn hóa và Thể thao:") == 1
    du_lich = part.index("- Sở Du lịch:")
    assert part[du_lich + 1:du_lich + 3] == ["+ Nhiệm vụ 1: Phối hợp đón 20 đoàn khách quốc tế.", "+ Nhiệm vụ 3: Đón đoàn Kitakyushu."]
    assert not any("(nhiệm vụ" in t for t in part)


def test_docx_shows_no_internal_id(built):
    import re

    s, c = built
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    texts = _texts(doc)
    assert not any(re.search(r"#\d", t) for t in texts)
    ids = {str(r.pk) for r in s.reports.values()}
    assert not ids & {t.strip() for t in texts if t.strip() not in {"1", "2", "3", "4"}}
    assert "Mã báo cáo" not in texts


def test_docx_file_properties(built):
    s, c = built
    content = effective_content(c)
    # given a moment / when the report is rendered then
    moment = dt.datetime(2027, 2, 5, 8, 30, tzinfo=dt.UTC)
    props = Document(io.BytesIO(render_docx(content, now=moment))).core_properties
    # the author is the issuing body, not the library, and the dates are that moment
    assert props.author == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" and props.last_modified_by == props.author
    assert props.created == props.modified == moment
    assert props.title == "Báo cáo " + content["meta"]["subject"]
    assert props.subject == content["meta"]["subject"] and props.language == "vi-VN"
    assert props.identifier == "15/BC-UBND"
    # and without a moment, now
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = Document(io.BytesIO(render_docx(content))).core_properties
    assert before <= props.created <= dt.datetime.now(dt.UTC) and props.modified == props.created


def test_xlsx_annex_title_block_stt_fonts_and_print_setup(built):
    s, c = built
    content = effective_content(c)
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    for annex, ws in zip(["I", "II", "III", "IV", "V", "VI"], wb.worksheets, strict=True):
        # the title block: PHỤ LỤC …, what the table is, which report it goes with (merged across the table)
        assert ws["A1"].value == f"PHỤ LỤC {annex}" and ws["A1"].font.b
        assert ws["A2"].value and ws["A2"].value == ws["A2"].value.upper() and str(s.year) in ws["A2"].value
        assert ws["A3"].value == "(Kèm theo Báo cáo số 15/BC-UBND ngày 05/02/2027)" and ws["A3"].font.i
        assert {str(r) for r in ws.merged_cells.ranges} >= {f"A{r}:{ws.cell(row=HEADER_ROW, column=ws.max_column).column_letter}{r}" for r in (1, 2, 3)}
        # STT first, numbering the table's rows 1…n
        assert ws.cell(row=HEADER_ROW, column=1).value == "STT"
        numbers = []
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
            if not isinstance(row[0], int):
                break
            numbers.append(row[0])
        assert numbers == list(range(1, len(numbers) + 1)) and numbers
        # Times New Roman in every written cell
        assert {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None} == {"Times New Roman"}
        # A4 landscape, one page wide, margins set, the header row repeated on every printed page
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert round(ws.page_margins.left * 25.4) == 20 and round(ws.page_margins.top * 25.4) == 20
        assert ws.print_title_rows.replace("$", "") == f"{HEADER_ROW}:{HEADER_ROW}"
        assert "&P" in ws.oddFooter.center.text
    # the list of reports shows no database id, only STT
    reports = wb["Báo cáo sử dụng"]
    headers = [cell.value for cell in reports[HEADER_ROW]]
    assert headers == ["STT", "Cơ quan, đơn vị", "Thời điểm gửi", "Thời điểm chấp nhận"]
    ids = {r.pk for r in s.reports.values()} - {1, 2}
    assert not ids & {v for row in reports.iter_rows(min_row=HEADER_ROW + 1, values_only=True) for v in row}


def test_xlsx_budget_sheet_compares_approved_estimates_with_spending():
    from ngvh.budget.models import EstimateStatus
    from tests.budget.factories import BudgetEstimateFactory

    # given an approved estimate of Văn hóa for task 1, a draft one not counted, and the scenario's
    # three done activities (1.000.000 đồng of state budget and 500.000 of socialised funds each)
    s = scenario()
    BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies["vh"], year=s.year, source="state", amount=4_000_000,
                          status=EstimateStatus.APPROVED)
    BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies["vh"], year=s.year, source="foreign", amount=9_000_000)
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # when the annex is rendered
    ws = load_workbook(io.BytesIO(render_xlsx(effective_content(c))))["Kinh phí"]
    # then the sheet has the annex's title block and its columns, in Vietnamese
    assert ws["A1"].value == "PHỤ LỤC V"
    assert ws["A2"].value == f"DỰ TOÁN VÀ THỰC HIỆN KINH PHÍ NĂM {s.year}"
    assert [cell.value for cell in ws[HEADER_ROW]] == [
        "STT", "Cấp", "Mã", "Nhiệm vụ hoặc cơ quan", "Nguồn kinh phí", "Dự toán (đồng)", "Thực chi (đồng)",
        "Chênh lệch (đồng)", "Thực chi / dự toán",
    ]
    rows = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if isinstance(r[0], int)]
    by_key = {(r[1], r[3], r[4]): r[5:] for r in rows}
    # and the whole plan's rows: the approved estimate only, the spending of every done activity
    assert by_key[("tổng cộng", "Toàn bộ kế hoạch", "Ngân sách nhà nước")] == (4_000_000, 3_000_000, -1_000_000, 0.75)
    assert by_key[("tổng cộng", "Toàn bộ kế hoạch", "Kinh phí xã hội hóa")] == (0, 1_500_000, 1_500_000, None)
    assert ("tổng cộng", "Toàn bộ kế hoạch", "Nguồn nước ngoài") not in by_key  # the draft counts nowhere
    assert by_key[("cơ quan, đơn vị", "Sở Văn hóa và Thể thao", "Ngân sách nhà nước")][:2] == (4_000_000, 2_000_000)
    assert by_key[("nhiệm vụ", "Tổ chức Lễ hội Hoa Phượng Đỏ", "Ngân sách nhà nước")][0] == 4_000_000
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    # and amounts in đồng, the rate as a percentage
    first = HEADER_ROW + 1
    assert ws.cell(row=first, column=6).number_format == '#,##0 "đồng"'
    assert ws.cell(row=first, column=9).number_format == "0.0%"


def test_a_report_built_before_the_budget_renders_without_it(built):
    # given content stored before the budget section existed
    _, c = built
    content = effective_content(c)
    del content["budget"]
    # when it is rendered
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    texts = _texts(Document(io.BytesIO(render_docx(content))))
    # then neither file has the budget part, and the rest is there
    assert "Kinh phí" not in wb.sheetnames and "Chỉ tiêu" in wb.sheetnames
    assert not any(t.startswith("5. Kinh phí") for t in texts)


def test_docx_budget_section_follows_the_results_and_precedes_the_proposals():
    from ngvh.budget.models import EstimateStatus
    from tests.budget.factories import BudgetEstimateFactory

    # given an approved state-budget estimate of 4.000.000 đồng for task 1 and the scenario's spending
    s = scenario()
    BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies["vh"], year=s.year, source="state", amount=4_000_000,
                          status=EstimateStatus.APPROVED)
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # when the report is rendered
    doc = Document(io.BytesIO(render_docx(effective_content(c))))
    # then the budget is part I's fifth item: after the charts, before the reporting and the proposals
    paragraphs = [p.text for p in doc.paragraphs]
    heading = f"5. Kinh phí: dự toán và thực chi năm {s.year}"
    assert heading in paragraphs
    assert paragraphs.index("4. Biểu đồ") < paragraphs.index(heading) < paragraphs.index("II. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO")
    assert paragraphs.index(heading) < paragraphs.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    # and its tables give each source and the total, then each task with an estimate or a spending
    sources = _find_table(doc, "Nguồn kinh phí", "Dự toán (đồng)")
    assert [[cell.text for cell in row.cells] for row in sources.rows[1:]] == [
        ["Ngân sách nhà nước", "4.000.000", "3.000.000", "-1.000.000"],
        ["Kinh phí xã hội hóa", "0", "1.500.000", "1.500.000"],
        ["Nguồn nước ngoài", "0", "0", "0"],
        ["Tổng cộng", "4.000.000", "4.500.000", "500.000"],
    ]
    tasks = _find_table(doc, "TT", "Nhiệm vụ")
    assert tasks.rows[1].cells[0].text == "1" and tasks.rows[1].cells[2].text == "4.000.000"
