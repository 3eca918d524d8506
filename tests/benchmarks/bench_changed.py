"""What a maintainer's loop costs: ``make test-changed`` after one edit, against ``make test``.

``python -m tests.benchmarks.bench_changed [--full]`` copies this checkout's files (tracked and
untracked, not ignored) into a new git repository under a temporary folder, commits them as
``main`` on a branch's start, and then, for each case below, makes one edit, runs what
``make test-changed`` runs there (``pytest -n auto --dist loadgroup --changed=main``), times it
and undoes the edit:

``bash-deactivate``
    one line of one bash snippet: ``deactivate`` in ``deactivate/bash.sh`` becomes
    ``\\deactivate`` (the same function; the backslash only skips aliases);
``bash-activate``
    the most-read bash section (every bash journey activates): ``source`` becomes ``.``;
``bash-activate-path``
    the same line as ``source ./.venv/bin/activate``: bash then names the path as typed in its
    ``No such file or directory``, so the message the trouble page shows no longer matches and
    the run must fail;
``output-file``
    one expected-output file (a trouble page's message, a word replaced by ``...``);
``broken-bash``
    the bash activate line broken (``activat``): the run must fail.

Each case prints its wall seconds, the tests run and deselected, and pytest's last line. With
``--full`` it also times the whole suite (``make test``'s command) in the same copy, for the
ratio. Measured on this machine, in one run; never asserted (the machines are shared and
noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks import suite
from tests.harness import changes

ROOT = Path(__file__).resolve().parents[2]
#: name -> (file below the copy, old text, new text, whether the run must pass).
CASES = {
    "bash-deactivate": ("snippets/deactivate/bash.sh", "\ndeactivate\n", "\n\\deactivate\n", True),
    "bash-activate": (
        "snippets/activate/bash.sh", "source .venv/bin/activate", ". .venv/bin/activate", True,
    ),
    "bash-activate-path": (
        "snippets/activate/bash.sh", "source .venv/bin/activate", "source ./.venv/bin/activate",
        False,
    ),
    "output-file": ("snippets/trouble/output/deactivate-bash.txt", "deactivate", "...", True),
    "broken-bash": (
        "snippets/activate/bash.sh", "source .venv/bin/activate", "source .venv/bin/activat", False,
    ),
}  # fmt: skip


def git(repo: Path, *args: str) -> str:
    return changes.git(list(args), repo, changes.GIT_ENV)


def run(repo: Path, *extra: str) -> tuple[float, int, str]:
    """One pytest run as ``make test-changed`` (or ``make test`` with no ``extra``) runs it:
    (wall seconds, exit status, output)."""
    return suite.run_pytest(
        [*suite.MAKE_TEST, "-p", "no:randomly", "--durations=15",
         f"--snippet-results={repo.parent / 'results.json'}", *extra],
        repo,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_changed")
    parser.add_argument("--full", action="store_true", help="also time the whole suite")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these")
    args = parser.parse_args(argv)
    # The caches (wheelhouse, tools, Debian root) are filled once, outside the timings.
    subprocess.run([sys.executable, "-m", "tests.harness.wheelhouse"], cwd=ROOT, check=True)
    report: dict[str, object] = {"cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="venv-guide-bench-") as tmp:
        repo = changes.copy_checkout(Path(tmp) / "repo")
        git(repo, "checkout", "-q", "-b", "topic")
        for name in args.case or list(CASES):
            rel, old, new, must_pass = CASES[name]
            path = repo / rel
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{rel} no longer holds {old!r}: update CASES"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            seconds, status, output = run(repo, "--changed=main")
            git(repo, "checkout", "-q", "--", ".")
            report[name] = {
                "edit": f"{rel}: {old.strip()!r} -> {new.strip()!r}",
                "seconds": round(seconds, 1),
                "status": status,
                "as_expected": (status == 0) == must_pass,
                "pytest": suite.summary(output),
                "failed": re.findall(r"^FAILED (\S+)", output, re.MULTILINE),
                "slowest": re.findall(r"^\s*([\d.]+s (?:call|setup)\s+\S+)", output, re.MULTILINE)[
                    :8
                ],
            }
            if status not in (0, 1):
                print(output[-3000:], file=sys.stderr)
            print(name, json.dumps(report[name]), flush=True)
        if args.full:
            seconds, status, output = run(repo)
            report["full"] = {"seconds": round(seconds, 1), "status": status,
                              "pytest": suite.summary(output)}  # fmt: skip
            for name in args.case or list(CASES):
                case = report[name]
                assert isinstance(case, dict)
                case["ratio_to_full"] = round(case["seconds"] / seconds, 2)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
