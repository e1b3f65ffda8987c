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

from ngvh.core.messages import Message
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.readers import Block, Document, Line, Row, Table

COLUMN_GAP = 24.0  # points between two words that marks a new column (about 4 spaces)
LINE_TOLERANCE = 3.0  # points of vertical difference still read as one line
WORD_SPACE = 3.0  # points of a space between words, a little less than a 12 pt space
FIT_SLACK = 1.5  # points a word may overhang the text edge and still be taken as not fitting


def read_pdf(data: bytes, filename: str = "") -> Document:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks = _blocks(pdf)
    except PlanParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on damaged files in many ways
        raise PlanParseError(Message("plans.file.damaged_pdf")) from exc
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise PlanParseError(Message("plans.file.pdf_scan"))
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
        page_blocks = _merge_rows(block for _, block in placed)
        _join_split_row(blocks, page_blocks)
        blocks.extend(page_blocks)
    return blocks


_ITEM_START = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d+(?:\.\d+)*)\s*[.):]?(?:\s|$)")


def _join_split_row(blocks: list[Block], page_blocks: list[Block]) -> None:
    """A table row cut by a page break: pdfplumber gives its top on one page and the rest,
    without a number, as the first row of the next page's table. Word has one row there;
    join the two cell by cell so the parser sees what it sees in the .docx."""
    if not blocks or not page_blocks:
        return
    previous, first = blocks[-1], page_blocks[0]
    if not (isinstance(previous, Table) and isinstance(first, Table) and previous.index and first.index):
        return
    if not previous.rows or not first.rows:
        return
    top, rest = previous.rows[-1], first.rows[0]
    if len(top.cells) != len(rest.cells) or not any(rest.cells):
        return
    if len(rest.cells) == 1:
        # a merged row (a group title spread across the table): joined unless a new item starts
        if _ITEM_START.match(rest.cells[0]):
            return
    elif rest.cells[0].strip():
        return  # a numbered row: a new task, not the rest of one
    cells = [f"{a}\n{b}" if a and b else a or b for a, b in zip(top.cells, rest.cells, strict=True)]
    previous.rows[-1] = Row(cells=cells, number=top.number, table=top.table)
    del first.rows[0]
    if not first.rows:
        page_blocks.pop(0)


def _inside(obj, boxes) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


_CELL_HYPHEN_WRAP = re.compile(r"(?<=\w)-\n(?=\w)")


def _cell(text: str | None) -> str:
    """A cell's text; a word cut after its hyphen at the cell's edge ("Thông tin-" / "Truyền
    thông") is made whole again, as the Word cell has it."""
    return _CELL_HYPHEN_WRAP.sub("-", _nfc(text))


def _table(rows: list[list[str | None]], index: int) -> Table:
    result = Table(index=index)
    for number, cells in enumerate(rows, start=1):
        # A merged cell comes back as text then None for the columns it spans: keep it once.
        kept = [_cell(c) for c in cells if c is not None]
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
    return _reflow([_cells(line) for line in lines], page.width)


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
        "first_width": line[0]["x1"] - line[0]["x0"],  # the first word: would it have fit above?
        "cells": [_nfc(" ".join(c)) for c in cells],
    }


_NEW_ITEM = re.compile(r"^(?:[-–—+•*]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|Căn cứ\s)")


def _reflow(lines: list[dict], page_width: float) -> list[tuple[float, list[str]]]:
    """Join the lines of a wrapped paragraph, so it is one line as in the Word file.

    A line was wrapped when the first word of the next line would not have fit after it:
    the writer broke it for want of room, not at the end of a paragraph. The text's right
    edge is the longest line, or the left margin mirrored (ragged text may stop short of
    it). A gap wider than a line, an indented line, or a new item (bullet, number,
    "Căn cứ") ends the paragraph. A line ending in a hyphen inside a word ("Thông tin-")
    joins the next without a space when the whole word would not have fit.
    """
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(max(line["x1"] for line in lines), page_width - left)
    result: list[dict] = []
    for line in lines:
        prev = result[-1] if result else None
        if (
            prev is not None
            and len(prev["cells"]) == len(line["cells"]) == 1
            and line["top"] - prev["bottom"] < (prev["bottom"] - prev["top"]) * 0.8
            and line["x0"] <= left + WORD_SPACE
            and not _NEW_ITEM.match(line["cells"][0])
        ):
            text = prev["cells"][0]
            hyphen = text.endswith("-") and len(text) > 1 and not text[-2].isspace()
            if hyphen and prev["x1"] + line["first_width"] > right - FIT_SLACK:
                prev["cells"] = [f"{text}{line['cells'][0]}"]
            elif prev["x1"] + WORD_SPACE + line["first_width"] > right - FIT_SLACK:
                prev["cells"] = [f"{text} {line['cells'][0]}"]
            else:
                result.append(dict(line))
                continue
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
