"""``ngvh bench --quick`` end to end, in its own database, without timing assertions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import dj_database_url
import pytest

from ngvh.bench.generator import GenConfig, generate
from ngvh.bench.management.commands.bench import QUICK_SCALE
from ngvh.bench.measure import MEASUREMENTS


def _db_args() -> list[str]:
    """Bench on the vendor the suite runs on: SQLite locally, PostgreSQL in CI's second pass."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        cfg = dj_database_url.parse(url)
        pg = f"postgres://{cfg['USER']}:{cfg['PASSWORD']}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/ngvh_bench_ci"
        return ["--db", "postgres", "--pg-url", pg]
    return ["--db", "sqlite"]


@pytest.mark.slow
def test_quick_bench_runs_end_to_end_and_writes_every_figure(tmp_path):
    # given an empty data folder and results folder
    data, results = tmp_path / "data", tmp_path / "results"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NGVH_DATA_DIR")}
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]

    # when the quick bench runs
    proc = subprocess.run(
        [sys.executable, "-m", "ngvh", "bench", "--quick", "--regenerate", "--no-progress", *_db_args(),
         "--data-dir", str(data), "--results-dir", str(results)],
        env=env, capture_output=True, text=True, timeout=600,
    )

    # then it succeeds and prints the table
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "measurement" in proc.stdout
    # and the JSON holds the run's description, the generator and every measurement
    files = list(results.glob("*.json"))
    assert len(files) == 1
    out = json.loads(files[0].read_text())
    assert {"meta", "generator", "measurements"} <= set(out)
    assert out["meta"]["quick"] is True
    assert set(out["measurements"]) == {name for name, _fn in MEASUREMENTS}
    # and every measurement produced its figures: one that is not available or failed fails the test
    for name, section in out["measurements"].items():
        assert section["status"] == "ok", (name, section["status"])
        assert section["loadavg"]["start"] and section["loadavg"]["end"], name
    # and the dashboards' ratios rest on at least 200 floor samples
    for name in ("province_dashboard", "national_dashboard"):
        assert out["measurements"][name]["floor_n"] >= 200
        assert {"ratio_median", "ratio_p95"} <= set(out["measurements"][name])
    # and the generator wrote exactly the rows its seed gives, deterministically
    expected = generate(GenConfig(scale=QUICK_SCALE, seed=274, per_agency_year=8), progress=False).counts
    assert out["generator"]["counts"] == dict(sorted(expected.items()))
    # and the bench's database lives in the bench's own folder, not the developer's var/
    assert list(data.glob(f"{out['meta']['db']}-quick/*"))


def test_make_bench_needs_no_secret_in_the_developers_shell():
    # given a shell with none of the development switches (what `make bench` runs in)
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "NGVH_DEMO", "DJANGO_SETTINGS_MODULE")}
    # when the bench command is asked for its options
    proc = subprocess.run([sys.executable, "-m", "ngvh", "bench", "--help"], env=env, capture_output=True, text=True,
                          timeout=120)
    # then the outer process loads (it serves nothing; the inner run gets the production settings)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "--scale" in proc.stdout
