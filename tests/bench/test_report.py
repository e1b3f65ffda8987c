"""The results table and the statistics behind it (pure)."""

from __future__ import annotations

from ngvh.bench.report import table, verdicts
from ngvh.bench.stats import percentile, ratio, summary_ms


def test_percentile_is_nearest_rank():
    # given twenty samples 1..20
    samples = list(range(1, 21))
    # then the median is the 10th and p95 the 19th
    assert percentile(samples, 50) == 10
    assert percentile(samples, 95) == 19
    assert percentile([5.0], 95) == 5.0


def test_summary_is_in_milliseconds_and_ratio_handles_zero():
    assert summary_ms([0.010, 0.020, 0.030]) == {"n": 3, "median_ms": 20.0, "p95_ms": 30.0, "max_ms": 30.0}
    assert ratio(30, 20) == 1.5
    assert ratio(1, 0) != ratio(1, 0)  # NaN: no floor measured


def test_table_says_what_is_not_available_and_which_targets_are_missed():
    # given a run where one measurement is missing and one misses a target
    results = {
        "meta": {"db": "sqlite", "scale": 2, "quick": True, "started": "2026-11-26T10:00:00", "machine": "test"},
        "generator": {"status": "ok", "rows_total": 1000, "counts": {"activities_activity": 600}, "total_seconds": 1.5,
                      "peak_rss_mb": 90.0},
        "measurements": {
            "province_dashboard": {"status": "not available yet: URL dashboard:plan"},
            "consolidation": {"status": "ok", "seconds": 2.5,
                              "targets": {"seconds": {"value": 2.5, "target": "≤ 2.0", "met": False}}},
        },
    }
    # when the table is rendered
    text = table(results)
    # then each appears with its state
    assert "not available yet: URL dashboard:plan" in text
    assert "targets consolidation: MISSED: seconds" in text
    assert "600" in text
    assert verdicts({"targets": {"a": {"met": True}}}) == "met"
