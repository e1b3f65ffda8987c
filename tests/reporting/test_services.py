"""The reporting cycle's writes: opening a year, the workflow, locking, amendments."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from ngvh.reporting.models import AnnualReport, ReportEvent, ReportLine
from ngvh.reporting.services import (
    IncompleteReport,
    LineInput,
    PlannedInput,
    ReportingError,
    ReportStateError,
    StaleReport,
    amendment_accept,
    amendment_propose,
    amendment_reject,
    expected_assignments,
    report_accept,
    report_reopen,
    report_return,
    report_save,
    report_submit,
    reporting_year_open,
    year_dates,
)
from tests.factories import ActivityFactory, TaskAssignmentFactory

from .factories import small_plan

pytestmark = pytest.mark.django_db
BEFORE = dt.date(2025, 10, 1)


@pytest.fixture
def sp():
    return small_plan()


def open_2025(sp, today=BEFORE):
    return reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=today)


def report_of(sp, agency, year=2025):
    return AnnualReport.objects.get(reporting_year__plan=sp.plan, reporting_year__year=year, agency=agency)


def fill(report, user, status="in_progress", text="Đã tổ chức 3 sự kiện"):
    lines = {line.id: LineInput(status=status, progress=50, results=text) for line in report.lines.all()}
    return report_save(user=user, report=report, version=report.version, difficulties="", recommendations="", lines=lines)


# ---- opening a year -----------------------------------------------------------------------


def test_expected_agencies_resolve_successions_as_of_the_deadline(sp):
    # given B coordinated T1 until 30/06/2025 and its successor S took over from 01/07/2025
    # when the expected agencies of 2025 and 2024 are computed
    y2025 = expected_assignments(plan=sp.plan, year=2025)
    y2024 = expected_assignments(plan=sp.plan, year=2024)
    # then 2025 expects S (not B) on T1, B only for its unspecified task, C for the 2024–2025 period
    t = sp.tasks
    assert y2025 == {
        sp.a.id: {t["I.1"].id: "lead", t["I.3"].id: "lead"},
        sp.b.id: {t["I.4"].id: "lead"},
        sp.c.id: {t["I.2"].id: "lead"},
        sp.successor.id: {t["I.1"].id: "coordinator"},
    }
    # and 2024 still had B on T1, no successor, and C's 2027 task is in neither year
    assert y2024[sp.b.id] == {t["I.4"].id: "lead", t["I.1"].id: "coordinator"}
    assert sp.successor.id not in y2024


def test_open_creates_one_report_per_agency_and_flags_unspecified_tasks(sp):
    # when a coordinator opens 2025
    result = open_2025(sp)
    # then four reports, five lines, the deadline and cut-off from the plan's settings
    ry = result.reporting_year
    assert (result.created, result.reports_created, result.lines_created) == (True, 4, 5)
    assert (ry.deadline, ry.cutoff_start, ry.cutoff_end) == (dt.date(2025, 11, 15), dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    assert result.unspecified_tasks == ["I.4"]
    assert ReportEvent.objects.filter(kind="created", actor=sp.coordinator).count() == 4


def test_deadline_comes_from_the_plan_settings(sp):
    # given the plan's deadline is moved to 30/11 and its cut-off to the calendar year
    sp.plan.report_deadline_day, sp.plan.report_deadline_month = 30, 11
    sp.plan.cutoff_start_month, sp.plan.cutoff_start_day, sp.plan.cutoff_end_month, sp.plan.cutoff_end_day = 1, 1, 12, 31
    # when / then
    assert year_dates(sp.plan, 2025) == (dt.date(2025, 11, 30), dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_reopening_is_idempotent_and_adds_only_new_assignments(sp):
    # given 2025 is open
    open_2025(sp)
    # when it is reopened unchanged, then after a new assignment
    again = open_2025(sp)
    TaskAssignmentFactory(task=sp.tasks["I.2"], agency=sp.a, role="coordinator")
    third = open_2025(sp)
    # then nothing is duplicated and only A's new line appears
    assert (again.created, again.reports_created, again.lines_created) == (False, 0, 0)
    assert (third.reports_created, third.lines_created) == (0, 1)
    assert AnnualReport.objects.count() == 4 and ReportLine.objects.count() == 6


def test_expected_count_freezes_once_the_deadline_passes(sp):
    # given 2025 opened before the deadline with four expected reports
    open_2025(sp)
    # when after the deadline a new agency gets a task and the year is reopened
    TaskAssignmentFactory(task=sp.tasks["I.2"], agency=sp.focal, role="coordinator")
    result = open_2025(sp, today=dt.date(2025, 11, 20))
    # then the count froze at four and the late report is kept out of the rates
    ry = result.reporting_year
    assert ry.expected_count == 4 and ry.expected_frozen_at is not None
    assert report_of(sp, sp.focal).is_expected is False


def test_only_coordinators_open_a_year(sp):
    for user in (sp.reporter_a, sp.leader):
        with pytest.raises(PermissionDenied):
            reporting_year_open(user=user, plan=sp.plan, year=2025, today=BEFORE)


# ---- the workflow -------------------------------------------------------------------------


def test_full_cycle_records_every_transition_with_actor_and_reason(sp, mailoutbox, django_capture_on_commit_callbacks):
    # given A's draft is filled and submitted
    open_2025(sp)
    report = fill(report_of(sp, sp.a), sp.reporter_a)
    report = report_submit(user=sp.reporter_a, report=report)
    line = report.lines.first()
    # when the coordinator returns it with a reason and a line note
    with django_capture_on_commit_callbacks(execute=True):
        report = report_return(user=sp.coordinator, report=report, reason="Thiếu số liệu", line_notes={line.id: "Bổ sung kinh phí"})
    # then the agency sees the reason, the note, and receives a mail
    report.refresh_from_db()
    line.refresh_from_db()
    assert (report.status, report.return_reason, line.return_note) == ("returned", "Thiếu số liệu", "Bổ sung kinh phí")
    assert len(mailoutbox) == 1 and "vhtt@example.org" in mailoutbox[0].to and "Thiếu số liệu" in mailoutbox[0].body
    # when the agency revises and resubmits, and the coordinator accepts
    report = fill(report, sp.reporter_a, text="Đã bổ sung")
    first = report.first_submitted_at
    report = report_submit(user=sp.reporter_a, report=report)
    report = report_accept(user=sp.coordinator, report=report)
    # then the report is accepted, its first submission time kept, and the timeline complete
    assert report.status == "accepted" and report.first_submitted_at == first
    kinds = list(report.events.values_list("kind", "actor__username", "reason"))
    assert [k for k, _a, _r in kinds] == ["created", "saved", "submitted", "returned", "saved", "submitted", "accepted"]
    assert ("returned", "dieuphoi", "Thiếu số liệu") in kinds


def test_submit_requires_a_status_on_every_line(sp):
    open_2025(sp)
    report = report_of(sp, sp.a)
    with pytest.raises(IncompleteReport) as exc:
        report_submit(user=sp.reporter_a, report=report)
    assert len(exc.value.line_ids) == 2


@pytest.mark.parametrize("who", ["reporter_b", "leader", "coordinator"])
def test_only_the_agency_edits_and_submits_its_report(sp, who):
    # given A's report
    open_2025(sp)
    report = report_of(sp, sp.a)
    user = getattr(sp, who)
    # when another agency, a leader or the coordinator (of another agency) writes it
    # then it is refused
    with pytest.raises(PermissionDenied):
        fill(report, user)
    with pytest.raises(PermissionDenied):
        report_submit(user=user, report=report)


def test_submitted_and_accepted_reports_are_locked_for_the_agency(sp):
    open_2025(sp)
    report = report_submit(user=sp.reporter_a, report=fill(report_of(sp, sp.a), sp.reporter_a))
    with pytest.raises(ReportStateError):
        fill(report, sp.reporter_a)
    report = report_accept(user=sp.coordinator, report=report)
    with pytest.raises(ReportStateError):
        report_submit(user=sp.reporter_a, report=report)


@pytest.mark.parametrize("who", ["reporter_a", "leader"])
def test_only_coordinators_review(sp, who):
    open_2025(sp)
    report = report_submit(user=sp.reporter_a, report=fill(report_of(sp, sp.a), sp.reporter_a))
    user = getattr(sp, who)
    for call in (
        lambda: report_return(user=user, report=report, reason="x"),
        lambda: report_accept(user=user, report=report),
        lambda: report_reopen(user=user, report=report, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_review_is_refused_in_the_wrong_state_and_without_a_reason(sp):
    open_2025(sp)
    draft = report_of(sp, sp.a)
    # a draft cannot be returned, accepted or reopened
    with pytest.raises(ReportStateError):
        report_return(user=sp.coordinator, report=draft, reason="x")
    with pytest.raises(ReportStateError):
        report_accept(user=sp.coordinator, report=draft)
    with pytest.raises(ReportStateError):
        report_reopen(user=sp.coordinator, report=draft, reason="x")
    # a return or reopen without a reason is refused
    submitted = report_submit(user=sp.reporter_a, report=fill(draft, sp.reporter_a))
    with pytest.raises(ReportingError) as exc:
        report_return(user=sp.coordinator, report=submitted, reason="  ")
    assert exc.value.field == "reason"
    accepted = report_accept(user=sp.coordinator, report=submitted)
    with pytest.raises(ReportingError):
        report_reopen(user=sp.coordinator, report=accepted, reason="")


def test_reopen_unlocks_an_accepted_report_with_a_reason(sp):
    open_2025(sp)
    report = report_submit(user=sp.reporter_a, report=fill(report_of(sp, sp.a), sp.reporter_a))
    report = report_accept(user=sp.coordinator, report=report)
    report = report_reopen(user=sp.coordinator, report=report, reason="Cần cập nhật số liệu tháng 12")
    assert report.status == "returned" and report.return_reason == "Cần cập nhật số liệu tháng 12"
    assert report.events.last().kind == "reopened"
    fill(report, sp.reporter_a)  # editable again


def test_second_save_with_a_stale_version_is_refused_and_the_first_text_kept(sp):
    # given two officers of A opened the same draft at version v
    open_2025(sp)
    report = report_of(sp, sp.a)
    v = report.version
    lines = {line.id: LineInput(status="in_progress", results="Văn bản của người thứ nhất") for line in report.lines.all()}
    report_save(user=sp.reporter_a, report=report, version=v, difficulties="", recommendations="", lines=lines)
    # when the second saves with the same version
    other = {line_id: LineInput(results="Văn bản của người thứ hai") for line_id in lines}
    with pytest.raises(StaleReport):
        report_save(user=sp.reporter_a, report=report, version=v, difficulties="", recommendations="", lines=other)
    # then the first officer's text is intact
    assert set(report.lines.values_list("results", flat=True)) == {"Văn bản của người thứ nhất"}


def test_save_links_only_the_agencys_own_activities_and_planned_activities(sp):
    open_2025(sp)
    report = report_of(sp, sp.a)
    line = report.lines.get(task=sp.tasks["I.1"])
    mine = ActivityFactory(plan=sp.plan, agency=sp.a)
    theirs = ActivityFactory(plan=sp.plan, agency=sp.b)
    report_save(
        user=sp.reporter_a,
        report=report,
        version=report.version,
        difficulties="Kinh phí hạn chế",
        recommendations="",
        lines={line.id: LineInput(status="in_progress", activity_ids=[mine.id, theirs.id])},
        planned=[PlannedInput(title="Lễ hội Hoa Phượng Đỏ 2026", task_id=sp.tasks["I.1"].id, expected_month=5), PlannedInput(title="")],
    )
    line.refresh_from_db()
    assert list(line.activities.all()) == [mine] and line.activities_confirmed
    assert list(report.planned_activities.values_list("title", "expected_month")) == [("Lễ hội Hoa Phượng Đỏ 2026", 5)]


# ---- amendments ---------------------------------------------------------------------------


def test_accepted_change_makes_a_new_plan_version_and_old_reports_keep_the_old_task(sp):
    # given A reported on T1 in 2025
    open_2025(sp)
    report = report_submit(user=sp.reporter_a, report=fill(report_of(sp, sp.a), sp.reporter_a))
    old_task = sp.tasks["I.1"]
    # when A proposes to change T1 and the coordinator accepts from 01/01/2026
    proposal = amendment_propose(user=sp.reporter_a, plan=sp.plan, action="change", task=old_task, title="Quảng bá văn hóa và du lịch Hải Phòng", reason="Sáp nhập sở")
    proposal = amendment_accept(user=sp.coordinator, proposal=proposal, reason="Phù hợp", effective_from=dt.date(2026, 1, 1))
    # then the plan is at version 2 with the new task under the same code, the old one retired
    sp.plan.refresh_from_db()
    old_task.refresh_from_db()
    new = proposal.new_task
    assert (sp.plan.version, sp.plan.effective_from, proposal.plan_version) == (2, dt.date(2026, 1, 1), 2)
    assert (new.code, new.version, new.added_on) == ("I.1", 2, dt.date(2026, 1, 1))
    assert old_task.retired_on == dt.date(2026, 1, 1)
    assert new.assignments.count() == old_task.assignments.filter(active_until__isnull=True).count() + 0
    # and the 2025 report still points at the task as it was reported
    line = report.lines.get(task__code="I.1")
    assert line.task_id == old_task.id and line.task.title == "Quảng bá văn hóa Hải Phòng"
    # and 2026 expects the new version of the task, not the old one
    y2026 = expected_assignments(plan=sp.plan, year=2026)
    assert new.id in y2026[sp.a.id] and old_task.id not in y2026[sp.a.id]


def test_accepted_add_and_remove(sp):
    add = amendment_propose(user=sp.reporter_b, plan=sp.plan, action="add", title="Giao lưu với Incheon", timeframe_text="Hằng năm", reason="Kết nghĩa")
    add = amendment_accept(user=sp.coordinator, proposal=add, reason="Đồng ý", effective_from=dt.date(2026, 1, 1))
    assert (add.new_task.code, add.new_task.timeframe_kind) == ("I.6", "annual")
    assert add.new_task.assignments.get().agency == sp.b
    remove = amendment_propose(user=sp.reporter_c, plan=sp.plan, action="remove", task=sp.tasks["I.2"], reason="Đã hoàn thành")
    amendment_accept(user=sp.coordinator, proposal=remove, reason="Đồng ý", effective_from=dt.date(2025, 9, 1))
    sp.plan.refresh_from_db()
    assert sp.plan.version == 3
    assert sp.tasks["I.2"].id not in expected_assignments(plan=sp.plan, year=2025).get(sp.c.id, {})


def test_amendment_decisions_need_a_coordinator_and_a_reason(sp):
    proposal = amendment_propose(user=sp.reporter_a, plan=sp.plan, action="remove", task=sp.tasks["I.3"], reason="Không phù hợp")
    for user in (sp.reporter_a, sp.leader):
        with pytest.raises(PermissionDenied):
            amendment_accept(user=user, proposal=proposal, reason="x", effective_from=dt.date(2026, 1, 1))
        with pytest.raises(PermissionDenied):
            amendment_reject(user=user, proposal=proposal, reason="x")
    with pytest.raises(ReportingError):
        amendment_reject(user=sp.coordinator, proposal=proposal, reason="")
    rejected = amendment_reject(user=sp.coordinator, proposal=proposal, reason="Nhiệm vụ vẫn cần thiết")
    assert rejected.status == "rejected"
    with pytest.raises(ReportStateError):
        amendment_accept(user=sp.coordinator, proposal=rejected, reason="x", effective_from=dt.date(2026, 1, 1))
    sp.plan.refresh_from_db()
    assert sp.plan.version == 1


def test_leaders_cannot_propose_and_proposals_need_a_reason(sp):
    with pytest.raises(PermissionDenied):
        amendment_propose(user=sp.leader, plan=sp.plan, action="add", title="x", reason="y")
    with pytest.raises(ReportingError):
        amendment_propose(user=sp.reporter_a, plan=sp.plan, action="add", title="x", reason="")
    with pytest.raises(ReportingError):
        amendment_propose(user=sp.reporter_a, plan=sp.plan, action="change", title="x", reason="y")


# ---- steps recorded after the fact (the demo's past years) --------------------------------


def test_steps_recorded_after_the_fact_carry_their_own_time_and_mail_no_one(sp, django_capture_on_commit_callbacks, mailoutbox):
    from django.utils import timezone

    from ngvh.outbox.models import OutboxMail

    def at(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))

    # given a year opened, as of 01/09/2025
    with django_capture_on_commit_callbacks(execute=True):
        reporting_year_open(user=sp.coordinator, plan=sp.plan, year=2025, today=BEFORE, at=at(dt.date(2025, 9, 1)))
        report = report_of(sp, sp.a)
        # when A's report is saved, submitted, returned, submitted again and accepted, each on its day
        lines = {line.id: LineInput(status="in_progress", progress=50) for line in report.lines.all()}
        report = report_save(user=sp.reporter_a, report=report, version=report.version, difficulties="", recommendations="",
                             lines=lines, at=at(dt.date(2025, 11, 1)), is_demo=True)
        report = report_submit(user=sp.reporter_a, report=report, at=at(dt.date(2025, 11, 2)))
        report = report_return(user=sp.coordinator, report=report, reason="Bổ sung số liệu", at=at(dt.date(2025, 11, 5)))
        report = report_submit(user=sp.reporter_a, report=report, at=at(dt.date(2025, 11, 7)))
        report = report_accept(user=sp.coordinator, report=report, at=at(dt.date(2025, 11, 12)))
    # then every event and timestamp is that day's, the report is marked illustrative
    days = [timezone.localtime(e.at).date().day for e in report.events.order_by("at", "id")]
    assert days == [1, 1, 2, 5, 7, 12] and report.is_demo
    assert report.first_submitted_at == at(dt.date(2025, 11, 2)) and report.submitted_at == at(dt.date(2025, 11, 7))
    assert report.accepted_at == at(dt.date(2025, 11, 12))
    # and the return, news long past, was mailed to no one
    assert not OutboxMail.objects.exists() and mailoutbox == []


def test_a_return_without_a_time_is_mailed_to_the_agency(sp, django_capture_on_commit_callbacks, mailoutbox):
    # given A's submitted report
    open_2025(sp)
    report = report_submit(user=sp.reporter_a, report=fill(report_of(sp, sp.a), sp.reporter_a))
    # when the coordinator returns it now
    with django_capture_on_commit_callbacks(execute=True):
        report_return(user=sp.coordinator, report=report, reason="Bổ sung số liệu")
    # then the agency is told
    assert [m.subject for m in mailoutbox if "2025" in m.subject]
