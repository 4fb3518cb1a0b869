"""The benchmark report's sections for design mode in the browser and for
scale-out (benchmarks/browser_bench.py, benchmarks/cluster_bench.py): what
they say from given figures. Nothing here runs a browser, a cluster or a
timing; ``make bench`` does."""

from pathlib import Path

import pytest
import sys


BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def browser_bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import browser_bench

        yield browser_bench
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def cluster_bench(browser_bench):
    import cluster_bench

    return cluster_bench


def _wrk(rps, errors=0):
    return {
        "rps": rps,
        "requests": int(rps * 60),
        "errors": errors,
        "latency_p50": "200.00ms",
        "latency_p90": "300.00ms",
        "seconds": 60,
        "turns": 4,
        "cpu": {"instances": [0.8, 0.0], "wrk": 0.01, "postgres": 0.02, "machine": 2.0},
    }


def _cluster(one, two, errors=0):
    return {
        "size": 20,
        "cpus": 2,
        "one": _wrk(one),
        "two": _wrk(two, errors),
        "speedup": round(two / one, 2),
        "target": 1.7,
    }


def test_scale_out_below_the_target_says_not_met(cluster_bench):
    text = "\n".join(cluster_bench.markdown(_cluster(30.0, 42.0)))
    assert "**1.4×** (target ≥ 1.7×: **not met**)" in text


def test_scale_out_at_the_target_says_met(cluster_bench):
    text = "\n".join(cluster_bench.markdown(_cluster(30.0, 51.0)))
    assert "(target ≥ 1.7×: met)" in text


def test_scale_out_counts_the_errors_of_both_runs(cluster_bench):
    text = "\n".join(cluster_bench.markdown(_cluster(30.0, 51.0, errors=3)))
    assert "errors: 3." in text


def test_scale_out_shows_requests_per_instance_cpu_second(cluster_bench):
    assert cluster_bench.per_cpu(_wrk(30.0)) == 37.5


def test_scale_out_shows_the_single_process_figure_beside(cluster_bench):
    single = _wrk(25.0)
    text = "\n".join(cluster_bench.markdown(_cluster(30.0, 42.0), single))
    assert "| one process, FileStorage (the load run above) | 25.0 |" in text


def test_scale_out_skipped_says_why(cluster_bench):
    lines = cluster_bench.markdown({"skipped": "wrk is missing"})
    assert lines[-1] == "Not run (wrk is missing)."


def test_the_wrk_script_gives_each_thread_its_instance(cluster_bench):
    script = cluster_bench.TWO_HOSTS_LUA.format(
        ports="8081, 8082", address="127.0.0.1", host="localhost"
    )
    assert "local ports = {8081, 8082}" in script
    assert 'wrk.lookup("127.0.0.1", tostring(port))' in script
    assert 'wrk.headers["Host"] = host_header' in script


def _timed(median, largest):
    return {"median_ms": median, "max_ms": largest, "runs": 5}


def _browser(event_runs=0):
    action = {
        "work": _timed(9.1, 16.3),
        "painted": _timed(16.3, 23.2),
        "updated": _timed(6.2, 11.0),
        "event_timing": {"median_ms": 16, "max_ms": 16, "runs": event_runs},
    }
    memory = {
        "js_heap_used_bytes": 4 * 2**20,
        "js_heap_total_bytes": 6 * 2**20,
        "dom_nodes": 12000,
        "event_listeners": 80,
    }
    return {
        "chromium": "156",
        "ready": {
            "100": {
                name: _timed(395.0, 454.0)
                for name in (
                    "ready_ms",
                    "response_start_ms",
                    "response_end_ms",
                    "dom_content_loaded_ms",
                )
            }
        },
        "update_size": 200,
        "actions": {"keyboard move": action},
        "memory_ready": memory,
        "memory_after": memory,
    }


def test_browser_section_shows_work_median_and_largest(browser_bench):
    text = "\n".join(browser_bench.markdown(_browser()))
    assert (
        "| keyboard move | **9.1 (16.3)** | 16.3 (23.2) | 6.2 (11.0) | < 16 |" in text
    )


def test_browser_section_shows_event_timing_when_reported(browser_bench):
    text = "\n".join(browser_bench.markdown(_browser(event_runs=5)))
    assert "| 16.0 (16.0) |" in text


def test_browser_section_shows_the_heap_in_mib(browser_bench):
    text = "\n".join(browser_bench.markdown(_browser()))
    assert "JS heap in use **4.0 MiB** when ready" in text


def test_browser_section_not_run(browser_bench):
    assert browser_bench.markdown(None)[-1].startswith("Not run")


def test_median_and_max_leave_out_missing_figures(browser_bench):
    assert browser_bench.median_and_max([3.0, None, 1.0, 2.0]) == {
        "median_ms": 2.0,
        "max_ms": 3.0,
        "runs": 3,
    }
