"""Open data files: rows as plain dictionaries, then CSV or JSON bytes. Pure: no ORM.

The columns of each file are listed once in ``DICTIONARY`` (the data dictionary page and
the files are built from the same list, so they cannot disagree). Layout version 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

LAYOUT_VERSION = 1
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

DICTIONARY: dict[str, list[tuple[str, str, object]]] = {
    "tasks": [
        ("plan_number", "text", _("Number of the plan, e.g. 274/KH-UBND.")),
        ("code", "text", _("Task code as the plan writes it (I.1, 1.2…).")),
        ("group", "text", _("Code of the task's group.")),
        ("title", "text", _("What the task asks for.")),
        ("lead", "text", _("Lead agency (current).")),
        ("coordinators", "text", _("Coordinating agencies, separated by “; ”.")),
        ("timeframe", "text", _("Timeframe as the plan writes it.")),
    ],
    "figures": [
        ("plan_number", "text", _("Number of the plan.")),
        ("year", "integer", _("Reporting year.")),
        ("tasks", "integer", _("Tasks of the plan.")),
        ("done_on_time", "integer", _("Tasks done on time, from accepted reports.")),
        ("done_late", "integer", _("Tasks done late, from accepted reports.")),
        ("done_no_deadline", "integer", _("Tasks done (no deadline), from accepted reports.")),
        ("in_progress", "integer", _("Tasks in progress within their deadline, from accepted reports.")),
        ("overdue", "integer", _("Tasks overdue and not done, from accepted reports.")),
        ("not_arisen", "integer", _("Tasks that did not arise this year, from accepted reports.")),
        ("no_report", "integer", _("Tasks with no accepted report yet.")),
    ],
    "activities": [
        ("id", "integer", _("Identifier of the activity (stable).")),
        ("plan_number", "text", _("Number of the plan.")),
        ("title", "text", _("Name of the activity.")),
        ("kind", "text", _("Kind of activity (code).")),
        ("start_date", "date", _("First day (YYYY-MM-DD).")),
        ("end_date", "date", _("Last day (YYYY-MM-DD).")),
        ("place", "text", _("Place.")),
        ("countries", "text", _("ISO 3166 codes of the countries reached, separated by “; ”.")),
        ("outcome", "text", _("Result, as the agency wrote it.")),
    ],
}


def columns(name: str) -> list[str]:
    return [column for column, _type, _doc in DICTIONARY[name]]


def to_csv(name: str, rows: Iterable[dict]) -> bytes:
    """UTF-8 with a BOM so that Excel opens the Vietnamese letters right; formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(name), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_json(name: str, rows: Iterable[dict], *, source: str) -> bytes:
    body = {
        "layout_version": LAYOUT_VERSION,
        "dataset": name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": source,
        "columns": columns(name),
        "rows": [{k: row.get(k) for k in columns(name)} for row in rows],
    }
    return json.dumps(body, ensure_ascii=False, indent=1, default=str).encode("utf-8")
