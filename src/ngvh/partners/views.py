"""Pages of the partner registry. Thin: selectors read, services write, policies decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ngvh.accounts.history import history_entries
from ngvh.accounts.policies import HistoryPolicy
from ngvh.agencies.models import Agency
from ngvh.core import xlsx as core_xlsx
from ngvh.core.countries import country_choices, country_name
from ngvh.core.pages import crumbs, form_errors, int_or_none, requested
from ngvh.core.xlsx_views import import_page
from ngvh.plans import selectors as plan_selectors

from . import selectors, services, xlsx
from .forms import DocumentForm, RelationshipForm
from .models import RelationshipKind
from .policies import AnniversaryPolicy, RelationshipPolicy


def _plan(request: HttpRequest):
    plans = plan_selectors.plan_list(user=request.user)
    return requested(request, plans), plans


def _crumbs(*items):
    return crumbs(_("Foreign partners"), "partners:list", *items)


def _agencies(province_id):
    return Agency.objects.filter(province_id=province_id, active_until__isnull=True).order_by("name")


@login_required
def relationship_list(request: HttpRequest) -> HttpResponse:
    if not RelationshipPolicy.can_view(request.user):
        raise Http404
    rows = [{"r": r, "country": country_name(r.partner.country)} for r in selectors.relationship_list(user=request.user)]
    return render(
        request, "partners/list.html",
        {"rows": rows, "can_manage": RelationshipPolicy.can_manage(request.user),
         "can_import": RelationshipPolicy.can_import(request.user), "crumbs": _crumbs()},
    )


@login_required
def relationship_create(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    if not RelationshipPolicy.can_manage(request.user) or plan is None:
        raise Http404
    form = RelationshipForm(request.POST or None, agencies=_agencies(plan.province_id))
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            r = services.relationship_create(
                user=request.user, province=plan.province, name=c["name"], country=c["country"], kind=c["kind"],
                established_on=c["established_on"], lead_agency=c["lead_agency"], notes=c["notes"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The relationship has been recorded."))
            return redirect("partners:partner", r.partner_id)
    return render(request, "partners/form.html", {"form": form, "title": _("Record a relationship"), "crumbs": _crumbs((_("New"), None))})


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.partner_get(user=request.user, pk=pk)
    page = selectors.partner_page(user=request.user, partner=partner)
    return render(
        request, "partners/partner.html",
        {
            "page": page, "country": country_name(partner.country), "can_manage": RelationshipPolicy.can_manage(request.user),
            "can_history": HistoryPolicy.can_view(request.user), "crumbs": _crumbs((partner.name, None)),
        },
    )


@login_required
def relationship_edit(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.relationship_get(user=request.user, pk=pk)
    if not RelationshipPolicy.can_manage(request.user):
        raise Http404
    initial = {"established_on": r.established_on, "lead_agency": r.lead_agency, "notes": r.notes}
    form = RelationshipForm(request.POST or None, initial=initial, agencies=_agencies(r.province_id), editing=True)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            services.relationship_update(
                user=request.user, relationship=r, established_on=c["established_on"], lead_agency=c["lead_agency"], notes=c["notes"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The relationship has been saved."))
            return redirect("partners:partner", r.partner_id)
    return render(
        request, "partners/form.html",
        {"form": form, "title": str(r), "crumbs": _crumbs((r.partner.name, reverse("partners:partner", args=[r.partner_id])), (_("Edit"), None))},
    )


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.relationship_get(user=request.user, pk=pk)
    if not RelationshipPolicy.can_manage(request.user):
        raise Http404
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_document_add(user=request.user, relationship=r, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The document has been added."))
            return redirect("partners:partner", r.partner_id)
    return render(
        request, "partners/form.html",
        {"form": form, "title": _("Add a document: %(r)s") % {"r": r},
         "crumbs": _crumbs((r.partner.name, reverse("partners:partner", args=[r.partner_id])), (_("Add a document"), None))},
    )


@login_required
def relationship_history(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.relationship_get(user=request.user, pk=pk)
    if not HistoryPolicy.can_view(request.user, r):
        raise Http404
    return render(
        request, "accounts/history.html",
        {"object": r, "entries": history_entries(r), "title": _("Change history: %(name)s") % {"name": r},
         "crumbs": _crumbs((r.partner.name, reverse("partners:partner", args=[r.partner_id])), (_("History"), None))},
    )


@login_required
def anniversaries(request: HttpRequest) -> HttpResponse:
    if not AnniversaryPolicy.can_view(request.user):
        raise Http404
    plan, plans = _plan(request)
    year = int_or_none(request.GET.get("year")) or timezone.localdate().year + 1
    if not 1900 <= year <= 2200:
        raise Http404
    rows = selectors.anniversary_rows(user=request.user, plan=plan, year=year) if plan else []
    for row in rows:
        row.country_label = country_name(row.country)
        if row.agency is None and AnniversaryPolicy.can_draft(request.user):
            row.agency = AnniversaryPolicy.fallback_agency(request.user)  # what anniversary_draft falls back to
    return render(
        request, "partners/anniversaries.html",
        {"rows": rows, "year": year, "plan": plan, "plans": plans, "can_draft": AnniversaryPolicy.can_draft(request.user),
         "kinds": dict(RelationshipKind.choices), "crumbs": _crumbs((_("Anniversaries"), None))},
    )


@login_required
@require_POST
def anniversary_draft(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    year = int_or_none(request.POST.get("year"))
    if plan is None or year is None or not AnniversaryPolicy.can_draft(request.user):
        raise Http404
    try:
        draft = services.anniversary_draft(user=request.user, plan=plan, year=year, key=request.POST.get("key", "")[:10])
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(reverse("partners:anniversaries") + f"?plan={plan.pk}&year={year}")
    messages.success(request, _("A planned activity has been drafted; complete its details."))
    return redirect("activities:detail", draft.activity_id)


# ---- Excel ----------------------------------------------------------------------------------


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    if plan is None or not RelationshipPolicy.can_import(request.user):
        raise Http404
    body = xlsx.build_template(
        kinds=[str(label) for _v, label in RelationshipKind.choices],
        countries=[f"{code} - {name}" for code, name in country_choices()],
        agencies=list(_agencies(plan.province_id).values_list("name", flat=True)),
    )
    return core_xlsx.attachment(body, "partners-template.xlsx")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing saved) → confirm (every row or none)."""
    plan, _plans = _plan(request)
    if plan is None or not RelationshipPolicy.can_import(request.user):
        raise Http404
    here = reverse("partners:import") + f"?plan={plan.pk}"
    return import_page(
        request, session_key="partners_import",
        run=lambda data, commit: services.relationships_import_xlsx(user=request.user, province=plan.province, data=data, commit=commit),
        context={
            "title": _("Import relationships from Excel"), "crumbs": _crumbs((_("Import from Excel"), None)),
            "template_url": reverse("partners:import_template") + f"?plan={plan.pk}",
            "template_hint": _("it has drop-down lists for the kind, the countries and the agencies."),
            "steps": [
                _("Fill in one relationship per row: the partner's name, its country (Vietnamese or English name, or the ISO code such as JP), the kind and the date it was established, as dd/mm/yyyy."),
                _("The document columns are optional: fill them in to record the signed MoU or agreement with its number, date and signatories."),
            ],
            "preview_headers": [_("Partner"), _("Country"), _("Kind"), _("Established on"), _("Document number")],
            "hidden": [("plan", plan.pk)],
        },
        done_url=reverse("partners:list"), again_url=here,
        done_message=lambda outcome: _("%(count)s relationships have been recorded.") % {"count": outcome.saved},
    )


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    if not RelationshipPolicy.can_export(request.user):
        raise Http404
    relationships = selectors.relationship_list(user=request.user).prefetch_related("documents")
    body = xlsx.export(services.relationships_export_rows(relationships))
    return core_xlsx.attachment(body, f"partners-{timezone.localdate():%Y%m%d}.xlsx")
