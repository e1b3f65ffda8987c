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
    agency = row.agency or user.agency
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
