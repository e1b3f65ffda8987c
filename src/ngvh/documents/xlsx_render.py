"""The data annex of the city report as an Excel workbook.

``render_xlsx(content) -> bytes`` is pure. One sheet per table, frozen header row, widths
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

from ngvh.activities.countries import country_name

from .content import passages_of
from .rollup import STATUS_ORDER
from .vocab import BUDGET_VI, KIND_VI, MONTHS_VI, REPORT_STATUS_VI, STATUS_VI

INT_FORMAT = "#,##0"
MONEY_FORMAT = '#,##0 "đồng"'
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """Neutralise formula injection in text cells; numbers pass through."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _sheet(wb, title: str, headers: list[str], widths: list[int], rows: list[list], formats: dict[int, str] | None = None):
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([safe_text(v) for v in row])
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return ws


def _moment(value: str):
    if not value:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=None)


def render_xlsx(content: dict) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
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
        ["Nhóm", "TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian",
         "Tình trạng", "Số đơn vị báo cáo", "Kết quả"],
        [7, 7, 50, 28, 32, 16, 28, 12, 60],
        task_rows,
        {8: INT_FORMAT},
    )

    rates = content["completeness"]
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
    )
    summary_at = ws.max_row + 2
    for offset, (label, value) in enumerate(
        [("Phải báo cáo", rates["expected"]), ("Đã gửi", rates["submitted"]), ("Đúng hạn", rates["on_time"]),
         ("Quá hạn", rates["late"]), ("Đã chấp nhận", rates["accepted"]),
         ("Bị trả lại", rates.get("returned", 0)), ("Chưa gửi", rates.get("not_sent", len(rates.get("missing", []))))]
    ):
        ws.cell(row=summary_at + offset, column=1, value=label).font = Font(bold=True)
        ws.cell(row=summary_at + offset, column=2, value=value).number_format = INT_FORMAT

    indicators = content["indicators"]
    activity_rows = [[KIND_VI.get(kind, kind), count] for kind, count in sorted(indicators["by_kind"].items(), key=lambda kv: -kv[1])]
    ws = _sheet(wb, "Hoạt động", ["Loại hoạt động", "Số hoạt động"], [40, 14], activity_rows, {2: INT_FORMAT})
    ws.cell(row=ws.max_row + 2, column=1, value="Tháng").font = Font(bold=True)
    month_row = ws.max_row
    ws.cell(row=month_row, column=2, value="Số hoạt động").font = Font(bold=True)
    for i, (label, value) in enumerate(zip(MONTHS_VI, indicators["by_month"], strict=True), start=1):
        ws.cell(row=month_row + i, column=1, value=label)
        ws.cell(row=month_row + i, column=2, value=value).number_format = INT_FORMAT

    ov = content["overview"]
    by_status = ov["tasks_by_status"]
    indicator_rows = [
        ["Tổng số nhiệm vụ", ov["tasks_total"], INT_FORMAT],
        *[[f"Nhiệm vụ: {STATUS_VI[s]}", by_status.get(s, 0), INT_FORMAT] for s in STATUS_ORDER],
        ["Số báo cáo được tổng hợp", ov["reports_used"], INT_FORMAT],
        ["Số hoạt động", ov["activities"], INT_FORMAT],
        ["Số lượt người tham gia", ov["participants"], INT_FORMAT],
        ["Trong đó người nước ngoài", ov["participants_foreign"], INT_FORMAT],
        ["Số quốc gia, vùng lãnh thổ", ov["countries"], INT_FORMAT],
        *[[f"Kinh phí: {BUDGET_VI[k]}", ov[k], MONEY_FORMAT] for k in BUDGET_VI],
        ["Tổng kinh phí", ov["budget_total"], MONEY_FORMAT],
    ]
    ws = _sheet(wb, "Chỉ tiêu", ["Chỉ tiêu", "Giá trị"], [45, 24], [r[:2] for r in indicator_rows])
    for i, row in enumerate(indicator_rows, start=2):
        ws.cell(row=i, column=2).number_format = row[2]
    ws.cell(row=ws.max_row + 2, column=1, value="Quốc gia, vùng lãnh thổ").font = Font(bold=True)
    start = ws.max_row
    ws.cell(row=start, column=2, value="Số hoạt động").font = Font(bold=True)
    for i, (code, count) in enumerate(indicators["countries"].items(), start=1):
        ws.cell(row=start + i, column=1, value=safe_text(country_name(code, "vi")))
        ws.cell(row=start + i, column=2, value=count).number_format = INT_FORMAT

    _sheet(
        wb, "Báo cáo sử dụng",
        ["Mã báo cáo", "Cơ quan, đơn vị", "Thời điểm gửi", "Thời điểm chấp nhận"],
        [12, 45, 18, 18],
        [[r["id"], r["agency"], _moment(r["submitted_at"]), _moment(r["accepted_at"])] for r in content["reports"]],
        {3: "dd/mm/yyyy hh:mm", 4: "dd/mm/yyyy hh:mm"},
    )

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
