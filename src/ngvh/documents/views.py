from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors, services
from .docx_render import render_docx
from .forms import ConsolidationForm, PassagesForm, settings_initial
from .models import Consolidation
from .policies import ConsolidationPolicy
from .vocab import STATUS_VI
from .xlsx_render import render_xlsx

KIND_LABELS = {
    "intro": gettext_lazy("Introduction"),
    "assessment": gettext_lazy("General assessment"),
    "directions": gettext_lazy("Directions for next year"),
}


def _crumbs(plan=None, year=None, last=None):
    crumbs = [(_("Consolidated reports"), reverse("documents:index") if plan else None)]
    if plan is not None:
        url = reverse("documents:detail", args=[plan.pk, year]) if last else None
        crumbs.append((_("%(plan)s, year %(year)s") % {"plan": plan.number, "year": year}, url))
    if last:
        crumbs.append((last, None))
    return crumbs


@login_required
def index(request: HttpRequest) -> HttpResponse:
    rows = selectors.consolidation_list(user=request.user)
    return render(request, "documents/index.html", {"rows": rows, "crumbs": _crumbs()})


def _passage_label(p: dict) -> str:
    if p["kind"] == "result":
        return _("Results of %(agency)s, task %(task)s") % {"agency": p["agency"], "task": p["task_code"]}
    if p["kind"] == "difficulties":
        return _("Difficulties raised by %(agency)s") % {"agency": p["agency"]}
    if p["kind"] == "recommendations":
        return _("Recommendations of %(agency)s") % {"agency": p["agency"]}
    return str(KIND_LABELS.get(p["kind"], p["kind"]))


def _passage_source(p: dict) -> str:
    if p.get("report_id"):
        return _("From the report #%(id)s of %(agency)s.") % {"id": p["report_id"], "agency": p["agency"]}
    return _("Written by the system from the figures; rewrite it as needed.")


@login_required
def detail(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    consolidation = selectors.consolidation_find(user=request.user, plan=plan, year=year)
    can_build = ConsolidationPolicy.can_build(request.user)
    accepted = selectors.accepted_reports(plan=plan, year=year)
    form = None
    if request.method == "POST":
        if not can_build:
            raise Http404
        form = ConsolidationForm(request.POST, reports=accepted)
        if form.is_valid():
            try:
                services.consolidation_build(
                    user=request.user, plan=plan, year=year, report_ids=form.cleaned_data["reports"], settings=form.settings()
                )
            except services.NothingToConsolidate as exc:
                form.add_error(None, exc.text())
            else:
                messages.success(request, _("The consolidated report has been built from %(n)s accepted reports.") % {"n": len(form.cleaned_data["reports"])})
                return redirect("documents:detail", plan.pk, year)
    elif can_build:
        initial = settings_initial(consolidation) if consolidation else settings_initial(
            Consolidation(plan=plan, year=year, **services._default_settings(plan))
        )
        chosen = consolidation.report_ids if consolidation else [r.pk for r in accepted]
        initial["reports"] = [r.pk for r in accepted if r.pk in chosen] or [r.pk for r in accepted]
        form = ConsolidationForm(initial=initial, reports=accepted)
    content = services.effective_content(consolidation) if consolidation else None
    tasks = []
    if content:
        for group in content["groups"]:
            tasks.append({"group": group})
            tasks.extend({"task": t} for t in group["tasks"])
    return render(
        request,
        "documents/detail.html",
        {
            "plan": plan,
            "year": year,
            "consolidation": consolidation,
            "content": content,
            "rows": tasks,
            "accepted": accepted,
            "form": form,
            "can_build": can_build,
            "unaccepted_now": selectors.unaccepted_reports(plan=plan, year=year),
            "changed": selectors.changed_since_built(consolidation=consolidation) if consolidation else [],
            "comparison": selectors.comparison(plan=plan, year=year) if consolidation else None,
            "status_vi": STATUS_VI,
            "crumbs": _crumbs(plan, year),
        },
    )


@login_required
def edit(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    consolidation = selectors.consolidation_get(user=request.user, plan_id=plan_id, year=year)
    if not ConsolidationPolicy.can_edit(request.user, consolidation):
        raise Http404
    content = services.effective_content(consolidation)
    passages = [
        {"key": p["key"], "text": p["text"], "label": _passage_label(p), "source": _passage_source(p)}
        for p in content["passages"]
    ]
    if request.method == "POST":
        form = PassagesForm(request.POST, passages=passages)
        if form.is_valid():
            services.consolidation_edit_passages(user=request.user, consolidation=consolidation, texts=form.cleaned_data)
            messages.success(request, _("Your changes to the text have been saved."))
            return redirect("documents:detail", plan_id, year)
    else:
        form = PassagesForm(passages=passages)
    edited = {p["key"] for p in content["passages"] if p.get("edited")}
    history = consolidation.history.select_related("history_user").order_by("-history_date")[:10]
    return render(
        request,
        "documents/edit.html",
        {"consolidation": consolidation, "plan": consolidation.plan, "year": year, "form": form, "edited": edited,
         "history": history, "crumbs": _crumbs(consolidation.plan, year, _("Edit the text"))},
    )


def _filename(consolidation, ext: str) -> str:
    return f"bao-cao-tong-hop-{consolidation.plan.number.replace('/', '-')}-{consolidation.year}.{ext}"


@login_required
def download_docx(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    consolidation = selectors.consolidation_get(user=request.user, plan_id=plan_id, year=year)
    response = HttpResponse(
        render_docx(services.effective_content(consolidation)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(consolidation, "docx")}"'
    return response


@login_required
def download_xlsx(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    consolidation = selectors.consolidation_get(user=request.user, plan_id=plan_id, year=year)
    response = HttpResponse(
        render_xlsx(services.effective_content(consolidation)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(consolidation, "xlsx")}"'
    return response
