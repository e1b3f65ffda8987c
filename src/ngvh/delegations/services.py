"""Every write on delegations and press crews: register, approve, mark done, create the activity.

Each transition locks the row, checks the policy and the current status, writes, and
records a ``DelegationEvent`` with the acting user (and a history row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngvh.activities.models import ActivityKind, ActivityStatus
from ngvh.core.countries import is_country
from ngvh.core.text import nfc

from .models import (
    Delegation,
    DelegationEvent,
    DelegationEventKind,
    DelegationKind,
    DelegationStatus,
)
from .policies import DelegationPolicy


@dataclass
class DelegationData:
    kind: str
    title: str
    country: str
    start_date: dt.date
    end_date: dt.date | None
    lead_agency_id: int
    members: int = 0
    place_name: str = ""
    purpose: str = ""
    partner_id: int | None = None


def _event(delegation, *, user, kind, before="", note="") -> None:
    DelegationEvent.objects.create(
        delegation=delegation, kind=kind, actor=user, from_status=before, to_status=delegation.status, note=note
    )


def _validate(data: DelegationData) -> dict:
    errors: dict[str, list[str]] = {}
    if data.kind not in DelegationKind.values:
        errors["kind"] = [_("Choose the kind of delegation.")]
    if not nfc(data.title):
        errors["title"] = [_("Enter the delegation's name.")]
    if not is_country(data.country):
        errors["country"] = [_("Choose the country.")]
    if data.start_date is None:
        errors["start_date"] = [_("Enter the start date.")]
    elif data.end_date and data.end_date < data.start_date:
        errors["end_date"] = [_("The end date cannot be before the start date.")]
    if not data.lead_agency_id:
        errors["lead_agency"] = [_("Choose the lead agency.")]
    return errors


@transaction.atomic
def delegation_register(*, user, plan, data: DelegationData, is_demo: bool = False) -> Delegation:
    if not DelegationPolicy.can_register(user):
        raise PermissionDenied
    errors = _validate(data)
    if errors:
        raise ValidationError(errors)
    delegation = Delegation(
        plan=plan, kind=data.kind, title=nfc(data.title), country=data.country.upper(), partner_id=data.partner_id,
        members=data.members or 0, start_date=data.start_date, end_date=data.end_date or data.start_date,
        place_name=nfc(data.place_name), purpose=(data.purpose or "").strip(), lead_agency_id=data.lead_agency_id,
        registering_agency_id=DelegationPolicy.registering_agency_id(user), created_by=user, is_demo=is_demo,
    )
    delegation._history_user = user
    delegation.save()
    _event(delegation, user=user, kind=DelegationEventKind.REGISTERED)
    return delegation


def _locked(delegation) -> Delegation:
    return Delegation.objects.select_for_update().get(pk=delegation.pk)


@transaction.atomic
def delegation_approve(*, user, delegation: Delegation, coordination: str, police_coordinated: bool = False) -> Delegation:
    """The lead agency approves, noting whom it coordinates with (the police, for a crew)."""
    delegation = _locked(delegation)
    if not DelegationPolicy.can_move(user, delegation):
        raise PermissionDenied
    if delegation.status != DelegationStatus.REGISTERED:
        raise ValidationError(_("Only a registered delegation can be approved."))
    coordination = (coordination or "").strip()
    errors = {}
    if not coordination:
        errors["coordination"] = [_("Note the coordination: which agencies, what each does.")]
    if delegation.kind == DelegationKind.PRESS_CREW and not police_coordinated:
        errors["police_coordinated"] = [_("A foreign press or film crew is approved only in coordination with the city police.")]
    if errors:
        raise ValidationError(errors)
    before = delegation.status
    delegation.status = DelegationStatus.APPROVED
    delegation.coordination = coordination
    delegation.police_coordinated = bool(police_coordinated)
    delegation._history_user = user
    delegation.save()
    _event(delegation, user=user, kind=DelegationEventKind.APPROVED, before=before, note=coordination)
    return delegation


@transaction.atomic
def delegation_complete(*, user, delegation: Delegation, result: str) -> Delegation:
    delegation = _locked(delegation)
    if not DelegationPolicy.can_move(user, delegation):
        raise PermissionDenied
    if delegation.status != DelegationStatus.APPROVED:
        raise ValidationError(_("Only an approved delegation can be marked done."))
    result = (result or "").strip()
    if not result:
        raise ValidationError({"result": [_("Write a short result.")]})
    before = delegation.status
    delegation.status = DelegationStatus.DONE
    delegation.result = result
    delegation._history_user = user
    delegation.save()
    _event(delegation, user=user, kind=DelegationEventKind.DONE, before=before, note=result)
    return delegation


ACTIVITY_KIND = {
    DelegationKind.INCOMING: ActivityKind.DELEGATION_IN,
    DelegationKind.OUTGOING: ActivityKind.DELEGATION_OUT,
    DelegationKind.PRESS_CREW: ActivityKind.PRESS_CREW,
}
# Words (ASCII) of the task each kind serves, e.g. I.4 "Hướng dẫn, quản lý các đoàn phóng viên ...".
TASK_WORDS = {
    DelegationKind.PRESS_CREW: ("phong vien", "lam phim", "bao chi nuoc ngoai"),
    DelegationKind.INCOMING: ("don doan", "doan nuoc ngoai", "doan khach"),
    DelegationKind.OUTGOING: ("doan cong tac", "nuoc ngoai", "xuc tien"),
}


def _suggest_task(plan, kind) -> int | None:
    from ngvh.plans.models import Task

    words = TASK_WORDS.get(kind, ())
    best, best_score = None, 0
    for pk, text in Task.objects.filter(plan=plan, retired_on__isnull=True).order_by("order").values_list("pk", "search_text"):
        ascii_text = text.split("\n")[-1]
        score = sum(1 for w in words if w in ascii_text)
        if score > best_score:
            best, best_score = pk, score
    return best


@transaction.atomic
def delegation_activity_create(*, user, delegation: Delegation):
    """The matching activity, recorded for the lead agency against the task it serves.

    Done when the delegation is done (its result as the outcome), planned before.
    """
    from ngvh.activities.data import ActivityData
    from ngvh.activities.services import activity_create

    delegation = _locked(delegation)
    if not DelegationPolicy.can_move(user, delegation):
        raise PermissionDenied
    if delegation.activity_id:
        raise ValidationError(_("This delegation already has its activity."))
    members = delegation.members
    foreign = 0 if delegation.kind == DelegationKind.OUTGOING else members
    task = _suggest_task(delegation.plan, delegation.kind)
    data = ActivityData(
        title=delegation.title,
        kind=ACTIVITY_KIND[delegation.kind],
        status=ActivityStatus.DONE if delegation.status == DelegationStatus.DONE else ActivityStatus.PLANNED,
        start_date=delegation.start_date,
        end_date=delegation.end_date,
        agency_id=delegation.lead_agency_id,
        description=delegation.purpose,
        place_country=delegation.country if delegation.kind == DelegationKind.OUTGOING else "VN",
        place_name=delegation.place_name,
        task_ids=[task] if task else [],
        foreign_partner_ids=[delegation.partner_id] if delegation.partner_id else [],
        country_codes=[delegation.country],
        participants_total=members,
        participants_foreign=foreign,
        outcome=delegation.result,
    )
    activity = activity_create(user=user, plan=delegation.plan, data=data, confirm_unassigned=True)
    delegation.activity = activity
    delegation._history_user = user
    delegation.save(update_fields=["activity", "updated_at"])
    _event(delegation, user=user, kind=DelegationEventKind.ACTIVITY, before=delegation.status)
    return activity
