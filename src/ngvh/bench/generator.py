"""A deterministic national-scale dataset: N provinces, each with a plan of the seed's family.

Every province draws from its own random stream (seeded by the run's seed and the
province's index), so province 7 is the same at scale 10 and at scale 63, and the same
seed always gives the same rows. Rows go straight to the tables (see ``loader``): the
synthetic data carries no history rows, which no page reads.

Shape per province: 25–40 agencies (the focal point first), 4–6 task groups holding
15–25 tasks, every agency holding at least one assignment; one coordinator, one leader
and one reporter per agency; reporting years 2023–2030; about ``per_agency_year``
activities per agency and year with their task and country rows; annual reports in every
state (accepted on time or after a return, submitted on time or late, returned, draft,
missing) with one line per assigned task, and the 2027 drafts filled in and ready to be
submitted on deadline day.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from ngvh.core.text import agency_key, ascii_key, search_key

from . import vocab
from .loader import adapt

YEARS = list(range(2023, 2031))
TODAY = dt.date(2026, 11, 26)  # the reference "today": the 2026 deadline has just passed
CURRENT_YEAR = 2026
DEADLINE_YEAR = 2027  # every agency has a filled-in draft for this year
BENCH_PASSWORD = "bench-password-2030"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
KINDS = list(vocab.KIND_PHRASES)


@dataclass
class GenConfig:
    scale: int
    seed: int = 274
    per_agency_year: int = 60
    first: int = 0  # index of the first province: lets a test add provinces of another size


@dataclass
class GenResult:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    peak_rss_kb: int = 0
    # What the measurements need to find their way in the generated data.
    coordinator_usernames: list[str] = field(default_factory=list)
    plan_numbers: list[str] = field(default_factory=list)


def province_name(index: int) -> str:
    base = vocab.PROVINCES[index] if index < len(vocab.PROVINCES) else f"Tỉnh {index + 1}"
    return base + vocab.PROVINCE_SUFFIX


def plan_number(index: int) -> str:
    return f"{index + 1}/KH-UBND-TT"


class Sink:
    """Where rows go. The counting sink lets tests and dry runs know the exact row counts
    for a seed without a database."""

    def __init__(self):
        self.counts: Counter = Counter()

    def write(self, table, rows: list[tuple]) -> None:
        self.counts[table.name] += len(rows)


class DatabaseSink(Sink):
    def write(self, table, rows: list[tuple]) -> None:
        from django.db import transaction

        from .loader import write

        with transaction.atomic():
            write(table, rows)
        super().write(table, rows)


class _Ids:
    def __init__(self, start: dict[str, int]):
        self.next = dict(start)

    def take(self, key: str) -> int:
        value = self.next[key]
        self.next[key] = value + 1
        return value


class _Buffered:
    """Collects rows per table and flushes in large batches."""

    def __init__(self, sink: Sink, batch: int = 50_000):
        self.sink = sink
        self.batch = batch
        self.buffers: dict = {}

    def add(self, table, row: tuple) -> None:
        buf = self.buffers.setdefault(table, [])
        buf.append(row)
        if len(buf) >= self.batch:
            self.sink.write(table, buf)
            self.buffers[table] = []

    def flush(self, tables=None) -> None:
        for table in tables or list(self.buffers):
            buf = self.buffers.get(table)
            if buf:
                self.sink.write(table, buf)
                self.buffers[table] = []


@dataclass
class _Run:
    """What every step of one run shares: the tables, the id counters, the row buffer."""

    config: GenConfig
    out: _Buffered
    t: dict
    ids: _Ids
    password: str
    result: GenResult
    bar: object
    search_cache: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # the fast row builders of the biggest tables

    def skey(self, text: str) -> str:
        value = self.search_cache.get(text)
        if value is None:
            value = self.search_cache[text] = search_key(text)
        return value

    def add(self, model, **values) -> None:
        self.out.add(self.t[model], self.t[model].row(**values))


@dataclass
class _Province:
    """One province's ids, as the later steps need them."""

    index: int
    rng: random.Random
    base_name: str
    province_id: int
    agency_ids: list[int] = field(default_factory=list)
    plan_id: int = 0
    tasks: list[tuple[int, str]] = field(default_factory=list)  # (task id, timeframe kind)
    held: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # agency idx -> (task idx, role)
    coordinator_id: int = 0
    reporter_ids: list[int] = field(default_factory=list)
    linked: dict[tuple[int, int, int], list[int]] = field(default_factory=dict)  # (agency idx, year, task idx) -> activities


def generate(config: GenConfig, *, sink: Sink | None = None, progress: bool = True, start_ids: dict | None = None) -> GenResult:
    """Write the dataset into ``sink`` (a counting sink by default) and return the counts.

    The steps draw from the province's random stream in a fixed order (agencies, plan,
    assignments, accounts, activities, reports): reordering them changes every row after."""
    sink = sink or Sink()
    started = time.perf_counter()
    run = _start(config, sink, progress, start_ids)
    for p in range(config.first, config.first + config.scale):
        province = _agencies(run, p)
        _plan(run, province)
        _assignments(run, province)
        _accounts(run, province)
        _activities(run, province)
        _reports(run, province)
    run.out.flush()
    run.bar.close()
    run.result.counts = Counter(sink.counts)
    run.result.seconds = time.perf_counter() - started
    return run.result


def _start(config: GenConfig, sink: Sink, progress: bool, start_ids: dict | None) -> _Run:
    from django.contrib.auth.hashers import make_password

    from ngvh.accounts.models import User
    from ngvh.activities.models import Activity, ActivityCountry
    from ngvh.agencies.models import Agency, Province
    from ngvh.plans.models import Plan, Task, TaskAssignment, TaskGroup
    from ngvh.reporting.models import AnnualReport, ReportEvent, ReportingYear, ReportLine

    from .loader import Table

    t = {
        m: Table(m)
        for m in (Province, Agency, Plan, TaskGroup, Task, TaskAssignment, User, ReportingYear, AnnualReport, ReportLine, ReportEvent, Activity, ActivityCountry)
    }
    t["act_task"] = Table(Activity.tasks.through)
    t["line_act"] = Table(ReportLine.activities.through)
    keys = ["province", "agency", "plan", "group", "task", "assignment", "user", "ryear", "report", "line", "event", "activity", "country", "act_task", "line_act"]
    counting_only = type(sink) is Sink
    total_acts = config.scale * 32 * len(YEARS) * config.per_agency_year
    run = _Run(
        config=config, out=_Buffered(sink), t=t, ids=_Ids(start_ids or dict.fromkeys(keys, 1)),
        password="!" if counting_only else make_password(BENCH_PASSWORD), result=GenResult(),
        bar=_progress(total_acts, "activities", progress),
    )
    run.rows = {
        Activity: t[Activity].setter(
            "id", "plan_id", "agency_id", "title", "kind", "status", "start_date", "end_date", "year", "place_country",
            "place_name", "participants_total", "participants_foreign", "budget_state", "budget_private", "budget_foreign",
            "media_count", "outcome", "search_text", "created_by_id",
        ),
        ActivityCountry: t[ActivityCountry].setter("id", "activity_id", "code"),
        "act_task": t["act_task"].setter("id", "activity_id", "task_id"),
        "line_act": t["line_act"].setter("id", "reportline_id", "activity_id"),
    }
    return run


def _agencies(run: _Run, p: int) -> _Province:
    """The province, and its agencies: the focal point, departments, then districts."""
    from ngvh.agencies.models import Agency, Province
    from ngvh.agencies.services import guess_kind

    rng = random.Random(f"{run.config.seed}:{p}")
    pname = province_name(p)
    province = _Province(index=p, rng=rng, base_name=pname.removesuffix(vocab.PROVINCE_SUFFIX), province_id=run.ids.take("province"))
    run.add(Province, id=province.province_id, name=pname, code=slugify(ascii_key(pname)))
    n_ag = rng.randint(25, 40)
    n_dist = rng.randint(max(0, n_ag - 1 - len(vocab.DEPARTMENTS)), min(len(vocab.DISTRICTS), n_ag - 9))
    names = [vocab.FOCAL_AGENCY]
    names += rng.sample(vocab.DEPARTMENTS, n_ag - 1 - n_dist)
    names += [f"Ủy ban nhân dân huyện {n}" for n in rng.sample(vocab.DISTRICTS, n_dist)]
    for name in names:
        aid = run.ids.take("agency")
        province.agency_ids.append(aid)
        run.add(Agency, id=aid, province_id=province.province_id, name=name, name_key=agency_key(name), kind=guess_kind(name),
                email=f"a{aid}@bench.invalid")
    return province


def _plan(run: _Run, province: _Province) -> None:
    """The plan, its 4–6 groups and 15–25 tasks with their timeframes."""
    from ngvh.plans.models import Plan, Task, TaskGroup

    rng, base_name = province.rng, province.base_name
    province.plan_id = plan_id = run.ids.take("plan")
    number = plan_number(province.index)
    run.result.plan_numbers.append(number)
    run.add(
        Plan, id=plan_id, province_id=province.province_id, number=number,
        issued_on=adapt(dt.date(2022, rng.randint(1, 12), rng.randint(1, 28))),
        place=base_name, issuer=f"Ủy ban nhân dân tỉnh {base_name}",
        title=f"Kế hoạch triển khai Chiến lược Ngoại giao văn hóa đến năm 2030 của tỉnh {base_name}",
        content_sha256=f"bench-{run.config.seed}-{province.index}", source_name="synthetic",
    )
    n_groups = rng.randint(4, 6)
    group_ids = []
    for g in range(n_groups):
        gid = run.ids.take("group")
        group_ids.append(gid)
        run.add(TaskGroup, id=gid, plan_id=plan_id, code=ROMAN[g], title=vocab.GROUP_TITLES[g], order=g)
    n_tasks = rng.randint(15, 25)
    task_groups = sorted(list(range(n_groups)) + [rng.randrange(n_groups) for _ in range(n_tasks - n_groups)])
    titles = rng.sample(vocab.TASK_TITLES, n_tasks)
    per_group: Counter = Counter()
    for order, (g, title) in enumerate(zip(task_groups, titles, strict=True)):
        per_group[g] += 1
        code = f"{ROMAN[g]}.{per_group[g]}"
        tid = run.ids.take("task")
        kind, start, end, text = _timeframe(rng.random())
        province.tasks.append((tid, kind))
        run.add(Task, id=tid, plan_id=plan_id, group_id=group_ids[g], code=code, order=order, title=title,
                search_text=run.skey(f"{code} {title}"), timeframe_kind=kind, timeframe_start=start,
                timeframe_end=end, timeframe_text=text)


def _timeframe(roll: float) -> tuple[str, int | None, int | None, str]:
    if roll < 0.6:
        return "annual", None, None, "Hằng năm"
    if roll < 0.75:
        return "period", 2025, 2030, "2025-2030"
    if roll < 0.9:
        return "as_arising", None, None, "Theo các hoạt động, sự kiện phát sinh"
    return "unspecified", None, None, ""


def _assignments(run: _Run, province: _Province) -> None:
    """One lead and 0–3 coordinators per task; every agency holds at least one."""
    from ngvh.plans.models import AssignmentRole, TaskAssignment

    rng, n_ag, n_tasks = province.rng, len(province.agency_ids), len(province.tasks)
    held: dict[int, list[tuple[int, str]]] = {i: [] for i in range(n_ag)}
    on_task: dict[int, set[int]] = {}
    for ti in range(n_tasks):
        lead = rng.randrange(n_ag)
        coords = rng.sample([i for i in range(n_ag) if i != lead], rng.randint(0, 3))
        on_task[ti] = {lead, *coords}
        held[lead].append((ti, "lead"))
        for c in coords:
            held[c].append((ti, "coordinator"))
    for ai in range(n_ag):
        if not held[ai]:
            ti = rng.choice([i for i in range(n_tasks) if ai not in on_task[i]])
            on_task[ti].add(ai)
            held[ai].append((ti, "coordinator"))
    order_on_task: Counter = Counter()
    for ai in range(n_ag):
        for ti, role in held[ai]:
            order_on_task[ti] += 1
            run.add(TaskAssignment, id=run.ids.take("assignment"), task_id=province.tasks[ti][0],
                    agency_id=province.agency_ids[ai], role=role, order=0 if role == AssignmentRole.LEAD else order_on_task[ti])
    province.held = held


def _accounts(run: _Run, province: _Province) -> None:
    """A coordinator and a leader at the focal point, a reporter per agency."""
    from ngvh.accounts.models import User

    p, base_name, focal = province.index, province.base_name, province.agency_ids[0]

    def user(username, full_name, agency_id, role):
        uid = run.ids.take("user")
        run.add(User, id=uid, username=username, password=run.password, full_name=full_name, agency_id=agency_id,
                role=role, email=f"{username}@bench.invalid", is_active=True)
        return uid

    coord_name = f"p{p:02d}-dieuphoi"
    run.result.coordinator_usernames.append(coord_name)
    province.coordinator_id = user(coord_name, f"Điều phối {base_name}", focal, "coordinator")
    user(f"p{p:02d}-lanhdao", f"Lãnh đạo {base_name}", focal, "leader")
    province.reporter_ids = [
        user(f"p{p:02d}-a{ai:02d}", f"Cán bộ {ai} {base_name}", aid, "reporter") for ai, aid in enumerate(province.agency_ids)
    ]


def _activities(run: _Run, province: _Province) -> None:
    """About ``per_agency_year`` activities per agency and year, and for each (agency,
    year, task) the first two done ones, which the report lines will cite."""
    per = run.config.per_agency_year
    spread = max(1, per // 6)
    for year in YEARS:
        for ai in range(len(province.agency_ids)):
            own_tasks = [ti for ti, _role in province.held[ai]]
            n = province.rng.randint(max(1, per - spread), per + spread)
            for _ in range(n):
                _activity(run, province, year, ai, own_tasks)
            run.bar.update(n)


def _activity(run: _Run, province: _Province, year: int, ai: int, own_tasks: list[int]) -> None:
    from ngvh.activities.models import Activity, ActivityCountry, ActivityStatus

    rng = province.rng
    aid = run.ids.take("activity")
    kind = rng.choice(KINDS)
    start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    end = min(start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3))), dt.date(year, 12, 31))
    if start < TODAY:
        status = "done" if rng.random() < 0.92 else "cancelled"
    else:
        status = "planned"
    abroad = rng.random() < 0.4
    if abroad:
        country = rng.choice(vocab.COUNTRIES)
        place = rng.choice(vocab.FOREIGN_PLACES[country])
        reached = [country]
        if rng.random() < 0.25:
            other = rng.choice(vocab.COUNTRIES)
            if other != country:
                reached.append(other)
    else:
        country = "VN"
        place = rng.choice(vocab.DOMESTIC_PLACES)
        reached = [rng.choice(vocab.COUNTRIES)] if rng.random() < 0.3 else []
    title = f"{vocab.KIND_PHRASES[kind]} {rng.choice(vocab.TOPICS)}"
    outcome = rng.choice(vocab.OUTCOMES) if status == ActivityStatus.DONE else ""
    total = rng.randint(10, 2000)
    run.out.add(
        run.t[Activity],
        run.rows[Activity](
            aid, province.plan_id, province.agency_ids[ai], title, kind, status, adapt(start), adapt(end), year, country, place,
            total, rng.randint(0, total // 3 if abroad else total // 10),
            rng.randint(0, 500) * 1_000_000, rng.randint(0, 200) * 1_000_000,
            rng.randint(0, 50) * 1_000_000 if abroad else 0, rng.randint(0, 30), outcome,
            run.skey(f"{title}  {place} {outcome}"), province.reporter_ids[ai],
        ),
    )
    for code in reached:
        run.out.add(run.t[ActivityCountry], run.rows[ActivityCountry](run.ids.take("country"), aid, code))
    chosen = rng.sample(own_tasks, min(len(own_tasks), 1 if rng.random() < 0.7 else 2))
    for ti in chosen:
        run.out.add(run.t["act_task"], run.rows["act_task"](run.ids.take("act_task"), aid, province.tasks[ti][0]))
        slot = province.linked.setdefault((ai, year, ti), [])
        if len(slot) < 2 and status == ActivityStatus.DONE:
            slot.append(aid)


def _reports(run: _Run, province: _Province) -> None:
    """Every reporting year; up to the deadline year, a report per agency in a drawn state."""
    from ngvh.reporting.models import ReportingYear

    n_ag = len(province.agency_ids)
    for year in YEARS:
        ry_id = run.ids.take("ryear")
        deadline = dt.date(year, 11, 15)
        frozen = year <= CURRENT_YEAR
        run.add(
            ReportingYear, id=ry_id, plan_id=province.plan_id, year=year, deadline=adapt(deadline),
            cutoff_start=adapt(dt.date(year - 1, 12, 15)), cutoff_end=adapt(dt.date(year, 12, 14)),
            opened_at=adapt(_at(dt.date(year, 1, 10))), opened_by_id=province.coordinator_id,
            expected_frozen_at=adapt(_at(dt.date(year, 11, 16))) if frozen else None, expected_count=n_ag if frozen else None,
        )
        if year > DEADLINE_YEAR:
            continue
        for ai in range(n_ag):
            state = _report_state(province.rng, year)
            if state != "missing":
                _report(run, province, ry_id, year, deadline, ai, state)


def _report_history(rng: random.Random, state: str, deadline: dt.date, reporter: int, coordinator: int):
    """The events that lead to ``state``, and the report's submitted, first-submitted and
    accepted times and return reason."""
    opened = _at(dt.date(deadline.year, 1, 10))
    submitted = first = accepted = None
    reason = ""
    events = [("created", opened, "", "draft", reporter, "")]
    if state in ("accepted", "accepted_after_return", "submitted", "submitted_late", "returned"):
        late = state == "submitted_late"
        day = deadline + dt.timedelta(days=rng.randint(1, 10)) if late else deadline - dt.timedelta(days=rng.randint(1, 30))
        submitted = first = _at(day, 9 + rng.randrange(8))
        events.append(("submitted", submitted, "draft", "submitted", reporter, ""))
        if state in ("accepted_after_return", "returned"):
            reason = "Đề nghị bổ sung số liệu kinh phí và số lượt khách quốc tế."
            returned_at = submitted + dt.timedelta(days=2)
            events.append(("returned", returned_at, "submitted", "returned", coordinator, reason))
            if state == "accepted_after_return":
                submitted = returned_at + dt.timedelta(days=1)
                events.append(("submitted", submitted, "returned", "submitted", reporter, ""))
        if state.startswith("accepted"):
            accepted = submitted + dt.timedelta(days=3)
            events.append(("accepted", accepted, "submitted", "accepted", coordinator, ""))
    return events, submitted, first, accepted, reason


def _report(run: _Run, province: _Province, ry_id: int, year: int, deadline: dt.date, ai: int, state: str) -> None:
    from ngvh.reporting.models import AnnualReport, ReportEvent, ReportLine, ReportStatus

    rng = province.rng
    rid = run.ids.take("report")
    events, submitted, first, accepted, reason = _report_history(
        rng, state, deadline, province.reporter_ids[ai], province.coordinator_id
    )
    status = {"accepted_after_return": "accepted", "submitted_late": "submitted"}.get(state, state)
    run.add(
        AnnualReport, id=rid, reporting_year_id=ry_id, agency_id=province.agency_ids[ai], status=status,
        version=len(events), difficulties="Kinh phí còn hạn chế." if status != ReportStatus.DRAFT else "",
        recommendations="Đề nghị bố trí kinh phí thường xuyên." if status != ReportStatus.DRAFT else "",
        submitted_at=adapt(submitted) if submitted else None, first_submitted_at=adapt(first) if first else None,
        accepted_at=adapt(accepted) if accepted else None, return_reason=reason if status == ReportStatus.RETURNED else "",
    )
    for kind, at, frm, to, actor, why in events:
        run.add(ReportEvent, id=run.ids.take("event"), report_id=rid, kind=kind, actor_id=actor, at=adapt(at),
                from_status=frm, to_status=to, reason=why)
    filled = status != ReportStatus.DRAFT or year == DEADLINE_YEAR
    for order, (ti, role) in enumerate(province.held[ai]):
        lid = run.ids.take("line")
        line_status, progress_pct = _line_status(rng, province.tasks[ti][1]) if filled else ("", 0)
        if year == DEADLINE_YEAR:
            line_status, progress_pct = "in_progress", 50
        run.add(ReportLine, id=lid, report_id=rid, task_id=province.tasks[ti][0], role=role, status=line_status,
                progress=progress_pct, results=rng.choice(vocab.RESULTS) if filled else "", order=order)
        if filled and status != ReportStatus.DRAFT:
            for act in province.linked.get((ai, year, ti), []):
                run.out.add(run.t["line_act"], run.rows["line_act"](run.ids.take("line_act"), lid, act))


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _report_state(rng: random.Random, year: int) -> str:
    if year == DEADLINE_YEAR:
        return "draft"
    roll = rng.random()
    if year < CURRENT_YEAR:
        table = [(0.80, "accepted"), (0.88, "accepted_after_return"), (0.93, "submitted"), (0.96, "returned"), (0.98, "draft")]
    else:
        table = [(0.30, "accepted"), (0.35, "accepted_after_return"), (0.55, "submitted"), (0.65, "submitted_late"),
                 (0.75, "returned"), (0.90, "draft")]
    for limit, state in table:
        if roll < limit:
            return state
    return "missing"


def _line_status(rng: random.Random, task_kind: str) -> tuple[str, int]:
    from ngvh.plans.models import TimeframeKind

    roll = rng.random()
    if task_kind == TimeframeKind.AS_ARISING and roll < 0.3:
        return "not_arisen", 0
    if task_kind in (TimeframeKind.AS_ARISING, TimeframeKind.UNSPECIFIED) and roll < 0.5:
        return "done_no_deadline", 100
    if roll < 0.55:
        return "done_on_time", 100
    if roll < 0.65:
        return "done_late", 100
    if roll < 0.9:
        return "in_progress", rng.randint(20, 90)
    return "overdue", rng.randint(0, 60)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, unit: str, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=f" {unit}", unit_scale=True, mininterval=1.0, desc="generate", dynamic_ncols=True)
