"""Every write on the partner registry: relationships, their documents, planned anniversaries.

Each service checks the policy, checks the data, writes, and leaves a history row with
the acting user (django-simple-history).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngvh.activities.models import ActivityKind, ActivityStatus, ForeignPartner, PartnerKind
from ngvh.core.countries import country_name, is_country
from ngvh.core.text import agency_key, nfc
from ngvh.core.xlsx import ImportOutcome

from . import xlsx
from .models import AnniversaryDraft, Relationship, RelationshipDocument, RelationshipKind
from .policies import AnniversaryPolicy, RelationshipPolicy


def _partner_kind(kind: str) -> str:
    return PartnerKind.ORGANISATION if kind == RelationshipKind.ORGANISATION else PartnerKind.LOCALITY


@transaction.atomic
def relationship_create(
    *, user, province, name: str, country: str, kind: str, established_on: dt.date, lead_agency=None, notes: str = "",
    is_demo: bool = False,
) -> Relationship:
    """Record a relationship; the partner joins the shared registry the first time it is named."""
    if not RelationshipPolicy.can_manage(user):
        raise PermissionDenied
    name = nfc(name)
    errors = {}
    if not name:
        errors["name"] = [_("Enter the partner's name.")]
    if not is_country(country):
        errors["country"] = [_("Choose the partner's country.")]
    if kind not in RelationshipKind.values:
        errors["kind"] = [_("Choose the kind of relationship.")]
    if established_on is None:
        errors["established_on"] = [_("Enter the date the relationship was established.")]
    if errors:
        raise ValidationError(errors)
    partner, _created = ForeignPartner.objects.get_or_create(
        country=country.upper(), name_key=agency_key(name), defaults={"name": name, "kind": _partner_kind(kind)}
    )
    if Relationship.objects.filter(province=province, partner=partner, kind=kind).exists():
        raise ValidationError({"kind": [_("This relationship is already recorded.")]})
    relationship = Relationship(
        province=province, partner=partner, kind=kind, established_on=established_on, lead_agency=lead_agency,
        notes=(notes or "").strip(), is_demo=is_demo, created_by=user,
    )
    relationship._history_user = user
    relationship.save()
    return relationship


@transaction.atomic
def relationship_update(*, user, relationship: Relationship, established_on: dt.date, lead_agency=None, notes: str = "") -> Relationship:
    relationship = Relationship.objects.select_for_update().get(pk=relationship.pk)
    if not RelationshipPolicy.can_manage(user):
        raise PermissionDenied
    if established_on is None:
        raise ValidationError({"established_on": [_("Enter the date the relationship was established.")]})
    relationship.established_on = established_on
    relationship.lead_agency = lead_agency
    relationship.notes = (notes or "").strip()
    relationship._history_user = user
    relationship.save()
    return relationship


@transaction.atomic
def relationship_document_add(
    *, user, relationship: Relationship, title: str, signed_on: dt.date, signatories: str, number: str = ""
) -> RelationshipDocument:
    if not RelationshipPolicy.can_manage(user):
        raise PermissionDenied
    title = nfc(title)
    lines = [nfc(line) for line in (signatories or "").splitlines() if nfc(line)]
    errors = {}
    if not title:
        errors["title"] = [_("Enter the document's title.")]
    if signed_on is None:
        errors["signed_on"] = [_("Enter the date it was signed.")]
    if not lines:
        errors["signatories"] = [_("Name at least one signatory.")]
    if errors:
        raise ValidationError(errors)
    document = RelationshipDocument(
        relationship=relationship, title=title, number=nfc(number), signed_on=signed_on, signatories="\n".join(lines),
        created_by=user,
    )
    document._history_user = user
    document.save()
    return document


def _title(row) -> str:
    if row.relationship is not None:
        return _("%(years)d years of relations with %(partner)s (%(kind)s)") % {
            "years": row.years, "partner": row.relationship.partner.name, "kind": row.relationship.get_kind_display(),
        }
    return _("%(years)d years of diplomatic relations between Viet Nam and %(country)s") % {
        "years": row.years, "country": country_name(row.country),
    }


@transaction.atomic
def anniversary_draft(*, user, plan, year: int, key: str) -> AnniversaryDraft:
    """Draft a planned activity for one anniversary of the planner (``key`` as its rows give).

    The activity goes through ``activities.services.activity_create`` with the planner's
    suggested task and lead agency (the user's own agency when none is suggested), on the
    anniversary's date; the agency edits the details afterwards. Once per year and subject.
    """
    from ngvh.activities.data import ActivityData
    from ngvh.activities.services import activity_create
    from ngvh.plans.models import Plan

    from .selectors import anniversary_rows

    if not AnniversaryPolicy.can_draft(user):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # one draft at a time per plan
    row = next((r for r in anniversary_rows(user=user, plan=plan, year=year) if r.key == key), None)
    if row is None:
        raise ValidationError(_("No round anniversary of this relationship falls in %(year)d.") % {"year": year})
    if row.draft is not None:
        raise ValidationError(_("This anniversary already has a planned activity."))
    agency = row.agency or AnniversaryPolicy.fallback_agency(user)
    if agency is None:
        raise ValidationError(_("Choose an agency in charge for this relationship first."))
    partner = row.relationship.partner if row.relationship else None
    since = row.since.strftime("%d/%m/%Y")
    data = ActivityData(
        title=_title(row),
        kind=ActivityKind.EVENT_HOME,
        status=ActivityStatus.PLANNED,
        start_date=row.on,
        end_date=row.on,
        agency_id=agency.pk,
        description=_("Drafted from the anniversary planner: established on %(date)s.") % {"date": since},
        task_ids=[row.task.pk] if row.task else [],
        foreign_partner_ids=[partner.pk] if partner else [],
        country_codes=[] if partner else [row.country],
    )
    activity = activity_create(user=user, plan=plan, data=data, confirm_unassigned=True)
    draft = AnniversaryDraft(
        plan=plan, year=year, relationship=row.relationship, country="" if row.relationship else row.country,
        activity=activity, created_by=user,
    )
    draft._history_user = user
    draft.save()
    return draft


# ---- Excel ----------------------------------------------------------------------------------


def _import_lookups(*, province) -> xlsx.Lookups:
    from ngvh.agencies.models import Agency, AgencyAlias

    agencies: dict[str, int] = {}
    for pk, name, key, short in Agency.objects.filter(province=province).values_list("pk", "name", "name_key", "short_name"):
        agencies[key or agency_key(name)] = pk
        if short:
            agencies.setdefault(agency_key(short), pk)
    for alias_key, agency_id in AgencyAlias.objects.filter(province=province).values_list("key", "agency_id"):
        agencies.setdefault(alias_key, agency_id)
    existing = set(
        Relationship.objects.filter(province=province).values_list("partner__name_key", "partner__country", "kind")
    )
    return xlsx.Lookups(agencies=agencies, existing=existing)


def relationships_import_xlsx(*, user, province, data: bytes, commit: bool) -> ImportOutcome:
    """Check every row of a workbook; with ``commit`` and no problem, save them all.

    All rows or none: one bad row and nothing is written; the rows are saved through
    :func:`relationship_create` and :func:`relationship_document_add` in one transaction,
    so a row refused there (a relationship recorded meanwhile) undoes the whole file.
    """
    if not RelationshipPolicy.can_import(user):
        raise PermissionDenied
    try:
        rows = xlsx.read_rows(data)
    except xlsx.ImportFileError as exc:
        return ImportOutcome(file_error=str(exc))
    if not rows:
        return ImportOutcome(file_error=_("The file has no rows under the header."))
    checked = xlsx.check_rows(rows, _import_lookups(province=province))
    outcome = ImportOutcome(
        problems=list(checked.problems),
        preview=[(n, [r.name, country_name(r.country), RelationshipKind(r.kind).label, r.established_on.strftime("%d/%m/%Y"),
                      r.document_number]) for n, r in checked.rows],
    )
    if not commit or not checked.ok:
        return outcome
    try:
        outcome.saved = _save_rows(user=user, province=province, rows=checked.rows)
    except _RowRefused as exc:
        return ImportOutcome(problems=[exc.problem])
    outcome.committed = True
    return outcome


class _RowRefused(Exception):
    def __init__(self, problem: xlsx.Problem):
        super().__init__(problem.message)
        self.problem = problem


@transaction.atomic
def _save_rows(*, user, province, rows) -> int:
    from ngvh.agencies.models import Agency

    agencies = Agency.objects.in_bulk({r.lead_agency_id for _n, r in rows if r.lead_agency_id})
    for number, row in rows:
        try:
            relationship = relationship_create(
                user=user, province=province, name=row.name, country=row.country, kind=row.kind,
                established_on=row.established_on, lead_agency=agencies.get(row.lead_agency_id), notes=row.notes,
            )
            if row.document_title:
                relationship_document_add(
                    user=user, relationship=relationship, title=row.document_title, number=row.document_number,
                    signed_on=row.signed_on, signatories="\n".join(row.signatories),
                )
        except ValidationError as exc:
            raise _RowRefused(xlsx.Problem(row=number, column="", label="", message=" ".join(exc.messages))) from exc
    return len(rows)


def relationships_export_rows(relationships) -> list[list]:
    """Rows for :func:`xlsx.export` in the import's column order, the latest document of each."""
    out = []
    for r in relationships:
        documents = sorted(r.documents.all(), key=lambda d: (d.signed_on, d.pk), reverse=True)
        doc = documents[0] if documents else None
        out.append([
            r.partner.name, country_name(r.partner.country), str(r.get_kind_display()), r.established_on,
            r.lead_agency.name if r.lead_agency else "", r.notes,
            doc.title if doc else "", doc.number if doc else "", doc.signed_on if doc else None,
            "; ".join(doc.signatories.splitlines()) if doc else "",
        ])
    return out
