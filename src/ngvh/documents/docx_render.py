"""The city report as a Word document in the format of Nghị định 30/2020 (Phụ lục I).

``render_docx(content, now=None) -> bytes`` is pure: it reads the plain content built by
``documents.services`` (edits already applied) and never the database, so the same content
at the same moment always gives the same document (``now`` only dates the file's
properties). The task table sits in a landscape section of its own, wide enough for the
tasks' text; the agencies' results are grouped under each agency; no database id is shown.
Part I ends with the budget: the approved estimates against actual spending per source
and per task (``budget.report.docx_section``, stored with the content), after the tasks'
results and charts and before the reporting, difficulties and proposals.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ngvh.core.countries import country_name
from ngvh.reporting.task_status import STATUS_ORDER

from . import charts
from .content import passages_of
from .vocab import (
    BUDGET_VI,
    KIND_VI,
    MONTHS_VI,
    REPORT_STATUS_VI,
    STATUS_VI,
    place_date_line,
    reported_note,
    vn_int,
    vn_money,
)

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
BLACK = RGBColor(0, 0, 0)
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


# ---- low-level helpers ------------------------------------------------------------------


def _fonts(element, size: float | None = None) -> None:
    """Set the four rFonts slots: Word picks a different one for Vietnamese letters
    (ascii/hAnsi), complex scripts (cs) and East Asian text (eastAsia)."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), FONT)


def _run(paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = BLACK
    _fonts(run._r)
    return run


def _para(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          align=None, before: float = 0, after: float = 6, indent_first: bool = False, keep: bool = False):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    if indent_first:
        fmt.first_line_indent = Mm(10)
    if keep:
        fmt.keep_with_next = True
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _cell_para(cell, text: str, *, size: float = TABLE_PT, bold: bool = False, italic: bool = False, align=None):
    p = cell.paragraphs[0] if not cell.paragraphs[0].text and len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs else cell.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.space_before = Pt(2)
    p.paragraph_format.line_spacing = 1.0
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _bottom_rule(paragraph) -> None:
    """A drawn line under the paragraph (the rule beneath the motto)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _widths(table, widths_mm: list[float]) -> None:
    """Cell widths and the grid: LibreOffice lays tables out from the grid alone."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _page_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the number of each page."""
    run = _run(paragraph, "", size=13)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, separate, text, end):
        run._r.append(el)


def _grid_table(doc, headers: list[str], widths: list[float]):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell_para(cell, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_header(table.rows[0])
    _widths(table, widths)
    return table


def _add_row(table, values: list[str], widths: list[float], *, bold: bool = False, aligns=None):
    cells = table.add_row().cells
    for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
        cell.width = Mm(widths[i])
        align = aligns[i] if aligns else None
        for j, chunk in enumerate(str(value).split("\n")):
            if j == 0:
                _cell_para(cell, chunk, bold=bold, align=align)
            else:
                _cell_para(cell, chunk, bold=bold, align=align)
    return cells


def _date(value: str):
    return dt.date.fromisoformat(value) if value else None


def _datetime_vn(value: str) -> str:
    if not value:
        return ""
    moment = dt.datetime.fromisoformat(value)
    return moment.strftime("%H:%M %d/%m/%Y")


# ---- the document -----------------------------------------------------------------------


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header: no number on page 1
    header_p = section.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header_p)

    for style_name in ("Normal", "Table Grid"):
        style = doc.styles[style_name]
        style.font.name = FONT
        style.font.color.rgb = BLACK
        _fonts(style.element)
    doc.styles["Normal"].font.size = Pt(BODY_PT)


def _rule(cell, *, cell_mm: float, line_mm: float) -> None:
    """A short centred line: an empty paragraph whose bottom border is ``line_mm`` long."""
    p = _cell_para(cell, "", size=2)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    side = max((cell_mm - 4 - line_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    _bottom_rule(p)


HEADER_WIDTHS = (64, 103)


def _heading(doc, meta: dict) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, list(HEADER_WIDTHS))
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    if meta.get("parent_body"):
        _cell_para(left, meta["parent_body"].upper(), size=13, align=center)
    _cell_para(left, meta["issuing_body"].upper(), size=13, bold=True, align=center)
    _rule(left, cell_mm=HEADER_WIDTHS[0], line_mm=22)
    _cell_para(left, "", size=6)
    _cell_para(left, f"Số: {meta['number']}", size=13, align=center)

    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=center)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=center)
    _rule(right, cell_mm=HEADER_WIDTHS[1], line_mm=62)  # the rule beneath the motto, as long as it
    _cell_para(right, "", size=6)
    _cell_para(right, place_date_line(meta["place"], _date(meta["issued_on"])), size=14, italic=True, align=center)

    _para(doc, "BÁO CÁO", size=14, bold=True, align=center, before=18, after=0)
    _para(doc, meta["subject"], size=14, bold=True, align=center, after=18)


def _overview(doc, content: dict) -> None:
    ov = content["overview"]
    by_status = ov["tasks_by_status"]
    items = [
        f"Tổng số nhiệm vụ: {ov['tasks_total']}; số báo cáo được tổng hợp: {ov['reports_used']}.",
        *[f"{STATUS_VI[s]}: {by_status.get(s, 0)} nhiệm vụ." for s in STATUS_ORDER if by_status.get(s, 0)],
        f"Số hoạt động đã tổ chức: {vn_int(ov['activities'])}; số lượt người tham gia: {vn_int(ov['participants'])}, "
        f"trong đó người nước ngoài: {vn_int(ov['participants_foreign'])}"
        f"{reported_note(ov.get('participants_reported'), ov['activities'])}.",
        f"Số quốc gia, vùng lãnh thổ: {ov['countries']}" + _country_list(content) + ".",
        "Kinh phí: " + "; ".join(f"{BUDGET_VI[k]} {vn_money(ov[k])}" for k in BUDGET_VI) + f"; tổng cộng {vn_money(ov['budget_total'])}.",
    ]
    for item in items:
        _para(doc, f"- {item}", indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _country_list(content: dict) -> str:
    """`` (Nhật Bản, Hàn Quốc, Lào)``: the countries by name, most activities first."""
    counts = content["indicators"].get("countries") or {}
    if not counts:
        return ""
    names = [country_name(code, "vi") for code, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return " (" + ", ".join(names) + ")"


TASK_COLUMNS = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Tình trạng", "Kết quả"]
# A4 landscape less the margins (20 + 15 mm) leaves 262 mm; ``Nội dung`` takes the most
TASK_WIDTHS = [12, 78, 34, 36, 22, 26, 54]


def _orient(doc, orientation) -> None:
    """Start a new section on a new page, portrait or landscape, numbered from the header."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = orientation
    if orientation == WD_ORIENT.LANDSCAPE:
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(30), Mm(15)  # the binding edge stays the long one
        section.left_margin, section.right_margin = Mm(20), Mm(15)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = False  # only the report's first page has no number


def _task_table(doc, content: dict) -> None:
    table = _grid_table(doc, TASK_COLUMNS, TASK_WIDTHS)
    results = {(p["report_id"], p["task_code"]): p["text"] for p in passages_of(content, "result")}
    for group in content["groups"]:
        cells = table.add_row().cells
        merged = cells[1].merge(cells[-1])
        _cell_para(cells[0], group["code"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_para(merged, group["title"], bold=True)
        for task in group["tasks"]:
            lines = [
                f"{ln['agency']}: {results.get((ln['report_id'], task['code']), ln['results'])}"
                for ln in task["lines"]
                if results.get((ln["report_id"], task["code"]), ln["results"])
            ]
            _add_row(
                table,
                [task["code"], task["title"], task["lead"], task["coordinators"], task["timeframe"],
                 task["status_label"], "\n".join(lines)],
                TASK_WIDTHS,
                aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, None, None, WD_ALIGN_PARAGRAPH.CENTER, None, None],
            )


COMPLETENESS_COLUMNS = ["Phải báo cáo", "Đã gửi", "Đúng hạn", "Quá hạn", "Đã chấp nhận", "Bị trả lại", "Chưa gửi"]


def _completeness(doc, content: dict) -> None:
    rates = content["completeness"]
    widths = [25, 22, 22, 22, 25, 24, 24]
    table = _grid_table(doc, COMPLETENESS_COLUMNS, widths)
    _add_row(
        table,
        [str(rates["expected"]), str(rates["submitted"]), str(rates["on_time"]), str(rates["late"]),
         str(rates["accepted"]), str(rates.get("returned", 0)), str(rates.get("not_sent", len(rates.get("missing", []))))],
        widths,
        aligns=[WD_ALIGN_PARAGRAPH.CENTER] * 7,
    )
    _para(doc, "", after=0)
    if rates.get("missing"):
        _para(doc, "- Chưa gửi báo cáo: " + "; ".join(rates["missing"]) + ".", indent_first=True)
    if rates.get("returned_agencies"):
        _para(doc, "- Báo cáo bị trả lại, đang hoàn thiện: " + "; ".join(rates["returned_agencies"]) + ".", indent_first=True)
    if rates.get("late_agencies"):
        _para(doc, "- Gửi báo cáo quá hạn: " + "; ".join(rates["late_agencies"]) + ".", indent_first=True)
    if rates.get("rows"):
        widths = [10, 70, 30, 35, 20]
        table = _grid_table(doc, ["TT", "Cơ quan, đơn vị", "Tình trạng", "Thời điểm gửi", "Đúng hạn"], widths)
        for i, row in enumerate(rates["rows"], start=1):
            on_time = {True: "Có", False: "Không"}.get(row.get("on_time"), "")
            _add_row(
                table,
                [str(i), row["agency"], REPORT_STATUS_VI.get(row.get("status", ""), row.get("status", "")),
                 _datetime_vn(row.get("submitted_at", "")), on_time],
                widths,
                aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER],
            )


def _charts(doc, content: dict) -> None:
    by_status = content["overview"]["tasks_by_status"]
    statuses = [s for s in STATUS_ORDER if by_status.get(s, 0)]
    if statuses:
        png = charts.hbar_png(
            title="Tình trạng thực hiện nhiệm vụ",
            labels=[STATUS_VI[s] for s in statuses],
            values=[by_status[s] for s in statuses],
            xlabel="Số nhiệm vụ",
        )
        doc.add_picture(io.BytesIO(png), width=Mm(150))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    months = content["indicators"]["by_month"]
    if any(months):
        png = charts.vbar_png(title="Số hoạt động theo tháng", labels=MONTHS_VI, values=months, ylabel="Số hoạt động")
        doc.add_picture(io.BytesIO(png), width=Mm(150))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _grouped(doc, items: list[dict], empty: str) -> None:
    if not items:
        _para(doc, empty, indent_first=True, italic=True)
        return
    for item in items:
        p = _para(doc, "", indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _run(p, f"- {item['agency']}: ", bold=True)
        _run(p, item["text"])


def _signature(doc, meta: dict) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [85, 80])
    left, right = table.rows[0].cells
    p = _cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True)
    p.paragraph_format.space_before = Pt(12)
    recipients = list(meta.get("recipients") or [])
    for name in recipients:
        _cell_para(left, f"- {name};", size=11)
    _cell_para(left, f"- Lưu: {meta.get('archive') or 'VT'}.", size=11)

    center = WD_ALIGN_PARAGRAPH.CENTER
    first = _cell_para(right, f"{meta['signer_form']} {meta['signer_authority']}".strip() if meta.get("signer_form") else meta["signer_position"], size=14, bold=True, align=center)
    first.paragraph_format.space_before = Pt(12)
    if meta.get("signer_form"):
        _cell_para(right, meta["signer_position"], size=14, bold=True, align=center)
    for _ in range(4):
        _cell_para(right, "", size=14)
    _cell_para(right, meta.get("signer_name") or "", size=14, bold=True, align=center)


def _appendix(doc, content: dict) -> None:
    doc.add_page_break()
    _para(doc, "PHỤ LỤC", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "Danh sách báo cáo của các cơ quan, đơn vị được tổng hợp", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    meta = content["meta"]
    _para(doc, f"(Kèm theo Báo cáo số {meta['number']})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    widths = [12, 85, 34, 34]
    table = _grid_table(doc, ["STT", "Cơ quan, đơn vị", "Thời điểm gửi", "Thời điểm chấp nhận"], widths)
    for i, report in enumerate(content["reports"], start=1):
        _add_row(
            table,
            [str(i), report["agency"], _datetime_vn(report["submitted_at"]), _datetime_vn(report["accepted_at"])],
            widths,
            aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER],
        )


def _properties(doc, meta: dict, now: dt.datetime) -> None:
    """File properties: Word shows them under File > Info, search indexes read them."""
    props = doc.core_properties
    issuing_body = meta.get("issuing_body") or ""
    props.author = issuing_body
    props.last_modified_by = issuing_body
    props.title = f"Báo cáo {meta['subject']}"
    props.subject = meta["subject"]
    props.keywords = f"Ngoại giao văn hóa; báo cáo năm {meta['year']}; Kế hoạch số {meta.get('plan_number', '')}"
    props.category = "Báo cáo"
    props.comments = f"Số: {meta['number']}" if meta.get("number") else ""
    props.language = "vi-VN"
    props.identifier = meta.get("number") or ""
    props.revision = 1
    props.created = props.modified = now


def render_docx(content: dict, *, now: dt.datetime | None = None) -> bytes:
    doc = Document()
    _setup(doc)
    meta = content["meta"]
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    _properties(doc, meta, moment)
    year = meta["year"]
    _heading(doc, meta)

    for p in passages_of(content, "intro"):
        _para(doc, p["text"], indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    sections = iter(_ROMAN)
    _para(doc, f"{next(sections)}. KẾT QUẢ THỰC HIỆN NĂM {year}", bold=True, keep=True, before=6)
    _results(doc, content)

    _para(doc, f"{next(sections)}. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO", bold=True, keep=True, before=6)
    _completeness(doc, content)
    _para(doc, "", after=0)

    _para(doc, f"{next(sections)}. KHÓ KHĂN, VƯỚNG MẮC", bold=True, keep=True, before=6)
    _grouped(doc, passages_of(content, "difficulties"), "Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.")
    _para(doc, f"{next(sections)}. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, keep=True, before=6)
    _grouped(doc, passages_of(content, "recommendations"), "Các cơ quan, đơn vị không có đề xuất, kiến nghị.")

    _para(doc, f"{next(sections)}. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}", bold=True, keep=True, before=6)
    _directions(doc, content)

    _signature(doc, meta)
    if meta.get("include_appendix") and content.get("reports"):
        _appendix(doc, content)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _results(doc, content: dict) -> None:
    """Part I: the assessment and overview, the task table (landscape), each agency's
    results, the charts and, when the content has it, the budget estimate against spending."""
    _para(doc, "1. Đánh giá chung", bold=True, keep=True, indent_first=True)
    for p in passages_of(content, "assessment"):
        _para(doc, p["text"], indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _overview(doc, content)
    _orient(doc, WD_ORIENT.LANDSCAPE)
    _para(doc, "2. Kết quả thực hiện các nhiệm vụ cụ thể", bold=True, keep=True, indent_first=True)
    _task_table(doc, content)
    _orient(doc, WD_ORIENT.PORTRAIT)
    _para(doc, "3. Kết quả của các cơ quan, đơn vị", bold=True, keep=True, indent_first=True)
    _agency_results(doc, content)
    _para(doc, "4. Biểu đồ", bold=True, keep=True, indent_first=True)
    _charts(doc, content)
    _kinds_table(doc, content)
    if content.get("budget"):  # a report built before the budget existed has none
        _budget(doc, content["budget"], number=5)


def _agency_results(doc, content: dict) -> None:
    results = passages_of(content, "result")
    if not results:
        _para(doc, "Các báo cáo được tổng hợp không nêu kết quả cụ thể.", indent_first=True, italic=True)
    by_agency: dict[str, list[dict]] = {}
    for p in results:
        by_agency.setdefault(p["agency"], []).append(p)
    for agency, items in by_agency.items():  # the agency once, then one line per task
        _para(doc, f"- {agency}:", bold=True, indent_first=True, keep=True)
        for p in items:
            para = _para(doc, "", indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            _run(para, f"+ Nhiệm vụ {p['task_code']}: ", italic=True)
            _run(para, p["text"])


def _kinds_table(doc, content: dict) -> None:
    kinds = content["indicators"]["by_kind"]
    if not kinds:
        return
    widths = [15, 110, 40]
    table = _grid_table(doc, ["TT", "Loại hoạt động", "Số hoạt động"], widths)
    for i, (kind, count) in enumerate(sorted(kinds.items(), key=lambda kv: -kv[1]), start=1):
        _add_row(table, [str(i), KIND_VI.get(kind, kind), vn_int(count)], widths,
                 aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, WD_ALIGN_PARAGRAPH.RIGHT])
    _para(doc, "", after=0)


BUDGET_SOURCE_COLUMNS = ["Nguồn kinh phí", "Dự toán (đồng)", "Thực chi (đồng)", "Chênh lệch (đồng)"]
BUDGET_SOURCE_WIDTHS = [57, 36, 36, 36]
BUDGET_TASK_COLUMNS = ["TT", "Nhiệm vụ", "Dự toán (đồng)", "Thực chi (đồng)"]
BUDGET_TASK_WIDTHS = [14, 79, 36, 36]


def _budget(doc, budget: dict, *, number: int) -> None:
    """The estimate against actual spending (``budget.report.docx_section``): the section's
    explanation, a table per source with the whole plan's total, then one row per task."""
    section = budget["section"]
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, f"{number}. {section['heading']}", bold=True, keep=True, indent_first=True)
    for text in section["paragraphs"]:
        _para(doc, text, indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    total = section["rows"][-1]  # the whole plan, each activity counted once
    table = _grid_table(doc, BUDGET_SOURCE_COLUMNS, BUDGET_SOURCE_WIDTHS)
    for source in budget["sources"]:
        estimate, actual = total[f"estimate_{source['source']}"], total[f"actual_{source['source']}"]
        _add_row(table, [source["label"], vn_int(estimate), vn_int(actual), vn_int(actual - estimate)],
                 BUDGET_SOURCE_WIDTHS, aligns=[None, right, right, right])
    _add_row(table, ["Tổng cộng", vn_int(total["estimate"]), vn_int(total["actual"]), vn_int(total["actual"] - total["estimate"])],
             BUDGET_SOURCE_WIDTHS, bold=True, aligns=[None, right, right, right])
    _para(doc, "", after=0)
    tasks = section["rows"][:-1]
    if not tasks:
        _para(doc, "Chưa có nhiệm vụ nào có dự toán được phê duyệt hoặc có khoản chi trong năm.", indent_first=True, italic=True)
        return
    table = _grid_table(doc, BUDGET_TASK_COLUMNS, BUDGET_TASK_WIDTHS)
    for row in tasks:
        _add_row(table, [row["code"], row["task"], vn_int(row["estimate"]), vn_int(row["actual"])], BUDGET_TASK_WIDTHS,
                 aligns=[WD_ALIGN_PARAGRAPH.CENTER, None, right, right])
    _para(doc, "", after=0)


def _directions(doc, content: dict) -> None:
    for p in passages_of(content, "directions"):
        _para(doc, p["text"], indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    by_agency: dict[str, list[dict]] = {}
    for item in content["next_year"]:
        by_agency.setdefault(item["agency"], []).append(item)
    for agency, items in by_agency.items():
        _para(doc, f"- {agency}:", bold=True, indent_first=True, keep=True)
        for item in items:
            when = f" (tháng {item['month']})" if item.get("month") else ""
            task = f" - nhiệm vụ {item['task_code']}" if item.get("task_code") else ""
            _para(doc, f"+ {item['title']}{when}{task}.", indent_first=True)
