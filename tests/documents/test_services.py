import pytest
from django.core.exceptions import PermissionDenied

from ngvh.documents import selectors
from ngvh.documents.models import Consolidation
from ngvh.documents.services import (
    NothingToConsolidate,
    consolidation_build,
    consolidation_edit_passages,
    consolidation_update_settings,
    effective_content,
)
from ngvh.reporting import figures
from ngvh.reporting.models import ReportStatus

from .factories import scenario

pytestmark = pytest.mark.django_db


def _task(content, code):
    return next(t for g in content["groups"] for t in g["tasks"] if t["code"] == code)


def test_build_uses_all_accepted_reports_and_rolls_up_statuses():
    # given two accepted reports
    s = scenario()
    # when the coordinator consolidates
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # then both reports are used and each task has its rolled-up status
    assert sorted(c.report_ids) == sorted([s.reports["vh"].pk, s.reports["dl"].pk])
    content = c.content
    assert _task(content, "1")["status"] == "done_late"  # the lead decides on time vs late
    assert _task(content, "2")["status"] == "not_arisen"
    assert _task(content, "3")["status"] == "in_progress"  # a coordinator still working
    assert _task(content, "4")["status"] == ""  # no report covers it
    assert _task(content, "1")["status_label"] == "Đã hoàn thành quá hạn"
    assert content["overview"]["tasks_by_status"]["done_late"] == 1
    # and every result passage is tagged with its agency and report
    result = next(p for p in content["passages"] if p["kind"] == "result" and p["task_code"] == "3")
    assert result["agency"] == "Sở Du lịch" and result["report_id"] == s.reports["dl"].pk
    # and the indicators are summed
    assert content["overview"]["activities"] == 3
    assert content["overview"]["participants"] == 300
    assert content["overview"]["budget_total"] == 4_500_000
    assert content["indicators"]["countries"] == {"KR": 2, "JP": 1}
    # and the difficulties and next-year plans are grouped by agency
    assert [d["agency"] for d in content["difficulties"]] == ["Sở Văn hóa và Thể thao"]
    assert content["next_year"][0]["title"].startswith("Lễ hội Hoa Phượng Đỏ")


def test_build_with_chosen_reports_only():
    s = scenario()
    # when the coordinator picks one report
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year, report_ids=[s.reports["dl"].pk])
    # then only that agency's texts are used, but task statuses stay the official ones (every
    # accepted report), the same as on the dashboard and the public page
    assert c.report_ids == [s.reports["dl"].pk]
    official = {r.code: r.status for r in figures.task_rows(plan=s.plan, year=s.year)}
    assert {t["code"]: t["status"] for g in c.content["groups"] for t in g["tasks"]} == official
    assert all(line["agency"] == s.reports["dl"].agency.name for g in c.content["groups"] for t in g["tasks"] for line in t["lines"])


def test_completeness_comes_from_the_reporting_rates():
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    rates = selectors.rates(plan=s.plan, year=s.year)
    assert c.content["completeness"] == rates
    assert (rates["expected"], rates["submitted"], rates["on_time"], rates["late"], rates["accepted"]) == (3, 2, 1, 1, 2)
    assert rates["missing"] == ["Sở Thông tin và Truyền thông"]
    assert rates["late_agencies"] == ["Sở Du lịch"]


def test_nothing_to_consolidate_without_accepted_report():
    s = scenario()
    for report in (s.reports["vh"], s.reports["dl"]):
        report.status = ReportStatus.SUBMITTED
        report.save()
    # when / then: a clear message in both languages
    with pytest.raises(NothingToConsolidate) as info:
        consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    assert "Không có báo cáo nào đã được chấp nhận" in info.value.text("vi")
    assert "nothing to consolidate" in info.value.text("en")
    assert not Consolidation.objects.exists()


@pytest.mark.parametrize("who", ["leader", "reporter"])
def test_only_coordinators_build(who):
    s = scenario()
    with pytest.raises(PermissionDenied):
        consolidation_build(user=getattr(s, who), plan=s.plan, year=s.year)
    assert not Consolidation.objects.exists()


def test_edits_are_kept_across_rebuilds_with_history():
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # when the coordinator rewrites the introduction
    consolidation_edit_passages(user=s.coordinator, consolidation=c, texts={"intro": "Đoạn mở đầu đã sửa.", "bogus": "x"})
    c.refresh_from_db()
    assert c.edits == {"intro": "Đoạn mở đầu đã sửa."}
    assert effective_content(c)["passages"][0]["text"] == "Đoạn mở đầu đã sửa."
    assert effective_content(c)["passages"][0]["edited"] is True
    # and rebuilds after a late acceptance
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # then the edit survives and history records who did what
    assert c.edits == {"intro": "Đoạn mở đầu đã sửa."}
    reasons = list(c.history.order_by("history_date").values_list("history_change_reason", "history_user_id"))
    assert reasons == [("built", s.coordinator.pk), ("edited", s.coordinator.pk), ("rebuilt", s.coordinator.pk)]


def test_editing_back_to_the_generated_text_drops_the_edit():
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    original = c.content["passages"][0]["text"]
    consolidation_edit_passages(user=s.coordinator, consolidation=c, texts={"intro": "Khác."})
    consolidation_edit_passages(user=s.coordinator, consolidation=c, texts={"intro": original})
    assert c.edits == {}


@pytest.mark.parametrize("who", ["leader", "reporter"])
def test_only_coordinators_edit(who):
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    with pytest.raises(PermissionDenied):
        consolidation_edit_passages(user=getattr(s, who), consolidation=c, texts={"intro": "x"})
    with pytest.raises(PermissionDenied):
        consolidation_update_settings(user=getattr(s, who), consolidation=c, settings={"number": "1/BC-UBND"})
    c.refresh_from_db()
    assert c.edits == {} and c.number != "1/BC-UBND"


def test_settings_follow_into_the_content():
    s = scenario()
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    consolidation_update_settings(user=s.coordinator, consolidation=c, settings={"number": "15/BC-UBND", "signer_name": "Nguyễn Văn A"})
    c.refresh_from_db()
    assert c.content["meta"]["number"] == "15/BC-UBND"
    assert c.content["meta"]["signer_name"] == "Nguyễn Văn A"


def test_task_table_names_the_agencies_that_held_the_task_that_year():
    import datetime as dt

    from tests.factories import AgencyFactory, TaskAssignmentFactory

    s = scenario()
    # given Sở Thông tin's lead of task 4 passed to Sở Khoa học on 01/03/2025
    old = s.tasks["4"].assignments.get(role="lead")
    old.active_until = dt.date(2025, 2, 28)
    old.save()
    TaskAssignmentFactory(task=s.tasks["4"], agency=AgencyFactory(name="Sở Khoa học và Công nghệ"), role="lead",
                          active_from=dt.date(2025, 3, 1), origin=old)
    # when the 2026 report is built / then the successor leads
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    assert _task(c.content, "4")["lead"] == "Sở Khoa học và Công nghệ"


def test_coordinator_cells_and_timeframes_read_as_on_the_pages():
    # given a task with no coordinating agency but "related units", and one without a timeframe
    from ngvh.plans.models import Task, TaskAssignment

    s = scenario()
    Task.objects.filter(pk=s.tasks["1"].pk).update(related_units=True)
    Task.objects.filter(pk=s.tasks["2"].pk).update(timeframe_kind="unspecified", timeframe_text="")
    TaskAssignment.objects.filter(task=s.tasks["1"], role="coordinator").delete()
    # when the report is built
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    # then no cell starts with a separator, and an unspecified timeframe is said, not left blank
    assert _task(c.content, "1")["coordinators"] == "Các đơn vị liên quan"
    assert _task(c.content, "2")["timeframe"] == "Không xác định"
    assert all(not t["coordinators"].startswith(";") for g in c.content["groups"] for t in g["tasks"])
