"""Small plan documents written in the tests, for the import review."""

from __future__ import annotations

import io

import docx

HEAD = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NINH",
    "Số: 12/KH-UBND",
    "Hạ Long, ngày 03 tháng 3 năm 2023",
    "",
    "KẾ HOẠCH",
    "Thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ.",
    "I. MỤC ĐÍCH",
    "1. Mục đích",
    "- Triển khai.",
    "PHỤ LỤC",
]
HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"]
UNKNOWN = "Trung tâm Xúc tiến Đầu tư Quảng Ninh"
HELD = "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Quảng Ninh"
# Row 3 is misread: its writer put the timeframe in the content column and the content in
# the timeframe column.
ROWS = [
    HEADER,
    ["I", "Quảng bá hình ảnh", "", "", ""],
    ["1", "Tổ chức tuần văn hóa Hạ Long.", "Sở Ngoại vụ", "Sở Du lịch", "Hàng năm"],
    ["2", "Quảng bá di sản vịnh Hạ Long.", UNKNOWN, "Sở Du lịch", "2023-2025"],
    ["3", "Hàng năm", "Sở Ngoại vụ", "", "Dịch các ấn phẩm quảng bá."],
    ["II", "Hợp tác quốc tế", "", "", ""],
    ["4", "Giao lưu với các địa phương kết nghĩa.", "Sở Ngoại vụ", "Sở Du lịch", "Thường xuyên"],
]


def plan_docx(rows: list[list[str]] | None = None, head: list[str] | None = None) -> bytes:
    document = docx.Document()
    for line in head or HEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=5)
    for values in rows or ROWS:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_text(rows: list[list[str]] | None = None) -> bytes:
    lines = [*HEAD, ""] + ["\t".join(r) for r in rows or ROWS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def document_province():
    """The province of the document's place, created the way the import creates it."""
    from ngvh.agencies.services import province_get_or_create
    from ngvh.plans.parser import parse_bytes

    return province_get_or_create(name=parse_bytes(plan_docx(), "p.docx").place)
