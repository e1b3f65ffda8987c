"""In real Chromium: the plan page and the dashboard printed to PDF read as A4 documents,
with the margins of the @page rule, a printed header, no blank first page and the demo
banner once."""

import io

import pdfplumber
import pytest

from tests.conftest import ARTIFACTS, login
from tests.factories import ReportingYearFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4 = (595.28, 841.89)  # points
MM = 72 / 25.4
TOLERANCE = 2  # points: Chromium rounds the page to CSS pixels, glyph boxes overhang a little
MARGINS = {"top": 20, "right": 15, "bottom": 20, "left": 20}  # the @page rule, in millimetres


def _print(page, path: str, name: str) -> pdfplumber.PDF:
    page.goto(page.base + path)
    page.emulate_media(media="print")
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    return pdfplumber.open(io.BytesIO(data))


def _check(pdf, *, title: str, plan_number: str, max_pages: int) -> str:
    pages = pdf.pages
    # A4 portrait, a reasonable number of pages
    assert 1 <= len(pages) <= max_pages
    for pg in pages:
        assert abs(float(pg.width) - A4[0]) < 1 and abs(float(pg.height) - A4[1]) < 1
        # every word lies inside the margins (a point of tolerance for glyph boxes)
        words = pg.extract_words()
        assert words, f"page {pg.page_number} is blank"
        assert min(float(w["x0"]) for w in words) >= MARGINS["left"] * MM - TOLERANCE
        assert max(float(w["x1"]) for w in words) <= float(pg.width) - MARGINS["right"] * MM + TOLERANCE
        assert min(float(w["top"]) for w in words) >= MARGINS["top"] * MM - TOLERANCE
        assert max(float(w["bottom"]) for w in words) <= float(pg.height) - MARGINS["bottom"] * MM + TOLERANCE
    first = pages[0].extract_text()
    # the printed header on top of page 1: the plan, the page's title, the print date
    head = first.splitlines()[0]
    assert f"Kế hoạch số {plan_number}" in head and "In ngày" in head and title in head
    # the site's header and navigation are not printed
    assert "Đăng xuất" not in first and "Tiếng Việt" not in first
    return "\n".join(pg.extract_text() or "" for pg in pages)


def test_plan_page_prints_as_a4_with_header_and_margins(page, seed_plan):
    # given the plan page of the bundled plan, with demo data present
    UserFactory(username="demo_user", is_demo=True)
    pdf = _print(page, f"/plans/{seed_plan.pk}/", "print-plan")
    # then A4 pages within the margins, headed with the plan, title and date
    text = _check(pdf, title=f"Kế hoạch số {seed_plan.number}", plan_number=seed_plan.number, max_pages=20)
    # and the tasks' table begins on page 1 (no blank first page)
    assert "Nhiệm vụ cụ thể" in pdf.pages[0].extract_text()
    # and the demo banner once, not on every page
    assert text.count("Chế độ trình diễn") == 1
    assert "Chế độ trình diễn" in pdf.pages[0].extract_text()


def test_dashboard_prints_as_a4_with_header_and_margins(page, seed_plan):
    # given a coordinator's dashboard of the plan
    from ngvh.accounts.models import Role

    ReportingYearFactory(plan=seed_plan, year=2026)
    UserFactory(username="coord_print", role=Role.COORDINATOR)
    login(page, "coord_print")
    pdf = _print(page, f"/dashboard/plans/{seed_plan.pk}/?year=2026", "print-dashboard")
    # then A4 pages within the margins, headed with the plan and the date, nothing blank
    text = _check(pdf, title="Bảng theo dõi", plan_number=seed_plan.number, max_pages=20)
    # and the figures start on page 1, the tasks follow on later pages
    assert len(pdf.pages) >= 2 and len(pdf.pages[0].extract_words()) > 40
    assert "2026" in pdf.pages[0].extract_text() and "I.1" in text
