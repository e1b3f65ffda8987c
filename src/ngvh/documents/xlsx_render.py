"""The data annex of the city report as an Excel workbook.

``render_xlsx(content) -> bytes`` is pure, one function per sheet (tasks, agencies,
activities, indicators, budget estimate against actual spending, reports used). One sheet per table, each an annex of the report
(``PHỤ LỤC I`` … ``(Kèm theo Báo cáo số …)`` above the table), rows numbered ``STT`` 1…n,
Times New Roman, printed A4 landscape one page wide with the header row repeated, widths
and number formats set. Text that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-`` or ``@``) is prefixed with an apostrophe, because agencies' text ends
up in this file and a workbook must never execute what somebody typed into a report.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from ngvh.core.countries import country_name
from ngvh.reporting.task_status import STATUS_ORDER

from .content import passages_of
from .vocab import BUDGET_VI, KIND_VI, MONTHS_VI, REPORT_STATUS_VI, STATUS_VI

INT_FORMAT = "#,##0"
MONEY_FORMAT = '#,##0 "đồng"'
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """Neutralise formula injection in text cells; numbers pass through."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


TITLE_ROWS = 3  # PHỤ LỤC …, what the table is, (Kèm theo Báo cáo số …)
HEADER_ROW = TITLE_ROWS + 2  # a blank row, then the column headers
FONT = "Times New Roman"
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_MM = 1 / 25.4  # openpyxl's margins are in inches


def _attached_to(meta: dict) -> str:
    number = meta.get("number") or "…"
    issued = dt.date.fromisoformat(meta["issued_on"]) if meta.get("issued_on") else None
    return f"(Kèm theo Báo cáo số {number}" + (f" ngày {issued:%d/%m/%Y})" if issued else ")")


def _sheet(wb, title: str, headers: list[str], widths: list[int], rows: list[list], formats: dict[int, str] | None = None,
           *, meta: dict, caption: str):
    """A sheet of the annex: its title block, the headers (repeated on every printed page)
    with an ``STT`` column numbering the rows 1…n, then the rows; A4 landscape, one page wide."""
    ws = wb.create_sheet(title)
    headers = ["STT", *headers]
    widths = [6, *widths]
    annex = _ROMAN[len(wb.worksheets) - 1]
    last = get_column_letter(len(headers))
    for row, (text, font) in enumerate(
        [(f"PHỤ LỤC {annex}", Font(name=FONT, size=13, bold=True)),
         (caption.upper(), Font(name=FONT, size=13, bold=True)),
         (_attached_to(meta), Font(name=FONT, size=12, italic=True))],
        start=1,
    ):
        cell = ws.cell(row=row, column=1, value=safe_text(text))
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.row_dimensions[2].height = 34
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *(safe_text(v) for v in row)])
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=col + 1, max_col=col + 1):
            cell.number_format = fmt
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        row[0].alignment = Alignment(horizontal="center", vertical="top")
        for cell in row[1:]:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _print_setup(ws)
    return ws


def _print_setup(ws) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as many pages long as needed
    ws.page_margins = PageMargins(top=20 * _MM, bottom=15 * _MM, left=20 * _MM, right=15 * _MM, header=8 * _MM, footer=8 * _MM)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT


def _fonts(wb) -> None:
    """Times New Roman in every written cell, keeping bold and italic."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.font.name != FONT:
                    cell.font = Font(name=FONT, size=12 if cell.font.sz in (None, 11) else cell.font.sz,
                                     bold=cell.font.bold, italic=cell.font.italic)


def _moment(value: str):
    if not value:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=None)


def render_xlsx(content: dict) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    meta = content["meta"]
    _tasks_sheet(wb, content, meta)
    _agencies_sheet(wb, content["completeness"], meta)
    _activities_sheet(wb, content["indicators"], meta)
    _indicators_sheet(wb, content["overview"], content["indicators"], meta)
    if content.get("budget"):  # a report built before the budget existed has none
        _budget_sheet(wb, content["budget"], meta)
    _reports_sheet(wb, content["reports"], meta)
    _fonts(wb)

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _tasks_sheet(wb, content: dict, meta: dict) -> None:
    results = {(p["report_id"], p["task_code"]): p["text"] for p in passages_of(content, "result")}
    task_rows = []
    for group in content["groups"]:
        for task in group["tasks"]:
            lines = [
                f"{ln['agency']}: {results.get((ln['report_id'], task['code']), ln['results'])}"
                for ln in task["lines"]
                if results.get((ln["report_id"], task["code"]), ln["results"])
            ]
            task_rows.append([
                group["code"], task["code"], task["title"], task["lead"], task["coordinators"],
                task["timeframe"], task["status_label"], len(task["lines"]), "\n".join(lines),
            ])
    _sheet(
        wb, "Nhiệm vụ",
        ["Nhóm", "Nhiệm vụ số", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian",
         "Tình trạng", "Số đơn vị báo cáo", "Kết quả"],
        [7, 9, 50, 28, 32, 16, 24, 11, 60],
        task_rows,
        {8: INT_FORMAT},
        meta=meta, caption=f"Kết quả thực hiện các nhiệm vụ năm {meta['year']}",
    )


def _agencies_sheet(wb, rates: dict, meta: dict) -> None:
    agency_rows = [
        [row["agency"], REPORT_STATUS_VI.get(row.get("status", ""), row.get("status", "")),
         _moment(row.get("submitted_at", "")), {True: "Có", False: "Không"}.get(row.get("on_time"), "")]
        for row in rates.get("rows", [])
    ]
    ws = _sheet(
        wb, "Cơ quan, đơn vị",
        ["Cơ quan, đơn vị", "Tình trạng báo cáo", "Thời điểm gửi", "Đúng hạn"],
        [45, 20, 18, 10],
        agency_rows,
        {3: "dd/mm/yyyy hh:mm"},
        meta=meta, caption=f"Tình hình gửi báo cáo năm {meta['year']} của các cơ quan, đơn vị",
    )
    summary_at = ws.max_row + 2
    for offset, (label, value) in enumerate(
        [("Phải báo cáo", rates["expected"]), ("Đã gửi", rates["submitted"]), ("Đúng hạn", rates["on_time"]),
         ("Quá hạn", rates["late"]), ("Đã chấp nhận", rates["accepted"]),
         ("Bị trả lại", rates.get("returned", 0)), ("Chưa gửi", rates.get("not_sent", len(rates.get("missing", []))))]
    ):
        ws.cell(row=summary_at + offset, column=2, value=label).font = Font(bold=True)
        ws.cell(row=summary_at + offset, column=3, value=value).number_format = INT_FORMAT


def _activities_sheet(wb, indicators: dict, meta: dict) -> None:
    activity_rows = [[KIND_VI.get(kind, kind), count] for kind, count in sorted(indicators["by_kind"].items(), key=lambda kv: -kv[1])]
    ws = _sheet(wb, "Hoạt động", ["Loại hoạt động", "Số hoạt động"], [40, 14], activity_rows, {2: INT_FORMAT},
                meta=meta, caption=f"Hoạt động năm {meta['year']} theo loại và theo tháng")
    ws.cell(row=ws.max_row + 2, column=2, value="Tháng").font = Font(bold=True)
    month_row = ws.max_row
    ws.cell(row=month_row, column=3, value="Số hoạt động").font = Font(bold=True)
    for i, (label, value) in enumerate(zip(MONTHS_VI, indicators["by_month"], strict=True), start=1):
        ws.cell(row=month_row + i, column=1, value=i).alignment = Alignment(horizontal="center")
        ws.cell(row=month_row + i, column=2, value=label)
        ws.cell(row=month_row + i, column=3, value=value).number_format = INT_FORMAT


def _indicators_sheet(wb, ov: dict, indicators: dict, meta: dict) -> None:
    by_status = ov["tasks_by_status"]
    indicator_rows = [
        ["Tổng số nhiệm vụ", ov["tasks_total"], INT_FORMAT],
        *[[f"Nhiệm vụ: {STATUS_VI[s]}", by_status.get(s, 0), INT_FORMAT] for s in STATUS_ORDER],
        ["Số báo cáo được tổng hợp", ov["reports_used"], INT_FORMAT],
        ["Số hoạt động", ov["activities"], INT_FORMAT],
        ["Số lượt người tham gia", ov["participants"], INT_FORMAT],
        ["Số hoạt động có báo số người tham gia", ov.get("participants_reported", ov["activities"]), INT_FORMAT],
        ["Trong đó người nước ngoài", ov["participants_foreign"], INT_FORMAT],
        ["Số quốc gia, vùng lãnh thổ", ov["countries"], INT_FORMAT],
        *[[f"Kinh phí: {BUDGET_VI[k]}", ov[k], MONEY_FORMAT] for k in BUDGET_VI],
        ["Tổng kinh phí", ov["budget_total"], MONEY_FORMAT],
    ]
    ws = _sheet(wb, "Chỉ tiêu", ["Chỉ tiêu", "Giá trị"], [45, 24], [r[:2] for r in indicator_rows],
                meta=meta, caption=f"Các chỉ tiêu tổng hợp năm {meta['year']}")
    for i, row in enumerate(indicator_rows, start=HEADER_ROW + 1):
        ws.cell(row=i, column=3).number_format = row[2]
    ws.cell(row=ws.max_row + 2, column=2, value="Quốc gia, vùng lãnh thổ").font = Font(bold=True)
    start = ws.max_row
    ws.cell(row=start, column=3, value="Số hoạt động").font = Font(bold=True)
    for i, (code, count) in enumerate(indicators["countries"].items(), start=1):
        ws.cell(row=start + i, column=1, value=i).alignment = Alignment(horizontal="center")
        ws.cell(row=start + i, column=2, value=safe_text(country_name(code, "vi")))
        ws.cell(row=start + i, column=3, value=count).number_format = INT_FORMAT


BUDGET_SHEET = "Kinh phí"
_BUDGET_WIDTHS = {"level": 14, "code": 9, "name": 48, "source": 22, "estimate": 18, "actual": 18, "difference": 18, "rate": 12}
_BUDGET_FORMATS = {"estimate": MONEY_FORMAT, "actual": MONEY_FORMAT, "difference": MONEY_FORMAT, "rate": "0.0%"}


def _budget_sheet(wb, budget: dict, meta: dict) -> None:
    """Estimate against actual spending per task, per agency and for the whole plan, one row
    per source (``budget.report.xlsx_annex_rows``, stored with the report's content)."""
    keys = [key for key, _label in budget["annex_headers"]]
    ws = _sheet(
        wb, BUDGET_SHEET,
        [label for _key, label in budget["annex_headers"]],
        [_BUDGET_WIDTHS.get(key, 16) for key in keys],
        [[row.get(key) for key in keys] for row in budget["annex_rows"]],
        {i: _BUDGET_FORMATS[key] for i, key in enumerate(keys, start=1) if key in _BUDGET_FORMATS},
        meta=meta, caption=f"Dự toán và thực hiện kinh phí năm {budget.get('year', meta['year'])}",
    )
    note = (
        "Dự toán: dự toán đã được phê duyệt. Thực chi: kinh phí của các hoạt động đã thực hiện trong năm; "
        "một hoạt động gắn với nhiều nhiệm vụ được tính đủ cho từng nhiệm vụ, tổng cộng tính mỗi hoạt động một lần."
        if budget["annex_rows"] else "Chưa có dự toán được phê duyệt và chưa có khoản chi trong năm."
    )
    row = ws.max_row + 2
    cell = ws.cell(row=row, column=2, value=note)
    cell.font = Font(italic=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"B{row}:{get_column_letter(len(keys) + 1)}{row}")
    ws.row_dimensions[row].height = 32


def _reports_sheet(wb, reports: list[dict], meta: dict) -> None:
    _sheet(
        wb, "Báo cáo sử dụng",
        ["Cơ quan, đơn vị", "Thời điểm gửi", "Thời điểm chấp nhận"],
        [45, 18, 18],
        [[r["agency"], _moment(r["submitted_at"]), _moment(r["accepted_at"])] for r in reports],
        {2: "dd/mm/yyyy hh:mm", 3: "dd/mm/yyyy hh:mm"},
        meta=meta, caption=f"Danh sách báo cáo năm {meta['year']} của các cơ quan, đơn vị được tổng hợp",
    )
