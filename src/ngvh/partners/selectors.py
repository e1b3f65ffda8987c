"""Reads of the partner registry, scoped to the user (nothing for whom may not read it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from ngvh.activities.models import Activity, ForeignPartner
from ngvh.activities.selectors import visible_activities
from ngvh.plans.models import AssignmentRole

from . import anniversaries, diplomatic
from .models import AnniversaryDraft, Relationship, RelationshipDocument
from .policies import RelationshipPolicy


def relationship_list(*, user) -> QuerySet[Relationship]:
    if not RelationshipPolicy.can_view(user):
        return Relationship.objects.none()
    return Relationship.objects.select_related("partner", "lead_agency").order_by("partner__country", "partner__name", "kind")


def relationship_get(*, user, pk: int) -> Relationship:
    found = relationship_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def partner_get(*, user, pk: int) -> ForeignPartner:
    if not RelationshipPolicy.can_view(user):
        raise Http404
    found = ForeignPartner.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class PartnerPage:
    partner: ForeignPartner
    relationships: list[Relationship]
    activities: list[Activity]
    diplomatic_since: object


def partner_page(*, user, partner: ForeignPartner) -> PartnerPage:
    """The partner, its relationships with their documents, and every exchange the user may read."""
    relationships = list(
        relationship_list(user=user)
        .filter(partner=partner)
        .prefetch_related(Prefetch("documents", queryset=RelationshipDocument.objects.order_by("-signed_on", "id")))
    )
    activities = list(
        visible_activities(user)
        .filter(foreign_partners=partner)
        .select_related("agency")
        .only("id", "title", "status", "kind", "start_date", "end_date", "is_demo", "agency__name")
        .order_by("-start_date", "-id")[:500]
    )
    return PartnerPage(partner, relationships, activities, diplomatic.established(partner.country))


@dataclass
class AnniversaryRow:
    subject: str  # "relationship" or "diplomatic"
    relationship: Relationship | None
    country: str
    since: object
    years: int
    on: object
    task: object
    agency: object
    draft: AnniversaryDraft | None

    @property
    def key(self) -> str:
        return f"r{self.relationship.pk}" if self.relationship else f"c{self.country}"


def _tasks(plan):
    from ngvh.plans.models import Task

    tasks = list(
        Task.objects.filter(plan=plan, retired_on__isnull=True)
        .prefetch_related("assignments__agency")
        .order_by("order")
    )
    return tasks, [(t.pk, t.search_text.split("\n")[-1]) for t in tasks]


def _lead(task):
    if task is None:
        return None
    for a in task.assignments.all():
        if a.role == AssignmentRole.LEAD and a.active_until is None:
            return a.agency
    return None


def anniversary_rows(*, user, plan, year: int) -> list[AnniversaryRow]:
    """Every relationship of the plan's province, and Viet Nam's diplomatic relations with
    each partner's country, reaching a round number of years (5, 10, 15 ...) in ``year``."""
    if not RelationshipPolicy.can_view(user):
        return []
    relationships = {r.pk: r for r in relationship_list(user=user).filter(province_id=plan.province_id)}
    countries = sorted({r.partner.country for r in relationships.values()})
    items = [(("r", pk), r.established_on) for pk, r in relationships.items()]
    items += [(("c", code), diplomatic.established(code)) for code in countries if diplomatic.established(code)]
    drafts = {
        (("r", d.relationship_id) if d.relationship_id else ("c", d.country)): d
        for d in AnniversaryDraft.objects.filter(plan=plan, year=year).select_related("activity")
    }
    tasks, task_texts = _tasks(plan)
    by_id = {t.pk: t for t in tasks}
    rows = []
    for m in anniversaries.milestones(items, year):
        what, ref = m.key
        relationship = relationships.get(ref) if what == "r" else None
        subject = relationship.kind if relationship else "diplomatic"
        task = by_id.get(anniversaries.suggest_task(task_texts, subject))
        agency = (relationship.lead_agency if relationship else None) or _lead(task)
        rows.append(
            AnniversaryRow(
                subject="relationship" if relationship else "diplomatic",
                relationship=relationship,
                country=relationship.partner.country if relationship else ref,
                since=m.since,
                years=m.years,
                on=m.on,
                task=task,
                agency=agency,
                draft=drafts.get(m.key),
            )
        )
    return rows
