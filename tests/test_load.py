"""A short run of bench/load.py against the seeds database: a real server on 127.0.0.1, no errors anywhere.

How fast the site answers is the benchmark's business (bench/load.py, bench/RESULTS.md); these tests check
what the tool does.
"""
import pytest

import load
from helpers import saved_queries

pytestmark = pytest.mark.slow  # a real server under load


def test_short_load_run_has_no_errors_in_any_category(seeds_db):
    planned = len(load.plan(seeds_db))  # once through the plan: every category
    summary = load.run(seeds_db, requests=planned, concurrency=8, seconds=60)
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["requests"] == planned
    expected = {"search", "row page", "csv", "json", "home", "article page", "entity page", "saved query",
                "saved query json"}
    assert expected <= set(summary["categories"])
    for name, entry in summary["categories"].items():
        assert entry["ok"] == entry["requests"] > 0, name
    assert summary["p95_ms"] >= summary["p50_ms"] > 0


def test_the_time_cap_stops_sending_and_every_request_sent_is_answered(seeds_db):
    summary = load.run(seeds_db, requests=10**9, concurrency=2, seconds=1.0)
    assert 0 < summary["requests"] < 10**9
    assert summary["last_sent_seconds"] <= 1.0  # nothing new is sent after the cap
    assert summary["errors"] == 0, summary["error_examples"]
    assert sum(entry["ok"] for entry in summary["categories"].values()) == summary["requests"]


def test_every_saved_query_is_in_the_plan(seeds_db):
    planned = {path.split("?")[0] for _, path in load.plan(seeds_db)}
    for name in saved_queries():
        assert f"/newsclaims/{name}" in planned


def test_hostile_mix_gets_no_server_error_and_no_timeout(seeds_db):
    summary = load.run(seeds_db, requests=120, concurrency=8, seconds=60, hostile=True)
    assert summary["errors"] == 0, summary["error_examples"]
    assert {"hostile search", "hostile sql", "hostile provenance", "hostile bad url"} <= set(summary["categories"])
