"""Budget pages. Thin: selectors read, services write, policies decide."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ngvh.core.pages import int_or_none, requested
from ngvh.plans import selectors as plan_selectors

from . import selectors, services, xlsx
from .forms import EstimateForm, ImportForm, ReturnForm
from .policies import BudgetEstimatePolicy


def _scope(request: HttpRequest):
    """(plan, year): ?plan= else the newest plan; ?year= else this year. 404 without a plan."""
    plan = requested(request, plan_selectors.plan_list(user=request.user))
    if plan is None or BudgetEstimatePolicy.visible_q(request.user) is None:
        raise Http404
    year = int_or_none(request.GET.get("year") or request.POST.get("year")) or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return plan, year


def _back(plan, year) -> str:
    return reverse("budget:list") + f"?plan={plan.pk}&year={year}"


@login_required
@require_GET
def estimate_list(request: HttpRequest) -> HttpResponse:
    plan, year = _scope(request)
    return _render_list(request, plan, year)


def _render_list(request: HttpRequest, plan, year: int, form=None) -> HttpResponse:
    user = request.user
    estimates = selectors.estimate_list(user=user, plan=plan, year=year)
    for e in estimates:
        e.can_edit = BudgetEstimatePolicy.can_submit(user, e)
        e.can_decide = BudgetEstimatePolicy.can_decide(user, e)
    context = {
        "plan": plan, "year": year, "years": range(year - 2, year + 3), "estimates": estimates,
        "comparison": selectors.budget_comparison(user, plan, year),
        "form": (form or EstimateForm(plan=plan)) if BudgetEstimatePolicy.can_enter(user) else None,
        "return_form": ReturnForm(), "can_import": BudgetEstimatePolicy.can_import(user),
        "crumbs": [(_("Budget"), None)],
    }
    return render(request, "budget/estimate_list.html", context, status=400 if form is not None else 200)


@login_required
@require_POST
def estimate_save(request: HttpRequest) -> HttpResponse:
    plan, year = _scope(request)
    if not BudgetEstimatePolicy.can_enter(request.user):
        raise Http404
    form = EstimateForm(request.POST, plan=plan)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.estimate_save(
                user=request.user, plan=plan, year=year, agency=BudgetEstimatePolicy.entering_agency(request.user),
                task=d["task"], source=d["source"], amount=d["amount"], note=d["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(_back(plan, year))
        messages.success(request, _("The estimate has been saved as a draft."))
        return redirect(_back(plan, year))
    return _render_list(request, plan, year, form=form)


def _decide(request: HttpRequest, pk: int, action) -> HttpResponse:
    estimate = selectors.estimate_get(user=request.user, pk=pk)
    try:
        action(estimate)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_back(estimate.plan, estimate.year))


@login_required
@require_POST
def estimate_submit(request: HttpRequest, pk: int) -> HttpResponse:
    def act(estimate):
        services.estimate_submit(user=request.user, estimate=estimate)
        messages.success(request, _("The estimate has been submitted to the focal point."))

    return _decide(request, pk, act)


@login_required
@require_POST
def estimate_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def act(estimate):
        services.estimate_approve(user=request.user, estimate=estimate)
        messages.success(request, _("The estimate has been approved."))

    return _decide(request, pk, act)


@login_required
@require_POST
def estimate_return(request: HttpRequest, pk: int) -> HttpResponse:
    def act(estimate):
        services.estimate_return(user=request.user, estimate=estimate, reason=request.POST.get("reason", ""))
        messages.success(request, _("The estimate has been returned to the agency."))

    return _decide(request, pk, act)


@login_required
def estimate_import(request: HttpRequest) -> HttpResponse:
    """Upload a workbook: every row saved, or none with the row messages."""
    plan, year = _scope(request)
    if not BudgetEstimatePolicy.can_import(request.user):
        raise Http404
    context = {"plan": plan, "year": year, "form": ImportForm(), "crumbs": [(_("Budget"), _back(plan, year)), (_("Import from Excel"), None)]}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.NGVH_MAX_UPLOAD_BYTES:
                form.add_error("file", _("The file is too large."))
            else:
                outcome = services.estimates_import_xlsx(user=request.user, plan=plan, year=year, data=upload.read())
                if outcome.ok:
                    messages.success(request, _("%(count)s estimates have been saved as drafts.") % {"count": outcome.saved})
                    return redirect(_back(plan, year))
                context["outcome"] = outcome
        return render(request, "budget/import.html", context, status=400)
    return render(request, "budget/import.html", context)


@login_required
@require_GET
def estimate_export(request: HttpRequest) -> HttpResponse:
    plan, year = _scope(request)
    if not BudgetEstimatePolicy.can_export(request.user):
        raise Http404
    rows = services.estimates_export_rows(selectors.estimate_list(user=request.user, plan=plan, year=year))
    response = HttpResponse(xlsx.export_estimates(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="du-toan-kinh-phi-{year}.xlsx"'
    return response
