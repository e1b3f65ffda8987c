"""The results table and the statistics behind it (pure)."""

from __future__ import annotations

import socket

import pytest

from ngvh.bench.http import HOST, free_port, parse_port_range
from ngvh.bench.measure import missing, time_interleaved
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


def test_a_measurement_without_figures_makes_the_run_incomplete():
    # given a run where one measurement is not available, one failed, one was left out
    results = {
        "province_dashboard": {"status": "ok"},
        "consolidation": {"status": "not available yet: ngvh.documents.cli"},
        "xlsx_import": {"status": "error: RuntimeError: boom"},
        "deadline_day": {"status": "skipped: not selected"},
    }
    # when the gaps are listed
    gaps = missing(results)
    # then the unavailable and failed ones are missing, the one left out is not
    assert set(gaps) == {"consolidation", "xlsx_import"}
    assert missing({"a": {"status": "ok"}}) == {}


def test_port_range_is_parsed_and_honoured():
    # given a range and a port of it already taken
    assert parse_port_range("") is None
    assert parse_port_range("8100") == (8100, 8100)
    assert parse_port_range(" 8100-8199 ") == (8100, 8199)
    for bad in ("80-90", "9000-8000", "x"):
        with pytest.raises(ValueError):
            parse_port_range(bad)
    first = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind((HOST, first))
        taken.listen()
        # when a port is asked for in a range starting at the taken one
        port = free_port((first, min(first + 20, 65535)))
        # then the taken one is skipped, and a range with no free port is an error
        assert first < port <= first + 20
        with pytest.raises(RuntimeError):
            free_port((first, first))


def test_page_and_floor_samples_alternate_and_floor_gets_its_count():
    # given a page and a floor that record the order they are called in
    calls = []

    def page():
        calls.append("p")
        return 0.001

    # when 3 page samples and 5 floor samples are taken after one warm-up round
    pages, floors = time_interleaved(page, lambda: calls.append("f"), pages=3, floors=5, warmup=1)
    # then both counts are met, in turns while both last
    assert (len(pages), len(floors)) == (3, 5)
    assert "".join(calls) == "pf" + "pfpfpf" + "ff"


def test_table_shows_the_load_average_of_each_measurement():
    results = {"meta": {"db": "sqlite"}, "generator": {"status": "ok"},
               "measurements": {"consolidation": {"status": "ok", "seconds": 1.0,
                                                  "loadavg": {"start": [0.5, 0.4, 0.3], "end": [1.5, 0.6, 0.3]}}}}
    assert "consolidation        [0.5, 0.4, 0.3] → [1.5, 0.6, 0.3]" in table(results)
