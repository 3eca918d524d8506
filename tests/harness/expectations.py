"""What the reader should see after each step, checked against the probe's records.

Each check gets the journey's context and the probe record taken right after the step, and
raises :class:`AssertionError` with a plain sentence when the state is wrong. In an
interactive journey the record also holds ``prompt``: the prompt the terminal showed after
the step's last command (runner.py), which :func:`check_prompt_active` and
:func:`check_deactivated` compare. :func:`verify`
walks the steps in order and turns the first problem into a :class:`JourneyFailure` naming the
step, the snippet ``FILE:LINE``, the shell and the target, with the shell's transcript.
"""

from __future__ import annotations

import difflib
import functools
import os
import pathlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from venv_guide.platforms import CURRENT_OS, SAMPLE_HOMES, is_inside, msys_path, same_path
from venv_guide.shells import PROMPT, VENV_PROMPT, Shell
from venv_guide.snippets import SNIPPETS_DIR, read_text

from .failure import JourneyFailure, SectionResult
from .interpreters import Target
from .sandbox import READER_COMMANDS, Sandbox, home_spellings, project_spellings

if TYPE_CHECKING:
    from .page import PlannedStep
    from .runner import JourneyRun


@dataclass
class Context:
    """What the checks need besides the probe record.

    Attributes:
        update_outputs: rewrite an expected-output file that differs from what the step
            printed (``pytest --update-outputs``) instead of failing; see :func:`updated_output`.
        snippets_root: the snippets folder the expected-output files live in.
        updated: the expected-output files rewritten so far (``snippets/FILE``).
        venv_prompt: what activating the journey's venv puts in front of the prompt
            (``(.venv) ``; a venv another tool made may show another name), or None when its
            ``activate`` leaves the prompt as it was.
    """

    shell: Shell
    target: Target
    sandbox: Sandbox
    run: JourneyRun
    update_outputs: bool = False
    snippets_root: pathlib.Path = SNIPPETS_DIR
    updated: list[str] = field(default_factory=list)
    venv_prompt: str | None = VENV_PROMPT


Check = Callable[[Context, dict, str], None]


def _venv_interpreter(ctx: Context, record: dict) -> dict:
    info = record.get("interpreter")
    command = record.get("interpreter_command") or "python"
    assert info, f"`{command}` on PATH ({record.get(command)}) did not run: {record.get('error')}"
    return info


def check_inactive(ctx: Context, record: dict, detail: str = "") -> None:
    """No venv is active: the reader's machine is as before (:data:`sandbox.READER_COMMANDS`).

    ``VIRTUAL_ENV`` is unset; on macOS and Linux there is no ``python`` at all and ``python3``
    is the target; on Windows ``python`` is the target.
    """
    assert not record.get("virtual_env"), f"VIRTUAL_ENV is set: {record['virtual_env']}"
    if "python" not in READER_COMMANDS[CURRENT_OS]:
        assert record.get("python") is None, (
            f"`python` resolves to {record['python']} although no venv is active; a reader's "
            "macOS or Linux has only `python3` until a venv is active"
        )
    info = _venv_interpreter(ctx, record)
    assert not is_inside(info["executable"], ctx.sandbox.venv), (
        f"{record.get('interpreter_command')} resolves into the venv ({info['executable']}) "
        "although none is active"
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


def _python_is_the_venvs(ctx: Context, record: dict, venv: str | pathlib.Path) -> None:
    """``python`` on PATH is ``venv``'s interpreter: it lies in ``venv``, its ``sys.prefix`` is
    ``venv`` and its ``sys.base_prefix`` the target's."""
    assert is_inside(record.get("python"), venv), (
        f"`python` on PATH is {record.get('python')}, not the venv's interpreter in {venv}"
    )
    info = _venv_interpreter(ctx, record)
    assert same_path(info["prefix"], venv), f"sys.prefix is {info['prefix']}, not {venv}"
    assert same_path(info["base_prefix"], ctx.target.base_prefix), (
        f"sys.base_prefix is {info['base_prefix']}, not the target's {ctx.target.base_prefix}"
    )


def check_active(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv is active: ``python`` runs ``.venv``'s interpreter, ``VIRTUAL_ENV`` names it."""
    venv = ctx.sandbox.venv
    _python_is_the_venvs(ctx, record, venv)
    assert same_path(record.get("virtual_env"), venv), (
        f"VIRTUAL_ENV is {record.get('virtual_env')!r}, not {venv}"
    )
    check_prompt_active(ctx, record)


def check_prompt_active(ctx: Context, record: dict, detail: str = "") -> None:
    """The prompt starts with the venv's prompt (interactive journeys): ``(.venv) `` for a
    venv of ``python -m venv`` (every ``activate`` puts the venv's prompt, ``.venv`` unless
    created with ``--prompt``, in front of it), or :attr:`Context.venv_prompt` for a venv
    another tool made; when that is None, the activation leaves the prompt as it was."""
    prompt = record.get("prompt")
    if prompt is None:
        return
    if ctx.venv_prompt is None:
        was = ctx.run.prompts.get("")
        assert prompt == was, f"the prompt is {prompt!r}, not {was!r} as before activation"
        return
    assert prompt.startswith(ctx.venv_prompt), (
        f"the prompt is {prompt!r}: it does not start with {ctx.venv_prompt!r} (activate puts "
        f"the venv's prompt in front of the reader's prompt, here {PROMPT!r}; a venv created "
        "with `--prompt NAME` shows (NAME) instead)"
    )


def check_active_elsewhere(ctx: Context, record: dict, detail: str = "") -> None:
    """A venv outside the project (a tool's, such as Poetry's) is active: ``VIRTUAL_ENV`` names
    a folder outside ``.venv``, ``python`` runs its interpreter, the base is the target, and the
    prompt starts with the venv's name in parentheses (or, where :attr:`Context.venv_prompt`
    is None, is as it was)."""
    venv = record.get("virtual_env")
    assert venv, "VIRTUAL_ENV is not set: no venv is active"
    assert not is_inside(venv, ctx.sandbox.venv), f"the active venv is the project's {venv}"
    _python_is_the_venvs(ctx, record, venv)
    prompt, was = record.get("prompt"), ctx.run.prompts.get("")
    if prompt is None:
        return
    if ctx.venv_prompt is None:  # an activate that leaves the prompt (virtualenv's, in sh)
        assert prompt == was, f"the prompt is {prompt!r}, not {was!r} as before activation"
    else:
        assert prompt != was and prompt.startswith("("), f"the prompt is still {prompt!r}"


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
    """``requirements.txt`` holds exactly what ``pip freeze`` prints, and pins requests."""
    check_installed(ctx, record)
    text = record["requirements_txt"]
    assert text is not None, f"{ctx.sandbox.project / 'requirements.txt'} was not written"
    freeze = record.get("pip_freeze")
    assert freeze is not None, f"the probe could not run `pip freeze`: {record.get('error')}"
    assert text.splitlines() == freeze.splitlines(), (
        "requirements.txt differs from what `python -m pip freeze` prints:\n"
        + "\n".join(
            difflib.unified_diff(
                freeze.splitlines(),
                text.splitlines(),
                "pip freeze",
                "requirements.txt",
                lineterm="",
            )
        )
    )
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
    prompt, was = record.get("prompt"), ctx.run.prompts.get("direct")
    assert prompt is None or was is None or prompt == was, (
        f"the prompt is {prompt!r} after deactivate, not {was!r} as before activation"
    )


def check_deleted(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv`` is gone and nothing is active."""
    assert not record["venv"]["exists"], f"{ctx.sandbox.venv} still exists"
    check_inactive(ctx, record)


def check_recreated(ctx: Context, record: dict, detail: str = "") -> None:
    """A new ``.venv`` exists, has ``requests`` from requirements.txt, and is not active."""
    check_created(ctx, record)
    assert record["venv"]["requests"], "requests is not installed in the recreated venv"


def _pyvenv_cfg(record: dict) -> dict[str, str]:
    """``.venv/pyvenv.cfg`` of the probe record as ``{key: value}`` (empty when missing)."""
    text = record["venv"].get("pyvenv_cfg") or ""
    pairs = (line.partition("=") for line in text.splitlines())
    return {k.strip(): v.strip() for k, sep, v in pairs if sep}


def check_without_pip(ctx: Context, record: dict, detail: str = "") -> None:
    """A new ``.venv`` exists without pip (``venv --without-pip``); nothing is active."""
    check_created(ctx, record)
    assert record["venv"].get("pip") is None, (
        f"pip {record['venv'].get('pip')} is installed in the venv made with --without-pip"
    )


def check_active_without_pip(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv made ``--without-pip`` is active, still without pip."""
    check_active(ctx, record)
    assert record["venv"].get("pip") is None, f"pip {record['venv'].get('pip')} is in the venv"


def check_with_pip(ctx: Context, record: dict, detail: str = "") -> None:
    """The venv is active and has pip again, with its ``pip`` command (``ensurepip
    --default-pip`` in a venv made ``--without-pip``)."""
    check_active(ctx, record)
    assert record["venv"].get("pip"), "the venv still has no pip"
    scripts = ctx.sandbox.venv_python.parent
    names = ("pip.exe",) if scripts.name == "Scripts" else ("pip",)
    assert any((scripts / name).exists() for name in names), f"no pip command in {scripts}"


def check_with_pip_inactive(ctx: Context, record: dict, detail: str = "") -> None:
    """A new ``.venv`` of the target with pip in it (``uv venv --seed``); nothing is active."""
    check_created(ctx, record)
    assert record["venv"].get("pip"), "the venv has no pip"


def check_cleared(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv`` was emptied and made again (``venv --clear``): pip is back to the bundled
    release (not ``detail``, the one installed before), and requests is not installed."""
    check_created(ctx, record)
    found = record["venv"].get("pip")
    assert found, "the cleared venv has no pip"
    assert found != detail, f"pip is still {detail}: the venv was not emptied"
    assert not record["venv"]["requests"], "requests is still installed after --clear"


def check_pip_version(ctx: Context, record: dict, detail: str = "") -> None:
    """pip in ``.venv`` is version ``detail`` (``--upgrade-deps``, ``install --upgrade pip``)."""
    assert record["venv"]["exists"], f"{ctx.sandbox.venv} does not exist"
    found = record["venv"].get("pip")
    assert found == detail, f"pip {found} is installed in the venv, expected {detail}"


def check_pyvenv_setting(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv/pyvenv.cfg`` has the setting ``detail`` (``key = value``); nothing is active."""
    check_created(ctx, record)
    key, _, value = (part.strip() for part in detail.partition("="))
    settings = _pyvenv_cfg(record)
    assert settings.get(key) == value, (
        f"pyvenv.cfg has {key} = {settings.get(key)!r}, expected {value!r}:\n"
        f"{record['venv'].get('pyvenv_cfg')}"
    )


def check_venv_exists(ctx: Context, record: dict, detail: str = "") -> None:
    """``.venv`` exists with ``pyvenv.cfg`` of the target's version (whatever ``python`` is)."""
    version = _pyvenv_cfg(record).get("version") or _pyvenv_cfg(record).get("version_info", "")
    assert record["venv"]["exists"], f"{ctx.sandbox.venv} does not exist: no venv was created"
    assert version.startswith(ctx.target.full_version), (
        f"the venv is Python {version!r}, not the target {ctx.target.full_version}"
    )


def check_in_project(ctx: Context, record: dict, detail: str = "") -> None:
    """The shell's current folder is the project folder; nothing is active."""
    assert same_path(record["cwd"], ctx.sandbox.project), (
        f"the current folder is {record['cwd']}, not the project folder {ctx.sandbox.project}"
    )
    check_inactive(ctx, record)


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
    "without-pip": check_without_pip,
    "cleared": check_cleared,
    "with-pip": check_with_pip,
    "active-without-pip": check_active_without_pip,
    "active-elsewhere": check_active_elsewhere,
    "with-pip-inactive": check_with_pip_inactive,
    "pip-version": check_pip_version,
    "pyvenv-setting": check_pyvenv_setting,
    "venv-exists": check_venv_exists,
    "in-project": check_in_project,
}


def normalize_output(text: str, sandbox: Sandbox) -> str:
    """Replace the sandbox's project and home folders, in every spelling, with the site's.

    The site shows ``SAMPLE_HOME/project`` (``/home/you/project``); a journey in a hostile
    project folder (``Jane Doé/my project``) prints its own path there, replaced first.
    """
    sample = SAMPLE_HOMES[CURRENT_OS]
    sep = "\\" if CURRENT_OS == "windows" else "/"
    if sandbox.project != sandbox.home / "project":
        text = _replace_path(text, project_spellings(sandbox), f"{sample}{sep}project")
    return _replace_path(text, home_spellings(sandbox), sample)


def _replace_path(text: str, forms: list[str], sample: str) -> str:
    for form in forms:
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


ELLIPSIS = "..."


def _line_pattern(want: str) -> re.Pattern[str]:
    """A want line as a pattern: ``...`` matches within the line, runs of spaces fold."""
    parts = [re.escape(" ".join(part.split())) for part in want.split(ELLIPSIS)]
    return re.compile(".*".join(parts) + r"\Z")


def lines_match(want: list[str], got: list[str]) -> bool:
    """True when ``got`` matches the expected-output lines ``want`` exactly.

    Rules (CONTRIBUTING.md): a line that is only ``...`` matches any number of whole lines
    (zero or more); ``...`` inside a line matches any text within that line; runs of white
    space compare equal and trailing white space is ignored; every other line must be there,
    once, in order: a missing or an extra line fails.
    """
    got = [_fold(line) for line in got]
    patterns = [None if w.strip() == ELLIPSIS else _line_pattern(w) for w in want]

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(patterns):
            return j == len(got)
        pattern = patterns[i]
        if pattern is None:
            return any(match(i + 1, k) for k in range(j, len(got) + 1))
        return j < len(got) and bool(pattern.match(got[j])) and match(i + 1, j + 1)

    return match(0, 0)


def updated_output(want: list[str], got: list[str]) -> list[str]:
    """The expected-output lines ``want`` brought up to date with what was printed (``got``).

    Placeholders are kept: a want line that still matches its printed line stays as it is
    (with its ``...`` and sample paths), a lone ``...`` line stays and absorbs the printed
    lines up to the next want line that matches; every other printed line replaces the want
    line at its place, and printed lines past the end are appended.

    Args:
        want: the expected-output file's lines.
        got: the printed lines, with the sandbox home already replaced.

    Returns:
        The new lines; :func:`lines_match` of them against ``got`` holds for the lines kept.
    """
    patterns = [None if w.strip() == ELLIPSIS else _line_pattern(w) for w in want]
    folded = [_fold(line) for line in got]

    @functools.cache
    def best(i: int, j: int) -> tuple[int, tuple[str, ...]]:
        """(want lines kept, new lines) for want[i:] against got[j:]."""
        if i == len(want):
            return 0, tuple(got[j:])
        pattern = patterns[i]
        if pattern is None:  # a lone `...`: keep it, let it absorb any printed lines
            options = [best(i + 1, k) for k in range(j, len(got) + 1)]
            score, rest = max(options, key=lambda option: option[0])
            return score, (want[i], *rest)
        options = []
        if j < len(got) and pattern.match(folded[j]):
            score, rest = best(i + 1, j + 1)
            options.append((score + 1, (want[i], *rest)))
        if j < len(got):
            score, rest = best(i, j + 1)  # a printed line the file lacks
            options.append((score, (got[j], *rest)))
        options.append(best(i + 1, j))  # a want line no longer printed
        return max(options, key=lambda option: option[0])

    return list(best(0, 0)[1])


def _fold(line: str) -> str:
    return " ".join(line.split())


def compare_output(
    expected_ref: str, got: str, sandbox: Sandbox, shown: str | None = None
) -> str | None:
    """Compare a step's output with the output the site shows (:func:`lines_match`).

    Args:
        expected_ref: the expected-output file, relative to snippets/ (named in the report).
        got: what the step printed.
        sandbox: the journey's sandbox (its home folder is replaced by the sample home).
        shown: the text of the page's ``.no-copy`` output block, which is what the reader
            sees; None reads ``expected_ref`` from the snippets folder instead.

    Returns:
        None when they match, else a report with a diff of the expected text and what the
        shell printed (home folder replaced by the site's sample home).
    """
    text = shown if shown is not None else read_text(expected_ref)
    want = text.strip("\n").split("\n")
    normalized = normalize_output(got, sandbox).strip("\n")
    printed = normalized.split("\n") if normalized else []
    if lines_match(want, printed):
        return None
    diff = "\n".join(
        difflib.unified_diff(want, printed, f"snippets/{expected_ref}", "printed", lineterm="")
    )
    return (
        f"output differs from snippets/{expected_ref} (`...` alone on a line matches whole "
        f"lines, inside a line it matches within the line):\n{diff}"
    )


def verify(ctx: Context) -> list[SectionResult]:
    """Check every step of a finished journey, in order.

    Returns:
        One :class:`SectionResult` per section when every step is right.

    Raises:
        JourneyFailure: the first step that failed to run or left the wrong state, with the
            per-section outcomes up to and after it.
    """
    run = ctx.run
    results: list[SectionResult] = []
    for index, planned in enumerate(run.steps):
        problem, location = _step_problem(ctx, planned)
        if problem is None:
            results += [SectionResult(s.ref, "passed") for s in planned.sections]
            continue
        results += [
            SectionResult(s.ref, "failed", problem.splitlines()[0]) for s in planned.sections
        ]
        for later in run.steps[index + 1 :]:
            results += [
                SectionResult(
                    s.ref,
                    "skipped",
                    f"not reached: step '{planned.step.name}' failed",
                )
                for s in later.sections
            ]
        message = (
            f"journey {ctx.shell.key} against {ctx.target}: step '{planned.step.name}' failed\n"
            f"  at {location}\n  {problem}\n{run.transcript()}"
        )
        raise JourneyFailure(message, planned.step.name, location, results)
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
            if run.mode == "interactive":
                last = run.stdout.rstrip("\n").rpartition("\n")[2]
                return (
                    f"timed out after {run.timeout:.0f} s (no prompt came back; the terminal's "
                    f"last line is {last!r}: a command still running, or waiting for input?); "
                    "every process of the shell's session was killed",
                    location,
                )
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
        shown = planned.output.text if planned.output is not None else None
        got = run.outputs.get(step.name, "")
        problem = compare_output(step.output, got, ctx.sandbox, shown)
        if problem and ctx.update_outputs:
            path = ctx.snippets_root / step.output
            old = path.read_text(encoding="utf-8").strip("\n").split("\n")
            printed = normalize_output(got, ctx.sandbox).strip("\n").split("\n")
            path.write_text("\n".join(updated_output(old, printed)) + "\n", encoding="utf-8")
            ctx.updated.append(f"snippets/{step.output}")
            problem = None
        if problem:
            return (problem, location)
    return (None, location)


def _line_text_from(run: JourneyRun, location: str) -> str:
    """The command the journey ran at ``location`` (looked up in the planned commands)."""
    for planned in run.steps:
        for command in planned.commands:
            if command.location == location:
                return command.text.strip()
    return ""
