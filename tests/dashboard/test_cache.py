"""The cached activity figures are replaced by the writes that change them, and only by those."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from ngvh.accounts.system import system_actor
from ngvh.activities import services
from ngvh.activities.data import ActivityData

from ..documents.factories import scenario

pytestmark = pytest.mark.django_db


def _data(s, **overrides) -> ActivityData:
    values = dict(title="Đón đoàn Incheon", kind="delegation_in", status="done", start_date=dt.date(s.year, 6, 2),
                  end_date=dt.date(s.year, 6, 3), agency_id=s.agencies["dl"].pk, place_name="Quận Ngô Quyền",
                  participants_total=30, country_codes=["KR"])
    values.update(overrides)
    return ActivityData(**values)


def test_each_activity_write_shows_on_the_next_request(client):
    # given a province dashboard and the national one, both cached
    s = scenario(activities=2)
    client.force_login(s.coordinator)
    plan_url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    national_url = reverse("dashboard:national") + f"?year={s.year}"
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2
    # when an activity is created, then edited to cancelled, then recreated and deleted
    activity = services.activity_create(user=s.coordinator, plan=s.plan, data=_data(s), confirm_unassigned=True)
    # then each step is visible at once on both pages
    figures = client.get(plan_url).context["figures"]
    assert (figures.count, figures.countries.get("KR")) == (3, 2)
    assert client.get(national_url).context["figures"].count == 3
    services.activity_update(user=s.coordinator, activity=activity, data=_data(s, status="cancelled"), confirm_unassigned=True)
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2
    services.activity_update(user=s.coordinator, activity=activity, data=_data(s), confirm_unassigned=True)
    assert client.get(plan_url).context["figures"].count == 3
    services.activity_delete(user=s.coordinator, activity=activity)
    assert client.get(plan_url).context["figures"].count == 2
    assert client.get(national_url).context["figures"].count == 2


def test_each_language_has_its_own_cached_charts(client):
    # given the Vietnamese page cached
    s = scenario(activities=2)
    client.force_login(s.coordinator)
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    client.cookies["django_language"] = "vi"
    vi = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").context["month_svg"]
    # when the same page is asked for in English
    client.cookies["django_language"] = "en"
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["month_svg"]
    # then the charts are in each language
    assert "Activities by month" in en
    assert vi != en


# ---- the whole body: every input, changed through its service, shows on the next request ----


def _main(response) -> str:
    """The page's main content (the header around it carries a fresh CSRF token each time)."""
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _pages(client, s) -> dict[str, str]:
    """The three cached pages as the coordinator (province, national) and a visitor see them."""
    client.force_login(s.coordinator)
    plan = _main(client.get(reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"))
    national = _main(client.get(reverse("dashboard:national") + f"?year={s.year}"))
    client.logout()
    public = _main(client.get(reverse("dashboard:public", args=[s.plan.pk]) + f"?year={s.year}"))
    return {"plan": plan, "national": national, "public": public}


def _cached(client, s) -> dict[str, str]:
    """The pages, asked twice: the second answer comes from the cache and must equal the first."""
    first = _pages(client, s)
    assert _pages(client, s) == first
    return first


def _figure(html: str, name: str) -> str:
    return html.split(f'data-figure="{name}">', 1)[1].split("<", 1)[0]


def _task_status(html: str, code: str) -> str:
    row = html.split(f'data-task="{code}"', 1)[1].split("</tr>", 1)[0]
    return row.split("status status--", 1)[1].split('"', 1)[0]


def test_report_submit_return_accept_and_reopen_show_at_once(client):
    from ngvh.reporting import services as reporting

    # given the cached pages: two of three reports accepted, Thông tin's still a draft
    s = scenario()
    before = _cached(client, s)
    assert (_figure(before["plan"], "submitted"), _figure(before["plan"], "accepted")) == ("2", "2")
    # when Thông tin submits its report
    report = reporting.report_submit(user=s.reporter, report=s.reports["tt"])
    # then the province dashboard counts it at once
    after_submit = _cached(client, s)
    assert _figure(after_submit["plan"], "submitted") == "3"
    assert ">Sở Thông tin và Truyền thông</li>" not in after_submit["plan"].split('id="late"')[0]
    # when the coordinator returns it, the count falls back
    reporting.report_return(user=s.coordinator, report=report, reason="Thiếu số liệu")
    assert _figure(_cached(client, s)["plan"], "submitted") == "2"
    # when it is submitted again and accepted, it counts as accepted, and the public page
    # (accepted reports only) now shows task 4's line
    public_before = after_submit["public"]
    report = reporting.report_submit(user=s.reporter, report=report)
    reporting.report_accept(user=s.coordinator, report=report)
    accepted = _cached(client, s)
    assert _figure(accepted["plan"], "accepted") == "3"
    assert accepted["public"] != public_before
    # when an accepted report is reopened, it no longer counts as accepted
    reporting.report_reopen(user=s.coordinator, report=s.reports["vh"], reason="Sửa số liệu")
    assert _figure(_cached(client, s)["plan"], "accepted") == "2"


def _provisional(client, s) -> dict[str, str]:
    """The coordinator's province and national pages on the provisional basis, asked twice."""
    def pages():
        client.force_login(s.coordinator)
        return {
            "plan": _main(client.get(reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}&basis=provisional")),
            "national": _main(client.get(reverse("dashboard:national") + f"?year={s.year}&basis=provisional")),
        }
    first = pages()
    assert pages() == first
    return first


def test_a_line_edit_shows_at_once(client):
    from ngvh.reporting import services as reporting

    # given Thông tin's report submitted with task 4 overdue: provisional pages show it, official ones do not
    s = scenario()
    report = reporting.report_submit(user=s.reporter, report=s.reports["tt"])
    assert _task_status(_provisional(client, s)["plan"], "4") == "overdue"
    assert _task_status(_cached(client, s)["plan"], "4") == "none"
    # when it is returned, the agency saves task 4 as done and submits again
    report = reporting.report_return(user=s.coordinator, report=report, reason="Cập nhật")
    line = report.lines.get()
    report = reporting.report_save(user=s.reporter, report=report, version=report.version, difficulties="", recommendations="",
                                   lines={line.pk: reporting.LineInput(status="done_on_time", progress=100, results="Xong")})
    reporting.report_submit(user=s.reporter, report=report)
    # then the provisional province and national pages show the new status at once
    after = _provisional(client, s)
    assert _task_status(after["plan"], "4") == "done_on_time"
    assert 'data-status="overdue">0<' in after["national"]


def test_an_accepted_amendment_shows_at_once(client):
    from ngvh.reporting import services as reporting

    # given the cached pages
    s = scenario()
    assert "Xây dựng cơ sở dữ liệu" in _cached(client, s)["plan"]
    # when an amendment rewording task 4 is proposed and accepted
    proposal = reporting.amendment_propose(user=s.reporter, plan=s.plan, action="change", reason="Theo chỉ đạo",
                                           task=s.tasks["4"], title="Số hoá tư liệu đối ngoại")
    reporting.amendment_accept(user=s.coordinator, proposal=proposal, reason="Đồng ý", effective_from=dt.date(s.year, 7, 1))
    # then the task list shows the new wording
    assert "Số hoá tư liệu đối ngoại" in _cached(client, s)["plan"]


def test_a_reporting_year_opened_shows_at_once(client):
    from ngvh.reporting import services as reporting

    # given the cached pages with one reporting year
    s = scenario()
    assert f'<option value="{s.year + 1}"' not in _cached(client, s)["plan"]
    # when the next year is opened
    reporting.reporting_year_open(user=s.coordinator, plan=s.plan, year=s.year + 1, today=dt.date(s.year + 1, 1, 5))
    # then the year selectors offer it
    after = _cached(client, s)
    assert f'<option value="{s.year + 1}"' in after["plan"]
    assert f'<option value="{s.year + 1}"' in after["national"]


def test_freezing_the_expected_count_raises_the_version():
    from ngvh.dashboard.cache import data_versions
    from ngvh.reporting import services as reporting

    # given a year whose deadline has passed
    s = scenario()
    before = data_versions(plan_id=s.plan.pk)
    # when its expected count is frozen
    assert reporting.reporting_year_freeze(reporting_year=s.reporting_year, today=s.reporting_year.deadline + dt.timedelta(days=1))
    # then the cached bodies are keyed anew (the rates show "frozen" counts from now on)
    assert data_versions(plan_id=s.plan.pk) != before


def test_restructuring_and_its_undo_show_at_once(client):
    from ngvh.agencies import services as agencies
    from ngvh.agencies.models import RestructuringKind

    # given the cached pages, Thông tin leading task 4
    s = scenario()
    assert "Sở Thông tin và Truyền thông" in _cached(client, s)["plan"].split('data-task="4"')[1].split("</tr>")[0]
    # when Thông tin is renamed by a decision
    event = agencies.restructuring_record(user=s.coordinator, kind=RestructuringKind.RENAME, effective_date=dt.date.today(),
                                          predecessors=[s.agencies["tt"]], new_successors=[agencies.NewAgency(name="Sở Khoa học và Số hoá")])
    # then task 4's lead is the successor
    row = _cached(client, s)["plan"].split('data-task="4"')[1].split("</tr>")[0]
    assert "Sở Khoa học và Số hoá" in row
    # when the restructuring is undone, the lead is Thông tin again
    agencies.restructuring_undo(user=s.coordinator, event=event)
    assert "Sở Thông tin và Truyền thông" in _cached(client, s)["plan"].split('data-task="4"')[1].split("</tr>")[0]


def test_an_agency_spelling_fix_shows_at_once(client):
    from ngvh.agencies import services as agencies

    # given the cached pages naming Thông tin among the agencies that have not reported
    s = scenario()
    assert "Sở Thông tin và Truyền thông" in _cached(client, s)["plan"]
    # when its name is corrected in the registry
    tt = s.agencies["tt"]
    agencies.agency_update(user=s.coordinator, agency=tt, name="Sở Thông tin - Truyền thông", kind=tt.kind)
    # then the pages use the new spelling
    after = _cached(client, s)["plan"]
    assert "Sở Thông tin - Truyền thông" in after and "Sở Thông tin và Truyền thông" not in after


def test_a_replaced_plan_shows_at_once(client):
    import dataclasses

    from ngvh.plans.bundled import BUNDLED_PLAN, bundled_plan_bytes
    from ngvh.plans.parser import parse_bytes
    from ngvh.plans.services import plan_import

    # given an imported plan's cached public page
    parsed = parse_bytes(bundled_plan_bytes(), BUNDLED_PLAN)
    plan = plan_import(user=system_actor(), parsed=parsed).plan
    url = reverse("dashboard:public", args=[plan.pk])
    assert _main(client.get(url)) == _main(client.get(url))
    # when the plan is replaced by a corrected document
    plan_import(user=system_actor(), parsed=dataclasses.replace(parsed, title="Kế hoạch đã đính chính"), replace=True)
    # then the page shows the corrected title
    assert "Kế hoạch đã đính chính" in _main(client.get(url))


def test_an_excel_import_shows_at_once(client):
    from openpyxl import Workbook

    from ngvh.activities.xlsx import COLUMN_INDEX, COLUMNS

    # given the cached pages with three activities
    s = scenario()
    assert _figure(_cached(client, s)["plan"], "activities") == "3"
    # when two activities are imported from a workbook
    wb = Workbook()
    ws = wb.active
    ws.append([str(label) for _key, label in COLUMNS])
    for i in range(2):
        row = [None] * len(COLUMNS)
        for key, value in {"title": f"Triển lãm ảnh {i}", "kind": "exhibition", "start_date": f"0{i + 1}/05/{s.year}",
                           "agency": "Sở Du lịch", "tasks": "3"}.items():
            row[COLUMN_INDEX[key]] = value
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    outcome = services.activities_import_xlsx(user=s.coordinator, plan=s.plan, data=buffer.getvalue(), commit=True)
    assert outcome.saved == 2, outcome.checked.problems if outcome.checked else outcome.file_error
    # then every page counts them
    after = _cached(client, s)
    assert _figure(after["plan"], "activities") == "5"
    assert _figure(after["national"], "activities") == "5"
    assert _figure(after["public"], "activities") == "5"


def test_a_rolled_back_write_changes_no_version():
    from django.db import transaction

    from ngvh.dashboard.cache import data_versions
    from ngvh.reporting import services as reporting

    # given the versions of a plan
    s = scenario()
    before = data_versions(plan_id=s.plan.pk)

    # when a submission's transaction rolls back
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        reporting.report_submit(user=s.reporter, report=s.reports["tt"])
        assert data_versions(plan_id=s.plan.pk) != before  # raised inside the writing transaction
        raise Undo
    # then the versions are as they were
    assert data_versions(plan_id=s.plan.pk) == before


def test_each_reader_scope_has_its_own_body(client):
    # given a coordinator (who may switch to provisional figures) and a reporter (who may not)
    from ngvh.reporting import services as reporting
    from tests.factories import UserFactory

    s = scenario()
    reporting.report_submit(user=s.reporter, report=s.reports["tt"])
    other = UserFactory(agency=s.agencies["dl"])
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}&basis=provisional"
    client.force_login(s.coordinator)
    coordinator_page = _main(client.get(url))
    # when the reporter asks for the same page right after
    client.force_login(other)
    reporter_page = _main(client.get(url))
    # then the coordinator gets the provisional figures and the switch; the reporter the official ones, no switch
    assert _task_status(coordinator_page, "4") == "overdue" and 'data-basis="provisional"' in coordinator_page
    assert _task_status(reporter_page, "4") == "none" and 'data-basis="official"' in reporter_page
    assert 'id="basis-switch"' in coordinator_page and 'id="basis-switch"' not in reporter_page


def test_activity_create_update_and_delete_change_every_cached_body(client):
    # given the three cached pages counting three activities
    s = scenario()
    assert {name: _figure(html, "activities") for name, html in _cached(client, s).items()} == {
        "plan": "3", "national": "3", "public": "3"}
    # when an activity is created
    activity = services.activity_create(user=s.coordinator, plan=s.plan, data=_data(s), confirm_unassigned=True)
    # then every page counts it at once
    assert {_figure(html, "activities") for html in _cached(client, s).values()} == {"4"}
    # when it is edited to cancelled, it no longer counts anywhere
    services.activity_update(user=s.coordinator, activity=activity, data=_data(s, status="cancelled"), confirm_unassigned=True)
    assert {_figure(html, "activities") for html in _cached(client, s).values()} == {"3"}
    # when it is done again and then deleted, the count rises and falls back
    activity = services.activity_update(user=s.coordinator, activity=activity, data=_data(s), confirm_unassigned=True)
    assert {_figure(html, "activities") for html in _cached(client, s).values()} == {"4"}
    services.activity_delete(user=s.coordinator, activity=activity)
    assert {_figure(html, "activities") for html in _cached(client, s).values()} == {"3"}


def test_withdrawing_and_publishing_a_plan_shows_on_the_cached_public_page_at_once(client):
    # given the public page, cached
    s = scenario()
    url = reverse("dashboard:public", args=[s.plan.pk]) + f"?year={s.year}"
    page = _main(client.get(url))
    assert _main(client.get(url)) == page
    # when the plan is withdrawn from the public site (its publication flag, as the admin sets it)
    s.plan.is_published = False
    s.plan.save(update_fields=["is_published"])
    # then the cached body is not served: the page is 404 at once
    assert client.get(url).status_code == 404
    # when it is published again, the page is back with the same figures
    s.plan.is_published = True
    s.plan.save(update_fields=["is_published"])
    assert _main(client.get(url)) == page


def _budget(html: str, name: str) -> str:
    return html.split(f'data-budget="{name}">', 1)[1].split("<", 1)[0]


def test_each_budget_estimate_write_shows_at_once(client):
    from ngvh.accounts.models import Role
    from ngvh.budget import selectors as budget_selectors
    from ngvh.budget import services as budget
    from ngvh.dashboard.cache import data_versions
    from tests.budget.permission_rows import workbook
    from tests.factories import UserFactory

    # given the coordinator's cached dashboard, with no estimate yet
    s = scenario()
    reporter = UserFactory(agency=s.agencies["vh"], role=Role.REPORTER)
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"

    def coordinator_page() -> str:
        client.force_login(s.coordinator)
        return _main(client.get(url))

    assert _budget(coordinator_page(), "estimate-total") == "0 đồng"
    versions = [data_versions(plan_id=s.plan.pk)]

    def raised() -> bool:
        versions.append(data_versions(plan_id=s.plan.pk))
        return versions[-1] != versions[-2]

    # when the agency saves, then submits an estimate: each write raises the version, and the
    # estimate is not counted before it is approved
    estimate = budget.estimate_save(user=reporter, plan=s.plan, year=s.year, agency=s.agencies["vh"], task=s.tasks["1"],
                                    source="state", amount=2_000_000)
    assert raised() and _budget(coordinator_page(), "estimate-state") == "0 đồng"
    budget.estimate_submit(user=reporter, estimate=estimate)
    assert raised() and _budget(coordinator_page(), "estimate-state") == "0 đồng"
    # when the coordinator approves it, then the dashboard shows it at once
    budget.estimate_approve(user=s.coordinator, estimate=estimate)
    assert raised()
    page = coordinator_page()
    assert _budget(page, "estimate-state") == "2.000.000 đồng" and _budget(page, "estimate-total") == "2.000.000 đồng"
    # when another estimate is submitted and returned, then the version rises and the figure stays
    other = budget.estimate_save(user=reporter, plan=s.plan, year=s.year, agency=s.agencies["vh"], task=s.tasks["2"],
                                 source="foreign", amount=700_000)
    budget.estimate_submit(user=reporter, estimate=other)
    versions.append(data_versions(plan_id=s.plan.pk))
    budget.estimate_return(user=s.coordinator, estimate=other, reason="Thiếu thuyết minh")
    assert raised() and _budget(coordinator_page(), "estimate-total") == "2.000.000 đồng"
    # when the agency imports its corrected estimates from Excel, submits and has them approved
    outcome = budget.estimates_import_xlsx(user=reporter, plan=s.plan, year=s.year,
                                           data=workbook([("2", "", "foreign", 600_000, ""), ("3", "", "socialisation", 300_000, "")]))
    assert outcome.ok and raised()
    for imported in budget_selectors.estimate_list(user=reporter, plan=s.plan, year=s.year):
        if imported.status != "approved":
            budget.estimate_submit(user=reporter, estimate=imported)
            budget.estimate_approve(user=s.coordinator, estimate=imported)
    # then every figure is the new one
    page = coordinator_page()
    assert _budget(page, "estimate-foreign") == "600.000 đồng"
    assert _budget(page, "estimate-socialisation") == "300.000 đồng"
    assert _budget(page, "estimate-total") == "2.900.000 đồng"


def test_a_reporter_sees_only_their_agency_budget_and_never_anothers_cached_body(client):
    from ngvh.accounts.models import Role
    from tests.budget.factories import BudgetEstimateFactory
    from tests.factories import UserFactory

    # given approved estimates of two agencies and three done activities (two of Văn hóa, one of Du lịch)
    s = scenario()
    for key, amount in (("vh", 5_000_000), ("dl", 1_000_000)):
        BudgetEstimateFactory(task=s.tasks["1"], agency=s.agencies[key], year=s.year, amount=amount, status="approved")
    url = reverse("dashboard:plan", args=[s.plan.pk]) + f"?year={s.year}"
    pages = {}
    # when the coordinator, then a reporter of each agency, open the same page
    for name, user in (("coordinator", s.coordinator), ("vh", UserFactory(agency=s.agencies["vh"], role=Role.REPORTER)),
                       ("dl", UserFactory(agency=s.agencies["dl"], role=Role.REPORTER))):
        client.force_login(user)
        pages[name] = _main(client.get(url))
    # then each reporter sees their own agency's estimate and spending, the coordinator all of them
    assert (_budget(pages["coordinator"], "estimate-state"), _budget(pages["coordinator"], "actual-state")) == (
        "6.000.000 đồng", "3.000.000 đồng")
    assert (_budget(pages["vh"], "estimate-state"), _budget(pages["vh"], "actual-state")) == ("5.000.000 đồng", "2.000.000 đồng")
    assert (_budget(pages["dl"], "estimate-state"), _budget(pages["dl"], "actual-state")) == ("1.000.000 đồng", "1.000.000 đồng")
    assert "Sở Du lịch" not in pages["vh"].split('id="budget"', 1)[1]
