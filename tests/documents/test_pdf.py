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
    # then it has at least two pages, page 2 starts with its number and page 1 has none
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text().strip()
    second = reader.pages[1].extract_text().strip()
    assert first.split()[0] != "1"
    assert second.split()[0] == "2"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "ngày 08 tháng 01 năm 2027" in first
