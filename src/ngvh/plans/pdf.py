"""Read a PDF with a text layer into the reader's :class:`~ngvh.plans.readers.Document`.

Ruled tables (the task appendix) are read as tables by pdfplumber. Text outside them is
read line by line; a line whose words sit in columns far apart (the two-column letter head,
"ỦY BAN NHÂN DÂN ... CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") becomes a table row, exactly as
a TAB-separated line of a text export does, so the parser treats both alike.
"""

from __future__ import annotations

import io
import re
import unicodedata

from ngvh.plans.parsed import PlanParseError
from ngvh.plans.readers import Block, Document, Line, Row, Table

COLUMN_GAP = 24.0  # points between two words that marks a new column (about 4 spaces)
LINE_TOLERANCE = 3.0  # points of vertical difference still read as one line
WRAP_MARGIN = 12.0  # a line ending this close to the right margin was wrapped


def read_pdf(data: bytes, filename: str = "") -> Document:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks = _blocks(pdf)
    except PlanParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on damaged files in many ways
        raise PlanParseError(
            message_vi="Tệp .pdf bị hỏng hoặc không phải tệp PDF.",
            message_en="The .pdf file is damaged or not a PDF document.",
        ) from exc
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise PlanParseError(
            message_vi=(
                "Tệp PDF không có lớp chữ (có vẻ là bản quét, chỉ có hình ảnh). Hãy tải lên tệp .docx, .doc "
                "hoặc bản PDF xuất từ Word."
            ),
            message_en=(
                "The PDF has no text layer (it looks like a scan, images only). Upload the .docx or .doc file, "
                "or a PDF exported from Word."
            ),
        )
    return Document(blocks=blocks, filename=filename, encoding="pdf")


def _blocks(pdf) -> list[Block]:
    blocks: list[Block] = []
    counter = {"line": 0, "table": 0}
    for page in pdf.pages:
        found = page.find_tables()
        boxes = [t.bbox for t in found]
        placed: list[tuple[float, Block]] = []
        for table in found:
            counter["table"] += 1
            placed.append((table.bbox[1], _table(table.extract(), counter["table"])))
        outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes))
        for top, cells in _text_lines(outside):
            placed.append((top, _line_or_row(cells, counter)))
        placed.sort(key=lambda item: item[0])
        blocks.extend(_merge_rows(block for _, block in placed))
    return blocks


def _inside(obj, boxes) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _table(rows: list[list[str | None]], index: int) -> Table:
    result = Table(index=index)
    for number, cells in enumerate(rows, start=1):
        # A merged cell comes back as text then None for the columns it spans: keep it once.
        kept = [_nfc(c) for c in cells if c is not None]
        result.rows.append(Row(cells=kept, number=number, table=index))
    return result


def _text_lines(page) -> list[tuple[float, list[str]]]:
    """Words grouped into lines, lines cut into cells at wide gaps, wrapped lines re-joined."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return _reflow([_cells(line) for line in lines])


def _cells(line: list[dict]) -> dict:
    line.sort(key=lambda w: w["x0"])
    cells: list[list[str]] = [[]]
    previous = None
    for word in line:
        if previous is not None and word["x0"] - previous["x1"] > COLUMN_GAP:
            cells.append([])
        cells[-1].append(word["text"])
        previous = word
    return {
        "top": line[0]["top"],
        "bottom": max(w["bottom"] for w in line),
        "x0": line[0]["x0"],
        "x1": line[-1]["x1"],
        "cells": [_nfc(" ".join(c)) for c in cells],
    }


_NEW_ITEM = re.compile(r"^(?:[-–—+•*]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s)")


def _reflow(lines: list[dict]) -> list[tuple[float, list[str]]]:
    """A justified line that reaches the right margin continues on the next line: join them,
    so a paragraph is one line as in the Word file; a gap wider than a line ends it."""
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    result: list[dict] = []
    for line in lines:
        prev = result[-1] if result else None
        if (
            prev is not None
            and len(prev["cells"]) == len(line["cells"]) == 1
            and prev["x1"] >= right - WRAP_MARGIN
            and line["top"] - prev["bottom"] < (prev["bottom"] - prev["top"]) * 0.8
            and not _NEW_ITEM.match(line["cells"][0])
        ):
            prev["cells"] = [f"{prev['cells'][0]} {line['cells'][0]}"]
            prev["bottom"], prev["x1"] = line["bottom"], line["x1"]
            continue
        result.append(dict(line))
    return [(line["top"], line["cells"]) for line in result]


def _line_or_row(cells: list[str], counter: dict) -> Block:
    counter["line"] += 1
    if len(cells) == 1:
        return Line(text=cells[0], number=counter["line"])
    return Table(rows=[Row(cells=cells, number=counter["line"], table=0)], index=0)


def _merge_rows(blocks) -> list[Block]:
    """Consecutive column lines form one table, as consecutive TAB lines do in a text file."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.index == 0:
            if result and isinstance(result[-1], Table) and result[-1].index == 0:
                result[-1].rows.extend(block.rows)
                continue
            block = Table(rows=list(block.rows), index=0)
        result.append(block)
    return result
