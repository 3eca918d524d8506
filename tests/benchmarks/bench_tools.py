"""What the Other tools page's journeys cost the suite: its wall time with and without them.

``python -m tests.benchmarks.bench_tools [--rounds N]`` runs the whole suite as ``make test``
does (``pytest -n auto --dist loadgroup``), once without the tools' tests (``-m "not tools"``)
and once with all of them, alternately, N rounds (default 1), in this one checkout and on this
one machine; the wheelhouse and the tools are installed before the first run, so both runs
start from the same caches. It prints each run's wall seconds, the median of each kind, the
difference, and the slowest tools tests (pytest's ``--durations``). Measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

from tests.benchmarks import suite

ROOT = Path(__file__).resolve().parents[2]


def run(marker: str | None) -> tuple[float, str]:
    """One suite run: (wall seconds, pytest's output)."""
    args = [*suite.MAKE_TEST, "--snippet-results=/dev/null", "--durations=0"]
    seconds, _status, output = suite.run_pytest(args + (["-m", marker] if marker else []))
    return seconds, output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_tools")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, "-m", "tests.harness.wheelhouse"], cwd=ROOT, check=True)
    without, with_tools, last = [], [], ""
    for _ in range(args.rounds):
        seconds, _out = run("not tools")
        without.append(seconds)
        seconds, last = run(None)
        with_tools.append(seconds)
    slow = [line for line in last.splitlines()
            if re.match(r"\s*[\d.]+s (call|setup)\s+tests/test_tools\.py", line)]  # fmt: skip
    summary = suite.summary(last)
    report = {
        "without_tools_s": [round(s, 1) for s in without],
        "with_tools_s": [round(s, 1) for s in with_tools],
        "median_without_s": round(statistics.median(without), 1),
        "median_with_s": round(statistics.median(with_tools), 1),
        "added_s": round(statistics.median(with_tools) - statistics.median(without), 1),
        "last_full_run": summary,
    }
    print(json.dumps(report, indent=1))
    print("slowest tools tests in the last full run:")
    print("\n".join(slow) or "(none listed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
