from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ngvh.accounts.history import history_entries
from ngvh.accounts.policies import acting_agency

from . import selectors, services
from .forms import AgencyForm, RestructuringForm
from .models import RestructuringKind
from .policies import AgencyPolicy, RestructuringEventPolicy


def _login_first(request: HttpRequest):
    return None if request.user.is_authenticated else redirect_to_login(request.get_full_path())


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def agency_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    agencies = selectors.agency_list(user=request.user, q=q)
    return render(
        request,
        "agencies/agency_list.html",
        {
            "agencies": agencies,
            "q": q,
            "can_create": AgencyPolicy.can_create(request.user),
            "can_restructure": RestructuringEventPolicy.can_record(request.user),
            "crumbs": [(_("Agencies"), None)],
        },
    )


def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_get(user=request.user, pk=pk)
    assignments = list(agency.assignments.all())
    lead = [a for a in assignments if a.role == "lead"]
    coordinating = [a for a in assignments if a.role == "coordinator"]
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "lead": lead,
            "coordinating": coordinating,
            "lineage": selectors.agency_lineage(agency),
            "work_years": selectors.agency_work_by_year(user=request.user, agency=agency),
            "can_edit": AgencyPolicy.can_edit(request.user, agency),
            "can_view_history": AgencyPolicy.can_view_history(request.user, agency),
            "crumbs": [(_("Agencies"), reverse("agencies:list")), (agency.name, None)],
        },
    )


def _agency_form_initial(agency) -> dict:
    return {
        "name": agency.name, "short_name": agency.short_name, "kind": agency.kind, "parent": agency.parent,
        "active_from": agency.active_from, "active_until": agency.active_until, "email": agency.email,
        "aliases": "\n".join(a.alias for a in agency.aliases.all()),
    }


def agency_create(request: HttpRequest) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    if not AgencyPolicy.can_create(request.user):
        raise Http404
    initial = {"province": getattr(acting_agency(request.user), "province_id", None)}
    form = AgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = services.agency_create(
                user=request.user, province=data["province"], name=data["name"], kind=data["kind"],
                short_name=data["short_name"], parent=data["parent"], active_from=data["active_from"],
                active_until=data["active_until"], email=data["email"], aliases=form.alias_list(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Agency created."))
            return redirect("agencies:detail", pk=agency.pk)
    return render(
        request, "agencies/agency_form.html",
        {"form": form, "crumbs": [(_("Agencies"), reverse("agencies:list")), (_("New agency"), None)]},
    )


def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    agency = selectors.agency_get(user=request.user, pk=pk)
    if not AgencyPolicy.can_edit(request.user, agency):
        raise Http404
    form = AgencyForm(request.POST or None, initial=_agency_form_initial(agency), agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agency_update(
                user=request.user, agency=agency, name=data["name"], kind=data["kind"], short_name=data["short_name"],
                parent=data["parent"], active_from=data["active_from"], active_until=data["active_until"],
                email=data["email"], aliases=form.alias_list(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Agency saved."))
            return redirect("agencies:detail", pk=agency.pk)
    return render(
        request, "agencies/agency_form.html",
        {"form": form, "agency": agency,
         "crumbs": [(_("Agencies"), reverse("agencies:list")), (agency.name, reverse("agencies:detail", args=[agency.pk])), (_("Edit"), None)]},
    )


def agency_history(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    agency = selectors.agency_get(user=request.user, pk=pk)
    if not AgencyPolicy.can_view_history(request.user, agency):
        raise Http404
    return render(
        request, "accounts/history.html",
        {"object": agency, "entries": history_entries(agency),
         "title": _("Change history: %(name)s") % {"name": agency.name},
         "crumbs": [(_("Agencies"), reverse("agencies:list")), (agency.name, reverse("agencies:detail", args=[agency.pk])), (_("History"), None)]},
    )


# ---- restructurings ---------------------------------------------------------------------


def _restructuring_crumbs(*items):
    return [(_("Agencies"), reverse("agencies:list")), (_("Restructurings"), reverse("agencies:restructuring_list")), *items]


def restructuring_list(request: HttpRequest) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    if not RestructuringEventPolicy.can_view(request.user):
        raise Http404
    events = selectors.restructuring_list(user=request.user)
    return render(
        request, "agencies/restructuring_list.html",
        {"events": events, "crumbs": [(_("Agencies"), reverse("agencies:list")), (_("Restructurings"), None)]},
    )


def restructuring_create(request: HttpRequest) -> HttpResponse:
    """Record a restructuring; a split takes a second step to choose who takes each task."""
    if (resp := _login_first(request)) is not None:
        return resp
    if not RestructuringEventPolicy.can_record(request.user):
        raise Http404
    form = RestructuringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_names = form.new_successor_names()
        if data["kind"] == RestructuringKind.SPLIT and len(data["predecessors"]) == 1:
            tasks = services.split_tasks(agency=data["predecessors"][0])
            options = [(str(a.pk), a.name) for a in data["successors"]] + [(f"new:{n}", n) for n in new_names]
            form = RestructuringForm(request.POST)
            form.add_split_fields(tasks, options)
            valid = form.is_valid()
            if "split_step" not in request.POST:
                for bound in form.split_fields():
                    form.errors.pop(bound.name, None)
                return _restructuring_form(request, form, split_step=True)
            if not valid:
                return _restructuring_form(request, form, split_step=True)
        choices = {}
        for bound in form.split_fields():
            value = form.cleaned_data[bound.name]
            task_id = int(bound.name.removeprefix("task_"))
            choices[task_id] = value.removeprefix("new:") if value.startswith("new:") else int(value)
        try:
            event = services.restructuring_record(
                user=request.user, kind=data["kind"], effective_date=data["effective_date"],
                predecessors=list(data["predecessors"]), successors=list(data["successors"]),
                new_successors=[services.NewAgency(name=n) for n in new_names], task_choices=choices or None,
                decision=data["decision"], note=data["note"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Restructuring recorded. The tasks have passed to the successor from the effective date."))
            return redirect("agencies:restructuring_detail", pk=event.pk)
    return _restructuring_form(request, form, split_step=bool(form.split_tasks))


def _restructuring_form(request, form, *, split_step: bool) -> HttpResponse:
    return render(
        request, "agencies/restructuring_form.html",
        {"form": form, "split_step": split_step, "crumbs": _restructuring_crumbs((_("Record a restructuring"), None))},
    )


def restructuring_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    event = selectors.restructuring_get(user=request.user, pk=pk)
    moved = selectors.restructuring_moves(event=event)
    return render(
        request, "agencies/restructuring_detail.html",
        {"event": event, "moved": moved, "can_undo": RestructuringEventPolicy.can_undo(request.user, event),
         "crumbs": _restructuring_crumbs((str(event), None))},
    )


def restructuring_undo(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    event = selectors.restructuring_get(user=request.user, pk=pk)
    if not RestructuringEventPolicy.can_undo(request.user, event):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.restructuring_undo(user=request.user, event=event)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Restructuring undone: the agencies and tasks are as they were before it."))
            return redirect("agencies:restructuring_detail", pk=event.pk)
    return render(
        request, "agencies/restructuring_undo.html",
        {"event": event, "error": error,
         "crumbs": _restructuring_crumbs((str(event), reverse("agencies:restructuring_detail", args=[event.pk])), (_("Undo"), None))},
    )
