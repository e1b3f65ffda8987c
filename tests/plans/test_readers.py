"""Reading uploaded bytes into paragraph lines and tables, before any plan rules apply."""

from __future__ import annotations

import io
import unicodedata

import docx
import pytest

from ngvh.plans.parsed import PlanParseError
from ngvh.plans.readers import Line, decode_text, read_document


def test_tab_lines_become_tables_and_blank_lines_end_them():
    # Given text with prose, two tab tables separated by a blank line, and an indented line
    text = (
        "Tiêu đề\n"
        "\tDòng thụt lề bằng tab\n"
        "TT\tNội dung\tĐơn vị chủ trì\n"
        "III. Nhóm ba\t\t\t\n"
        "\n"
        "TT\tNội dung\tĐơn vị chủ trì\n"
        "1\tMột\tSở Ngoại vụ\n"
        "Câu có tab thừa\t\n"
    )
    # When read
    document = read_document(text.encode(), "a.txt")
    # Then blocks keep document order, line numbers follow the file
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Line", "Line", "Table", "Line", "Table", "Line", "Line"]
    first, second = document.tables()
    assert [r.number for r in first.rows] == [3, 4]
    assert first.rows[1].cells == ["III. Nhóm ba", "", "", ""]
    assert second.rows[1].cells == ["1", "Một", "Sở Ngoại vụ"]
    assert (second.index, second.rows[1].table) == (2, 2)
    assert document.blocks[1] == Line(text="Dòng thụt lề bằng tab", number=2)
    assert document.blocks[5] == Line(text="Câu có tab thừa", number=8)


def test_docx_paragraphs_and_tables_in_order_with_merged_cells_once():
    # Given a Word file: paragraph, table with a merged row and a two-paragraph cell, paragraph
    word = docx.Document()
    word.add_paragraph("Trước bảng")
    table = word.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "I. Nhóm gộp ô"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Sở Ngoại vụ"
    table.cell(1, 1).add_paragraph("Sở Du lịch")
    word.add_paragraph("")
    word.add_paragraph("Sau bảng")
    out = io.BytesIO()
    word.save(out)
    # When read
    document = read_document(out.getvalue(), "plan.DOCX")
    # Then paragraphs are numbered 1, 2, 3 around the table, the merged cell appears once
    assert [type(b).__name__ for b in document.blocks] == ["Line", "Table", "Line", "Line"]
    assert [(b.text, b.number) for b in document.lines()] == [("Trước bảng", 1), ("", 2), ("Sau bảng", 3)]
    rows = document.tables()[0].rows
    assert rows[0].cells == ["I. Nhóm gộp ô"]
    assert rows[1].cells == ["1", "Sở Ngoại vụ\nSở Du lịch", ""]
    assert [r.number for r in rows] == [1, 2]


@pytest.mark.parametrize(
    ("data", "name", "vi", "en"),
    [
        (b"", "a.txt", "trống", "empty"),
        (b"  \n\n", "a.txt", "trống", "empty"),
        (b"abc", "a.pdf", ".pdf", ".pdf"),
        (b"abc", "noextension", "noextension", "noextension"),
        (b"not a zip", "a.docx", "hỏng", "damaged"),
    ],
)
def test_unreadable_files_are_refused_in_both_languages(data, name, vi, en):
    # Given a file we cannot read / When read / Then it is refused with a reason in vi and en
    with pytest.raises(PlanParseError) as refused:
        read_document(data, name)
    assert vi in refused.value.text("vi")
    assert en in refused.value.text("en")


def test_decoding_detects_utf16_without_bom_and_normalises_windows_1258():
    # Given Vietnamese text as BOM-less UTF-16 and as Windows-1258 with a combining tone
    text = "Sở Ngoại vụ\tHàng năm\n"
    cp1258 = b"Ngoa\xf2i giao v\xe3n h\xf3a, S\xf5\xd2 Ngoa\xf2i vu\xf2"
    # When decoded
    # Then UTF-16 is found by its zero bytes, and Windows-1258 comes back NFC
    assert decode_text(text.encode("utf-16-le")) == (text, "UTF-16")
    assert decode_text(text.encode("utf-16-be")) == (text, "UTF-16")
    decoded, encoding = decode_text(cp1258)
    assert encoding == "Windows-1258"
    assert decoded == "Ngoại giao văn hóa, Sở Ngoại vụ"
    assert unicodedata.is_normalized("NFC", decoded)


def test_vni_bytes_are_refused_as_vni():
    # Given VNI-encoded text: base letters followed by mark bytes ("Vieät Nam", "Haûi Phoøng")
    data = b"Vie\xe4t Nam, Ha\xfbi Pho\xf8ng, ngo\xe1i giao va\xe8n ho\xf9a, co\xe2ng ta\xf9c"
    # When decoded / Then it is refused, naming VNI
    with pytest.raises(PlanParseError) as refused:
        decode_text(data)
    assert "VNI" in refused.value.text("vi") and "VNI" in refused.value.text("en")

