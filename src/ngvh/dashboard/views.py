from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ngvh.activities.figures import activity_figures
from ngvh.activities.rollup import data_version
from ngvh.budget.selectors import budget_comparison
from ngvh.core.fixed_urls import fixed_url
from ngvh.plans import selectors as plan_selectors
from ngvh.reporting import figures
from ngvh.reporting.models import TaskStatus
from ngvh.reporting.policies import FiguresPolicy
from ngvh.reporting.task_status import DONE, STATUS_ORDER

from . import cache as dash_cache
from . import selectors, svg
from .labels import BUDGET_LABELS, MONTHS, STATUS_LABELS
from .policies import DashboardPolicy


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _kind_label(kind: str) -> str:
    from ngvh.activities.models import ActivityKind

    try:
        return str(ActivityKind(kind).label)
    except ValueError:
        return kind


def _country_label(code: str) -> str:
    try:
        from ngvh.core.countries import country_name

        return country_name(code)
    except Exception:  # noqa: BLE001 - an unknown code still shows as its code
        return code


def _figures_context(figures, prefix: str) -> dict:
    kinds = sorted(figures.by_kind.items(), key=lambda kv: -kv[1])
    kind_rows = [(_kind_label(k), n) for k, n in kinds]
    country_rows = [(code, _country_label(code), n) for code, n in figures.countries.items()]
    months = [str(m) for m in MONTHS]
    budget_rows = [(str(BUDGET_LABELS[k]), getattr(figures, k)) for k in BUDGET_LABELS]
    return {
        "figures": figures,
        "kind_rows": kind_rows,
        "country_rows": country_rows,
        "month_rows": list(zip(months, figures.by_month, strict=True)),
        "budget_rows": budget_rows,
        "kind_svg": svg.hbar(chart_id=f"{prefix}-kind", title=_("Activities by kind"), labels=[k for k, _n in kind_rows],
                             values=[n for _k, n in kind_rows], axis_label=_("Number of activities")) if kind_rows else "",
        "month_svg": svg.vbar(chart_id=f"{prefix}-month", title=_("Activities by month"), labels=months,
                              values=figures.by_month, axis_label=_("Activities"), x_label=_("Month of the start date")),
        "country_svg": svg.hbar(chart_id=f"{prefix}-country", title=_("Activities by country reached"),
                                labels=[name for _c, name, _n in country_rows[:15]], values=[n for _c, _name, n in country_rows[:15]],
                                axis_label=_("Number of activities")) if country_rows else "",
        "budget_svg": svg.hbar(chart_id=f"{prefix}-budget", title=_("Budget by source (đồng)"), labels=[b for b, _v in budget_rows],
                               values=[v for _b, v in budget_rows], axis_label=_("đồng"), patterns=["solid", "diag", "dots"]),
    }


FIGURES_TTL = 3600


def _cached_figures_context(*, prefix: str, plan_id: int | None, year: int | None, group_id: int | None = None,
                            agency_id: int | None = None) -> dict:
    """The activity figures with their charts, cached per scope, language and data version.

    The figures count done activities and are the same for everyone allowed to open the
    page, so the key needs no user. The data version is read from the database (one small
    query) and raised in the transaction of every activity write, so a write shows on the
    next request in every server process; the TTL only frees memory.
    """
    version = data_version(plan_id=plan_id)
    key = f"ngvh:dashboard:figures:{prefix}:{plan_id}:{year}:{group_id}:{agency_id}:{get_language()}:{version[0]}:{version[1]}"

    def build() -> dict:
        figures = activity_figures(plan_id=plan_id, year=year, group_id=group_id, agency_id=agency_id)
        return _figures_context(figures, prefix)

    return dash_cache.get_or_build(key, build, FIGURES_TTL)


def _status_context(rows, prefix: str) -> dict:
    counts = selectors.status_counts(rows)
    status_rows = [(s, str(STATUS_LABELS[s]), counts.get(s, 0)) for s in STATUS_ORDER]
    return {
        "status_rows": status_rows,
        "status_svg": svg.hbar(chart_id=f"{prefix}-status", title=_("Tasks by consolidated status"),
                               labels=[label for _s, label, _n in status_rows], values=[n for _s, _l, n in status_rows],
                               axis_label=_("Number of tasks")),
        "status_labels": {k: str(v) for k, v in STATUS_LABELS.items()},
    }


def _group_progress(rows, groups) -> list[dict]:
    by_group = {g.pk: {"group": g, "total": 0, "done": 0, "overdue": 0, "not_arisen": 0} for g in groups}
    for row in rows:
        entry = by_group.get(row.group_id)
        if entry is None:
            continue
        entry["total"] += 1
        entry["done"] += row.status in DONE
        entry["overdue"] += row.status == TaskStatus.OVERDUE
        entry["not_arisen"] += row.status == TaskStatus.NOT_ARISEN
    result = []
    for entry in by_group.values():
        if not entry["total"]:
            continue
        counted = entry["total"] - entry["not_arisen"]
        entry["percent"] = round(100 * entry["done"] / counted) if counted else 100
        result.append(entry)
    return result


@login_required
def home(request: HttpRequest) -> HttpResponse:
    plans = plan_selectors.plan_list(user=request.user)
    if len(plans) == 1 and not DashboardPolicy.can_view_national(request.user):
        return redirect("dashboard:plan", plans[0].pk)
    return render(request, "dashboard/home.html", {
        "plans": plans, "national": DashboardPolicy.can_view_national(request.user), "crumbs": [(_("Dashboard"), None)],
    })


FRAME_KEYS = ("year", "all_years")  # what the page's frame (its <title>) reads besides the plan


def _body(request: HttpRequest, template: str, context: dict) -> dict:
    """The page's data and its rendered body, as cached: everything but the page's frame."""
    return dash_cache.cacheable_body(
        body=render_to_string(template, context),
        frame={k: context.get(k) for k in FRAME_KEYS},
        data={k: v for k, v in context.items() if k not in ("plan", "crumbs")},
    )


def _page(request: HttpRequest, template: str, cached: dict, **frame) -> HttpResponse:
    return render(request, template, {**dash_cache.body_context(cached), **frame, "body": cached["body"]})


@login_required
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = dash_cache.plan_head(user=request.user, plan_id=plan_id)
    raw_year = request.GET.get("year", "")
    basis = figures.basis_for(request.user, request.GET.get("basis"))
    params = ("all" if raw_year == "all" else _int(raw_year), _int(request.GET.get("group")), _int(request.GET.get("agency")), basis)
    cached = dash_cache.cached_body(
        "plan", plan_id=plan.pk, params=params, scope=dash_cache.reader_scope(request.user), versions=plan.versions,
        build=lambda: _plan_body(request, selectors.plan_for_dashboard(user=request.user, plan_id=plan_id), *params),
    )
    crumbs = [(_("Dashboard"), fixed_url("dashboard:home")), (plan.number, None)]
    return _page(request, "dashboard/plan.html", cached, plan=plan, crumbs=crumbs)


def _basis_context(request: HttpRequest, basis: str) -> dict:
    """The note beside the task figures, and the switch for readers who may use it."""
    query = request.GET.copy()
    query["basis"] = figures.Basis.OFFICIAL if basis == figures.Basis.PROVISIONAL else figures.Basis.PROVISIONAL
    return {"basis": basis, "basis_query": query.urlencode(), "can_switch_basis": FiguresPolicy.can_see_provisional(request.user)}


def _plan_body(request: HttpRequest, plan, raw_year, group_id, agency_id, basis) -> dict:
    years = selectors.reporting_years(plan=plan)
    all_years = raw_year == "all"
    year = raw_year if not all_years else None
    if year is None:
        year = years[0] if years else None
    groups = list(plan.groups.all())
    if group_id is not None and group_id not in {g.pk for g in groups}:
        group_id = None
    agencies = plan_selectors.plan_agencies(plan=plan)
    if agency_id is not None and agency_id not in {a.pk for a in agencies}:
        agency_id = None
    context = {
        "plan": plan, "years": years, "year": year, "all_years": all_years, "groups": groups, "agencies": agencies,
        "filters": {"group": group_id, "agency": agency_id}, **_basis_context(request, basis),
    }
    if year is not None:
        from ngvh.documents.selectors import rates as rates_for

        rows = selectors.task_rows(user=request.user, plan=plan, year=year, basis=basis, group_id=group_id, agency_id=agency_id)
        labels = {k: str(v) for k, v in STATUS_LABELS.items()}
        for row in rows:
            row.status_label = labels[row.status]
        context["task_url_prefix"] = reverse("plans:task", args=[plan.pk, "X"])[:-2]
        context.update({"task_rows": rows, "group_progress": _group_progress(rows, groups), "rates": rates_for(plan=plan, year=year)})
        context.update(_status_context(rows, "plan"))
        # the budget's own comparison (approved estimates, done activities' funds), scoped like the budget page
        context["budget_comparison"] = budget_comparison(request.user, plan, year)
        context["budget_own_agency"] = not DashboardPolicy.reads_every_agency(request.user)
    context.update(_cached_figures_context(prefix="plan", plan_id=plan.pk, year=None if all_years else year,
                                           group_id=group_id, agency_id=agency_id))
    return _body(request, "dashboard/_plan_body.html", context)


@login_required
def national(request: HttpRequest) -> HttpResponse:
    if not DashboardPolicy.can_view_national(request.user):
        raise Http404
    raw_year = _int(request.GET.get("year"))
    basis = figures.basis_for(request.user, request.GET.get("basis"))
    cached = dash_cache.cached_body("nat", plan_id=None, params=(raw_year, basis), scope="all",
                                    build=lambda: _national_body(request, raw_year, basis))
    crumbs = [(_("Dashboard"), fixed_url("dashboard:home")), (_("All plans"), None)]
    return _page(request, "dashboard/national.html", cached, crumbs=crumbs)


def _national_body(request: HttpRequest, raw_year: int | None, basis: str) -> dict:
    years = selectors.national_years()
    year = raw_year or (years[0] if years else None)
    context = {"years": years, "year": year, **_basis_context(request, basis)}
    if year is not None:
        context.update(selectors.national_overview(year=year, basis=basis))
        context.update(_status_context(context["status_task_rows"], "nat"))
        context.update(_cached_figures_context(prefix="nat", plan_id=None, year=year))
    return _body(request, "dashboard/_national_body.html", context)


def public(request: HttpRequest, plan_id: int) -> HttpResponse:
    """What the coordinators chose to publish: accepted reports' statuses and activity counts."""
    plan = dash_cache.plan_head(user=None, plan_id=plan_id, public=True)
    raw_year = _int(request.GET.get("year"))
    cached = dash_cache.cached_body(
        "pub", plan_id=plan.pk, params=(raw_year,), scope="public", versions=plan.versions,
        build=lambda: _public_body(request, selectors.plan_for_dashboard(user=None, plan_id=plan_id, public=True), raw_year),
    )
    return _page(request, "dashboard/public.html", cached, plan=plan, crumbs=[(plan.number, None)])


def _public_body(request: HttpRequest, plan, raw_year: int | None) -> dict:
    years = selectors.reporting_years(plan=plan)
    year = raw_year if raw_year in years else (years[0] if years else None)
    context = {"plan": plan, "years": years, "year": year}
    if year is not None:
        rows = selectors.task_rows(user=None, plan=plan, year=year)
        context.update(_status_context(rows, "pub"))
        context.update(_cached_figures_context(prefix="pub", plan_id=plan.pk, year=year))
    return _body(request, "dashboard/_public_body.html", context)
