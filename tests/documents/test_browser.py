"""In real Chromium: the coordinator consolidates 2026 from the demo data, rewrites a
paragraph, downloads the Word report, and the dashboard shows the same rates."""

import io
import subprocess

import pytest
from docx import Document

from ngvh.site.demo import DEMO_PASSWORD
from tests.conftest import ARTIFACTS, login, screenshot
from tests.tools import require_tool

from .test_pdf import docx_to_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan(settings):
    from ngvh.site.demo import load_demo

    settings.NGVH_DEMO = True
    plan, _accounts = load_demo()
    return plan


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1


def test_coordinator_consolidates_edits_downloads_and_dashboard_agrees(page, demo_plan, tmp_path):
    from ngvh.documents.selectors import rates

    expected = rates(plan=demo_plan, year=2026)
    login(page, "dieuphoi", DEMO_PASSWORD)

    # Given the consolidation page for 2026, with every accepted report chosen
    page.goto(page.base + f"/documents/{demo_plan.pk}/2026/")
    boxes = page.locator("#id_reports input[type=checkbox]")
    assert boxes.count() == expected["accepted"] and all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    # When the coordinator sets the number and builds the report
    page.fill("#id_number", "25/BC-UBND")
    page.fill("#id_issued_on", "05/02/2027")
    page.click("#build-button")
    # Then the page offers the downloads and shows the completeness figures
    assert page.locator("#download-docx").is_visible()
    assert page.inner_text("#completeness [data-figure=expected]") == str(expected["expected"])

    # When the coordinator rewrites the introduction
    page.click("#edit-text")
    page.fill("#id_intro", "Năm 2026, các cơ quan, đơn vị đã triển khai nghiêm túc Kế hoạch (đoạn đã biên tập).")
    page.click("#save-text")
    assert "đoạn đã biên tập" in page.inner_text("#narrative")

    # And downloads the Word report
    with page.expect_download() as info:
        page.click("#download-docx")
    path = tmp_path / "bao-cao.docx"
    info.value.save_as(str(path))
    doc = Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert "Năm 2026, các cơ quan, đơn vị đã triển khai nghiêm túc Kế hoạch (đoạn đã biên tập)." in texts
    header_texts = [p.text for c in doc.tables[0].rows[0].cells for p in c.paragraphs]
    assert "Số: 25/BC-UBND" in header_texts and "Hải Phòng, ngày 05 tháng 02 năm 2027" in header_texts
    completeness = next(t for t in doc.tables if t.rows[0].cells[0].text == "Phải báo cáo")
    assert [int(c.text) for c in completeness.rows[1].cells[:5]] == [
        expected["expected"], expected["submitted"], expected["on_time"], expected["late"], expected["accepted"]]

    # The first page of the PDF rendering is kept as an artifact
    soffice = require_tool("soffice", "libreoffice", package="libreoffice-writer-nogui")
    pdftoppm = require_tool("pdftoppm", package="poppler-utils")
    pdf = docx_to_pdf(soffice, path, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / "consolidated-report-page1")], check=True, timeout=60)
    assert (ARTIFACTS / "consolidated-report-page1.png").exists()

    # When the coordinator opens the dashboard for 2026
    page.goto(page.base + f"/dashboard/plans/{demo_plan.pk}/?year=2026")
    # Then it shows the same rates as the report
    for key in ("expected", "submitted", "on_time", "accepted"):
        assert page.inner_text(f"#rates [data-figure={key}]") == str(expected[key])
    for name in expected["missing"]:
        assert name in page.inner_text("#rates")
    assert page.locator("#task-status tbody tr").count() == 18
    assert _no_overflow(page)
    screenshot(page, "dashboard-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert _no_overflow(page)
    screenshot(page, "dashboard-375")


@pytest.mark.parametrize("width", [375, 1280])
def test_consolidation_page_reads_at_phone_and_desktop_width(page, demo_plan, width):
    login(page, "lanhdao", DEMO_PASSWORD)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + f"/documents/{demo_plan.pk}/2026/")
    assert page.locator("h1").is_visible()
    assert page.locator("#build").count() == 0  # leaders read, they do not build
    assert _no_overflow(page)
    screenshot(page, f"consolidation-{width}")
    page.goto(page.base + f"/dashboard/public/{demo_plan.pk}/")
    assert _no_overflow(page)
    screenshot(page, f"dashboard-public-{width}")
