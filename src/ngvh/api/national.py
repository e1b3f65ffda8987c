"""The yearly export for the national reporting system (Nghị định 09/2019/NĐ-CP).

One documented, versioned layout (``LAYOUT``/``VERSION``), built as plain data by
``build`` and written as JSON or XLSX by pure functions: the two files always hold the same
figures. Official figures only: task statuses and results come from accepted reports.
Layout, version 1:

- ``layout``, ``version``, ``generated_at``
- ``province``, ``plan`` {number, issued_on, issuer, title}, ``year``, ``deadline``
- ``reporting`` {expected, submitted, on_time, late, accepted, returned, not_submitted}
- ``task_status`` {status code: number of tasks}; codes as in ``TaskStatus`` plus ``no_report``
- ``tasks`` [{code, group, title, lead, status, progress, results}]
- ``agencies`` [{name, report_status, submitted_on_time, accepted, difficulties, recommendations}]
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import asdict, dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font

from ngvh.reporting.models import TaskStatus

LAYOUT = "ngvh-national-yearly"
VERSION = 1
# The exchange layout's columns, in its fixed order: the task statuses, then tasks without a report.
STATUSES = (
    TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.DONE_NO_DEADLINE, TaskStatus.IN_PROGRESS,
    TaskStatus.OVERDUE, TaskStatus.NOT_ARISEN, "no_report",
)


@dataclass
class NationalTask:
    code: str
    group: str
    title: str
    lead: str
    status: str
    progress: int
    results: str


@dataclass
class NationalAgency:
    name: str
    report_status: str
    submitted_on_time: bool
    accepted: bool
    difficulties: str = ""
    recommendations: str = ""


@dataclass
class NationalExport:
    province: str
    plan: dict
    year: int
    deadline: str | None
    reporting: dict
    generated_at: str
    tasks: list[NationalTask] = field(default_factory=list)
    agencies: list[NationalAgency] = field(default_factory=list)

    @property
    def task_status(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for task in self.tasks:
            counts[task.status or "no_report"] += 1
        return counts

    def to_dict(self) -> dict:
        data = {"layout": LAYOUT, "version": VERSION, **asdict(self)}
        data["task_status"] = self.task_status
        return data


def to_json(export: NationalExport) -> bytes:
    return json.dumps(export.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(export: NationalExport) -> bytes:
    """Sheets ``about``, ``reporting``, ``tasks``, ``agencies``: the same keys as the JSON."""
    book = Workbook()
    about = book.active
    about.title = "about"
    for key, value in [("layout", LAYOUT), ("version", VERSION), ("generated_at", export.generated_at),
                       ("province", export.province), *[(f"plan.{k}", v) for k, v in export.plan.items()],
                       ("year", export.year), ("deadline", export.deadline)]:
        about.append([key, value])
    reporting = book.create_sheet("reporting")
    reporting.append(["key", "value"])
    for key, value in [*export.reporting.items(), *[(f"task_status.{k}", v) for k, v in export.task_status.items()]]:
        reporting.append([key, value])
    tasks = book.create_sheet("tasks")
    columns = list(NationalTask.__dataclass_fields__)
    tasks.append(columns)
    for task in export.tasks:
        tasks.append([_cell(getattr(task, c)) for c in columns])
    agencies = book.create_sheet("agencies")
    columns = list(NationalAgency.__dataclass_fields__)
    agencies.append(columns)
    for agency in export.agencies:
        agencies.append([_cell(getattr(agency, c)) for c in columns])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
