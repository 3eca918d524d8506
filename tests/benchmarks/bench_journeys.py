"""Measure the harness: wall times, and its overhead over the plain shell scripts.

Usage (from the repository root, in the toolchain venv)::

    python -m tests.benchmarks.bench_journeys                  # default target, all local shells
    python -m tests.benchmarks.bench_journeys --python=all     # the full local matrix
    python -m tests.benchmarks.bench_journeys --no-pytest      # skip the pytest runs
    python -m tests.benchmarks.bench_journeys --shell=bash     # one shell (repeatable)
    python -m tests.benchmarks.bench_journeys --repeat=3       # fastest of 3 runs each

For every (shell, target) it runs, in one sandbox each:

* ``plain``: the journey's snippet lines as a plain script in that shell (no terminal, no
  markers, no exit-status checks, no probes): what a reader's commands cost by themselves;
* ``harness``: the same journey through the harness in the shell's mode (macOS/Linux:
  typed into the interactive shell on a pseudo-terminal, with status lines, prompt reading
  and probes; Windows: the generated script), checks included, no pytest;

and then the pytest runs of the journeys (``tests/test_journeys.py::test_journey``,
``-p no:xdist`` serial, and ``-n auto``), just after the plain scripts run once more as
``-n auto`` runs the journeys: as many at a time as the machine has CPUs, in fresh sandboxes
(``plain_parallel``). It prints seconds and ratios measured in this one
run: ``harness_over_plain`` (target: at most 1.10; from each journey's fastest runs;
``harness_over_plain_cpu`` is the same ratio of CPU seconds; with ``--repeat``,
``harness_over_plain_median_round`` is the median over rounds of each round's ratio, round i
pairing every journey's i-th plain and harness runs, which ran back to back) and
``pytest_n_auto_over_plain_per_cpu``, ``-n auto``'s wall time over the plain scripts' serial
time divided by the CPU count (target: at most 1.15). Two figures split that ratio:
``plain_parallel_over_plain_per_cpu`` is what running the reader's commands that many at a time
costs by itself (the scripts share the machine's disk, memory and kernel, not only its CPUs),
and ``pytest_n_auto_over_plain_parallel`` is pytest and the harness against the plain scripts
at the same parallelism. The machines are shared and noisy, so compare ratios, not absolute
times across runs. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from operator import itemgetter
from pathlib import Path

from tests.benchmarks import suite
from tests.harness import expectations, journey, page, runner, sandbox, wheelhouse
from tests.harness.interpreters import resolve
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, by_key
from venv_guide.snippets import REPO_ROOT


def cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process and its waited-for children.

    A second figure beside wall time: the journeys are CPU-bound (their CPU time is within 2% of
    their wall time when the machine is quiet), and on a shared machine CPU time moves less than
    wall time when other work slows this one down."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def plain_argv(shell, exe, script) -> list[str]:
    """The shell running ``script`` non-interactively (its arguments without ``-i``)."""
    return [str(exe), *(a for a in shell.args if a != "-i"), str(script)]


def plain_script(shell, planned) -> str:
    """The journey's snippet lines only (plus the dialect's prelude, e.g. csh's ``$prompt``)."""
    d = shell.dialect
    lines = list(d.prelude)
    for step in planned:
        for sec in step.sections:
            lines += [d.line_prefix + line.text for line in sec.commands()]
    return d.newline.join(lines) + d.newline


def time_plain(shell, exe, target, planned) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the plain script in a fresh sandbox; raises if it exits
    non-zero."""
    with tempfile.TemporaryDirectory() as tmp:
        box = sandbox.create(Path(tmp), target, wheelhouse.folder(target), exe)
        script = box.root / f"plain{shell.dialect.suffix}"
        script.write_text(plain_script(shell, planned), encoding="utf-8")
        started, cpu = time.perf_counter(), cpu_seconds()
        proc = subprocess.run(
            plain_argv(shell, exe, script),
            cwd=box.project,
            env=box.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        if proc.returncode != 0:
            raise RuntimeError(f"plain {shell.key} script failed: {proc.stderr[-500:]!r}")
        return elapsed, cpu


def time_plain_parallel(jobs: list[tuple], workers: int) -> float:
    """Wall seconds of every job's plain script, ``workers`` at a time, each in a fresh sandbox.

    Args:
        jobs: ``(shell, exe, target, planned)`` per journey, as :func:`time_plain` takes them,
            in the order pytest collects the journeys.
        workers: how many run at once (``-n auto`` starts one pytest worker per CPU).

    A free worker takes the next script, as pytest-xdist's load scheduling hands a free worker
    the next test. Raises ``RuntimeError`` when a script exits non-zero."""
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda job: time_plain(*job), jobs))
    return time.perf_counter() - started


def time_harness(shell, exe, target, planned) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the harness's journey (sandbox, typing, probes, checks) in
    a fresh sandbox. The shell's session is killed and reaped at the end, so its CPU time and
    its children's is counted."""
    with tempfile.TemporaryDirectory() as tmp:
        started, cpu = time.perf_counter(), cpu_seconds()
        box = sandbox.create(Path(tmp), target, wheelhouse.folder(target), exe)
        run = runner.run(shell, exe, planned, box.project, box.env, box.root, box.probe_log, 300)
        expectations.verify(expectations.Context(shell=shell, target=target, sandbox=box, run=run))
        return time.perf_counter() - started, cpu_seconds() - cpu


def time_pytest(args: list[str]) -> float:
    """Wall seconds of ``python -m pytest ARGS`` (:func:`tests.benchmarks.suite.run_pytest`).

    Raises:
        subprocess.CalledProcessError: pytest's exit status is not 0.
    """
    seconds, status, output = suite.run_pytest(args, REPO_ROOT)
    if status:
        raise subprocess.CalledProcessError(status, ["pytest", *args], output)
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print a table and a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", default=[])
    parser.add_argument("--no-pytest", action="store_true")
    parser.add_argument("--shell", action="append", default=[], help="only these shell keys")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run plain and harness alternately N times each; report the ratio of each one's "
        "fastest (shared machines: the fastest run is the one least slowed by others) and the "
        "median over rounds of each round's ratio",
    )
    args = parser.parse_args(argv)
    targets = resolve(args.python)
    for target in targets:
        wheelhouse.ensure(target)
    # The harness runs share their freeze probes' `pip freeze` outputs, as a pytest session's
    # journeys do (tests/harness/probe.py).
    freeze_cache = tempfile.TemporaryDirectory(prefix="venv-guide-freeze-")
    os.environ[sandbox.FREEZE_CACHE_ENV] = freeze_cache.name
    # Per journey: its shell, its "job" (what time_plain takes), and its "plain" and "harness"
    # runs, each (wall s, CPU s).
    journeys: list[dict] = []
    for target in targets:
        for shell in SHELLS:
            exe = shell.find()
            if exe is None or (args.shell and shell.key not in args.shell):
                continue
            job = (shell, exe, target, page.from_sections(journey.steps(shell, CURRENT_OS)))
            plains, harnesses = [], []
            for _ in range(max(1, args.repeat)):
                plains.append(time_plain(*job))
                harnesses.append(time_harness(*job))
            journeys.append({"shell": shell.key, "job": job, "plain": plains, "harness": harnesses})
            plain, harness = min(plains), min(harnesses)
            print(
                f"{shell.key:6} {target.minor:5} {shell.mode:11} plain {plain[0]:6.1f} s  "
                f"harness {harness[0]:6.1f} s  ratio {harness[0] / plain[0]:4.2f}  "
                f"(CPU {plain[1]:6.1f} s / {harness[1]:6.1f} s, "
                f"ratio {harness[1] / plain[1]:4.2f})",
                flush=True,
            )

    def total(side: str, cpu: bool = False, pick=min) -> float:
        """Seconds (wall, or CPU) summed over the journeys, of the run ``pick`` chooses from
        each journey's ``side`` ("plain" or "harness") runs: the fastest by default."""
        return sum(pick(j[side])[int(cpu)] for j in journeys)

    total_plain, total_harness = total("plain"), total("harness")
    by_round = [
        round(total("harness", pick=itemgetter(i)) / total("plain", pick=itemgetter(i)), 3)
        for i in range(max(1, args.repeat))
    ]
    summary = {
        "journeys": len(journeys),
        "plain_seconds": round(total_plain, 1),
        "harness_seconds": round(total_harness, 1),
        "harness_over_plain": round(total_harness / total_plain, 3),
        "plain_cpu_seconds": round(total("plain", cpu=True), 1),
        "harness_cpu_seconds": round(total("harness", cpu=True), 1),
        "harness_over_plain_cpu": round(total("harness", cpu=True) / total("plain", cpu=True), 3),
        # Round i: every journey's i-th plain run against its i-th harness run, run one after
        # the other, so a slow spell of the machine falls on both sides of a pair.
        "harness_over_plain_by_round": by_round,
        "harness_over_plain_median_round": round(statistics.median(by_round), 3),
        "interactive_journeys": sum(1 for j in journeys if by_key(j["shell"]).interactive),
        "cpus": os.cpu_count(),
    }
    if not args.no_pytest:
        select = [f"--python={p}" for p in args.python] + [
            "tests/test_journeys.py::test_journey",
        ]
        cpus = os.cpu_count() or 1
        serial = time_pytest([*select, "-p", "no:xdist"])
        plain_parallel = time_plain_parallel([j["job"] for j in journeys], cpus)
        parallel = time_pytest([*select, "-n", "auto"])
        summary |= {
            "pytest_serial_seconds": round(serial, 1),
            "pytest_n_auto_seconds": round(parallel, 1),
            "pytest_serial_over_plain": round(serial / total_plain, 3),
            "pytest_n_auto_over_plain": round(parallel / total_plain, 3),
            "pytest_n_auto_over_plain_per_cpu": round(parallel / (total_plain / cpus), 3),
            "plain_parallel_seconds": round(plain_parallel, 1),
            "plain_parallel_over_plain_per_cpu": round(plain_parallel / (total_plain / cpus), 3),
            "pytest_n_auto_over_plain_parallel": round(parallel / plain_parallel, 3),
            "speedup_n_auto": round(serial / parallel, 2),
        }
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
