"""The test suite run from a benchmark as ``make test`` runs it, and its result line.

Shared by bench_changed, bench_tools and bench_journeys, so that each times the same command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.harness import sandbox

ROOT = Path(__file__).resolve().parents[2]
#: The options ``make test`` adds (Makefile: the browser tests share one worker).
MAKE_TEST = ("-n", "auto", "--dist", "loadgroup")


def run_pytest(args: list[str], cwd: Path = ROOT) -> tuple[float, int, str]:
    """Run ``python -m pytest -q -p no:cacheprovider ARGS`` in ``cwd``.

    Like ``make test``, the run makes its own freeze cache (not this process's).

    Args:
        args: pytest's arguments (add :data:`MAKE_TEST` for ``make test``'s parallelism).
        cwd: the checkout to run in.

    Returns:
        (wall seconds, exit status, stdout and stderr together).
    """
    env = {k: v for k, v in os.environ.items() if k != sandbox.FREEZE_CACHE_ENV}
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    started = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.monotonic() - started, proc.returncode, proc.stdout + proc.stderr


def summary(output: str) -> str:
    """pytest's last line (``696 passed, 9 skipped in 570.30s``), or the output's last line."""
    lines = [ln for ln in output.strip().splitlines() if re.match(r"^=+ .* in [\d.]+s", ln)]
    if lines:
        return lines[-1].strip("= ")
    return output.strip().splitlines()[-1] if output.strip() else ""
