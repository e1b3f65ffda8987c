"""The Word report opened by another office suite: LibreOffice renders it to PDF."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from ngvh.documents.docx_render import render_docx
from ngvh.documents.services import (
    consolidation_build,
    consolidation_update_settings,
    effective_content,
)

from ..tools import pdf_lines
from .factories import scenario

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def docx_to_pdf(soffice: str, docx: Path, outdir: Path) -> Path:
    """Headless conversion with a throw-away profile (a shared one locks between runs)."""
    profile = outdir / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(outdir), "PATH": "/usr/bin:/bin"},
    )
    return outdir / (docx.stem + ".pdf")


def test_pdf_has_page_numbers_from_page_two(soffice, tmp_path):
    # given a consolidated report
    s = scenario(activities=12)
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    consolidation_update_settings(user=s.coordinator, consolidation=c, settings={"issued_on": dt.date(2027, 1, 8)})
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(render_docx(effective_content(c)))
    # when LibreOffice renders it
    pdf = docx_to_pdf(soffice, docx, tmp_path)
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    # then it has at least two pages
    assert len(reader.pages) >= 2
    first, second = pdf_lines(reader.pages[0]), pdf_lines(reader.pages[1])
    width = float(reader.pages[1].mediabox.width)
    height = float(reader.pages[1].mediabox.height)
    # page 2 starts with its number, alone on the top line and centred (Decree 30/2020)
    top = second[0]
    assert top.text == "2"
    assert top.y > height * 0.85
    assert abs(top.x - width / 2) < width * 0.05
    # page 1 carries no number and opens with the motto block and the date line
    assert first[0].text != "1"
    texts = [line.text for line in first]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t for t in texts)
    assert any("Độc lập - Tự do - Hạnh phúc" in t for t in texts)
    assert any("ngày 08 tháng 01 năm 2027" in t for t in texts)


def test_pdf_uses_the_documents_font_for_every_letter(soffice, tmp_path):
    """A font without the Vietnamese letters makes LibreOffice draw them from another font:
    the report then mixes typefaces. Every font in the PDF must be the Times-compatible one."""
    # given a consolidated report rendered to PDF
    s = scenario(activities=4)
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(render_docx(effective_content(c)))
    pdf = docx_to_pdf(soffice, docx, tmp_path)
    from pypdf import PdfReader

    # when the fonts of its text pages are listed
    fonts = set()
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    # then they are all Times New Roman or its metric-compatible substitute
    assert fonts
    stray = {f for f in fonts if not any(n in f for n in ("TimesNewRoman", "LiberationSerif", "Times-", "Tinos"))}
    assert not stray, f"fallback fonts used: {sorted(stray)}"
