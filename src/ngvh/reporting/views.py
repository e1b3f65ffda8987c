"""Reporting pages. Thin: selectors read, services write, policies decide what is shown.

A refused write on an object the user may not touch is a 404, as for a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngvh.accounts.policies import HistoryPolicy
from ngvh.core.templatetags.ngvh import vdate, vint, vnd
from ngvh.plans import selectors as plan_selectors

from . import figures, selectors, services
from .forms import (
    AmendmentForm,
    DecisionForm,
    LineForm,
    OpenYearForm,
    PlannedForm,
    ReasonForm,
    ReopenForm,
    ReportHeaderForm,
)
from .models import ReportStatus
from .policies import AmendmentPolicy, ReportingYearPolicy, ReportPolicy
from .rates import first_submission_late

PLANNED_BLANK_ROWS = 2


def _plans(user):
    from ngvh.plans.models import Plan

    return Plan.objects.filter(pk__in=[p.pk for p in plan_selectors.plan_list(user=user)])


# ---- home, years, rates --------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    plans = plan_selectors.plan_list(user=user)
    overview = []
    if ReportingYearPolicy.can_view_rates(user):
        for plan in plans:
            years = {y.year: y for y in selectors.reporting_years(user=user, plan=plan)}
            rows = [(years[r.year], r) for r in selectors.reporting_rates_by_year(plan=plan)]
            overview.append({"plan": plan, "rows": list(reversed(rows))})
    return render(
        request,
        "reporting/home.html",
        {
            "overview": overview,
            "own_reports": selectors.reports_for_user(user=user),
            "open_form": OpenYearForm(plans=_plans(user)) if ReportingYearPolicy.can_open(user) and plans else None,
            "crumbs": [(_("Reports"), None)],
        },
    )


@login_required
@require_POST
def year_open(request: HttpRequest) -> HttpResponse:
    if not ReportingYearPolicy.can_open(request.user):
        raise Http404
    form = OpenYearForm(request.POST, plans=_plans(request.user))
    if not form.is_valid():
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("reporting:home")
    result = services.reporting_year_open(user=request.user, plan=form.cleaned_data["plan"], year=form.cleaned_data["year"])
    ry = result.reporting_year
    if result.created:
        messages.success(
            request,
            _("Year %(year)s opened: %(n)s agencies are expected to report by %(deadline)s.")
            % {"year": ry.year, "n": result.reports_created, "deadline": ry.deadline.strftime("%d/%m/%Y")},
        )
    else:
        messages.success(
            request,
            _("Year %(year)s reopened: %(r)s new reports and %(l)s new task lines; nothing was duplicated.")
            % {"year": ry.year, "r": result.reports_created, "l": result.lines_created},
        )
    if result.unspecified_tasks:
        messages.warning(
            request,
            _("Tasks without a timeframe in the plan are included, flagged for review: %(codes)s.")
            % {"codes": ", ".join(result.unspecified_tasks)},
        )
    return redirect("reporting:year", ry.pk)


@login_required
def year_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ry = selectors.reporting_year_get(user=request.user, pk=pk)
    reports = selectors.report_list(user=request.user, reporting_year=ry)
    return render(
        request,
        "reporting/year_detail.html",
        {
            "ry": ry,
            "reports": reports,
            "can_view_rates": ReportingYearPolicy.can_view_rates(request.user, ry),
            "deadline_passed": selectors.deadline_passed(ry),
            "crumbs": [(_("Reports"), reverse("reporting:home")), (_("Year %(year)s") % {"year": ry.year}, None)],
        },
    )


@login_required
def rates(request: HttpRequest, pk: int) -> HttpResponse:
    ry = selectors.reporting_year_get(user=request.user, pk=pk)
    if not ReportingYearPolicy.can_view_rates(request.user, ry):
        raise Http404
    result = selectors.reporting_rates(plan=ry.plan, year=ry.year)
    counts = figures.status_counts(figures.task_rows(plan=ry.plan, year=ry.year))
    status_rows = [(code, figures.STATUS_LABELS[code], counts[code]) for code in figures.STATUS_ORDER]
    by_status = {"missing": [], "late": [], "returned": []}
    for agency in result.agencies:
        if not agency.is_expected:
            continue
        if agency.missing:
            by_status["missing"].append(agency)
        if agency.late:
            by_status["late"].append(agency)
        if agency.returned:
            by_status["returned"].append(agency)
    return render(
        request,
        "reporting/rates.html",
        {
            "ry": ry,
            "rates": result,
            "status_rows": status_rows,
            "lists": by_status,
            "can_remind": ReportPolicy.can_remind_any(request.user),
            "crumbs": [
                (_("Reports"), reverse("reporting:home")),
                (_("Year %(year)s") % {"year": ry.year}, reverse("reporting:year", args=[ry.pk])),
                (_("Reporting rates"), None),
            ],
        },
    )


# ---- the report page -----------------------------------------------------------------------


def _line_forms(page, data=None):
    return [
        (lv, LineForm(data, prefix=f"line-{lv.line.id}", candidates=lv.candidates, initial={
            "status": lv.line.status,
            "progress": lv.line.progress,
            "results": lv.line.results,
            "activities": sorted(lv.selected_ids),
        }))
        for lv in page.lines
    ]


def _planned_forms(page, data=None):
    forms = []
    rows = list(page.planned)
    count = len(rows) + PLANNED_BLANK_ROWS
    if data is not None:
        try:
            count = max(count, int(data.get("planned-count", count)))
        except ValueError:
            pass
    for i in range(count):
        row = rows[i] if i < len(rows) else None
        initial = (
            {"id": row.id, "title": row.title, "task": row.task_id, "kind": row.kind, "expected_month": row.expected_month}
            if row
            else {}
        )
        forms.append(PlannedForm(data, prefix=f"planned-{i}", tasks=page.tasks, initial=initial))
    return forms


def _activity_summaries(page) -> None:
    """Give each shown activity its one-line summary, formatted once.

    The same activity can be offered on several lines and listed under partners; a
    per-row ``{% include %}`` with four filters made up most of the report page's render.
    """
    seen = set()
    for lv in page.lines:
        for a in [*lv.candidates, *(x for p in lv.partners for x in p["activities"])]:
            if id(a) in seen:
                continue
            seen.add(id(a))
            dates = vdate(a.start_date) if a.end_date == a.start_date else f"{vdate(a.start_date)}–{vdate(a.end_date)}"
            budget = f" · {vnd(a.budget_total)}" if a.budget_total else ""
            people = (
                _("participants not given") if a.participants_total is None
                else _("%(n)s participants") % {"n": vint(a.participants_total)}
            )
            a.summary = format_html('<span>{}</span> <span class="muted">{} · {}{}</span>', a.title, dates, people, budget)


def _checked_ids(lv, form) -> set[int]:
    """The ticked activities of a line: what was posted, or what is linked."""
    if form is None or not form.is_bound:
        return lv.selected_ids
    out = set()
    for value in form.data.getlist(form["activities"].html_name):
        try:
            out.add(int(value))
        except (TypeError, ValueError):
            pass
    return out


def _render_report(request, report, page=None, *, header=None, lines=None, planned=None, reason_form=None,
                   reopen_form=None, errors=None, conflict=None, status=200):
    user = request.user
    page = page or selectors.report_page(user=user, report=report)
    can_edit = ReportPolicy.can_edit(user, report)
    if lines is not None:
        # Forms bound on the lean POST data keep the input; the page's line views add
        # what only the page shows (partners, indicators, activity details).
        full = {lv.line.id: lv for lv in page.lines}
        lines = [(full.get(lv.line.id, lv), f) for lv, f in lines]
    if can_edit:
        header = header or ReportHeaderForm(initial={
            "version": report.version, "difficulties": report.difficulties, "recommendations": report.recommendations,
        })
        lines = lines or _line_forms(page)
        planned = planned or _planned_forms(page)
    else:
        lines = [(lv, None) for lv in page.lines]
    _activity_summaries(page)
    for lv, form in lines:
        lv.checked = _checked_ids(lv, form)
    ry = report.reporting_year
    context = {
        "report": report,
        "ry": ry,
        "page": page,
        "can_edit": can_edit,
        "header": header,
        "lines": lines,
        "planned_forms": planned,
        "can_return": ReportPolicy.can_return(user, report),
        "can_accept": ReportPolicy.can_accept(user, report),
        "can_reopen": ReportPolicy.can_reopen(user, report),
        "can_remind": ReportPolicy.can_remind(user, report),
        "can_see_history": HistoryPolicy.can_view(user, report),
        "reason_form": reason_form or ReasonForm(),
        "reopen_form": reopen_form or ReopenForm(),
        "errors": errors or [],
        "conflict": conflict,
        "show_return": report.status == ReportStatus.RETURNED and report.return_reason,
        "late": first_submission_late(
            first_submitted_at=report.first_submitted_at, deadline=ry.deadline, tz=timezone.get_current_timezone()
        ),
        "crumbs": [
            (_("Reports"), reverse("reporting:home")),
            (_("Year %(year)s") % {"year": ry.year}, reverse("reporting:year", args=[ry.pk])),
            (report.agency.name, None),
        ],
    }
    return render(request, "reporting/report_detail.html", context, status=status)


def _collect_errors(header, lines, planned) -> list[tuple[str, str]]:
    errors = []
    for form in [header, *[f for _lv, f in lines], *planned]:
        for name, errs in form.errors.items():
            anchor = form[name].id_for_label if name in form.fields else ""
            label = form.fields[name].label if name in form.fields else ""
            for err in errs:
                errors.append((anchor, f"{label}: {err}" if label else err))
    return errors


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _render_report(request, report)
    if not ReportPolicy.can_edit(request.user, report):
        if ReportPolicy.locked_for(request.user, report):
            messages.error(request, _("This report has been submitted and is locked. Ask Sở Ngoại vụ to reopen it."))
            return redirect("reporting:report", report.pk)
        raise Http404
    page = selectors.report_form_page(report=report)
    header = ReportHeaderForm(request.POST)
    lines = _line_forms(page, request.POST)
    planned = _planned_forms(page, request.POST)
    valid = header.is_valid() & all([f.is_valid() for _lv, f in lines]) & all([f.is_valid() for f in planned])
    if not valid:
        return _render_report(request, report, header=header, lines=lines, planned=planned,
                              errors=_collect_errors(header, lines, planned), status=400)
    submit = request.POST.get("action") == "submit"
    try:
        saved = services.report_save(
            user=request.user,
            report=report,
            version=header.cleaned_data["version"],
            difficulties=header.cleaned_data["difficulties"],
            recommendations=header.cleaned_data["recommendations"],
            lines=_line_inputs(lines),
            planned=_planned_inputs(planned),
        )
    except services.StaleReport as exc:
        return _render_conflict(request, exc, lines=lines, planned=planned)
    except services.ReportStateError as exc:
        messages.error(request, str(exc.message))
        return redirect("reporting:report", report.pk)
    except services.ReportingError as exc:
        return _render_report(request, report, header=header, lines=lines, planned=planned,
                              errors=[(exc.field or "", str(exc.message))], status=400)
    except PermissionDenied as exc:
        raise Http404 from exc
    if not submit:
        messages.success(request, _("Draft saved. You can come back to it at any time before submitting."))
        return redirect("reporting:report", saved.pk)
    return _submit_saved(request, saved, lines=lines, planned=planned)


def _line_inputs(lines) -> dict:
    return {
        lv.line.id: services.LineInput(
            status=f.cleaned_data["status"],
            progress=f.cleaned_data["progress"] or 0,
            results=f.cleaned_data["results"],
            activity_ids=f.cleaned_data["activities"],
        )
        for lv, f in lines
    }


def _planned_inputs(planned) -> list:
    return [
        services.PlannedInput(
            id=f.cleaned_data.get("id"),
            title=f.cleaned_data.get("title") or "",
            task_id=f.cleaned_data.get("task"),
            kind=f.cleaned_data.get("kind") or "",
            expected_month=f.cleaned_data.get("expected_month"),
            delete=f.cleaned_data.get("delete") or False,
        )
        for f in planned
    ]


def _header_at(request, version: int) -> ReportHeaderForm:
    """The posted header, moved to the report's current version (to post again)."""
    data = request.POST.copy()
    data["version"] = str(version)
    header = ReportHeaderForm(data)
    header.is_valid()
    return header


def _render_conflict(request, exc, *, lines, planned) -> HttpResponse:
    """Someone saved the report meanwhile: show their text beside the posted one (409)."""
    current = exc.report
    fresh = selectors.report_page(user=request.user, report=current)
    saved_lines = {lv.line.id: lv.line for lv in fresh.lines}
    return _render_report(
        request, current, fresh, header=_header_at(request, current.version), lines=lines, planned=planned,
        errors=[("", str(exc.message))],
        conflict={"report": current, "lines": saved_lines, "by": fresh.events[-1].actor if fresh.events else None},
        status=409,
    )


def _submit_saved(request, saved, *, lines, planned) -> HttpResponse:
    """Submit the report just saved; an incomplete one stays a draft, its gaps marked."""
    try:
        services.report_submit(user=request.user, report=saved, version=saved.version)
    except services.IncompleteReport as exc:
        errors = []
        for lv, form in lines:
            if lv.line.id in exc.line_ids:
                form.add_error("status", _("Choose a status for this task."))
                errors.append((form["status"].id_for_label, f"{lv.line.task.code}: {_('Choose a status for this task.')}"))
        messages.success(request, _("Your text was saved as a draft."))
        return _render_report(request, saved, header=_header_at(request, saved.version), lines=lines, planned=planned,
                              errors=[("", str(exc.message)), *errors], status=400)
    except services.ReportingError as exc:
        messages.error(request, str(exc.message))
        return redirect("reporting:report", saved.pk)
    messages.success(request, _("Report submitted to Sở Ngoại vụ. It is locked until it is reviewed."))
    return redirect("reporting:report", saved.pk)


def _review(request, pk: int, action):
    report = selectors.report_get(user=request.user, pk=pk)
    if not ReportPolicy.can_review(request.user, report):
        raise Http404
    try:
        return action(report)
    except services.ReportStateError as exc:
        messages.error(request, str(exc.message))
        return redirect("reporting:report", report.pk)
    except PermissionDenied as exc:
        raise Http404 from exc


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report):
        form = ReasonForm(request.POST)
        notes = {}
        for key, value in request.POST.items():
            if key.startswith("note-") and key[5:].isdigit():
                notes[int(key[5:])] = value
        if not form.is_valid():
            errors = [(form["reason"].id_for_label, err) for err in form.errors.get("reason", [])]
            return _render_report(request, report, reason_form=form, errors=errors, status=400)
        services.report_return(user=request.user, report=report, reason=form.cleaned_data["reason"], line_notes=notes)
        messages.success(request, _("Report returned to %(agency)s with your reason.") % {"agency": report.agency.name})
        return redirect("reporting:year", report.reporting_year_id)

    return _review(request, pk, act)


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report):
        services.report_accept(user=request.user, report=report)
        messages.success(request, _("Report of %(agency)s accepted.") % {"agency": report.agency.name})
        return redirect("reporting:year", report.reporting_year_id)

    return _review(request, pk, act)


@login_required
@require_POST
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report):
        form = ReopenForm(request.POST)
        if not form.is_valid():
            errors = [(form["reopen_reason"].id_for_label, err) for err in form.errors.get("reopen_reason", [])]
            return _render_report(request, report, reopen_form=form, errors=errors, status=400)
        services.report_reopen(user=request.user, report=report, reason=form.cleaned_data["reopen_reason"])
        messages.success(request, _("Report reopened: %(agency)s can change it again.") % {"agency": report.agency.name})
        return redirect("reporting:report", report.pk)

    return _review(request, pk, act)


@login_required
@require_POST
def report_remind(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report):
        log = services.report_remind(user=request.user, report=report)
        if log.recipients:
            messages.success(request, _("Reminder sent to %(agency)s (%(to)s).") % {"agency": report.agency.name, "to": ", ".join(log.recipients)})
        else:
            messages.warning(request, _("%(agency)s has no email address or active account: the reminder was recorded but could not be sent.") % {"agency": report.agency.name})
        return redirect("reporting:rates", report.reporting_year_id)

    return _review(request, pk, act)


# ---- amendments ----------------------------------------------------------------------------


@login_required
def amendment_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reporting/amendment_list.html",
        {
            "proposals": selectors.amendment_list(user=request.user),
            "can_propose": AmendmentPolicy.can_propose(request.user),
            "crumbs": [(_("Reports"), reverse("reporting:home")), (_("Amendment proposals"), None)],
        },
    )


@login_required
def amendment_new(request: HttpRequest) -> HttpResponse:
    if not AmendmentPolicy.can_propose(request.user):
        raise Http404
    plans = _plans(request.user)
    form = AmendmentForm(request.POST or None, plans=plans, initial={"action": "add"})
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.amendment_propose(
                user=request.user,
                plan=data["plan"],
                action=data["action"],
                reason=data["reason"],
                task=data.get("task"),
                group=data.get("group"),
                title=data.get("title") or "",
                timeframe_text=data.get("timeframe_text") or "",
            )
        except services.ReportingError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, str(exc.message))
            else:
                form.add_error(None, str(exc.message))
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Proposal sent to Sở Ngoại vụ."))
            return redirect("reporting:amendment", proposal.pk)
    return render(
        request,
        "reporting/amendment_form.html",
        {
            "form": form,
            "errors": errors,
            "crumbs": [
                (_("Reports"), reverse("reporting:home")),
                (_("Amendment proposals"), reverse("reporting:amendments")),
                (_("New proposal"), None),
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def amendment_detail(request: HttpRequest, pk: int, form=None, status=200) -> HttpResponse:
    proposal = selectors.amendment_get(user=request.user, pk=pk)
    return render(
        request,
        "reporting/amendment_detail.html",
        {
            "proposal": proposal,
            "can_decide": AmendmentPolicy.can_decide(request.user, proposal),
            "form": form or DecisionForm(),
            "crumbs": [
                (_("Reports"), reverse("reporting:home")),
                (_("Amendment proposals"), reverse("reporting:amendments")),
                (_("Proposal %(n)s") % {"n": proposal.pk}, None),
            ],
        },
        status=status,
    )


@login_required
@require_POST
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.amendment_get(user=request.user, pk=pk)
    if not AmendmentPolicy.can_decide(request.user, proposal):
        if AmendmentPolicy.can_view(request.user, proposal) and ReportingYearPolicy.can_open(request.user):
            messages.error(request, _("This proposal has already been decided."))
            return redirect("reporting:amendment", proposal.pk)
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return amendment_detail(request, pk, form=form, status=400)
    data = form.cleaned_data
    try:
        if data["decision"] == "accept":
            proposal = services.amendment_accept(
                user=request.user, proposal=proposal, reason=data["decision_reason"], effective_from=data["effective_from"]
            )
            messages.success(
                request,
                _("Proposal accepted: plan %(plan)s is now at version %(v)s from %(date)s.")
                % {"plan": proposal.plan.number, "v": proposal.plan_version, "date": proposal.effective_from.strftime("%d/%m/%Y")},
            )
        else:
            services.amendment_reject(user=request.user, proposal=proposal, reason=data["decision_reason"])
            messages.success(request, _("Proposal rejected; the agency sees your reason."))
    except services.ReportingError as exc:
        messages.error(request, str(exc.message))
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect("reporting:amendment", proposal.pk)


@login_required
@require_POST
def amendment_from_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The import review page's "Record the amendment": the reviewed document's changes
    become accepted amendments of the plan it amends. Errors go back to the review page."""
    from ngvh.core.messages import exception_text
    from ngvh.plans.parsed import PlanParseError
    from ngvh.plans.services import ReviewError

    from .forms import DocumentAmendmentForm

    review = plan_selectors.import_review_get(user=request.user, pk=pk)
    if review.target_plan_id is None or not AmendmentPolicy.can_amend_from_document(request.user, review.target_plan):
        raise Http404
    back = reverse("plans:review", args=[review.pk]) + "#import"
    form = DocumentAmendmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        done = services.amendment_from_document(
            user=request.user, review=review, effective_from=form.cleaned_data["effective_from"], reason=form.cleaned_data["reason"]
        )
    except (services.ReportingError, ReviewError) as exc:  # ReviewError: an undecided agency, a changed document
        messages.error(request, str(exc.message))
        return redirect(back)
    except PlanParseError as exc:
        messages.error(request, exception_text(exc))
        return redirect(back)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(
        request,
        _("Plan %(plan)s amended: %(n)s changes recorded, version %(v)s from %(date)s.")
        % {"plan": done.plan.number, "n": len(done.proposals), "v": done.plan.version,
           "date": done.plan.effective_from.strftime("%d/%m/%Y")},
    )
    return redirect("plans:detail", done.plan.pk)
