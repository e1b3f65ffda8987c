"""Excel import and export of personal records. Pure: plain data in, plain data or bytes out.

Every row carries the person's consent (date, scope, how it was given): a row without it
is refused like a wrong cell, as Decree 13/2023 keeps no record without consent. The
cells are read here; the service checks each row as the form would and saves every row
or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngvh.core import xlsx as core_xlsx
from ngvh.core.countries import country_from_text
from ngvh.core.text import agency_key, ascii_key
from ngvh.core.xlsx import ImportFileError, Problem, cell_date, cell_text, choice_lookup, letter  # noqa: F401 - ImportFileError: raised by read_rows

from .models import ConsentMethod, PersonCategory

MAX_ROWS = 2000
MAX_UNCOMPRESSED = 50 * 1024 * 1024

# (key, header). The order is the file format: the reader goes by position.
COLUMNS: list[tuple[str, object]] = [
    ("category", gettext_lazy("Category")),
    ("full_name", gettext_lazy("Full name")),
    ("owner_agency", gettext_lazy("Owning agency (blank: your own)")),
    ("email", gettext_lazy("E-mail")),
    ("phone", gettext_lazy("Telephone")),
    ("languages", gettext_lazy("Languages")),
    ("skills", gettext_lazy("Skills")),
    ("course", gettext_lazy("Training course")),
    ("country", gettext_lazy("Country of residence (name or ISO code)")),
    ("association", gettext_lazy("Association")),
    ("field", gettext_lazy("Field of work")),
    ("consent_date", gettext_lazy("Consent given on (dd/mm/yyyy)")),
    ("consent_scope", gettext_lazy("Scope of the consent")),
    ("consent_method", gettext_lazy("How consent was given")),
]
INDEX = {key: i for i, (key, _label) in enumerate(COLUMNS)}
WIDTHS = [20, 30, 32, 28, 16, 20, 30, 28, 24, 28, 24, 16, 40, 28]
LIMITS = {"full_name": 200, "email": 254, "phone": 40, "languages": 255, "course": 255, "association": 255, "field": 255}
TEXT_KEYS = ("full_name", "email", "phone", "languages", "skills", "course", "association", "field", "consent_scope")


@dataclass
class Lookups:
    agencies: dict[str, int]  # agency_key -> id of the agencies the user may name
    default_agency_id: int | None


@dataclass
class Checked:
    """Rows whose cells were read (a dict of ``PersonData`` arguments each), and the
    problems of the cells that could not be."""

    rows: list[tuple[int, dict]]
    problems: list[Problem]


def read_rows(data: bytes) -> list[tuple[int, tuple]]:
    return core_xlsx.read_rows(data, width=len(COLUMNS), max_rows=MAX_ROWS, max_uncompressed=MAX_UNCOMPRESSED)


def problem(number: int, key: str, message: str) -> Problem:
    """A problem of one cell, named by its column's letter and header."""
    return Problem(number, letter(INDEX[key]), str(dict(COLUMNS)[key]), message)


def check_rows(rows: Sequence[tuple[int, tuple]], lookups: Lookups) -> Checked:
    """Read every cell of every row; collect all problems instead of stopping at one."""
    categories = choice_lookup(PersonCategory)
    methods = choice_lookup(ConsentMethod)
    problems: list[Problem] = []
    good: list[tuple[int, dict]] = []
    for number, values in rows:
        before = len(problems)

        def bad(key: str, message: str, _number=number) -> None:
            problems.append(problem(_number, key, message))

        text = {key: cell_text(values[INDEX[key]]) for key in INDEX}
        category = categories.get(ascii_key(text["category"]), "")
        if not text["category"]:
            bad("category", _("Choose the category."))
        elif not category:
            bad("category", _("“%(value)s” is not a category: use collaborator, trainee or overseas-Vietnamese contact.")
                % {"value": text["category"]})
        agency_id = lookups.default_agency_id
        if text["owner_agency"]:
            agency_id = lookups.agencies.get(agency_key(text["owner_agency"]))
            if agency_id is None:
                bad("owner_agency", _("“%(value)s” is not an agency you may record people for.") % {"value": text["owner_agency"]})
        elif agency_id is None:
            bad("owner_agency", _("Name the owning agency."))
        country = ""
        if text["country"]:
            country = country_from_text(text["country"]) or ""
            if not country:
                bad("country", _("“%(value)s” is not a country.") % {"value": text["country"]})
        consent_date = None
        try:
            consent_date = cell_date(values[INDEX["consent_date"]])
        except ValueError:
            bad("consent_date", _("“%(value)s” is not a date; write dd/mm/yyyy.") % {"value": text["consent_date"]})
        method = ""
        if text["consent_method"]:
            method = methods.get(ascii_key(text["consent_method"]), "")
            if not method:
                bad("consent_method", _("“%(value)s” is not a way of giving consent: use signed form, electronic or oral, recorded in minutes.")
                    % {"value": text["consent_method"]})
        for key, limit in LIMITS.items():
            if len(text[key]) > limit:
                bad(key, _("This cell is longer than %(max)s characters.") % {"max": limit})
        if len(problems) > before:
            continue
        good.append((number, {
            "owner_agency_id": agency_id, "category": category, "country": country, "consent_date": consent_date,
            "consent_method": method, **{key: text[key] for key in TEXT_KEYS},
        }))
    return Checked(rows=good, problems=problems)


def build_template(*, categories: Sequence[str], methods: Sequence[str], countries: Sequence[str], agencies: Sequence[str]) -> bytes:
    return core_xlsx.build_template(
        sheet_title=_("People"), headers=[str(label) for _key, label in COLUMNS], widths=WIDTHS,
        lists=[
            core_xlsx.ListColumn(INDEX["category"], categories),
            core_xlsx.ListColumn(INDEX["consent_method"], methods),
            core_xlsx.ListColumn(INDEX["country"], countries, strict=False),
            core_xlsx.ListColumn(INDEX["owner_agency"], agencies),
        ],
        date_columns=[INDEX["consent_date"]],
    )


def export(rows: Iterable[Sequence]) -> bytes:
    """The records in the import's own columns, then the record number (ignored on import)."""
    headers = [str(label) for _key, label in COLUMNS] + [_("Record number")]
    return core_xlsx.export_xlsx(headers=headers, rows=rows, sheet_title=_("People"))
