"""Every write on personal records, including the reads that must be logged.

Opening, listing and exporting a record write a ``PersonAccessLog`` row, so they are
services too. Erasure blanks the personal fields in the record and in every history row
of it, keeping only that the erasure happened.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.core.countries import is_country
from ngvh.core.text import nfc
from ngvh.core.xlsx import ImportOutcome

from . import xlsx
from .models import (
    PERSONAL_FIELDS,
    AccessAction,
    ConsentMethod,
    Person,
    PersonAccessLog,
    PersonCategory,
)
from .policies import PersonPolicy


@dataclass
class PersonData:
    owner_agency_id: int
    category: str
    full_name: str
    consent_date: dt.date | None
    consent_scope: str
    consent_method: str
    email: str = ""
    phone: str = ""
    languages: str = ""
    skills: str = ""
    course: str = ""
    country: str = ""
    association: str = ""
    field: str = ""


def _log(user, people, action: str) -> None:
    PersonAccessLog.objects.bulk_create([PersonAccessLog(person_id=p.pk, actor=user, action=action) for p in people])


def _validate(data: PersonData) -> dict:
    errors: dict[str, list[str]] = {}
    if data.category not in PersonCategory.values:
        errors["category"] = [_("Choose the category.")]
    if not nfc(data.full_name):
        errors["full_name"] = [_("Enter the person's full name.")]
    if data.consent_date is None:
        errors["consent_date"] = [_("A record is kept only with the person's consent: enter the date it was given.")]
    elif data.consent_date > timezone.localdate():
        errors["consent_date"] = [_("The consent date cannot be in the future.")]
    if not (data.consent_scope or "").strip():
        errors["consent_scope"] = [_("Write what the person consented to.")]
    if data.consent_method not in ConsentMethod.values:
        errors["consent_method"] = [_("Say how the consent was given.")]
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    if data.country and not is_country(data.country):
        errors["country"] = [_("Choose the country.")]
    return errors


def _fill(person: Person, data: PersonData) -> None:
    for name, value in asdict(data).items():
        if isinstance(value, str) and name not in ("consent_scope", "skills"):
            value = nfc(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(person, name, value)
    person.country = person.country.upper()


@transaction.atomic
def person_create(*, user, data: PersonData) -> Person:
    if not PersonPolicy.can_create(user) or not PersonPolicy.can_record_for(user, data.owner_agency_id):
        raise PermissionDenied
    errors = _validate(data)
    if errors:
        raise ValidationError(errors)
    person = Person(created_by=user)
    _fill(person, data)
    person._history_user = user
    person.save()
    _log(user, [person], AccessAction.CREATE)
    return person


def _locked(user, person) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not PersonPolicy.can_change(user, person):
        raise PermissionDenied
    return person


@transaction.atomic
def person_update(*, user, person: Person, data: PersonData) -> Person:
    person = _locked(user, person)
    if person.erased_at:
        raise ValidationError(_("This record was erased; record the person again with a new consent."))
    if not PersonPolicy.can_record_for(user, data.owner_agency_id):
        raise PermissionDenied
    errors = _validate(data)
    if errors:
        raise ValidationError(errors)
    _fill(person, data)
    person._history_user = user
    person.save()
    _log(user, [person], AccessAction.UPDATE)
    return person


@transaction.atomic
def person_open(*, user, pk: int) -> Person:
    """The record for its page, with the view logged; 404 when missing or not the user's to read."""
    person = Person.objects.select_related("owner_agency").filter(pk=pk).first()
    if person is None or not PersonPolicy.can_view(user, person):
        raise Http404
    _log(user, [person], AccessAction.VIEW)
    return person


@transaction.atomic
def people_list(*, user, category: str = "", limit: int = 200) -> list[Person]:
    """The records the user may read (a page of them), each logged as shown in a list."""
    rule = PersonPolicy.visible_q(user)
    if rule is None:
        return []
    qs = Person.objects.filter(rule).select_related("owner_agency")
    if category in PersonCategory.values:
        qs = qs.filter(category=category)
    people = list(qs.order_by("erased_at", "full_name", "id")[:limit])
    _log(user, [p for p in people if not p.erased_at], AccessAction.LIST)
    return people


def person_data(person: Person) -> dict:
    """One person's data, as exported (pure over the row)."""
    return {
        "id": person.pk,
        "category": person.category,
        "owner_agency": person.owner_agency.name,
        **{name: getattr(person, name) for name in PERSONAL_FIELDS},
        "consent": {
            "date": person.consent_date.isoformat() if person.consent_date else None,
            "scope": person.consent_scope,
            "method": person.consent_method,
        },
        "erased_at": person.erased_at.isoformat() if person.erased_at else None,
        "created_at": person.created_at.isoformat(),
    }


@transaction.atomic
def person_export(*, user, person: Person) -> bytes:
    """The person's data as JSON (the data subject's copy), with the export logged."""
    person = _locked(user, person)
    _log(user, [person], AccessAction.EXPORT)
    return json.dumps(person_data(person), ensure_ascii=False, indent=2).encode("utf-8")


BLANK = {name: "" for name in PERSONAL_FIELDS}
CONSENT_BLANK = {"consent_date": None, "consent_scope": "", "consent_method": ""}


@transaction.atomic
def person_erase(*, user, person: Person) -> Person:
    """Erase on the person's request: the row and every history row lose the personal data.

    What stays: the record's id, category, owning agency, when it was erased and by whom
    (the last history row, reason "erasure", and the access log).
    """
    person = _locked(user, person)
    if person.erased_at:
        return person
    person.history.all().update(**BLANK, **CONSENT_BLANK)
    for name, value in {**BLANK, **CONSENT_BLANK}.items():
        setattr(person, name, value)
    person.erased_at = timezone.now()
    person._history_user = user
    person._change_reason = "erasure"
    person.save()
    _log(user, [person], AccessAction.ERASE)
    return person


# ---- Excel ----------------------------------------------------------------------------------


def _import_lookups(user) -> xlsx.Lookups:
    from ngvh.core.text import agency_key

    agencies = {}
    for pk, name, key, short in PersonPolicy.recordable_agencies(user).values_list("pk", "name", "name_key", "short_name"):
        agencies[key or agency_key(name)] = pk
        if short:
            agencies.setdefault(agency_key(short), pk)
    return xlsx.Lookups(agencies=agencies, default_agency_id=PersonPolicy.default_agency_id(user))


def people_import_xlsx(*, user, data: bytes, commit: bool) -> ImportOutcome:
    """Check every row of a workbook as the form would; with ``commit`` and no problem,
    record them all (each with its consent, each creation logged), or none."""
    if not PersonPolicy.can_import(user):
        raise PermissionDenied
    try:
        rows = xlsx.read_rows(data)
    except xlsx.ImportFileError as exc:
        return ImportOutcome(file_error=str(exc))
    if not rows:
        return ImportOutcome(file_error=_("The file has no rows under the header."))
    checked = xlsx.check_rows(rows, _import_lookups(user))
    problems = list(checked.problems)
    good: list[tuple[int, PersonData]] = []
    for number, values in checked.rows:
        data_row = PersonData(**values)
        errors = _validate(data_row)
        if not PersonPolicy.can_record_for(user, data_row.owner_agency_id):
            errors.setdefault("owner_agency", [_("You can record people only for your own agency.")])
        for name, messages in errors.items():
            key = name if name in xlsx.INDEX else "full_name"
            problems.extend(xlsx.problem(number, key, message) for message in messages)
        if not errors:
            good.append((number, data_row))
    problems.sort(key=lambda p: (p.row, p.column))
    agencies = dict(PersonPolicy.recordable_agencies(user).values_list("pk", "name"))
    outcome = ImportOutcome(
        problems=problems,
        preview=[] if problems else [
            (n, [PersonCategory(d.category).label, d.full_name, agencies.get(d.owner_agency_id, ""),
                 d.consent_date.strftime("%d/%m/%Y"), ConsentMethod(d.consent_method).label])
            for n, d in good
        ],
    )
    if not commit or problems:
        return outcome
    _save_people(user=user, rows=[d for _n, d in good])
    outcome.saved = len(good)
    outcome.committed = True
    return outcome


@transaction.atomic
def _save_people(*, user, rows: list[PersonData]) -> None:
    for data_row in rows:
        person_create(user=user, data=data_row)


@transaction.atomic
def people_export_xlsx(*, user) -> tuple[bytes, int]:
    """The records the user may change, as a workbook in the import's columns; every
    record exported is logged as exported. Erased records have nothing left to export."""
    from ngvh.core.countries import country_name

    if not PersonPolicy.can_export_list(user):
        raise PermissionDenied
    rule = PersonPolicy.visible_q(user)
    people = [
        p for p in Person.objects.filter(rule, erased_at__isnull=True).select_related("owner_agency").order_by("full_name", "id")
        if PersonPolicy.can_change(user, p)
    ]
    _log(user, people, AccessAction.EXPORT)
    rows = [
        [
            str(PersonCategory(p.category).label), p.full_name, p.owner_agency.name, p.email, p.phone, p.languages, p.skills,
            p.course, country_name(p.country) if p.country else "", p.association, p.field, p.consent_date, p.consent_scope,
            str(ConsentMethod(p.consent_method).label) if p.consent_method else "", p.pk,
        ]
        for p in people
    ]
    return xlsx.export(rows), len(people)
