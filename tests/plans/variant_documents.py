"""Small Word plans laid out the way other provinces' offices lay theirs out.

A row is a list of cell values; ``MERGE`` in a cell merges it with the cell to its left
(a group title spread across the row). Rows shorter than the table leave the last cells
empty, as a group row typed with fewer cells does.
"""

from __future__ import annotations

import io

import docx

MERGE = object()

HEAD = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NGÃI",
    "Số: 317/KH-UBND",
    "Quảng Ngãi, ngày 30 tháng 11 năm 2022",
    "",
    "KẾ HOẠCH",
    "Triển khai Chiến lược Ngoại giao văn hóa đến năm 2030",
    "trên địa bàn tỉnh Quảng Ngãi",
    "",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30 tháng 11 năm 2021 của Thủ tướng Chính phủ.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Triển khai đồng bộ.",
    "PHỤ LỤC",
]
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]


def word_plan(rows: list[list], *, head: list[str] | None = None, width: int | None = None) -> bytes:
    document = docx.Document()
    for line in HEAD if head is None else head:
        document.add_paragraph(line)
    width = width or max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for number, values in enumerate(rows):
        spans: list[tuple[int, int, str]] = []  # (first column, last column, text)
        for index, value in enumerate(values):
            if value is MERGE and spans:
                spans[-1] = (spans[-1][0], index, spans[-1][2])
            else:
                spans.append((index, index, value))
        for first, last, text in spans:
            if last > first:
                table.cell(number, first).merge(table.cell(number, last))
            table.cell(number, first).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def group_title_merged(code: str, title: str, width: int = 5) -> list:
    return [code, title] + [MERGE] * (width - 2)
