"""What the reader should see after each step, checked against the probe's records.

Each check gets the journey's context and the probe record taken right after the step, and
raises :class:`AssertionError` with a plain sentence when the state is wrong. :func:`verify`
walks the steps in order and turns the first problem into a :class:`JourneyFailure` naming the
step, the snippet ``FILE:LINE``, the shell and the target, with the shell's transcript.
"""

from __future__ import annotations

import doctest
import os
from collections.abc import Callable
from dataclasses import dataclass

from venv_guide.platforms import CURRENT_OS, SAMPLE_HOMES, is_inside, msys_path, same_path
from venv_guide.shells import Shell
from venv_guide.snippets import read_text

from .interpreters import Target
from .runner import JourneyRun, PlannedStep
from .sandbox import Sandbox, home_spellings


class JourneyFailure(AssertionError):
    """A journey step did not do what the site says; the message is the whole report."""

    def __init__(self, message: str, step: str, location: str):
        super().__init__(message)
        self.step = step
        self.location = location


@dataclass
class Context:
    """What the checks need besides the probe record."""

    shell: Shell
    target: Target
    sandbox: Sandbox
    run: JourneyRun
    active_path: list[str] | None = None


Check = Callable[[Context, dict, str], None]


def _venv_interpreter(ctx: Context, record: dict) -> dict:
    info = record.get("interpreter")
    assert info, f"`python` on PATH ({record.get('python')}) did not run: {record.get('error')}"
    return info


def check_inactive(ctx: Context, record: dict, detail: str = "") -> None:
    """No venv is active: ``python`` is the target, ``VIRTUAL_ENV`` is unset."""
    assert not record.get("virtual_env"), f"VIRTUAL_ENV is set: {record['virtual_env']}"
    info = _venv_interpreter(ctx, record)
    assert not is_inside(record["python"], ctx.sandbox.venv), (
        f"`python` resolves into the venv ({record['python']}) although none is active"
    )
    assert same_path(info["base_prefix"], ctx.target.base_prefix), (
        f"`python` is {info['executable']} (base prefix {info['base_prefix']}), "
        f"not the target {ctx.target}"
    )


def check_created(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv`` exists with ``pyvenv.cfg`` of the target's version; nothing is active yet."""
    state = record["venv"]
    assert state["exists"], f"{ctx.sandbox.venv} does not exist: no venv was created"
    cfg = state["pyvenv_cfg"]
    assert cfg is not None, f"{ctx.sandbox.venv / 'pyvenv.cfg'} does not exist"
    values = dict(
        (k.strip(), v.strip()) for k, _, v in (line.partition("=") for line in cfg.splitlines())
    )
    version = values.get("version") or values.get("version_info", "")
    assert version.startswith(ctx.target.full_version), (
        f"the venv is Python {version}, not the target {ctx.target.full_version}"
    )
    if ctx.target.version >= (3, 13):
        # The Create page says 3.13+ keeps the venv out of git by itself
        # (What's New in Python 3.13: venv writes a .gitignore by default).
        rules = [
            line.strip()
            for line in (state.get("gitignore") or "").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert rules == ["*"], f".venv/.gitignore holds {state.get('gitignore')!r}, not '*'"
    check_inactive(ctx, record)


def check_active(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv is active: ``python`` runs ``.venv``'s interpreter, ``VIRTUAL_ENV`` names it."""
    venv = ctx.sandbox.venv
    assert is_inside(record.get("python"), venv), (
        f"`python` on PATH is {record.get('python')}, not the venv's interpreter in {venv}"
    )
    info = _venv_interpreter(ctx, record)
    assert same_path(info["prefix"], venv), f"sys.prefix is {info['prefix']}, not {venv}"
    assert same_path(info["base_prefix"], ctx.target.base_prefix), (
        f"sys.base_prefix is {info['base_prefix']}, not the target's {ctx.target.base_prefix}"
    )
    assert same_path(record.get("virtual_env"), venv), (
        f"VIRTUAL_ENV is {record.get('virtual_env')!r}, not {venv}"
    )
    if ctx.active_path is None:
        ctx.active_path = record["path"]


def check_installed(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv is active and ``import requests`` loads from the venv (at version ``detail``)."""
    check_active(ctx, record)
    info = record["interpreter"]
    assert info["requests"], "`import requests` fails in the venv: the package is not installed"
    assert is_inside(info["requests"], ctx.sandbox.venv), (
        f"requests imports from {info['requests']}, outside the venv {ctx.sandbox.venv}"
    )
    if detail:
        assert info["requests_version"] == detail, (
            f"requests {info['requests_version']} is installed, expected {detail}"
        )


def check_uninstalled(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv is still active and ``requests`` is gone from it."""
    check_active(ctx, record)
    origin = record["interpreter"]["requests"]
    assert origin is None, f"requests still imports from {origin} after uninstall"


def check_frozen(ctx: Context, record: dict, detail: str = "") -> None:
    """``requirements.txt`` exists in the project and pins requests (``requests==X``)."""
    check_installed(ctx, record)
    text = record["requirements_txt"]
    assert text is not None, f"{ctx.sandbox.project / 'requirements.txt'} was not written"
    pins = [line.strip().lower() for line in text.splitlines()]
    assert any(p.startswith("requests==") for p in pins), (
        f"requirements.txt does not pin requests:\n{text}"
    )


def check_deactivated(ctx: Context, record: dict, detail: str = "") -> None:
    """No venv is active and ``PATH`` is back to what it was before activation."""
    check_inactive(ctx, record)
    before = ctx.run.probes.get("direct", {}).get("path")
    assert before is None or record["path"] == before, (
        "PATH was not restored by deactivate:\n"
        f"  before activation: {os.pathsep.join(before)}\n"
        f"  after deactivate:  {os.pathsep.join(record['path'])}"
    )


def check_deleted(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv`` is gone and nothing is active."""
    assert not record["venv"]["exists"], f"{ctx.sandbox.venv} still exists"
    check_inactive(ctx, record)


def check_recreated(ctx: Context, record: dict, detail: str = "") -> None:
    """A new ``.venv`` exists, has ``requests`` from requirements.txt, and is not active."""
    check_created(ctx, record)
    assert record["venv"]["requests"], "requests is not installed in the recreated venv"


CHECKS: dict[str, Check] = {
    "inactive": check_inactive,
    "created": check_created,
    "active": check_active,
    "installed": check_installed,
    "uninstalled": check_uninstalled,
    "frozen": check_frozen,
    "deactivated": check_deactivated,
    "deleted": check_deleted,
    "recreated": check_recreated,
}

_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def normalize_output(text: str, sandbox: Sandbox) -> str:
    """Replace the sandbox's home folder, in every spelling, with the site's sample home."""
    sample = SAMPLE_HOMES[CURRENT_OS]
    for form in home_spellings(sandbox):
        if CURRENT_OS == "windows":
            replacement = msys_path(sample) if form.startswith("/") else sample
            if "/" in form and not form.startswith("/"):
                replacement = sample.replace("\\", "/")
            lowered, low_form = text.lower(), form.lower()
            start = lowered.find(low_form)
            while start != -1:
                text = text[:start] + replacement + text[start + len(form) :]
                lowered = text.lower()
                start = lowered.find(low_form, start + len(replacement))
        else:
            text = text.replace(form, sample)
    return text


def compare_output(expected_ref: str, got: str, sandbox: Sandbox) -> str | None:
    """Compare a step's output with the site's expected-output file.

    Returns:
        None when they match (doctest ELLIPSIS and NORMALIZE_WHITESPACE), else a report with
        the expected text and what the shell printed (normalized).
    """
    want = read_text(expected_ref).strip("\n") + "\n"
    normalized = normalize_output(got, sandbox).strip("\n") + "\n"
    checker = doctest.OutputChecker()
    if checker.check_output(want, normalized, _FLAGS):
        return None
    return (
        f"output differs from snippets/{expected_ref} "
        f"(`...` matches anything, white space is folded):\n"
        f"--- expected ---\n{want}--- printed (home folder replaced) ---\n{normalized}"
    )


@dataclass(frozen=True)
class SectionResult:
    """Outcome of one section in one journey: ``passed``, ``failed`` or ``skipped``."""

    section: str
    step: str
    outcome: str
    reason: str = ""


def verify(ctx: Context) -> list[SectionResult]:
    """Check every step of a finished journey, in order.

    Returns:
        One :class:`SectionResult` per section when every step is right.

    Raises:
        JourneyFailure: the first step that failed to run or left the wrong state; its
            ``results`` attribute holds the per-section outcomes up to and after it.
    """
    run = ctx.run
    results: list[SectionResult] = []
    for index, planned in enumerate(run.steps):
        problem, location = _step_problem(ctx, planned)
        if problem is None:
            results += [SectionResult(s.ref, planned.step.name, "passed") for s in planned.sections]
            continue
        results += [
            SectionResult(s.ref, planned.step.name, "failed", problem.splitlines()[0])
            for s in planned.sections
        ]
        for later in run.steps[index + 1 :]:
            results += [
                SectionResult(
                    s.ref,
                    later.step.name,
                    "skipped",
                    f"not reached: step '{planned.step.name}' failed",
                )
                for s in later.sections
            ]
        message = (
            f"journey {ctx.shell.key} against {ctx.target}: step '{planned.step.name}' failed\n"
            f"  at {location}\n  {problem}\n{run.transcript()}"
        )
        failure = JourneyFailure(message, planned.step.name, location)
        failure.results = results  # type: ignore[attr-defined]
        raise failure
    return results


def _step_problem(ctx: Context, planned: PlannedStep) -> tuple[str | None, str]:
    """(problem sentence or None, snippet location) for one step."""
    run, step = ctx.run, planned.step
    location = planned.location
    record = run.probes.get(step.name)
    if record is None:
        if run.failed_at and not run.failed_at.startswith("venv-probe"):
            location = run.failed_at
            text = _line_text_from(run, location)
            return (f"`{text}` exited with status {run.failed_status}", location)
        if run.timed_out:
            location = run.last_line or location
            return (f"timed out after {run.timeout:.0f} s; the process group was killed", location)
        if run.failed_at:
            return (f"the probe after this step failed (status {run.failed_status})", location)
        location = run.last_line or location
        return (
            f"the shell stopped here (exit status {run.status}) without reaching the probe",
            location,
        )
    if step.expect:
        try:
            CHECKS[step.expect](ctx, record, step.detail)
        except AssertionError as exc:
            return (f"after this step {exc}", location)
    if step.output:
        problem = compare_output(step.output, run.outputs.get(step.name, ""), ctx.sandbox)
        if problem:
            return (problem, location)
    return (None, location)


def _line_text_from(run: JourneyRun, location: str) -> str:
    """The command text the journey ran at ``location`` (looked up in the planned sections)."""
    for planned in run.steps:
        for sec in planned.sections:
            for line in sec.lines:
                if sec.location(line) == location:
                    return line.text.strip()
    return ""
