"""The measurements. Each is a function of the run's context returning plain figures.

A measurement whose feature has not landed yet raises :class:`NotAvailable` with what is
missing; it is looked up at run time (import, URL reverse), so the same harness starts
measuring as soon as the feature exists. Every figure is also stated as a ratio to a
floor measured in the same run (raw SQL, the health endpoint with the same session
cookie, calamine plus one bare insert), so the figures hold on any machine. Ratios are
taken between medians, over at least 200 floor samples taken in turns with the page's;
the p95 ratio is shown beside, for information.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.urls import NoReverseMatch, reverse

from . import floors
from .stats import percentile, ratio, summary_ms

DASHBOARD_YEAR = 2026
CONSOLIDATION_YEAR = 2025


class NotAvailable(Exception):
    """The feature this measurement needs has not landed yet."""


class _Rollback(Exception):
    pass


@dataclass
class Context:
    quick: bool
    data_dir: Path
    results_dir: Path
    server_env: dict
    requests: int = 30  # test-client requests per page (activity list)
    dashboard_requests: int = 200  # warm dashboard requests, interleaved with the floor's samples
    floor_samples: int = 200  # never fewer: the ratios are medians over these
    cold_requests: int = 10  # dashboard requests with the cache emptied before each
    port_range: tuple[int, int] | None = None  # gunicorn's port: any free one, or the first free in this range
    http_seconds: float = 20.0
    http_clients: int = 16
    deadline_accounts: int = 500
    deadline_clients: int = 32
    deadline_seconds: float = 60.0
    xlsx_rows: int = 10_000
    notes: list[str] = field(default_factory=list)


# ---- helpers --------------------------------------------------------------------------------


def first_reverse(candidates: list[tuple[str, dict]]) -> tuple[str, str]:
    """The first URL name of ``candidates`` that exists, reversed; NotAvailable otherwise."""
    for name, kwargs in candidates:
        try:
            return name, reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    raise NotAvailable("not available yet: URL " + " / ".join(n for n, _ in candidates))


def need_module(path: str, attr: str | None = None):
    from importlib import import_module

    try:
        module = import_module(path)
    except ModuleNotFoundError as exc:
        raise NotAvailable(f"not available yet: {path}") from exc
    if attr is None:
        return module
    if not hasattr(module, attr):
        raise NotAvailable(f"not available yet: {path}.{attr}")
    return getattr(module, attr)


def coordinator():
    from ngvh.accounts.models import User

    return User.objects.filter(username="p00-dieuphoi").select_related("agency").get()


def first_plan():
    from ngvh.plans.models import Plan

    return Plan.objects.filter(number="1/KH-UBND-TT").select_related("province").get()


def time_client_get(client, url: str, n: int, *, warmup: int = 3) -> tuple[list[float], int, int]:
    """Server time of ``n`` GETs through Django's test client (the full middleware stack)."""
    status = 0
    size = 0
    for _ in range(warmup):
        resp = client.get(url)
        status, size = resp.status_code, len(resp.content)
    if status != 200:
        raise RuntimeError(f"GET {url} answered {status}")
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        resp = client.get(url)
        samples.append(time.perf_counter() - t0)
        if resp.status_code != 200:
            raise RuntimeError(f"GET {url} answered {resp.status_code}")
    return samples, status, size


def time_calls(fn: Callable[[], object], n: int, *, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def target(value: float, limit: float, *, at_most: bool = True) -> dict:
    met = value <= limit if at_most else value >= limit
    return {"value": value, "target": ("≤ " if at_most else "≥ ") + str(limit), "met": bool(met)}


# ---- seed ---------------------------------------------------------------------------------


def seed_import(ctx: Context) -> dict:
    """Parse the bundled Hải Phòng document and store it, as ``ngvh demo`` does; rolled back."""
    parse_bytes = need_module("ngvh.plans.parser", "parse_bytes")
    from ngvh.accounts.system import system_actor
    from ngvh.plans.bundled import BUNDLED_PLAN, bundled_plan_bytes
    from ngvh.plans.services import plan_import, vocabulary_for

    data = bundled_plan_bytes()
    t0 = time.perf_counter()
    parsed = parse_bytes(data, BUNDLED_PLAN)
    parse_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    tasks = 0
    try:
        with transaction.atomic():
            parsed = parse_bytes(data, BUNDLED_PLAN, vocabulary=vocabulary_for(parsed.place))
            result = plan_import(user=system_actor(), parsed=parsed, source_name=BUNDLED_PLAN, source_bytes=data)
            tasks = result.plan.tasks.count()
            raise _Rollback
    except _Rollback:
        pass
    import_seconds = time.perf_counter() - t1
    return {
        "parse_ms": round(parse_seconds * 1000, 1),
        "import_ms": round(import_seconds * 1000, 1),
        "total_ms": round((parse_seconds + import_seconds) * 1000, 1),
        "tasks": tasks,
    }


# ---- dashboards -----------------------------------------------------------------------------


def time_interleaved(page: Callable[[], float], floor: Callable[[], object], *, pages: int, floors: int,
                     warmup: int = 3) -> tuple[list[float], list[float]]:
    """Page and floor samples taken in turns, so a change of load on a shared machine
    moves both alike and leaves their ratio alone."""
    for _ in range(warmup):
        page()
        floor()
    page_samples: list[float] = []
    floor_samples: list[float] = []
    for i in range(max(pages, floors)):
        if i < pages:
            page_samples.append(page())
        if i < floors:
            t0 = time.perf_counter()
            floor()
            floor_samples.append(time.perf_counter() - t0)
    return page_samples, floor_samples


def _timed_get(client, url: str) -> Callable[[], float]:
    def get() -> float:
        t0 = time.perf_counter()
        resp = client.get(url)
        elapsed = time.perf_counter() - t0
        if resp.status_code != 200:
            raise RuntimeError(f"GET {url} answered {resp.status_code}")
        return elapsed

    return get


def _dashboard(ctx: Context, *, url: str, name: str, plan_id: int | None, p95_limit: float) -> dict:
    """Warm page time against the SQL floor (medians, ≥ 200 floor samples), and the cold page."""
    from django.core.cache import cache

    client = logged_in_client(coordinator())
    get = _timed_get(client, url)
    size = len(client.get(url).content)
    samples, floor = time_interleaved(get, lambda: floors.dashboard_floor(plan_id=plan_id, year=DASHBOARD_YEAR),
                                      pages=ctx.dashboard_requests, floors=max(200, ctx.floor_samples))
    cold = []
    for _ in range(ctx.cold_requests):
        cache.clear()  # what the first request after a write costs: nothing cached
        cold.append(get())
    page, base = summary_ms(samples), summary_ms(floor)
    out = {
        "url": url,
        "url_name": name,
        "bytes": size,
        **page,
        "floor_n": base["n"],
        "floor_median_ms": base["median_ms"],
        "floor_p95_ms": base["p95_ms"],
        "ratio_median": ratio(page["median_ms"], base["median_ms"]),
        "ratio_p95": ratio(page["p95_ms"], base["p95_ms"]),
        "above_floor_median_ms": round(page["median_ms"] - base["median_ms"], 2),
        "cold": summary_ms(cold),
    }
    out["targets"] = {"p95_ms": target(page["p95_ms"], p95_limit), "ratio_median": target(out["ratio_median"], 1.5)}
    return out


def province_dashboard(ctx: Context) -> dict:
    plan = first_plan()
    name, url = first_reverse([("dashboard:plan", {"plan_id": plan.pk})])
    return _dashboard(ctx, url=f"{url}?year={DASHBOARD_YEAR}", name=name, plan_id=plan.pk, p95_limit=50)


def national_dashboard(ctx: Context) -> dict:
    name, url = first_reverse([("dashboard:national", {})])
    return _dashboard(ctx, url=f"{url}?year={DASHBOARD_YEAR}", name=name, plan_id=None, p95_limit=250)


# ---- activity list ---------------------------------------------------------------------------


def activity_list(ctx: Context) -> dict:
    """Two filters (year and kind) and a text search typed without diacritics."""
    _name, base_url = first_reverse([("activities:list", {})])
    plan = first_plan()
    queries = {
        "filters+search": f"{base_url}?plan={plan.pk}&year={DASHBOARD_YEAR}&kind=exhibition&q=van+hoa",
        "filters only": f"{base_url}?plan={plan.pk}&year={DASHBOARD_YEAR}&kind=exhibition",
        "search only": f"{base_url}?q=le+hoi",
        "unfiltered": base_url,
    }
    client = logged_in_client(coordinator())
    out: dict = {"variants": {}}
    for label, url in queries.items():
        samples, _status, size = time_client_get(client, url, ctx.requests)
        out["variants"][label] = {"url": url, "bytes": size, **summary_ms(samples)}
    main = out["variants"]["filters+search"]
    out["p95_ms"] = main["p95_ms"]
    out["median_ms"] = main["median_ms"]
    out["worst_p95_ms"] = max(v["p95_ms"] for v in out["variants"].values())
    out["targets"] = {"p95_ms": target(main["p95_ms"], 80), "worst_variant_p95_ms": target(out["worst_p95_ms"], 80)}
    return out


# ---- consolidation ----------------------------------------------------------------------------


def consolidation(ctx: Context) -> dict:
    consolidate = need_module("ngvh.documents.cli", "consolidate")
    plan = first_plan()
    out_dir = ctx.data_dir / "consolidation"
    out_dir.mkdir(parents=True, exist_ok=True)
    docx, xlsx = out_dir / "report.docx", out_dir / "report.xlsx"
    stdout, stderr = io.StringIO(), io.StringIO()
    options = {"plan": plan.number, "year": CONSOLIDATION_YEAR, "docx": str(docx), "xlsx": str(xlsx)}
    code = None
    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            code = consolidate(options, stdout, stderr)
            raise _Rollback
    except _Rollback:
        pass
    seconds = time.perf_counter() - t0
    if code not in (None, 0):
        raise RuntimeError(f"consolidate exited {code}: {stderr.getvalue()[:300]}")
    return {
        "plan": plan.number,
        "year": CONSOLIDATION_YEAR,
        "seconds": round(seconds, 3),
        "docx_bytes": docx.stat().st_size if docx.exists() else 0,
        "xlsx_bytes": xlsx.stat().st_size if xlsx.exists() else 0,
        "targets": {"seconds": target(round(seconds, 3), 2.0)},
    }


# ---- Excel import ------------------------------------------------------------------------------


def xlsx_import(ctx: Context) -> dict:
    importer = need_module("ngvh.activities.services", "activities_import_xlsx")
    columns = need_module("ngvh.activities.xlsx", "COLUMNS")
    from ngvh.activities.models import Activity
    from ngvh.agencies.models import Agency

    plan = first_plan()
    user = coordinator()
    agencies = list(Agency.objects.filter(province=plan.province).order_by("id").values_list("id", "name"))
    tasks_by_agency: dict[int, list[str]] = {}
    from ngvh.plans.models import TaskAssignment

    for agency_id, code in TaskAssignment.objects.filter(task__plan=plan, active_until__isnull=True).values_list("agency_id", "task__code"):
        tasks_by_agency.setdefault(agency_id, []).append(code)
    data = build_import_xlsx([key for key, _label in columns], agencies, tasks_by_agency, ctx.xlsx_rows)

    # The product's import, committed, then rolled back so a second run finds the same data.
    before = Activity.objects.count()
    created = 0
    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            result = importer(user=user, plan=plan, data=data, commit=True)
            created = Activity.objects.count() - before
            raise _Rollback
    except _Rollback:
        pass
    seconds = time.perf_counter() - t0
    problems = len(getattr(result, "problems", []) or [])
    if created != ctx.xlsx_rows:
        raise RuntimeError(f"import stored {created} of {ctx.xlsx_rows} rows ({problems} problems): {_first_problem(result)}")

    floor_seconds = xlsx_floor(data, plan=plan, agencies=agencies)
    rows_per_s = ctx.xlsx_rows / seconds
    floor_rows_per_s = ctx.xlsx_rows / floor_seconds
    return {
        "rows": ctx.xlsx_rows,
        "file_bytes": len(data),
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows_per_s),
        "floor_seconds": round(floor_seconds, 2),
        "floor_rows_per_s": round(floor_rows_per_s),
        "ratio_to_floor": ratio(rows_per_s, floor_rows_per_s),
        "targets": {
            "rows_per_s": target(round(rows_per_s), 5000, at_most=False),
            "ratio_to_floor": target(ratio(rows_per_s, floor_rows_per_s), 0.7, at_most=False),
        },
    }


def _first_problem(result) -> str:
    problems = getattr(result, "problems", None) or []
    return str(problems[0]) if problems else ""


def build_import_xlsx(keys: list[str], agencies: list[tuple[int, str]], tasks_by_agency: dict[int, list[str]], rows: int) -> bytes:
    """A filled-in import template: ``rows`` valid activities of the first province."""
    import random

    from openpyxl import Workbook

    from .generator import KINDS
    from .vocab import COUNTRIES, FOREIGN_PLACES, KIND_PHRASES, TOPICS

    rng = random.Random(2030)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Hoạt động")
    ws.append(keys)
    usable = [(aid, name) for aid, name in agencies if tasks_by_agency.get(aid)]
    for i in range(rows):
        aid, agency = usable[i % len(usable)]
        kind = rng.choice(KINDS)
        start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
        country = rng.choice(COUNTRIES)
        total = rng.randint(10, 500)
        values = {
            "title": f"{KIND_PHRASES[kind]} {rng.choice(TOPICS)} (nhập từ Excel {i + 1})",
            "kind": kind,
            "status": "done",
            "start_date": start.strftime("%d/%m/%Y"),
            "end_date": start.strftime("%d/%m/%Y"),
            "agency": agency,
            "tasks": rng.choice(tasks_by_agency[aid]),
            "place_country": country,
            "place_name": rng.choice(FOREIGN_PLACES[country]),
            "countries": "",
            "partner_agencies": "",
            "participants_total": total,
            "participants_foreign": total // 4,
            "budget_state": rng.randint(0, 100) * 1_000_000,
            "budget_private": 0,
            "budget_foreign": 0,
            "media_count": rng.randint(0, 10),
            "outcome": "Đạt kết quả tốt",
            "description": "",
        }
        ws.append([values.get(k, "") for k in keys])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_floor(data: bytes, *, plan, agencies: list[tuple[int, str]]) -> float:
    """Reading the same file with calamine (the product's reader) plus one bare insert of
    the same number of activities (one prepared statement, no checks, no links, no
    history, no rollups): what any import of this file must cost at least."""
    from django.utils import timezone
    from python_calamine import CalamineWorkbook

    from ngvh.activities.bulk import insert_many
    from ngvh.activities.models import Activity, ActivityKind, ActivityStatus

    agency_id = agencies[0][0]
    day = dt.date(2026, 5, 1)
    stamp = timezone.now()
    fields = [f.attname for f in Activity._meta.concrete_fields if not f.primary_key]
    t0 = time.perf_counter()
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = workbook.get_sheet_by_index(0).to_python()[1:]
    workbook.close()
    template = Activity(plan=plan, agency_id=agency_id, kind=ActivityKind.OTHER, status=ActivityStatus.DONE, start_date=day, end_date=day,
                        year=2026, created_at=stamp, updated_at=stamp)
    base = {name: getattr(template, name) for name in fields}
    records = [{**base, "title": str(r[0])} for r in rows]
    try:
        with transaction.atomic():
            insert_many(Activity, records)
            raise _Rollback
    except _Rollback:
        pass
    return time.perf_counter() - t0


# ---- over HTTP ------------------------------------------------------------------------------------


def session_cookie(user) -> str:
    """A logged-in session for ``user``, created directly: the load never goes through the
    login form (and so never trips the login throttle)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "ngvh.accounts.backends.AccountBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def http_dashboard(ctx: Context) -> dict:
    from .http import Server, load

    plan = first_plan()
    _name, url = first_reverse([("dashboard:plan", {"plan_id": plan.pk})])
    url += f"?year={DASHBOARD_YEAR}"
    # The same session cookie on both: the health endpoint then pays the session and user
    # lookups too, and the ratio is the dashboard's own cost. Health is measured before and
    # after the dashboard and averaged, so a change of load during the run cancels out.
    headers = {"Cookie": session_cookie(coordinator())}
    with Server(env=ctx.server_env, log_path=ctx.data_dir / "gunicorn.log", port_range=ctx.port_range) as server:
        before = load(server.port, "/healthz", clients=ctx.http_clients, seconds=ctx.http_seconds, headers=headers)
        page = load(server.port, url, clients=ctx.http_clients, seconds=ctx.http_seconds, headers=headers)
        after = load(server.port, "/healthz", clients=ctx.http_clients, seconds=ctx.http_seconds, headers=headers)
        memory = server.peak_memory_mb()
    health = {**before, "rps": round((before["rps"] + after["rps"]) / 2, 1), "rps_before": before["rps"],
              "rps_after": after["rps"], "p95_ms": max(before["p95_ms"], after["p95_ms"])}
    share = ratio(page["rps"], health["rps"])
    return {
        "url": url,
        "port": server.port,
        "workers": server.workers,
        "health": health,
        "dashboard": page,
        "ratio_rps": share,
        "server_memory": memory,
        "targets": {"ratio_rps": target(share, 0.35, at_most=False), "errors": target(page["errors"], 0)},
    }


def deadline_day(ctx: Context) -> dict:
    """Agencies submit their filled-in draft over HTTP at the same time: nothing may be lost.

    Each client does what a browser does: GET the report page, then POST its form back
    with ``action=submit`` (the CSRF token and the optimistic-lock version come from the page).
    """
    from ngvh.accounts.models import Role, User
    from ngvh.reporting.models import AnnualReport

    from .generator import DEADLINE_YEAR
    from .http import Server

    first_reverse([("reporting:report", {"pk": 1})])
    reports = list(
        AnnualReport.objects.filter(reporting_year__year=DEADLINE_YEAR).order_by("id")[: ctx.deadline_accounts]
    )
    _reset_reports([r.pk for r in reports])
    users = {u.agency_id: u for u in User.objects.filter(role=Role.REPORTER, agency_id__in=[r.agency_id for r in reports])}
    cookies = {r.pk: session_cookie(users[r.agency_id]) for r in reports}
    runs = {}
    with Server(env=ctx.server_env, log_path=ctx.data_dir / "gunicorn.log", port_range=ctx.port_range) as server:
        # Paced: the submissions arrive spread over the window (the deadline-day target);
        # then a burst: all at once, as many as the clients can push (for information).
        for label, spread in (("paced", ctx.deadline_seconds * 0.75), ("burst", 0.0)):
            runs[label] = _deadline_run(ctx, server.port, reports, cookies, spread)
        memory = server.peak_memory_mb()
    return _deadline_result(ctx, reports, runs, memory)


def _deadline_run(ctx: Context, port: int, reports: list, cookies: dict, spread: float) -> dict:
    """One pass: every report back to its draft, then every agency submits through ``port``."""
    from ngvh.reporting.models import AnnualReport, ReportStatus

    from .http import run_jobs

    ids = [r.pk for r in reports]
    _reset_reports(ids)
    get_times: list[float] = []
    post_times: list[float] = []
    jobs = [_submit_job(port, r.pk, cookies[r.pk], get_times, post_times) for r in reports]
    durations, errors, elapsed = run_jobs(jobs, clients=ctx.deadline_clients, seconds=ctx.deadline_seconds, spread=spread)
    return {
        "seconds": round(elapsed, 2),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "stored": AnnualReport.objects.filter(pk__in=ids, status=ReportStatus.SUBMITTED).count(),
        "job": _timing(durations),
        "page_get": _timing(get_times),
        "submit_post": _timing(post_times),
    }


def _submit_job(port: int, report_id: int, cookie: str, get_times: list[float], post_times: list[float]):
    """What one agency's browser does: open its report, send the form back with submit."""
    import http.client

    from .http import HOST, forms_in, post_form

    page_url = reverse("reporting:report", kwargs={"pk": report_id})

    def job() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            headers = {"Cookie": cookie}
            t0 = time.perf_counter()
            conn.request("GET", page_url, headers=headers)
            resp = conn.getresponse()
            html = resp.read().decode("utf-8", "replace")
            get_times.append(time.perf_counter() - t0)
            if resp.status != 200:
                raise RuntimeError(f"GET report page answered {resp.status}")
            csrf_cookie = _cookie_value(resp.getheader("Set-Cookie") or "", "csrftoken")
            if csrf_cookie:
                headers["Cookie"] += f"; csrftoken={csrf_cookie}"
            form = next((f for f in forms_in(html) if any(k == "version" for k, _v in f["fields"])), None)
            if form is None:
                raise RuntimeError("no report form on the page")
            data = [(k, v) for k, v in form["fields"] if k != "action"] + [("action", "submit")]
            t1 = time.perf_counter()
            status, _body = post_form(conn, form["action"] or page_url, data, headers)
            post_times.append(time.perf_counter() - t1)
            if status not in (302, 303):
                raise RuntimeError(f"POST submit answered {status}")
        finally:
            conn.close()

    return job


def _deadline_result(ctx: Context, reports: list, runs: dict, memory) -> dict:
    paced = runs["paced"]
    return {
        "accounts": len(reports),
        "clients": ctx.deadline_clients,
        "window_seconds": ctx.deadline_seconds,
        "errors": paced["errors"],
        "stored": paced["stored"],
        "p95_ms": paced["submit_post"]["p95_ms"],
        "job_p95_ms": paced["job"]["p95_ms"],
        "burst_errors": runs["burst"]["errors"],
        "burst_stored": runs["burst"]["stored"],
        "burst_submit_p95_ms": runs["burst"]["submit_post"]["p95_ms"],
        "runs": runs,
        "server_memory": memory,
        "targets": {
            "errors": target(paced["errors"] + runs["burst"]["errors"], 0),
            "stored": {"value": paced["stored"], "target": f"= {len(reports)}",
                       "met": paced["stored"] == runs["burst"]["stored"] == len(reports)},
            "p95_ms": target(paced["submit_post"]["p95_ms"], 500),
        },
    }


def _timing(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0, "median_ms": float("nan"), "p95_ms": float("nan"), "max_ms": float("nan")}
    return summary_ms(samples)


def _cookie_value(header: str, name: str) -> str:
    for part in header.replace(",", ";").split(";"):
        part = part.strip()
        if part.startswith(name + "="):
            return part.split("=", 1)[1]
    return ""


def _reset_reports(ids: list[int]) -> None:
    """Put deadline-day reports back to draft so a second run measures the same thing."""
    from ngvh.reporting.models import AnnualReport, ReportEvent, ReportEventKind, ReportStatus

    with transaction.atomic():
        ReportEvent.objects.filter(report_id__in=ids).exclude(kind=ReportEventKind.CREATED).delete()
        AnnualReport.objects.filter(pk__in=ids).update(status=ReportStatus.DRAFT, submitted_at=None, first_submitted_at=None, version=1)


# ---- registry ------------------------------------------------------------------------------------

MEASUREMENTS: list[tuple[str, Callable[[Context], dict]]] = [
    ("seed_import", seed_import),
    ("province_dashboard", province_dashboard),
    ("national_dashboard", national_dashboard),
    ("activity_list", activity_list),
    ("consolidation", consolidation),
    ("xlsx_import", xlsx_import),
    ("http_dashboard", http_dashboard),
    ("deadline_day", deadline_day),
]


def run_all(ctx: Context, *, only: set[str] | None = None, say: Callable[[str], None] = print) -> dict:
    import traceback

    results: dict = {}
    for name, fn in MEASUREMENTS:
        if only and name not in only:
            results[name] = {"status": "skipped: not selected"}
            continue
        say(f"· {name} …")
        load_start = _loadavg()
        t0 = time.perf_counter()
        try:
            figures = fn(ctx)
            results[name] = {"status": "ok", **figures}
        except NotAvailable as exc:
            results[name] = {"status": str(exc)}
        except Exception as exc:  # noqa: BLE001 - one broken measurement must not hide the others
            results[name] = {"status": f"error: {type(exc).__name__}: {exc}"[:500]}
            say(traceback.format_exc())
        results[name]["wall_seconds"] = round(time.perf_counter() - t0, 2)
        results[name]["loadavg"] = {"start": load_start, "end": _loadavg()}
        say(f"  {results[name]['status']} ({results[name]['wall_seconds']} s)")
    return results


def _loadavg() -> list[float]:
    import os

    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def missing(results: dict) -> dict[str, str]:
    """Measurements that produced no figures (not available, or failed), with their status.

    A run with any of these is incomplete: the command exits non-zero and the bench test
    fails, whatever the other figures say. Measurements left out with ``--only`` are not
    missing.
    """
    return {name: section.get("status", "missing") for name, section in results.items()
            if section.get("status") != "ok" and not str(section.get("status", "")).startswith("skipped")}


def median(values):
    return statistics.median(values) if values else float("nan")


__all__ = ["Context", "MEASUREMENTS", "NotAvailable", "missing", "run_all", "percentile"]
