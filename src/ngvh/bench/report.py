"""The results table and JSON file. Pure: plain data in, text out."""

from __future__ import annotations

import json
import math
from pathlib import Path

# (measurement, figure label, key path) printed in the table, in order.
ROWS = [
    ("generator", "rows written", ("rows_total",)),
    ("generator", "activities", ("counts", "activities_activity")),
    ("generator", "total s (target ≤ 600 at scale 63)", ("total_seconds",)),
    ("generator", "peak RSS MB", ("peak_rss_mb",)),
    ("seed_import", "parse + import ms", ("total_ms",)),
    ("province_dashboard", "warm median ms", ("median_ms",)),
    ("province_dashboard", "warm p95 ms (≤ 50)", ("p95_ms",)),
    ("province_dashboard", "SQL floor median ms", ("floor_median_ms",)),
    ("province_dashboard", "SQL floor p95 ms", ("floor_p95_ms",)),
    ("province_dashboard", "floor samples (≥ 200)", ("floor_n",)),
    ("province_dashboard", "median / floor median (≤ 1.5)", ("ratio_median",)),
    ("province_dashboard", "p95 / floor p95 (information)", ("ratio_p95",)),
    ("province_dashboard", "median above floor ms", ("above_floor_median_ms",)),
    ("province_dashboard", "cold median ms (cache emptied)", ("cold", "median_ms")),
    ("national_dashboard", "warm median ms", ("median_ms",)),
    ("national_dashboard", "warm p95 ms (≤ 250)", ("p95_ms",)),
    ("national_dashboard", "SQL floor median ms", ("floor_median_ms",)),
    ("national_dashboard", "SQL floor p95 ms", ("floor_p95_ms",)),
    ("national_dashboard", "floor samples (≥ 200)", ("floor_n",)),
    ("national_dashboard", "median / floor median (≤ 1.5)", ("ratio_median",)),
    ("national_dashboard", "p95 / floor p95 (information)", ("ratio_p95",)),
    ("national_dashboard", "median above floor ms", ("above_floor_median_ms",)),
    ("national_dashboard", "cold median ms (cache emptied)", ("cold", "median_ms")),
    ("activity_list", "2 filters + search p95 ms (≤ 80)", ("p95_ms",)),
    ("activity_list", "worst variant p95 ms", ("worst_p95_ms",)),
    ("consolidation", ".docx + .xlsx s (≤ 2)", ("seconds",)),
    ("xlsx_import", "rows/s (≥ 5000)", ("rows_per_s",)),
    ("xlsx_import", "floor rows/s (calamine + bare insert)", ("floor_rows_per_s",)),
    ("xlsx_import", "ratio to floor (≥ 0.7)", ("ratio_to_floor",)),
    ("http_dashboard", "health req/s, same cookie (before/after mean)", ("health", "rps")),
    ("http_dashboard", "health p95 ms", ("health", "p95_ms")),
    ("http_dashboard", "dashboard req/s", ("dashboard", "rps")),
    ("http_dashboard", "dashboard p95 ms", ("dashboard", "p95_ms")),
    ("http_dashboard", "dashboard / health req/s (≥ 0.35)", ("ratio_rps",)),
    ("http_dashboard", "server peak RSS MB (largest worker)", ("server_memory", "worker_max_mb")),
    ("deadline_day", "accounts", ("accounts",)),
    ("deadline_day", "errors (= 0)", ("errors",)),
    ("deadline_day", "stored", ("stored",)),
    ("deadline_day", "submit p95 ms, paced (≤ 500)", ("p95_ms",)),
    ("deadline_day", "page + submit p95 ms, paced", ("job_p95_ms",)),
    ("deadline_day", "burst: errors", ("burst_errors",)),
    ("deadline_day", "burst: stored", ("burst_stored",)),
    ("deadline_day", "burst: submit p95 ms", ("burst_submit_p95_ms",)),
    ("deadline_day", "server peak RSS MB (largest worker)", ("server_memory", "worker_max_mb")),
]


def dig(data: dict, path: tuple):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def verdicts(section: dict) -> str:
    targets = section.get("targets") or {}
    if not targets:
        return ""
    missed = [k for k, t in targets.items() if not t.get("met")]
    return "met" if not missed else "MISSED: " + ", ".join(missed)


def table(results: dict) -> str:
    """A plain-text table: one line per figure, with each measurement's status."""
    lines = []
    width = 48
    head = results.get("meta", {})
    lines.append(f"NGVH bench — {head.get('db', '?')} — scale {head.get('scale', '?')}"
                 f"{' (quick)' if head.get('quick') else ''} — {head.get('started', '')}")
    lines.append(f"machine: {head.get('machine', '')}")
    if head.get("loadavg_start"):
        lines.append(f"load average at start / end: {head.get('loadavg_start')} / {head.get('loadavg_end')}"
                     " (other processes slow every absolute figure; compare the ratios)")
    lines.append("")
    lines.append(f"{'measurement':<20} {'figure':<{width}} {'value':>12}")
    lines.append("-" * (20 + width + 14))
    sections = {"generator": results.get("generator", {}), **results.get("measurements", {})}
    shown = set()
    for name, label, path in ROWS:
        section = sections.get(name, {})
        outcome = section.get("status", "missing")  # how the measurement ran, not a model's status
        if outcome != "ok":
            if name not in shown:
                lines.append(f"{name:<20} {outcome[:width + 13]}")
                shown.add(name)
            continue
        lines.append(f"{name:<20} {label:<{width}} {_fmt(dig(section, path)):>12}")
        shown.add(name)
    lines.append("")
    for name, section in sections.items():
        if section.get("status") == "ok" and section.get("targets"):
            lines.append(f"targets {name}: {verdicts(section)}")
    loads = [(name, section["loadavg"]) for name, section in sections.items() if section.get("loadavg")]
    if loads:
        lines.append("")
        lines.append("load average (1, 5, 15 min) at the start → end of each measurement:")
        for name, load in loads:
            lines.append(f"  {name:<20} {load.get('start')} → {load.get('end')}")
    return "\n".join(lines)


def write_json(results: dict, results_dir: Path, stamp: str, db: str) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{stamp}-{db}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    return path
