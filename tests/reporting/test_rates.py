"""Reporting rates on hand-computed examples (pure function, no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

from ngvh.reporting.rates import LineRow, ReportRow, compute_rates, deadline_end

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = dt.date(2025, 11, 15)


def at(day: int, hour: int = 10, month: int = 11) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, tzinfo=VN)


def rates(reports, lines=(), frozen=None):
    return compute_rates(
        plan_number="274/KH-UBND",
        year=2025,
        deadline=DEADLINE,
        deadline_cutoff=deadline_end(DEADLINE, VN),
        reports=list(reports),
        lines=list(lines),
        frozen_expected=frozen,
    )


def test_on_time_late_returned_missing_and_accepted():
    # given five expected agencies: accepted on time, submitted late, returned, draft, submitted at 23:59 on the day
    reports = [
        ReportRow(1, 1, "A", "accepted", at(10)),
        ReportRow(2, 2, "B", "submitted", at(16, 0, 11)),
        ReportRow(3, 3, "C", "returned", at(12)),
        ReportRow(4, 4, "D", "draft", None),
        ReportRow(5, 5, "E", "submitted", dt.datetime(2025, 11, 15, 23, 59, tzinfo=VN)),
    ]
    # when the rates are computed
    r = rates(reports)
    # then four of the five sent a report once; three are currently submitted or accepted
    assert (r.expected, r.submitted, r.on_time, r.late, r.accepted, r.returned) == (5, 3, 2, 1, 1, 1)
    assert r.missing_agencies == ["D"]
    assert r.late_agencies == ["B"]
    assert r.returned_agencies == ["C"]
    assert r.submitted_rate == 0.6 and r.on_time_rate == 0.4 and r.accepted_rate == 0.2


def test_midnight_in_hanoi_is_late_even_if_still_the_15th_in_utc():
    # given a first submission at 00:30 on 16/11 Vietnam time (17:30 UTC on the 15th)
    late = ReportRow(1, 1, "A", "submitted", dt.datetime(2025, 11, 15, 17, 30, tzinfo=dt.UTC))
    # when / then it is late
    assert rates([late]).late == 1


def test_first_submission_decides_timeliness_after_a_return():
    # given a report first sent on time, returned, and resubmitted after the deadline
    row = ReportRow(1, 1, "A", "submitted", at(14))
    # when / then it stays on time (the resubmission is not a late report)
    assert rates([row]).on_time == 1


def test_did_not_arise_lines_are_not_missing_work():
    # given agency A reported task T1 and marked the as-arising T3 "did not arise"
    reports = [ReportRow(1, 1, "A", "submitted", at(10), lines=2, lines_not_arisen=1, lines_reported=1)]
    lines = [
        LineRow(1, "I.1", "submitted", "in_progress", 1),
        LineRow(3, "I.3", "submitted", "not_arisen", 1),
        LineRow(3, "I.3", "draft", "", 1),
    ]
    # when the rates are computed
    r = rates(reports, lines)
    # then A's work rate is complete and task I.3 counts only the one draft line as expected
    assert r.agencies[0].work_rate == 1.0
    t3 = next(t for t in r.tasks if t.task_code == "I.3")
    assert (t3.expected, t3.submitted, t3.not_arisen, t3.rate) == (1, 0, 1, 0.0)


def test_frozen_expected_count_wins_and_late_added_reports_are_left_out():
    # given the year froze at 2 expected, then a third agency was added after the deadline
    reports = [
        ReportRow(1, 1, "A", "submitted", at(10)),
        ReportRow(2, 2, "B", "draft", None),
        ReportRow(3, 3, "C", "submitted", at(20), is_expected=False),
    ]
    # when the rates are computed
    r = rates(reports, frozen=2)
    # then the expected count and the counts ignore C, which is still listed per agency
    assert (r.expected, r.submitted, r.late) == (2, 1, 0)
    assert [a.agency_name for a in r.agencies] == ["A", "B", "C"]


def test_nothing_expected_gives_zero_rates():
    r = rates([])
    assert (r.expected, r.submitted_rate) == (0, 0.0)
    assert r.to_json()["rates"] == {"submitted": 0.0, "on_time": 0.0, "accepted": 0.0}
