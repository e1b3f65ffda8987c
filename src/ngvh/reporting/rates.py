"""Reporting rates, DHIS2-style, over plain rows (no ORM).

The selector gathers rows in a fixed number of aggregate queries and hands them here, so
the arithmetic can be checked on hand-computed examples without a database, and the
dashboard, the rates page and ``ngvh report rates --json`` all show the same figures.

Definitions (one report per expected agency and year):

- expected: reports counted for the year (frozen once the deadline passes);
- submitted: reports currently submitted or accepted;
- on time / late: among the submitted, whether the *first* submission came by the end
  of the deadline day in Asia/Ho_Chi_Minh — a return and resubmission does not make a
  punctual agency late;
- accepted, returned: current status;
- missing: expected reports never sent in or still in draft.

Task lines marked "did not arise this period" are left out of the expected work, so an
as-arising task that did not arise never counts against anyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from .models import ReportStatus, TaskStatus

SUBMITTED_STATES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
NOT_ARISEN = TaskStatus.NOT_ARISEN


@dataclass(frozen=True)
class ReportRow:
    report_id: int
    agency_id: int
    agency_name: str
    status: str
    first_submitted_at: dt.datetime | None
    is_expected: bool = True
    lines: int = 0
    lines_not_arisen: int = 0
    lines_reported: int = 0


@dataclass(frozen=True)
class LineRow:
    """Lines of one task in one report status (already aggregated by the selector)."""

    task_id: int
    task_code: str
    report_status: str
    line_status: str
    count: int
    is_expected: bool = True


@dataclass
class AgencyRate:
    agency_id: int
    agency_name: str
    report_id: int
    status: str
    submitted: bool
    on_time: bool
    late: bool
    accepted: bool
    returned: bool
    missing: bool
    lines_expected: int
    lines_reported: int
    lines_not_arisen: int
    work_rate: float
    is_expected: bool = True
    # of the FIRST submission, whatever happened since (a return does not make it late): on_time, late or ""
    timeliness: str = ""


@dataclass
class TaskRate:
    task_id: int
    task_code: str
    expected: int
    submitted: int
    not_arisen: int
    rate: float


@dataclass
class RatesResult:
    plan_number: str
    year: int
    deadline: dt.date | None
    frozen: bool
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0
    accepted: int = 0
    returned: int = 0
    missing_agencies: list[str] = field(default_factory=list)
    late_agencies: list[str] = field(default_factory=list)
    returned_agencies: list[str] = field(default_factory=list)
    submitted_rate: float = 0.0
    on_time_rate: float = 0.0
    accepted_rate: float = 0.0
    agencies: list[AgencyRate] = field(default_factory=list)
    tasks: list[TaskRate] = field(default_factory=list)
    opened: bool = True

    def to_json(self) -> dict:
        data = asdict(self)
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["rates"] = {
            "submitted": self.submitted_rate,
            "on_time": self.on_time_rate,
            "accepted": self.accepted_rate,
        }
        return data


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def deadline_end(deadline: dt.date, tz) -> dt.datetime:
    """The last instant that still counts as on time: the end of the deadline day, local time."""
    return dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def first_submission_late(*, first_submitted_at: dt.datetime | None, deadline: dt.date, tz) -> bool:
    """A report is late when its FIRST submission came after the deadline day; being
    returned and sent again later does not make an on-time report late."""
    return first_submitted_at is not None and first_submitted_at >= deadline_end(deadline, tz)


def compute_rates(
    *,
    plan_number: str,
    year: int,
    deadline: dt.date,
    deadline_cutoff: dt.datetime,
    reports: list[ReportRow],
    lines: list[LineRow],
    frozen_expected: int | None = None,
) -> RatesResult:
    """Rates for one plan and year. ``deadline_cutoff`` is :func:`deadline_end` of the deadline."""
    result = RatesResult(plan_number=plan_number, year=year, deadline=deadline, frozen=frozen_expected is not None)
    for row in sorted(reports, key=lambda r: r.agency_name):
        agency = _agency_rate(row, deadline_cutoff)
        result.agencies.append(agency)
        if row.is_expected:
            _count(result, agency)
    result.expected = frozen_expected if frozen_expected is not None else len([r for r in reports if r.is_expected])
    result.submitted_rate = _ratio(result.submitted, result.expected)
    result.on_time_rate = _ratio(result.on_time, result.expected)
    result.accepted_rate = _ratio(result.accepted, result.expected)
    result.tasks = _task_rates(lines)
    return result


def _agency_rate(row: ReportRow, deadline_cutoff: dt.datetime) -> AgencyRate:
    """One agency's report: sent or not, on time or late (by its first submission), and its work rate."""
    submitted = row.status in SUBMITTED_STATES
    on_time = submitted and row.first_submitted_at is not None and row.first_submitted_at < deadline_cutoff
    first = row.first_submitted_at
    expected_lines = row.lines - row.lines_not_arisen
    return AgencyRate(
        agency_id=row.agency_id,
        agency_name=row.agency_name,
        report_id=row.report_id,
        status=row.status,
        submitted=submitted,
        on_time=on_time,
        late=submitted and not on_time,
        accepted=row.status == ReportStatus.ACCEPTED,
        returned=row.status == ReportStatus.RETURNED,
        missing=row.status == ReportStatus.DRAFT,
        lines_expected=expected_lines,
        lines_reported=row.lines_reported if submitted else 0,
        lines_not_arisen=row.lines_not_arisen,
        work_rate=_ratio(row.lines_reported if submitted else 0, expected_lines) if expected_lines else 1.0,
        is_expected=row.is_expected,
        timeliness="" if first is None else ("on_time" if first < deadline_cutoff else "late"),
    )


def _count(result: RatesResult, agency: AgencyRate) -> None:
    """Add an expected agency's report to the year's totals and lists."""
    result.submitted += agency.submitted
    result.on_time += agency.on_time
    result.late += agency.late
    result.accepted += agency.accepted
    result.returned += agency.returned
    if agency.missing:
        result.missing_agencies.append(agency.agency_name)
    if agency.late:
        result.late_agencies.append(agency.agency_name)
    if agency.returned:
        result.returned_agencies.append(agency.agency_name)


def _task_rates(lines: list[LineRow]) -> list[TaskRate]:
    """Per task of the expected reports: lines expected, submitted and not arisen, in code order."""
    tasks: dict[int, TaskRate] = {}
    for line in lines:
        if not line.is_expected:
            continue
        rate = tasks.setdefault(line.task_id, TaskRate(line.task_id, line.task_code, 0, 0, 0, 0.0))
        if line.line_status == NOT_ARISEN:
            rate.not_arisen += line.count
            continue
        rate.expected += line.count
        if line.report_status in SUBMITTED_STATES and line.line_status:
            rate.submitted += line.count
    for rate in tasks.values():
        rate.rate = _ratio(rate.submitted, rate.expected) if rate.expected else 1.0
    return sorted(tasks.values(), key=lambda t: _code_key(t.task_code))


def _code_key(code: str) -> tuple:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
    parts = []
    for part in code.replace(" ", "").split("."):
        if part.isdigit():
            parts.append((1, int(part), ""))
        elif part.upper() in roman:
            parts.append((0, roman[part.upper()], ""))
        else:
            parts.append((2, 0, part))
    return tuple(parts)
