"""Excel and CSV for activities: the import template, the row checks, the exports.

Pure: plain data in, plain data or bytes out. The import is checked in memory against
lookup dictionaries the service prepares once (tasks by code, agencies by key,
countries by every spelling), so ten thousand rows cost no query at all here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ngvh.core import xlsx as core_xlsx
from ngvh.core.text import agency_key, ascii_key, canonical_tone, nfc, search_key
from ngvh.core.xlsx import ImportFileError, Problem, cell_date, export_xlsx, neutralise  # noqa: F401 - this module's API since the start

from .data import ActivityData, validate
from .models import ActivityKind, ActivityStatus

MAX_ROWS = 50_000
TEMPLATE_ROWS = 2000

# (key, header). The order is the file format: the reader goes by position.
COLUMNS: list[tuple[str, object]] = [
    ("title", gettext_lazy("Title")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("start_date", gettext_lazy("Start date (dd/mm/yyyy)")),
    ("end_date", gettext_lazy("End date (dd/mm/yyyy)")),
    ("agency", gettext_lazy("Recording agency")),
    ("tasks", gettext_lazy("Task codes (separate with commas)")),
    ("place_country", gettext_lazy("Country of the place")),
    ("place_name", gettext_lazy("Place (commune, district, city)")),
    ("countries", gettext_lazy("Other countries reached (separate with commas)")),
    ("partner_agencies", gettext_lazy("Partner agencies (separate with ;)")),
    ("participants_total", gettext_lazy("Participants")),
    ("participants_foreign", gettext_lazy("Of which foreign")),
    ("budget_state", gettext_lazy("State budget (đồng)")),
    ("budget_private", gettext_lazy("Socialised/private funds (đồng)")),
    ("budget_foreign", gettext_lazy("Foreign funds (đồng)")),
    ("media_count", gettext_lazy("Media coverage")),
    ("outcome", gettext_lazy("Outcome")),
    ("description", gettext_lazy("Description")),
]
COLUMN_INDEX = {key: i for i, (key, _label) in enumerate(COLUMNS)}
REQUIRED = {"title", "kind", "start_date"}


@dataclass
class ImportLookups:
    """Everything the checks need, fetched by the service in a handful of queries."""

    tasks: dict[str, int]  # task code key -> id
    agencies: dict[str, int]  # agency_key -> id (names and aliases)
    countries: dict[str, str]  # any spelling key -> alpha-2
    default_agency_id: int | None
    allowed_agency_ids: set[int] | None  # None: any agency (coordinators)
    assignments: set[tuple[int, int]] = field(default_factory=set)  # (agency_id, task_id), current
    task_codes: dict[int, str] = field(default_factory=dict)

    @property
    def plan_task_ids(self) -> frozenset[int]:
        return frozenset(self.tasks.values())


@dataclass
class CheckedRows:
    rows: list[tuple[int, ActivityData]]
    problems: list[Problem]
    warnings: list[Problem]
    total: int

    @property
    def ok(self) -> bool:
        return not self.problems


# ---- keys -------------------------------------------------------------------------------

_WORD_RE = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    return canonical_tone(word)


_TOKEN_RE = re.compile(r"\w+|\W+", re.UNICODE)
_COMBINING_RE = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=65536)
def _ascii_token(token: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", token.replace("đ", "d")) if not unicodedata.combining(ch))


def fast_search_key(text: str) -> str:
    """Same result as ``core.text.search_key``, memoised word by word: imports repeat the
    same few thousand words over and over."""
    lowered = nfc(text).lower()
    if _COMBINING_RE.search(lowered):  # stray marks NFC could not compose: the slow, exact path
        return search_key(text)
    tones = _WORD_RE.sub(lambda m: _canonical_word(m.group(0)), lowered)
    plain = _TOKEN_RE.sub(lambda m: _ascii_token(m.group(0)), lowered)
    return f"{tones}\n{plain}"


@lru_cache(maxsize=65536)
def _part_keys(text: str) -> tuple[str, str] | None:
    """Both halves of the search key of one part, or None when only the exact path will do."""
    lowered = nfc(text).lower()
    if _COMBINING_RE.search(lowered):
        return None
    return _WORD_RE.sub(lambda m: _canonical_word(m.group(0)), lowered), _TOKEN_RE.sub(lambda m: _ascii_token(m.group(0)), lowered)


def fast_search_key_of(parts: Sequence[str]) -> str:
    """``search_key(" ".join(parts))``, with each distinct part keyed once.

    An import repeats the same places, outcomes and descriptions over thousands of rows.
    The key of the joined text is the keys of its non-empty parts joined by one space:
    ``nfc`` folds the joining space with the parts' own outer whitespace, and the space
    keeps NFC, the tone placement and the ASCII folding from reaching across parts. A
    part with stray combining marks sends the whole text down the exact path.
    """
    tones: list[str] = []
    plain: list[str] = []
    for part in parts:
        keys = _part_keys(part or "")
        if keys is None:
            return search_key(" ".join(parts))
        if keys[0]:
            tones.append(keys[0])
            plain.append(keys[1])
    return f"{' '.join(tones)}\n{' '.join(plain)}"


def task_code_key(code: str) -> str:
    return re.sub(r"\s+", "", str(code)).upper().rstrip(".")


def choice_lookup(choices) -> dict[str, str]:
    """A TextChoices enum's code, English and current-language labels -> code."""
    out: dict[str, str] = {}
    for value, label in choices.choices:
        for text in (value, str(label), _english(label)):
            out[ascii_key(text)] = value
    return out


def _english(label) -> str:
    from django.utils import translation

    with translation.override("en"):
        return str(label)


def _vi(label) -> str:
    from django.utils import translation

    with translation.override("vi"):
        return str(label)


# ---- reading ----------------------------------------------------------------------------


MAX_UNCOMPRESSED = 256 * 1024 * 1024  # a template of MAX_ROWS full rows is far below this


def read_rows(data: bytes) -> list[tuple[int, tuple]]:
    """(Excel row number, values) for every non-blank row under the header.

    Read with calamine (Rust), about five times faster than parsing the sheet XML in
    Python and twenty times faster than openpyxl on ten thousand rows; the container
    checks and the reader's failures give the import's own message, never a traceback
    (``core.xlsx.read_rows``).
    """
    return core_xlsx.read_rows(data, width=len(COLUMNS), max_rows=MAX_ROWS, max_uncompressed=MAX_UNCOMPRESSED)


# ---- checking ---------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # digits, a sign and a point: nothing for NFC to do
    return nfc(str(value))


_AMOUNT_RE = re.compile(r"^-?\d+$")


OPTIONAL_COUNTS = frozenset({"participants_total", "participants_foreign"})


def _int(value) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = _text(value).lower().replace("đồng", "").replace("đ", "").replace(" ", "").replace(".", "").replace(",", "")
    if not _AMOUNT_RE.match(text):
        raise ValueError
    return int(text)


def _split(value, sep: str) -> list[str]:
    return [part.strip() for part in _text(value).split(sep) if part.strip()]


_INVALID = object()


class _Memo(dict):
    """Per-import cache of a pure function of one cell value.

    An import repeats the same few dozen agency names, kinds, task codes, countries and
    dates over thousands of rows; each distinct value is keyed, looked up or parsed once.
    A ValueError is remembered too, so a bad value costs one parse however often it
    appears. Keys carry the value's type: ``True == 1`` must not share an entry.
    """

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __call__(self, value):
        key = (value.__class__, value)
        try:
            result = self[key]
        except KeyError:
            try:
                result = self.fn(value)
            except ValueError:
                result = _INVALID
            self[key] = result
        if result is _INVALID:
            raise ValueError
        return result


_NUMBER_KEYS = ("participants_total", "participants_foreign", "media_count", "budget_state", "budget_private", "budget_foreign")


class _Row:
    """One row being checked: its cells by column key, and the problems found in it."""

    def __init__(self, number: int, values: tuple, checker: _RowChecker):
        self.number = number
        self.values = values
        self.checker = checker
        self.problems: list[Problem] = []

    def bad(self, key: str, message: str) -> None:
        i = COLUMN_INDEX[key]
        self.problems.append(Problem(self.number, self.checker.letters[i], self.checker.headers[i], message))

    def cell(self, key: str):
        return self.values[COLUMN_INDEX[key]]

    def text(self, key: str) -> str:
        return self.checker.text_of(self.values[COLUMN_INDEX[key]])


class _RowChecker:
    """The lookups and per-import caches of :func:`check_rows`, and the check of one row,
    a group of cells at a time."""

    def __init__(self, lookups: ImportLookups):
        kinds = choice_lookup(ActivityKind)
        kinds.update({ascii_key(_vi(label)): value for value, label in ActivityKind.choices})
        statuses = choice_lookup(ActivityStatus)
        statuses.update({ascii_key(_vi(label)): value for value, label in ActivityStatus.choices})
        self.lookups = lookups
        self.headers = [str(label) for _key, label in COLUMNS]
        self.letters = [get_column_letter(i + 1) for i in range(len(COLUMNS))]
        self.text_of = _Memo(_text)
        self.date_of = _Memo(cell_date)
        self.int_of = _Memo(_int)
        self.kind_of = _Memo(lambda text: kinds.get(ascii_key(text), ""))
        self.status_of = _Memo(lambda text: statuses.get(ascii_key(text), ""))
        self.agency_of = _Memo(lambda text: lookups.agencies.get(agency_key(text)))
        self.country_of = _Memo(lambda text: _country(lookups, text))
        self.task_of = _Memo(lambda code: lookups.tasks.get(task_code_key(code)))
        self.split_of = {",": _Memo(lambda value: _split(value, ",")), ";": _Memo(lambda value: _split(value, ";"))}

    def check(self, row: _Row) -> ActivityData | None:
        """The row's data, or None when any cell is wrong (the problems are on ``row``)."""
        for key in REQUIRED:
            if row.text(key) == "":
                row.bad(key, _("This cell is required."))
        title = row.text("title")
        if len(title) > 500:
            row.bad("title", _("The title is longer than 500 characters."))
        kind, status = self._kind_and_status(row)
        start, end = self._dates(row)
        agency_id = self._agency(row)
        task_ids = self._tasks(row)
        place_country, countries = self._countries(row)
        partner_ids = self._partners(row)
        numbers = self._numbers(row)
        if row.problems:
            return None
        data = ActivityData(
            title=title,
            kind=kind,
            status=status,
            start_date=start,
            end_date=end,
            agency_id=agency_id,
            description=row.text("description"),
            place_country=place_country or "VN",
            place_name=row.text("place_name"),
            task_ids=task_ids,
            partner_agency_ids=partner_ids,
            country_codes=countries,
            outcome=row.text("outcome"),
            **numbers,
        )
        for key, messages in validate(data, plan_task_ids=self.lookups.plan_task_ids).items():
            for message in messages:
                row.bad(key if key in COLUMN_INDEX else "title", message)
        return None if row.problems else data

    def unassigned_warning(self, row: _Row, data: ActivityData) -> Problem | None:
        """A warning when the recording agency holds none of some of the row's tasks."""
        unassigned = [t for t in data.task_ids if (data.agency_id, t) not in self.lookups.assignments]
        if not unassigned:
            return None
        i = COLUMN_INDEX["tasks"]
        codes = ", ".join(self.lookups.task_codes.get(t, str(t)) for t in unassigned)
        return Problem(
            row.number, self.letters[i], self.headers[i], _("The recording agency is not assigned to task %(codes)s.") % {"codes": codes}
        )

    def _kind_and_status(self, row: _Row) -> tuple[str, str]:
        kind = ""
        kind_text = row.text("kind")
        if kind_text:
            kind = self.kind_of(kind_text)
            if not kind:
                row.bad("kind", _("“%(value)s” is not a kind of activity in the list.") % {"value": kind_text})
        status = ActivityStatus.DONE.value
        status_text = row.text("status")
        if status_text:
            status = self.status_of(status_text)
            if not status:
                row.bad("status", _("“%(value)s” is not a status; use planned, done or cancelled.") % {"value": status_text})
        return kind, status

    def _dates(self, row: _Row):
        start = end = None
        if row.text("start_date"):
            try:
                start = self.date_of(row.cell("start_date"))
            except ValueError:
                row.bad("start_date", _("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": row.text("start_date")})
        if row.text("end_date"):
            try:
                end = self.date_of(row.cell("end_date"))
            except ValueError:
                row.bad("end_date", _("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": row.text("end_date")})
        return start, end or start

    def _agency(self, row: _Row) -> int | None:
        lookups = self.lookups
        agency_id = lookups.default_agency_id
        agency_text = row.text("agency")
        if agency_text:
            agency_id = self.agency_of(agency_text)
            if agency_id is None:
                row.bad("agency", _("No agency is called “%(value)s”.") % {"value": agency_text})
        if agency_id is None and not agency_text:
            row.bad("agency", _("Name the recording agency."))
        elif agency_id is not None and lookups.allowed_agency_ids is not None and agency_id not in lookups.allowed_agency_ids:
            row.bad("agency", _("You can only record activities of your own agency."))
        return agency_id

    def _tasks(self, row: _Row) -> list[int]:
        task_ids: list[int] = []
        for code in self.split_of[","](row.cell("tasks")):
            task_id = self.task_of(code)
            if task_id is None:
                row.bad("tasks", _("The plan has no task “%(code)s”.") % {"code": code})
            elif task_id not in task_ids:
                task_ids.append(task_id)
        return task_ids

    def _countries(self, row: _Row) -> tuple[str | None, list[str]]:
        place_country = "VN"
        place_text = row.text("place_country")
        if place_text:
            place_country = self.country_of(place_text)
            if place_country is None:
                row.bad("place_country", _("“%(value)s” is not a country.") % {"value": place_text})
        countries: list[str] = []
        for name in self.split_of[","](row.cell("countries")):
            code = self.country_of(name)
            if code is None:
                row.bad("countries", _("“%(value)s” is not a country.") % {"value": name})
            else:
                countries.append(code)
        return place_country, countries

    def _partners(self, row: _Row) -> list[int]:
        partner_ids: list[int] = []
        for name in self.split_of[";"](row.cell("partner_agencies")):
            partner = self.agency_of(name)
            if partner is None:
                row.bad("partner_agencies", _("No agency is called “%(value)s”.") % {"value": name})
            elif partner not in partner_ids:
                partner_ids.append(partner)
        return partner_ids

    def _numbers(self, row: _Row) -> dict[str, int | None]:
        numbers: dict[str, int | None] = {}
        for key in _NUMBER_KEYS:
            try:
                raw = row.cell(key)
                # A blank count of people is "not reported"; a blank amount is nothing spent.
                numbers[key] = None if key in OPTIONAL_COUNTS and (raw is None or row.text(key) == "") else self.int_of(raw)
            except ValueError:
                row.bad(key, _("“%(value)s” is not a whole number.") % {"value": row.text(key)})
                numbers[key] = 0
        return numbers


def check_rows(rows: Sequence[tuple[int, tuple]], lookups: ImportLookups) -> CheckedRows:
    """Check every row and every cell; collect all problems instead of stopping at one."""
    checker = _RowChecker(lookups)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    good: list[tuple[int, ActivityData]] = []
    for number, values in rows:
        row = _Row(number, values, checker)
        data = checker.check(row)
        if data is None:
            problems.extend(row.problems)
            continue
        warning = checker.unassigned_warning(row, data)
        if warning is not None:
            warnings.append(warning)
        good.append((number, data))
    return CheckedRows(rows=good, problems=problems, warnings=warnings, total=len(rows))


def _country(lookups: ImportLookups, text: str) -> str | None:
    from ngvh.core.text import tone_key

    return lookups.countries.get(tone_key(text)) or lookups.countries.get(ascii_key(text)) or lookups.countries.get(text.lower())


# ---- writing ----------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")


def build_template(*, kinds: Sequence[str], statuses: Sequence[str], task_codes: Sequence[str], countries: Sequence[str]) -> bytes:
    """The import template: headers, an example-free sheet, and drop-down lists kept on a
    hidden sheet (an inline list is limited to 255 characters; the country list is not)."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Activities")[:31]
    ws.append([str(label) for _key, label in COLUMNS])
    for i, _col in enumerate(COLUMNS, start=1):
        c = ws.cell(row=1, column=i)
        c.font, c.fill = _HEADER_FONT, _HEADER_FILL
        ws.column_dimensions[get_column_letter(i)].width = 22 if i > 1 else 48
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("Lists")
    for col, values in enumerate((kinds, statuses, task_codes, countries), start=1):
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=col, value=value)
    lists.sheet_state = "hidden"

    def validation(col_key: str, list_col: str, count: int, strict: bool = True) -> None:
        if not count:
            return
        dv = DataValidation(type="list", formula1=f"=Lists!${list_col}$1:${list_col}${count}", allow_blank=True)
        dv.showErrorMessage = strict
        dv.error = _("Choose a value from the list.")
        dv.errorTitle = _("Value not in the list")
        letter = get_column_letter(COLUMN_INDEX[col_key] + 1)
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)

    validation("kind", "A", len(kinds))
    validation("status", "B", len(statuses))
    # Several codes may share a cell, so the task list suggests without refusing.
    validation("tasks", "C", len(task_codes), strict=False)
    validation("place_country", "D", len(countries))
    validation("countries", "D", len(countries), strict=False)
    date_letters = [get_column_letter(COLUMN_INDEX[k] + 1) for k in ("start_date", "end_date")]
    for letter in date_letters:
        for row in range(2, TEMPLATE_ROWS + 2):
            ws[f"{letter}{row}"].number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_csv(*, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow(
            [value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else neutralise("" if value is None else value) for value in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
