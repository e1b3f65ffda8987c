"""``ngvh bench --scale N --db sqlite|postgres [--quick]``: the national-scale benchmark.

The command runs in two processes. The outer one (what you type) decides where the
bench database lives and starts the inner one with that database in its environment,
together with the production settings (DEBUG=0 and a throw-away SECRET_KEY), so the
developer's own database is never opened and the numbers are those of production. The
inner one migrates, generates (or reuses) the dataset, measures, prints the table and
writes the JSON to ``bench/results/``.
"""

from __future__ import annotations

import os
import platform
import secrets
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

QUICK_SCALE = 2
INCOMPLETE = 3  # exit status of a run where some measurement gave no figures
PG_DEFAULT = "postgres://ngvh:ngvh@127.0.0.1:5432/ngvh_bench"


class Command(BaseCommand):
    help = "Generate a national-scale dataset in a separate database and measure the product against its targets."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=None, help="number of provinces (default 63; 2 with --quick)")
        parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
        parser.add_argument("--quick", action="store_true", help="small scale, few requests, short HTTP phases (< 2 min)")
        parser.add_argument("--seed", type=int, default=274)
        parser.add_argument("--per-agency-year", type=int, default=None, help="activities per agency and year (default 60; 8 with --quick)")
        parser.add_argument("--regenerate", action="store_true", help="rebuild the dataset even if one of this shape exists")
        parser.add_argument("--only", default="", help="comma-separated measurement names")
        parser.add_argument("--data-dir", default="bench/data", help="where the bench database and logs live")
        parser.add_argument("--results-dir", default="bench/results")
        parser.add_argument("--pg-url", default=os.environ.get("NGVH_BENCH_DATABASE_URL", PG_DEFAULT),
                            help="PostgreSQL database for --db postgres (it is dropped and recreated on --regenerate)")
        parser.add_argument("--port-range", default=os.environ.get("NGVH_BENCH_PORTS", ""),
                            help="ports gunicorn may listen on, FIRST-LAST on 127.0.0.1 (default: any free port; "
                                 "or NGVH_BENCH_PORTS)")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--inner", action="store_true", help="internal: run inside the prepared environment")

    # ---- outer -----------------------------------------------------------------------------

    def handle(self, *args, **opts):
        if opts["inner"]:
            return self.inner(opts)
        # Quick runs keep their own database so they never throw away a full-scale dataset.
        data_dir = Path(opts["data_dir"]).resolve() / (opts["db"] + ("-quick" if opts["quick"] else ""))
        data_dir.mkdir(parents=True, exist_ok=True)
        results_dir = Path(opts["results_dir"]).resolve()
        env = dict(os.environ)
        if opts["regenerate"]:
            (data_dir / "generated.json").unlink(missing_ok=True)
        if opts["db"] == "sqlite":
            database_url = f"sqlite:///{data_dir / 'bench.sqlite3'}"
            if opts["regenerate"]:
                for suffix in ("", "-wal", "-shm"):
                    (data_dir / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        else:
            database_url = opts["pg_url"] + ("_quick" if opts["quick"] and opts["pg_url"] == PG_DEFAULT else "")
            _pg_ensure(database_url, recreate=opts["regenerate"])
        env.update(
            DATABASE_URL=database_url,
            NGVH_DATA_DIR=str(data_dir),
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            SECURE_SSL_REDIRECT="0",
            NGVH_DEMO="0",
            NGVH_LOG_LEVEL="WARNING",
            DJANGO_SETTINGS_MODULE="ngvh.config.settings",
        )
        cmd = [sys.executable, "-m", "ngvh", "bench", "--inner", "--db", opts["db"], "--seed", str(opts["seed"]),
               "--data-dir", str(data_dir), "--results-dir", str(results_dir), "--only", opts["only"]]
        if opts["scale"] is not None:
            cmd += ["--scale", str(opts["scale"])]
        if opts["per_agency_year"] is not None:
            cmd += ["--per-agency-year", str(opts["per_agency_year"])]
        if opts["port_range"]:
            cmd += ["--port-range", opts["port_range"]]
        for flag in ("quick", "regenerate", "no_progress"):
            if opts[flag]:
                cmd.append("--" + flag.replace("_", "-"))
        code = subprocess.call(cmd, env=env)
        if code == INCOMPLETE:
            raise CommandError("the bench run is incomplete: some measurements gave no figures (see the table)",
                               returncode=INCOMPLETE)
        if code:
            raise CommandError(f"the bench run failed (exit {code})")

    # ---- inner -----------------------------------------------------------------------------

    def inner(self, opts):
        from django.core.management import call_command

        from ngvh.bench import measure, report
        from ngvh.bench.http import parse_port_range

        try:
            port_range = parse_port_range(opts["port_range"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        quick = opts["quick"]
        scale = opts["scale"] if opts["scale"] is not None else (QUICK_SCALE if quick else 63)
        data_dir = Path(opts["data_dir"])
        started = time.strftime("%Y-%m-%dT%H:%M:%S")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        say = self.stdout.write

        load_start = _loadavg()
        say(f"bench database: {os.environ['DATABASE_URL'].split('@')[-1]}")
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        say(f"migrated and collected static files in {time.perf_counter() - t0:.1f} s")

        generator = self._dataset(opts, scale, data_dir)
        ctx = _context(quick, data_dir, Path(opts["results_dir"]), port_range)
        only = {x.strip() for x in opts["only"].split(",") if x.strip()} or None
        measurements = measure.run_all(ctx, only=only, say=say)
        results = {
            "meta": _meta(opts, started, scale, quick, load_start),
            "generator": generator,
            "measurements": measurements,
        }
        say("")
        say(report.table(results))
        path = report.write_json(results, ctx.results_dir, stamp, opts["db"])
        say(f"\nresults written to {path}")
        gaps = measure.missing(measurements)
        if gaps:
            for name, status in gaps.items():
                self.stderr.write(f"no figures from {name}: {status}")
            sys.exit(INCOMPLETE)

    def _dataset(self, opts, scale: int, data_dir: Path) -> dict:
        """The generated dataset: the one on disk when it matches the run's configuration,
        else a new one (refused over another dataset unless ``--regenerate``)."""
        from ngvh.bench import dataset
        from ngvh.bench.generator import GenConfig

        say = self.stdout.write
        per = opts["per_agency_year"] if opts["per_agency_year"] is not None else (8 if opts["quick"] else 60)
        config = GenConfig(scale=scale, seed=opts["seed"], per_agency_year=per)
        if dataset.is_current(data_dir, config) and not opts["regenerate"]:
            say(f"reusing the generated dataset (scale {scale}, seed {opts['seed']})")
            return {**dataset.load_meta(data_dir)["generator"], "reused": True}
        if dataset.load_meta(data_dir) is not None or _has_rows():
            raise CommandError("the bench database holds another dataset: run again with --regenerate to rebuild it")
        say(f"generating scale {scale} (seed {opts['seed']}, ~{per} activities per agency-year) …")
        generator = dataset.build(config, data_dir, progress=not opts["no_progress"], stdout=self.stdout)
        say(f"generated {generator['rows_total']:,} rows in {generator['total_seconds']} s")
        return generator


def _context(quick: bool, data_dir: Path, results_dir: Path, port_range):
    from ngvh.bench import measure

    ctx = measure.Context(quick=quick, data_dir=data_dir, results_dir=results_dir, server_env=dict(os.environ),
                          port_range=port_range)
    if quick:
        ctx.requests = 10
        ctx.dashboard_requests = 20
        ctx.cold_requests = 3
        ctx.http_seconds = 3.0
        ctx.deadline_seconds = 8.0
        ctx.xlsx_rows = 500
    return ctx


def _meta(opts, started: str, scale: int, quick: bool, load_start) -> dict:
    return {
        "started": started,
        "db": opts["db"],
        "vendor_version": _db_version(),
        "scale": scale,
        "seed": opts["seed"],
        "quick": quick,
        "machine": f"{platform.node()} · {platform.platform()} · {os.cpu_count()} CPU · "
                   f"{_mem_gb()} GB · Python {platform.python_version()}",
        "python": platform.python_version(),
        # Other processes on the machine change every absolute figure: keep the
        # load averages (1, 5, 15 min) seen at the start and at the end.
        "loadavg_start": load_start,
        "loadavg_end": _loadavg(),
    }


def _has_rows() -> bool:
    from ngvh.activities.models import Activity
    from ngvh.agencies.models import Province

    return Province.objects.exists() or Activity.objects.exists()


def _db_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            return "PostgreSQL " + cur.fetchone()[0]
        cur.execute("SELECT sqlite_version()")
        return "SQLite " + cur.fetchone()[0]


def _loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _mem_gb() -> str:
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        return f"{kb / 1024 / 1024:.0f}"
    except (OSError, ValueError, IndexError):
        return "?"


def _pg_ensure(url: str, *, recreate: bool) -> None:
    """Create the bench database if it is missing (drop it first on --regenerate)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if not name.startswith("ngvh_bench"):
        raise CommandError("the bench PostgreSQL database must be named ngvh_bench… so a real database is never dropped")
    conninfo = dict(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"], dbname="postgres")
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
