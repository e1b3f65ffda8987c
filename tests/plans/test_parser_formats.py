"""Other formats of the seed (.doc made here with LibreOffice) and damaged input.

Why: portals publish .doc and damaged uploads happen; the importer must read the first
like the .docx and refuse the second with a message, never a traceback.
"""

from __future__ import annotations

import io
import re
import subprocess

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes

from .test_parser_docx import comparable, seed_as_docx, seed_text
from .variant_documents import HEAD, HEADER, group_title_merged, word_plan


def _facts(plan) -> dict:
    """Every fact the plan gives (``comparable``: all but where each one was read)."""
    return comparable(plan)


def _convert(soffice: str, tmp_path, data: bytes, to: str) -> bytes:
    """``data`` (a .docx) saved by LibreOffice as ``to`` (doc, pdf)."""
    (tmp_path / "plan.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to, "--outdir", str(tmp_path),
         str(tmp_path / "plan.docx")],
        check=True, capture_output=True, timeout=180,
    )
    return (tmp_path / f"plan.{to}").read_bytes()


def _ruled(data: bytes) -> bytes:
    """The same Word file with ruled tables, as plans are printed."""
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        table.style = "Table Grid"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _seed_docx() -> bytes:
    document = docx.Document(io.BytesIO(seed_as_docx(seed_text())))
    document.add_paragraph("")  # Word always ends a document with a paragraph after a table
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_doc_version_of_the_seed_gives_the_same_facts_as_the_docx(soffice, tmp_path):
    # Given the seed as .docx and the same file saved as legacy .doc by LibreOffice
    data = _seed_docx()
    # When the .doc is parsed
    plan = parse_bytes(_convert(soffice, tmp_path, data, "doc"), "seed.doc")
    # Then it gives the 18 tasks and every fact of the .docx: letter, tasks, body, agencies, warnings
    assert len(plan.tasks) == 18
    assert _facts(plan) == _facts(parse_bytes(data, "seed.docx"))


def test_pdf_without_text_layer_is_refused_as_a_scan():
    # Given a PDF of one blank page (what a scan without OCR reads as)
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 300), "white").save(out, "PDF")
    # When parsed / Then it is refused, saying there is no text layer
    try:
        parse_bytes(out.getvalue(), "scan.pdf")
    except PlanParseError as refused:
        assert "lớp chữ" in refused.text("vi") and "no text layer" in refused.text("en")
    else:
        raise AssertionError("a scan was accepted")


SEED_DOCX = _seed_docx()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.sampled_from(["plan.docx", "plan.pdf", "plan.txt"]))
def test_damaged_files_are_parsed_or_refused_nothing_else(changes, name):
    # Given the seed .docx with a few bytes changed, read as .docx, .pdf or .txt
    data = bytearray(SEED_DOCX)
    for position, value in changes:
        data[position] = value
    # When parsed / Then it is a plan or a refusal with a message, never another exception
    try:
        plan = parse_bytes(bytes(data), name)
    except PlanParseError as refused:
        assert refused.text("vi") and refused.text("en")
    else:
        assert plan.tasks



_HYPHEN_SPACE = re.compile(r"(?<=\w)- (?=\w)")


def _without_hyphen_spaces(facts: dict) -> dict:
    """Body paragraphs with "40- CT/TU" read as "40-CT/TU": a line that ends in a hyphen does
    not say whether a space followed it, and the seed has one typed after "40-" where
    LibreOffice breaks the line. Only the body's running text is folded; tasks are not."""
    for section in facts["body"]:
        section["paragraphs"] = [_HYPHEN_SPACE.sub("-", p) for p in section["paragraphs"]]
    return facts


def _page_split_rows(data: bytes) -> int:
    """How many task rows the PDF cuts at a page break (a page's first table row without a number)."""
    import pdfplumber

    count = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[1:]:
            tables = page.find_tables()
            if tables and page.chars and min(c["top"] for c in page.chars) >= tables[0].bbox[1] - 1:
                first = tables[0].extract()[0]
                count += not (first[0] or "").strip() and any(first[1:])
    return count


def test_pdf_of_the_seed_with_ruled_tables_gives_the_same_facts_as_the_docx(soffice, tmp_path):
    # Given the seed as .docx with ruled tables (as plans are printed) and LibreOffice's PDF of it,
    # where task rows are cut by page breaks, the header rows repeat and the letter's lines wrap
    word = _ruled(_seed_docx())
    data = _convert(soffice, tmp_path, word, "pdf")
    assert _page_split_rows(data) >= 3
    # When the .pdf is parsed
    pdf = parse_bytes(data, "seed.pdf")
    expected = parse_bytes(word, "seed.docx")
    # Then it gives every fact of the .docx: the 18 tasks (code, title, lead, coordinators,
    # timeframe, group), the legal basis with its wrapped titles whole, number, date, issuer,
    # title, report deadline, body, recipients, signer, agencies and warnings
    assert len(pdf.tasks) == 18
    assert [t.to_json() | {"source": ""} for t in pdf.tasks] == [t.to_json() | {"source": ""} for t in expected.tasks]
    assert pdf.legal_basis == expected.legal_basis
    assert pdf.legal_basis[0]["title"].endswith("phê duyệt Chiến lược Ngoại giao văn hoá đến năm 2030")
    assert (pdf.number, pdf.issued_on, pdf.issuer, pdf.title, pdf.report_deadline) == (
        expected.number, expected.issued_on, expected.issuer, expected.title, (11, 15),
    )
    assert _without_hyphen_spaces(_facts(pdf)) == _without_hyphen_spaces(_facts(expected))


def test_pdf_keeps_short_paragraphs_apart_and_joins_wrapped_ones(soffice, tmp_path):
    # Given a small plan whose legal basis wraps over lines, followed by short paragraphs one
    # under the other (no blank line between) that must stay apart
    head = [
        *HEAD[:9],
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30 tháng 11 năm 2021 của Thủ tướng Chính phủ phê duyệt Chiến "
        "lược Ngoại giao văn hóa đến năm 2030;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Triển khai đồng bộ.",
        "Tăng cường phối hợp.",
        "2. Yêu cầu",
        "Các sở báo cáo kết quả thực hiện về Sở Ngoại vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày "
        "25 tháng 11 hằng năm.",
        "PHỤ LỤC",
    ]
    rows = [HEADER, group_title_merged("I", "Nhóm"), ["1", "Một", "Sở Ngoại vụ", "Sở Du lịch", "Hằng năm"]]
    word = _ruled(word_plan(rows, head=head))
    # When its PDF is parsed
    pdf = parse_bytes(_convert(soffice, tmp_path, word, "pdf"), "plan.pdf")
    # Then the paragraphs are those of the Word file: wrapped lines joined, short ones apart
    assert {s.code: s.paragraphs for s in pdf.body}["I.1"] == ["Triển khai đồng bộ.", "Tăng cường phối hợp."]
    assert [b["title"][-20:] for b in pdf.legal_basis] == [
        b["title"][-20:] for b in parse_bytes(word, "plan.docx").legal_basis
    ]
    assert _facts(pdf) == _facts(parse_bytes(word, "plan.docx"))
