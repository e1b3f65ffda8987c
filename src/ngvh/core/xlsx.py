"""What every Excel import and export of the apps shares.

- :class:`Problem`: one message about one cell (or a whole row) of an upload;
- :func:`read_rows`: the rows under the header, read with calamine, after the container
  checks (a zip holding ``xl/workbook.xml``, not a zip bomb), with the import's own
  message for anything unreadable;
- :func:`neutralise` and :func:`export_xlsx`: exports whose text cells never run as
  formulas in a spreadsheet;
- :func:`build_template`: an import template (header row, column widths, drop-down lists
  kept on a hidden sheet, date formats);
- the pending preview of an import: the workbook kept in the storage (``imports/``, a
  random key, ``default_storage`` only) between the preview and the confirmation, and the
  keys the user's session may confirm (:class:`PendingImports`).

Pure apart from the storage functions: no ORM, no domain.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import secrets
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from .files import STORAGE_ERRORS, delete_quietly, folder_files

log = logging.getLogger("ngvh.core")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportFileError(Exception):
    """The upload is not a readable workbook in the template's shape."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # Excel letter, "" for the whole row
    label: str
    message: str


# ---- reading ----------------------------------------------------------------------------


def unreadable_message() -> str:
    return _("This file cannot be read as an Excel workbook (.xlsx). Download the template and fill it in.")


def check_container(data: bytes, *, max_uncompressed: int, message: str | None = None) -> None:
    """An .xlsx is a zip holding ``xl/workbook.xml``; anything else (an .xls, an .ods, a
    truncated download, a zip bomb) is refused before the reader sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a damaged header claiming a zip version Python cannot read
        raise ImportFileError(message or unreadable_message()) from exc
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names or sum(info.file_size for info in infos) > max_uncompressed:
        raise ImportFileError(message or unreadable_message())


def read_rows(data: bytes, *, width: int, max_rows: int, max_uncompressed: int, message: str | None = None) -> list[tuple[int, tuple]]:
    """(Excel row number, values) for every non-blank row under the header, each padded
    or cut to ``width`` values.

    Read with calamine (Rust): numbers come as numbers, date-formatted cells as dates,
    empty cells as ``None``. Whatever goes wrong inside the reader (a damaged zip member,
    broken XML, a password) raises :class:`ImportFileError` with ``message`` (the import's
    own words), never a traceback.
    """
    from python_calamine import CalamineWorkbook

    check_container(data, max_uncompressed=max_uncompressed, message=message)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        finally:
            workbook.close()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a panic in the Rust reader is a BaseException
        raise ImportFileError(message or unreadable_message()) from exc
    out: list[tuple[int, tuple]] = []
    for number, cells in enumerate(grid[1:], start=2):
        values = [None if v == "" else v for v in cells[:width]]
        if not any(v is not None for v in values):
            continue
        if len(out) >= max_rows:
            raise ImportFileError(_("The file has more than %(max)s rows. Split it into smaller files.") % {"max": max_rows})
        values.extend([None] * (width - len(values)))
        out.append((number, tuple(values)))
    return out


# ---- cells ------------------------------------------------------------------------------

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def cell_text(value) -> str:
    """A cell as NFC text without outer spaces ("" for an empty cell, 3.0 read as "3")."""
    from ngvh.core.text import nfc

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def cell_date(value) -> dt.date | None:
    """A date cell, an Excel serial number or text dd/mm/yyyy (or yyyy-mm-dd); None when
    empty; ``ValueError`` for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # Excel's own range: 01/01/1900 to 31/12/9999
            raise ValueError
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell_text(value)
    if len(text) == 10 and text[2] == "/" and text[5] == "/":
        # dd/mm/yyyy, what the templates ask for: slice and int instead of strptime (an
        # import reads thousands of them).
        day, month, year = text[:2], text[3:5], text[6:]
        if day.isdigit() and month.isdigit() and year.isdigit() and day.isascii() and month.isascii() and year.isascii():
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                pass  # the formats below decide
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def choice_lookup(choices) -> dict[str, str]:
    """A TextChoices enum's every accepted spelling (the code, the English and the
    Vietnamese label, with or without diacritics) -> its value."""
    from django.utils import translation

    from ngvh.core.text import ascii_key

    out: dict[str, str] = {}
    for value, label in choices.choices:
        out[ascii_key(value)] = value
        for lang in ("en", "vi"):
            with translation.override(lang):
                out[ascii_key(str(label))] = value
    return out


def letter(index: int) -> str:
    """The Excel letter of a 0-based column."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass
class ImportOutcome:
    """What an import's check (and, confirmed, its save) gave: a file error, or the row
    problems, or the rows ready (``preview``: plain values for the preview table)."""

    file_error: str = ""
    problems: list[Problem] = field(default_factory=list)
    preview: list[tuple[int, list]] = field(default_factory=list)
    saved: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems


# ---- writing ----------------------------------------------------------------------------

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def export_xlsx(*, headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str) -> bytes:
    """A one-sheet workbook: the header row, then the rows; dates as dd/mm/yyyy cells,
    every text cell neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    ws.append([neutralise(str(h)) for h in headers])
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, dt.date):
                date_cell = WriteOnlyCell(ws, value=value)
                date_cell.number_format = "DD/MM/YYYY"
                out.append(date_cell)
            else:
                out.append(neutralise(value))
        ws.append(out)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ListColumn:
    """A drop-down on column ``index`` (0-based) offering ``values``; ``strict`` refuses
    anything else in Excel (a cell that may hold several values suggests only)."""

    index: int
    values: Sequence[str]
    strict: bool = True


def write_header(ws, headers: Sequence[str], *, widths: Sequence[int] | None = None) -> None:
    """The header row in bold on grey, the given column widths, frozen under the header."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    font, fill = Font(bold=True), PatternFill("solid", fgColor="F3F2F1")
    ws.append([neutralise(str(h)) for h in headers])
    for i, _header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = font, fill
        if widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.freeze_panes = "A2"


def build_template(
    *, sheet_title: str, headers: Sequence[str], widths: Sequence[int] | None = None, lists: Sequence[ListColumn] = (),
    date_columns: Sequence[int] = (), rows: int = 1000,
) -> bytes:
    """An import template: the header row, drop-down lists kept on a hidden sheet (an
    inline list is limited to 255 characters), and date cells formatted dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    write_header(ws, headers, widths=widths)
    if lists:
        sheet = wb.create_sheet("Lists")
        sheet.sheet_state = "hidden"
        for col, column in enumerate(lists, start=1):
            for row, value in enumerate(column.values, start=1):
                sheet.cell(row=row, column=col, value=neutralise(value))
            if not column.values:
                continue
            list_letter = get_column_letter(col)
            dv = DataValidation(
                type="list", formula1=f"=Lists!${list_letter}$1:${list_letter}${len(column.values)}", allow_blank=True
            )
            dv.showErrorMessage = column.strict
            dv.error = _("Choose a value from the list.")
            dv.errorTitle = _("Value not in the list")
            letter = get_column_letter(column.index + 1)
            dv.add(f"{letter}2:{letter}{rows + 1}")
            ws.add_data_validation(dv)
    for index in date_columns:
        letter = get_column_letter(index + 1)
        for row in range(2, rows + 2):
            ws[f"{letter}{row}"].number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def attachment(body: bytes, filename: str):
    """The workbook as a download."""
    from django.http import HttpResponse

    response = HttpResponse(body, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---- pending previews -------------------------------------------------------------------

IMPORTS = "imports"
_KEY = re.compile(r"[0-9a-f]{32}")


class StorageUnavailable(Exception):
    """The file store (disk or bucket) did not answer: nothing was kept, try again later."""




def pending_name(key: str) -> str:
    """The storage name of a pending workbook; a key we did not make is refused outright."""
    if not _KEY.fullmatch(key or ""):
        raise FileNotFoundError(key)
    return f"{IMPORTS}/{key}.xlsx"


def pending_save(data: bytes, *, unavailable=StorageUnavailable) -> str:
    """Keep an import's workbook between its preview and its confirmation; the key.
    ``unavailable`` (an exception class) when the store does not answer."""
    key = secrets.token_hex(16)
    name = pending_name(key)
    try:
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # a random name never collides; if it did, the key would name another file
            default_storage.delete(saved)
            raise RuntimeError(f"storage renamed {name} to {saved}")
    except STORAGE_ERRORS as exc:
        raise unavailable(_("The file store is not answering. Nothing was saved; try again in a few minutes.")) from exc
    return key


def pending_read(key: str) -> bytes:
    """The workbook a preview kept (``FileNotFoundError`` when gone or never there)."""
    with default_storage.open(pending_name(key), "rb") as fh:
        return fh.read()


def pending_remove(key: str) -> None:
    """Forget a kept workbook; a store that does not answer leaves it for ``ngvh cleanup``."""
    delete_quietly(pending_name(key), what="import preview")


def pending_keys() -> Iterator[str]:
    """Every kept workbook's key (for ``ngvh cleanup``)."""
    for f in folder_files(IMPORTS):
        key = f.removesuffix(".xlsx")
        if f.endswith(".xlsx") and _KEY.fullmatch(key):
            yield key


def pending_modified_at(key: str) -> dt.datetime:
    return default_storage.get_modified_time(pending_name(key))


class PendingImports:
    """The previews a session may confirm, under one session key per import.

    A key is confirmed only by the session that previewed it, so nobody can save a
    workbook another user uploaded by guessing or replaying its key.
    """

    def __init__(self, request, session_key: str):
        self.session = request.session
        self.session_key = session_key

    def _all(self) -> dict:
        return self.session.get(self.session_key, {})

    def keep(self, data: bytes) -> str:
        """Store the workbook and remember its key in the session (``StorageUnavailable``)."""
        key = pending_save(data)
        pending = self._all()
        pending[key] = dt.datetime.now().isoformat()
        self.session[self.session_key] = pending
        return key

    def read(self, key: str) -> bytes:
        """The workbook of a key this session previewed; ``FileNotFoundError`` otherwise."""
        if key not in self._all():
            raise FileNotFoundError(key)
        return pending_read(key)

    def forget(self, key: str) -> None:
        pending_remove(key)
        pending = self._all()
        pending.pop(key, None)
        self.session[self.session_key] = pending
