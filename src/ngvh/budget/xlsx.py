"""Excel import and export of budget estimates. Pure: plain data in, plain data or bytes out.

The import checks every row against lookups the service prepares (tasks by code,
agencies by key); one problem anywhere and nothing is saved, as in the activities import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngvh.activities.xlsx import task_code_key
from ngvh.core import xlsx as core_xlsx
from ngvh.core.text import agency_key, ascii_key, nfc
from ngvh.core.xlsx import ImportFileError, Problem, export_xlsx  # noqa: F401 - ImportFileError: what read_rows raises

from .models import BudgetSource

MAX_ROWS = 5000
MAX_UNCOMPRESSED = 50 * 1024 * 1024

# (key, header); the reader goes by position.
COLUMNS: list[tuple[str, object]] = [
    ("task", gettext_lazy("Task code")),
    ("agency", gettext_lazy("Agency")),
    ("source", gettext_lazy("Source of funds")),
    ("amount", gettext_lazy("Estimate (đồng)")),
    ("note", gettext_lazy("Note")),
]
LETTERS = "ABCDE"


@dataclass(frozen=True)
class EstimateRow:
    task_id: int
    agency_id: int
    source: str
    amount: int
    note: str


@dataclass
class Lookups:
    tasks: dict[str, int]  # task code key -> id
    agencies: dict[str, int]  # agency_key -> id
    default_agency_id: int | None
    allowed_agency_ids: set[int] | None  # None: any


@dataclass
class Checked:
    rows: list[tuple[int, EstimateRow]]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _file_error_message() -> str:
    return _("This file cannot be read as an Excel workbook (.xlsx). Download the export and fill it in.")


def read_rows(data: bytes) -> list[tuple[int, tuple]]:
    """(Excel row number, values) of every non-blank row under the header, read with calamine."""
    return core_xlsx.read_rows(
        data, width=len(COLUMNS), max_rows=MAX_ROWS, max_uncompressed=MAX_UNCOMPRESSED, message=_file_error_message(),
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def _amount(value) -> int:
    if isinstance(value, bool) or value is None or value == "":
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = _text(value).lower().replace("đồng", "").replace("đ", "").replace(" ", "").replace(".", "").replace(",", "")
    if not text.lstrip("-").isdigit() or not text.isascii():
        raise ValueError
    return int(text)


def source_lookup() -> dict[str, str]:
    """Every accepted spelling of a source (code, English and Vietnamese label, without
    diacritics) -> its value."""
    from django.utils import translation

    out = {}
    for choice in BudgetSource:
        out[ascii_key(choice.value)] = choice.value
        for lang in ("en", "vi"):
            with translation.override(lang):
                out[ascii_key(str(choice.label))] = choice.value
    return out


def check_rows(rows: Sequence[tuple[int, tuple]], lookups: Lookups) -> Checked:
    problems: list[Problem] = []
    good: list[tuple[int, EstimateRow]] = []
    labels = {key: str(label) for key, label in COLUMNS}
    sources = source_lookup()
    seen: dict[tuple, int] = {}

    def problem(number, key, message):
        problems.append(Problem(row=number, column=LETTERS[[k for k, _l in COLUMNS].index(key)], label=labels[key], message=message))

    for number, values in rows:
        task_text, agency_text, source_text, amount_value, note_value = values[:5]
        before = len(problems)
        task_id = lookups.tasks.get(task_code_key(_text(task_text)))
        if task_id is None:
            problem(number, "task", _("No task of this plan has the code “%(code)s”.") % {"code": _text(task_text)})
        agency_name = _text(agency_text)
        agency_id = lookups.agencies.get(agency_key(agency_name)) if agency_name else lookups.default_agency_id
        if agency_id is None:
            problem(number, "agency", _("Unknown agency “%(name)s”.") % {"name": agency_name})
        elif lookups.allowed_agency_ids is not None and agency_id not in lookups.allowed_agency_ids:
            problem(number, "agency", _("You can enter estimates only for your own agency."))
        source = sources.get(ascii_key(_text(source_text)))
        if source is None:
            problem(number, "source", _("Unknown source of funds “%(value)s”: use state budget, socialised funds or foreign funds.")
                    % {"value": _text(source_text)})
        try:
            amount = _amount(amount_value)
            if amount < 0:
                problem(number, "amount", _("The estimate cannot be negative."))
        except ValueError:
            amount = 0
            problem(number, "amount", _("The estimate must be a whole number of đồng."))
        note = _text(note_value)
        if len(note) > 500:
            problem(number, "note", _("The note is longer than 500 characters."))
        if len(problems) > before:
            continue
        key = (task_id, agency_id, source)
        if key in seen:
            problem(number, "task", _("The same task, agency and source already appear on row %(row)s.") % {"row": seen[key]})
            continue
        seen[key] = number
        good.append((number, EstimateRow(task_id=task_id, agency_id=agency_id, source=source, amount=amount, note=note)))
    return Checked(rows=good if not problems else [], problems=problems)


def export_estimates(rows: Iterable[Sequence]) -> bytes:
    """The estimates as a workbook in the import's own columns, plus the status column
    (ignored by the import), so an agency can download, change and upload again."""
    headers = [str(label) for _key, label in COLUMNS] + [_("Status")]
    return export_xlsx(headers=headers, rows=rows, sheet_title=_("Budget estimates"))
