"""Run a journey in a test and record every section's outcome, passed, failed or skipped.

The tests in tests/test_journeys.py and tests/test_troubleshooting.py (and any new one) call
:func:`run_and_record`; the rows go to ``--snippet-results`` through the ``record_snippets``
fixture (tests/conftest.py), the Verified on page's source.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable, Iterable

import pytest

from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import Shell

from . import runner
from .failure import JourneyFailure, SectionResult
from .interpreters import Target
from .journey import Step
from .page import BuiltSite
from .sandbox import Sandbox

#: The ``record_snippets`` fixture: takes a list of result rows.
Record = Callable[[list[dict]], None]


def rows(shell: Shell, python: str, results: Iterable[SectionResult]) -> list[dict]:
    """Result rows (venv_guide/results.py's records, without ``test`` and ``hash``).

    Args:
        shell: the shell that ran them.
        python: the target's ``MAJOR.MINOR``.
        results: the sections' outcomes.
    """
    return [
        {
            "section": r.section,
            "shell": shell.key,
            "os": CURRENT_OS,
            "python": python,
            "outcome": r.outcome,
            "reason": r.reason,
        }
        for r in results
    ]


def skipped_rows(steps: Iterable[Step], shell: Shell, python: str, reason: str) -> list[dict]:
    """A ``skipped`` row, with ``reason``, for every section of ``steps``."""
    results = [SectionResult(ref, "skipped", reason) for step in steps for ref in step.sections]
    return rows(shell, python, results)


def skip_or_fail_unavailable(shell: Shell) -> None:
    """Skip (with where it runs) a shell that cannot run here; fail in CI if CI installs it.

    Raises:
        pytest.skip.Exception, pytest.fail.Exception: always.
    """
    reason = shell.unavailable_reason()
    if os.environ.get("CI") and CURRENT_OS in shell.required_in_ci:
        pytest.fail(f"{shell.key} must run in CI on {CURRENT_OS}: {reason}", pytrace=False)
    pytest.skip(reason)


def skip_unrunnable(shell: Shell, target: Target, steps: list[Step], record: Record) -> None:
    """Skip (recording why) when the shell is missing here or the target is too old for it.

    Raises:
        pytest.skip.Exception, pytest.fail.Exception: it cannot run (see
            :func:`skip_or_fail_unavailable`).
    """
    if shell.find() is None:
        record(skipped_rows(steps, shell, target.minor, shell.unavailable_reason()))
        skip_or_fail_unavailable(shell)
    if target.version[:2] < shell.min_target:
        oldest = ".".join(map(str, shell.min_target))
        reason = (
            f"the site says {shell.label} needs a venv from Python {oldest}+ "
            f"(venv_guide/shells.py); the py{oldest}+ jobs run this journey"
        )
        record(skipped_rows(steps, shell, target.minor, reason))
        pytest.skip(reason)


def run_and_record(
    shell: Shell,
    target: Target,
    box: Sandbox,
    steps: list[Step],
    site: BuiltSite,
    timeout: float,
    record: Record,
    *,
    cwd: pathlib.Path | None = None,
    update_outputs: bool = False,
    probe: bool = True,
    python: str | None = None,
    venv_prompt: str | None = runner.VENV_PROMPT,
) -> runner.expectations.Context:
    """Run one journey (:func:`tests.harness.runner.run_journey`) and record every section's
    outcome; a failed journey fails the test with its report.

    Args:
        python: the ``MAJOR.MINOR`` the rows name, when the shell's Python is not ``target``
            (a Debian root's own); default ``target.minor``.
        cwd, update_outputs, probe, venv_prompt: as :func:`tests.harness.runner.run_journey`
            takes them.

    Returns:
        The checks' context (its ``run`` holds the transcript and probe records).

    Raises:
        pytest.fail.Exception: the journey failed, or ``update_outputs`` rewrote a file.
    """
    version = python or target.minor
    try:
        ctx, results = runner.run_journey(
            shell, target, box, steps, site, timeout,
            update_outputs=update_outputs, cwd=cwd, probe=probe, venv_prompt=venv_prompt,
        )  # fmt: skip
    except JourneyFailure as failure:
        record(rows(shell, version, failure.results))
        pytest.fail(str(failure), pytrace=False)
    record(rows(shell, version, results))
    if ctx.updated:
        pytest.fail(
            f"--update-outputs rewrote {', '.join(ctx.updated)}: review the change "
            "(git diff snippets/) and run the tests again",
            pytrace=False,
        )
    return ctx
