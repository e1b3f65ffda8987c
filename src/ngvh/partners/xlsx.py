"""Excel import and export of relationships with foreign partners. Pure: plain data in,
plain data or bytes out.

One row is one relationship (partner, country, kind, since when, agency in charge) and,
optionally, the signed document that founded it (title, number, date, signatories).
Every row is checked against lookups the service prepares; one problem anywhere and
nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngvh.core import xlsx as core_xlsx
from ngvh.core.countries import country_from_text
from ngvh.core.text import agency_key, ascii_key
from ngvh.core.xlsx import ImportFileError, Problem, cell_date, cell_text, choice_lookup, letter  # noqa: F401 - ImportFileError: raised by read_rows

from .models import RelationshipKind

MAX_ROWS = 2000
MAX_UNCOMPRESSED = 50 * 1024 * 1024

# (key, header). The order is the file format: the reader goes by position.
COLUMNS: list[tuple[str, object]] = [
    ("name", gettext_lazy("Partner's name")),
    ("country", gettext_lazy("Country (name or ISO code)")),
    ("kind", gettext_lazy("Kind of relationship")),
    ("established_on", gettext_lazy("Established on (dd/mm/yyyy)")),
    ("lead_agency", gettext_lazy("Agency in charge")),
    ("notes", gettext_lazy("Notes")),
    ("document_title", gettext_lazy("Document title")),
    ("document_number", gettext_lazy("Document number (MoU number)")),
    ("signed_on", gettext_lazy("Signed on (dd/mm/yyyy)")),
    ("signatories", gettext_lazy("Signatories (separate with ;)")),
]
INDEX = {key: i for i, (key, _label) in enumerate(COLUMNS)}
WIDTHS = [32, 22, 20, 16, 36, 30, 40, 20, 16, 40]
DOCUMENT_KEYS = ("document_title", "document_number", "signed_on", "signatories")


@dataclass(frozen=True)
class RelationshipRow:
    name: str
    country: str
    kind: str
    established_on: dt.date
    lead_agency_id: int | None
    notes: str
    document_title: str = ""
    document_number: str = ""
    signed_on: dt.date | None = None
    signatories: tuple[str, ...] = ()


@dataclass
class Lookups:
    agencies: dict[str, int]  # agency_key -> id (names, short names, aliases) of the province
    existing: set[tuple[str, str, str]]  # (partner name key, country, kind) already recorded


@dataclass
class Checked:
    rows: list[tuple[int, RelationshipRow]]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def read_rows(data: bytes) -> list[tuple[int, tuple]]:
    return core_xlsx.read_rows(data, width=len(COLUMNS), max_rows=MAX_ROWS, max_uncompressed=MAX_UNCOMPRESSED)


def check_rows(rows: Sequence[tuple[int, tuple]], lookups: Lookups) -> Checked:
    """Check every cell of every row; collect all problems instead of stopping at one."""
    kinds = choice_lookup(RelationshipKind)
    labels = {key: str(label) for key, label in COLUMNS}
    problems: list[Problem] = []
    good: list[tuple[int, RelationshipRow]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, values in rows:
        def bad(key: str, message: str, _number=number) -> None:
            problems.append(Problem(_number, letter(INDEX[key]), labels[key], message))

        before = len(problems)
        row = _check_row(values, lookups, kinds, bad)
        if row is None or len(problems) > before:
            continue
        key = (agency_key(row.name), row.country, row.kind)
        if key in lookups.existing:
            bad("name", _("This relationship is already recorded."))
        elif key in seen:
            bad("name", _("The same partner and kind already appear on row %(row)s.") % {"row": seen[key]})
        else:
            seen[key] = number
            good.append((number, row))
    return Checked(rows=good if not problems else [], problems=problems)


def _check_row(values: tuple, lookups: Lookups, kinds: dict, bad) -> RelationshipRow | None:
    """One row's cells, each problem said through ``bad(column key, message)``."""
    text = {key: cell_text(values[INDEX[key]]) for key in INDEX}
    name = text["name"]
    if not name:
        bad("name", _("Enter the partner's name."))
    elif len(name) > 255:
        bad("name", _("The name is longer than 255 characters."))
    country = ""
    if not text["country"]:
        bad("country", _("Enter the partner's country."))
    elif not (country := country_from_text(text["country"]) or ""):
        bad("country", _("“%(value)s” is not a country.") % {"value": text["country"]})
    kind = ""
    if not text["kind"]:
        bad("kind", _("Choose the kind of relationship."))
    elif not (kind := kinds.get(ascii_key(text["kind"]), "")):
        bad("kind", _("“%(value)s” is not a kind of relationship: use twinned city, friendship, cooperation MoU or organisation.")
            % {"value": text["kind"]})
    established_on, readable = _date_cell(values, text, "established_on", bad)
    if readable and established_on is None:
        bad("established_on", _("Enter the date the relationship was established."))
    lead_agency_id = None
    if text["lead_agency"]:
        lead_agency_id = lookups.agencies.get(agency_key(text["lead_agency"]))
        if lead_agency_id is None:
            bad("lead_agency", _("No agency is called “%(value)s”.") % {"value": text["lead_agency"]})
    signed_on, _readable = _date_cell(values, text, "signed_on", bad)
    signatories = tuple(part.strip() for part in text["signatories"].split(";") if part.strip())
    if any(text[key] for key in DOCUMENT_KEYS):
        _check_document(text, signed_on, signatories, bad)
    return RelationshipRow(
        name=name, country=country, kind=kind, established_on=established_on, lead_agency_id=lead_agency_id,
        notes=text["notes"], document_title=text["document_title"], document_number=text["document_number"],
        signed_on=signed_on, signatories=signatories,
    )


def _date_cell(values: tuple, text: dict, key: str, bad) -> tuple:
    """(the date or None, whether the cell could be read as one)."""
    try:
        return cell_date(values[INDEX[key]]), True
    except ValueError:
        bad(key, _("“%(value)s” is not a date; write dd/mm/yyyy.") % {"value": text[key]})
        return None, False


def _check_document(text: dict, signed_on, signatories: tuple, bad) -> None:
    """A row that names a document (MoU, agreement) gives its title, date and signatories."""
    if not text["document_title"]:
        bad("document_title", _("A row with a document needs the document's title."))
    elif len(text["document_title"]) > 500:
        bad("document_title", _("The title is longer than 500 characters."))
    if len(text["document_number"]) > 100:
        bad("document_number", _("The number is longer than 100 characters."))
    if signed_on is None and not text["signed_on"]:
        bad("signed_on", _("Enter the date it was signed."))
    if not signatories:
        bad("signatories", _("Name at least one signatory."))


def build_template(*, kinds: Sequence[str], countries: Sequence[str], agencies: Sequence[str]) -> bytes:
    return core_xlsx.build_template(
        sheet_title=_("Foreign partners"), headers=[str(label) for _key, label in COLUMNS], widths=WIDTHS,
        lists=[
            core_xlsx.ListColumn(INDEX["kind"], kinds),
            core_xlsx.ListColumn(INDEX["country"], countries, strict=False),
            core_xlsx.ListColumn(INDEX["lead_agency"], agencies, strict=False),
        ],
        date_columns=[INDEX["established_on"], INDEX["signed_on"]],
    )


def export(rows: Iterable[Sequence]) -> bytes:
    """The relationships in the import's own columns (the latest document of each)."""
    return core_xlsx.export_xlsx(headers=[str(label) for _key, label in COLUMNS], rows=rows, sheet_title=_("Foreign partners"))
