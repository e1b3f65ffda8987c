"""The same plan as Word, UTF-16 and Windows-1258 parses to what the UTF-8 text gives.

The Word file is built here from the seed: body lines become paragraphs, the appendix a
real Word table (the headers repeated after page breaks stay as table rows), split in two
tables the way a page break in Word can split one.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import docx
import pytest

import ngvh.plans
from ngvh.core.text import ascii_key
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes

SEED = Path(ngvh.plans.__file__).parent / "seeds" / "ke-hoach-274-KH-UBND-hai-phong.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def comparable(plan) -> dict:
    """Everything except where each warning came from, which differs between formats."""
    data = plan.to_json()
    data["warnings"] = [{k: v for k, v in w.items() if k != "line"} for w in data["warnings"]]
    for task in data["tasks"]:
        task.pop("source")
    data["needs_review"] = sorted((w.code, tuple(sorted(w.params.items())), w.task_code) for w in plan.needs_review)
    return data


def seed_as_docx(text: str) -> bytes:
    document = docx.Document()
    lines = text.split("\n")
    table_rows: list[list[str]] = []
    tables_written = 0

    def flush() -> None:
        nonlocal tables_written
        if not table_rows:
            return
        width = max(len(r) for r in table_rows)
        table = document.add_table(rows=0, cols=width)
        for cells in table_rows:
            row = table.add_row()
            for index, value in enumerate(cells):
                row.cells[index].text = value
            if cells[0].startswith(("III.", "IV.")):
                # the title alone in a row: merge the row's cells into one
                row.cells[0].merge(row.cells[width - 1])
        table_rows.clear()
        tables_written += 1

    for line in lines:
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        if not line.strip() and table_rows:
            # Keep the first two page-broken tables as one Word table, the rest as a second.
            if tables_written == 0 and sum(1 for r in table_rows if r[0] == "TT") < 2:
                continue
            flush()
        paragraph = document.add_paragraph()
        bold = line.startswith("**") or line.endswith("**")
        paragraph.add_run(line.replace("**", "")).bold = bold
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def text_plan():
    return parse_bytes(SEED.read_bytes(), "plan.txt")


def test_word_version_of_the_seed_parses_like_the_text(text_plan):
    # Given the seed written as a Word document with real tables and merged group rows
    data = seed_as_docx(seed_text())
    # When it is parsed
    word_plan = parse_bytes(data, "ke-hoach.docx")
    # Then metadata, groups, tasks, body and agencies equal the plain-text result
    assert comparable(word_plan) == comparable(text_plan)
    assert len(word_plan.tasks) == 18


def test_word_table_rows_are_located_by_table_and_row():
    # Given a Word plan whose second task row has no lead
    document = docx.Document()
    for line in ("Số: 5/KH-UBND", "Huế, ngày 01 tháng 02 năm 2024", "KẾ HOẠCH", "Ngoại giao văn hóa", "", "PHỤ LỤC"):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=5)
    for values in (
        ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        ["I", "Nhóm", "", "", ""],
        ["1", "Một", "Sở Ngoại vụ", "", "Hàng năm"],
        ["2", "Hai", "", "", ""],
    ):
        row = table.add_row()
        for index, value in enumerate(values):
            row.cells[index].text = value
    out = io.BytesIO()
    document.save(out)
    # When parsed
    plan = parse_bytes(out.getvalue(), "x.docx")
    # Then the task without a lead goes to review, naming the table and the row within it
    assert [(w.code, w.source, w.task_code) for w in plan.needs_review] == [("no_lead", "table 1, row 4", "2")]
    assert [t.source for t in plan.tasks] == ["table 1, row 3", "table 1, row 4"]


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda text: text.encode("utf-16"), "utf-16 with BOM"),
        (lambda text: text.encode("utf-16-le"), "utf-16-le without BOM"),
        (lambda text: text.encode("utf-16-be"), "utf-16-be without BOM"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8 with BOM"),
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "utf-8 with CRLF"),
    ],
)
def test_unicode_encodings_parse_to_the_same_plan(text_plan, encode, name):
    # Given the seed in another Unicode encoding / When parsed / Then nothing changes
    assert comparable(parse_bytes(encode(seed_text()), "plan.txt")) == comparable(text_plan), name


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word saves it: base letter, then a combining tone mark."""
    import unicodedata

    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = "".join(m for m in unicodedata.normalize("NFD", char) if m in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(m for m in unicodedata.normalize("NFD", char) if m not in marks))
            out += (base + marks).encode("cp1258")
    return bytes(out)


def test_windows_1258_parses_to_the_same_tasks(text_plan):
    # Given the seed saved in the legacy Windows-1258 code page (tones as combining marks)
    data = to_cp1258(seed_text())
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    # When parsed
    plan = parse_bytes(data, "plan.txt")
    # Then it reads as the UTF-8 text does, NFC-normalised
    assert comparable(plan) == comparable(text_plan)


# TCVN3 (ABC) codes of the Vietnamese lower-case letters.
TCVN3 = dict(
    zip(
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
        bytes(
            [0xB5, 0xB8, 0xB6, 0xB7, 0xB9, 0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6, 0xA9, 0xC7, 0xCA, 0xC8, 0xC9,
             0xCB, 0xAE, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1, 0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6, 0xD7, 0xDD, 0xD8,
             0xDC, 0xDE, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4, 0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9, 0xAC, 0xEA, 0xED,
             0xEB, 0xEC, 0xEE, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4, 0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9, 0xFA, 0xFD,
             0xFB, 0xFC, 0xFE]
        ),  # fmt: skip
        strict=True,
    )
)


def to_tcvn3(text: str) -> bytes:
    out = bytearray()
    for char in text:
        lower = char.lower()
        if lower in TCVN3:
            out.append(TCVN3[lower])
        else:
            out += ascii_key(char).encode("ascii", "replace") if ord(char) > 127 else char.encode("ascii")
    return bytes(out)


def test_tcvn3_file_is_refused_naming_the_encoding():
    # Given the seed in the TCVN3 (ABC) font encoding of old Vietnamese offices
    data = to_tcvn3(seed_text())
    # When parsed / Then it is refused in both languages, naming TCVN3
    with pytest.raises(PlanParseError) as refused:
        parse_bytes(data, "plan.txt")
    assert "mã ký tự" in refused.value.text("vi") and "TCVN3" in refused.value.text("vi")
    assert "character encoding" in refused.value.text("en") and "TCVN3" in refused.value.text("en")


def test_random_bytes_are_refused_naming_the_encodings_tried():
    # Given bytes that are no text at all
    data = random.Random(274).randbytes(5000)
    # When parsed / Then the refusal says the encoding was not recognised
    with pytest.raises(PlanParseError) as refused:
        parse_bytes(data, "plan.txt")
    assert re.search("mã ký tự", refused.value.text("vi"))
    assert "UTF-8" in refused.value.text("en") or "control characters" in refused.value.text("en")
