"""Pages for delegations and press crews. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngvh.agencies.models import Agency
from ngvh.core.countries import country_name
from ngvh.core.pages import crumbs, form_errors, requested
from ngvh.plans import selectors as plan_selectors

from . import selectors, services
from .forms import ApproveForm, CompleteForm, DelegationForm
from .models import DelegationStatus
from .policies import DelegationPolicy


def _plan(request: HttpRequest):
    return requested(request, plan_selectors.plan_list(user=request.user))


def _crumbs(*items):
    return crumbs(_("Delegations and press crews"), "delegations:list", *items)


@login_required
def delegation_list(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    status = request.GET.get("status", "")
    status = status if status in DelegationStatus.values else ""
    rows = list(selectors.delegation_list(user=request.user, plan_id=plan.pk if plan else None, status=status)[:500])
    for d in rows:
        d.country_label = country_name(d.country)
    return render(
        request, "delegations/list.html",
        {"rows": rows, "plan": plan, "status": status, "statuses": DelegationStatus.choices,
         "can_register": DelegationPolicy.can_register(request.user), "crumbs": _crumbs()},
    )


@login_required
def delegation_create(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    if plan is None or not DelegationPolicy.can_register(request.user):
        raise Http404
    agencies = Agency.objects.filter(province_id=plan.province_id, active_until__isnull=True).order_by("name")
    form = DelegationForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            d = services.delegation_register(user=request.user, plan=plan, data=form.data_object())
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The delegation has been registered; its lead agency approves it."))
            return redirect("delegations:detail", d.pk)
    return render(
        request, "delegations/form.html",
        {"form": form, "plan": plan, "title": _("Register a delegation or crew"), "crumbs": _crumbs((_("New"), None))},
    )


def _detail(request, d, *, approve_form=None, complete_form=None, status=200):
    can_move = DelegationPolicy.can_move(request.user, d)
    return render(
        request, "delegations/detail.html",
        {
            "d": d, "country": country_name(d.country), "events": selectors.delegation_events(d), "can_move": can_move,
            "approve_form": approve_form or ApproveForm(), "complete_form": complete_form or CompleteForm(),
            "crumbs": _crumbs((d.title, None)),
        },
        status=status,
    )


@login_required
def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.delegation_get(user=request.user, pk=pk))


@login_required
@require_POST
def delegation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.delegation_get(user=request.user, pk=pk)
    if not DelegationPolicy.can_move(request.user, d):
        raise Http404
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.delegation_approve(user=request.user, delegation=d, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The delegation has been approved."))
            return redirect("delegations:detail", d.pk)
    return _detail(request, d, approve_form=form, status=400)


@login_required
@require_POST
def delegation_complete(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.delegation_get(user=request.user, pk=pk)
    if not DelegationPolicy.can_move(request.user, d):
        raise Http404
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.delegation_complete(user=request.user, delegation=d, result=form.cleaned_data["result"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The delegation has been marked done."))
            return redirect("delegations:detail", d.pk)
    return _detail(request, d, complete_form=form, status=400)


@login_required
@require_POST
def delegation_activity(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.delegation_get(user=request.user, pk=pk)
    try:
        activity = services.delegation_activity_create(user=request.user, delegation=d)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("delegations:detail", d.pk)
    messages.success(request, _("The activity has been created."))
    return redirect("activities:detail", activity.pk)
