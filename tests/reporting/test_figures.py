"""One set of figures: the same task statuses on every page, export and document.

A year with reports in every state (accepted, submitted, returned, draft, never started;
on time and late). Official figures count accepted reports only; the provisional ones
(dashboard, on request, for readers of every agency) add the submitted ones. Drafts and
returned reports count nowhere.
"""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from ngvh.documents.docx_render import render_docx
from ngvh.documents.services import consolidation_build, effective_content
from ngvh.documents.vocab import STATUS_VI
from ngvh.documents.xlsx_render import HEADER_ROW, render_xlsx
from ngvh.reporting import figures
from ngvh.reporting.models import AnnualReport, ReportLine
from ngvh.reporting.services import reporting_year_open
from tests.api.test_views import client_for

from .factories import small_plan

pytestmark = pytest.mark.django_db
CODES = ("done_on_time", "done_late", "done_no_deadline", "in_progress", "overdue", "not_arisen", "")
# I.1 done on time, I.3 not arisen (accepted); nothing else is accepted
OFFICIAL = {"done_on_time": 1, "done_late": 0, "done_no_deadline": 0, "in_progress": 0, "overdue": 0, "not_arisen": 1, "": 3}


@pytest.fixture
def year():
    sp = small_plan()
    sp.plan.is_published = True
    sp.plan.save()
    reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=dt.date(2025, 10, 1))
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(reporting_year__plan=sp.plan)}
    on_time, late = timezone.make_aware(dt.datetime(2025, 11, 10)), timezone.make_aware(dt.datetime(2025, 11, 20))

    def state(agency, status, when=None, **extra):
        fields = {"status": status, **extra}
        if when:
            fields.update(submitted_at=when, first_submitted_at=when)
        if status == "accepted":
            fields["accepted_at"] = when
        AnnualReport.objects.filter(pk=reports[agency.pk].pk).update(**fields)

    def line(agency, task, status):
        ReportLine.objects.filter(report=reports[agency.pk], task=sp.tasks[task]).update(status=status, progress=50, results="Kết quả")

    state(sp.a, "accepted", on_time)  # A: I.1 done on time, I.3 not arisen
    line(sp.a, "I.1", "done_on_time")
    line(sp.a, "I.3", "not_arisen")
    state(sp.c, "submitted", late)  # C: submitted late, I.2 overdue (provisional only)
    line(sp.c, "I.2", "overdue")
    state(sp.b, "returned", on_time, return_reason="Bổ sung")  # B: returned, I.4 in progress (counts nowhere)
    line(sp.b, "I.4", "in_progress")
    line(sp.successor, "I.1", "done_late")  # S: draft saying I.1 late (counts nowhere)
    return sp


def _html_counts(html: str) -> dict[str, int]:
    found = dict(re.findall(r'data-status="([a-z_]+)">(\d+)<', html))
    return {code: int(found[code or "none"]) for code in CODES}


def test_every_surface_shows_the_official_figures(client, year):
    sp = year
    assert figures.status_counts(figures.task_rows(plan=sp.plan, year=2025)) == OFFICIAL
    # the coordinator's dashboard (official by default, and saying so)
    client.force_login(sp.coordinator)
    page = client.get(reverse("dashboard:plan", args=[sp.plan.pk]), {"year": 2025}).content.decode()
    assert _html_counts(page) == OFFICIAL and 'data-basis="official"' in page
    # the leader's national view
    client.force_login(sp.leader)
    national = client.get(reverse("dashboard:national"), {"year": 2025}).content.decode()
    assert _html_counts(national) == OFFICIAL
    # the rates page
    client.force_login(sp.coordinator)
    ry = AnnualReport.objects.filter(reporting_year__plan=sp.plan).first().reporting_year
    assert _html_counts(client.get(reverse("reporting:rates", args=[ry.pk])).content.decode()) == OFFICIAL
    # both public pages, anonymous
    client.logout()
    assert _html_counts(client.get(reverse("dashboard:public", args=[sp.plan.pk]), {"year": 2025}).content.decode()) == OFFICIAL
    assert _html_counts(client.get(reverse("public:plan", args=[sp.plan.pk]), {"year": 2025}).content.decode()) == OFFICIAL
    # open data and the national export
    data = json.loads(client.get(reverse("public:data_file", args=[sp.plan.pk, "figures", "json"])).content)
    row = data["rows"][0]
    assert {code: row[code or "no_report"] for code in CODES} == OFFICIAL
    export = json.loads(client_for(sp.coordinator).get(reverse("api:plan_national", args=[sp.plan.pk]), {"year": 2025}).content)
    assert {code: export["task_status"][code or "no_report"] for code in CODES} == OFFICIAL
    # ngvh report rates --json
    out = io.StringIO()
    call_command("report", "rates", "--plan", sp.plan.number, "--year", "2025", "--json", stdout=out)
    assert {code: json.loads(out.getvalue())["task_status"][code or "no_report"] for code in CODES} == OFFICIAL
    # the Word report's task table and the Excel annex
    content = effective_content(consolidation_build(user=sp.coordinator, plan=sp.plan, year=2025))
    doc = Document(io.BytesIO(render_docx(content)))
    labels = [row.cells[5].text for t in doc.tables if t.rows[0].cells[0].text == "TT" and len(t.columns) == 7
              for row in t.rows[1:] if len(row.cells) == 7 and row.cells[0].text.startswith("I.")]
    assert {code: labels.count(STATUS_VI[code]) for code in CODES} == OFFICIAL
    book = load_workbook(io.BytesIO(render_xlsx(content)))
    sheet = {r[1]: r[2] for r in book["Chỉ tiêu"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[1]}
    assert {code: sheet[f"Nhiệm vụ: {STATUS_VI[code]}"] for code in CODES} == OFFICIAL


def test_provisional_figures_add_submitted_reports_and_say_so(client, year):
    sp = year
    client.force_login(sp.coordinator)
    page = client.get(reverse("dashboard:plan", args=[sp.plan.pk]), {"year": 2025, "basis": "provisional"}).content.decode()
    counts = _html_counts(page)
    # C's submitted report adds I.2 overdue; B's returned and S's draft still count nowhere
    assert counts == {**OFFICIAL, "overdue": 1, "": 2}
    assert 'data-basis="provisional"' in page and 'id="basis-switch"' in page


def test_first_submission_decides_timeliness_on_the_rates_page(client, year):
    sp = year
    client.force_login(sp.coordinator)
    ry = AnnualReport.objects.filter(reporting_year__plan=sp.plan).first().reporting_year
    html = client.get(reverse("reporting:rates", args=[ry.pk])).content.decode()
    rows = {name: t for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "data-timeliness" in row
            for name, t in [(re.search(r'data-label="[^"]*">([^<]+)<', row).group(1).strip(),
                             re.search(r'data-timeliness="([a-z_]+)"', row).group(1))]}
    # B was returned, but its first submission was before the deadline: on time, not "—"
    assert rows[sp.b.name] == "on_time"
    assert rows[sp.c.name] == "late" and rows[sp.a.name] == "on_time"
    assert rows["Sở Văn hóa, Thể thao và Du lịch"] == "none"
