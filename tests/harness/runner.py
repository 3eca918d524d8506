"""Build a journey script, run it in its shell, and read back what happened.

The script is the text of every step's sections, unchanged, line by line, with harness lines
woven in (spelled by the shell's :class:`~venv_guide.shells.Dialect`)::

    @@vg begin STEP@@           marker: the step's output starts
    @@vg line FILE:LINE@@       marker: the next snippet line starts
    <the snippet line>
    <exit-status check>         prints @@vg fail FILE:LINE STATUS@@ and exits on failure
    @@vg end STEP@@
    venv-probe STEP             records the state (see probe.py)
    ...
    @@vg done@@

Continuation lines (ending in ``\\``, ``^`` or a backtick) are kept together with the next
line and checked once, after the whole command.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field

from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import MARK, Shell
from venv_guide.snippets import SNIPPETS_DIR

from . import expectations, page
from .interpreters import Target
from .journey import Step
from .page import BuiltSite, PlannedStep
from .sandbox import Sandbox

_MARKER = re.compile(rf"^{re.escape(MARK)} (\w+) ?(.*?)@@\s*$")


@dataclass
class JourneyRun:
    """What one journey did.

    Attributes:
        steps: the planned steps, in order.
        argv: the command line that ran the script.
        script: the generated script's text.
        stdout, stderr: the shell's output, decoded as UTF-8 with undecodable bytes replaced.
        status: the shell's exit status (None if it was killed on timeout).
        seconds: wall time of the shell process.
        timed_out: True when the harness killed the process group after ``timeout`` seconds.
        probes: probe records by step name.
        outputs: each step's stdout (marker lines removed), by step name.
        failed_at: ``snippets/FILE:LINE`` of the command that failed, if a check caught one.
        failed_status: that command's exit status, as the check printed it.
        statuses: exit status of each command that had to fail, by ``snippets/FILE:LINE``.
        last_line: the last ``line`` marker printed (where a crash or timeout happened).
        done: True when the script ran to its end.
    """

    steps: list[PlannedStep]
    argv: list[str]
    script: str
    stdout: str = ""
    stderr: str = ""
    status: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    timeout: float = 0.0
    probes: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    failed_at: str | None = None
    failed_status: str | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    last_line: str | None = None
    done: bool = False

    def transcript(self, limit: int = 6000) -> str:
        """The shell's stdout, stderr and exit status, for a failure message (tail-limited)."""

        def tail(text: str) -> str:
            return text if len(text) <= limit else "[...]\n" + text[-limit:]

        status = "killed on timeout" if self.timed_out else str(self.status)
        return (
            f"--- command: {' '.join(self.argv)}\n"
            f"--- stdout ---\n{tail(self.stdout)}\n--- stderr ---\n{tail(self.stderr)}\n"
            f"--- exit status: {status} ({self.seconds:.1f} s) ---"
        )


def build_script(shell: Shell, steps: list[PlannedStep]) -> str:
    """The journey script for ``shell``: the reader's commands verbatim plus the harness's lines.

    A step with ``fails`` set expects its last command to exit non-zero: there the check is
    inverted (a zero status fails the journey) and the journey goes on.
    """
    d = shell.dialect
    out: list[str] = list(d.prelude)
    for planned in steps:
        name = planned.step.name
        out.append(d.echo_marker("begin", name))
        for index, command in enumerate(planned.commands):
            texts = command.text.split("\n")
            out.append(d.echo_marker("line", command.location))
            out.append(d.line_prefix + texts[0])
            out.extend(texts[1:])
            last = index == len(planned.commands) - 1
            if planned.step.fails and last:
                out.append(d.check_fails_line(command.location))
            else:
                out.append(d.check_line(command.location))
        out.append(d.echo_marker("end", name))
        probe = "call venv-probe" if d.name == "cmd" else "venv-probe"
        freeze = " --freeze" if planned.step.expect == "frozen" else ""
        out.append(f"{probe} {name}{freeze}")
        out.append(d.check_line(f"venv-probe-after-{name}"))
    out.append(d.echo_marker("done"))
    return d.newline.join(out) + d.newline


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill the shell and everything it started (its process group / job tree)."""
    if CURRENT_OS == "windows":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False
        )
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def run(
    shell: Shell,
    executable: pathlib.Path,
    steps: list[PlannedStep],
    cwd: pathlib.Path,
    env: dict[str, str],
    script_dir: pathlib.Path,
    probe_log: pathlib.Path,
    timeout: float = 120.0,
) -> JourneyRun:
    """Run a journey and parse its markers and probe records.

    Args:
        shell: the shell (dialect and arguments).
        executable: the shell's executable.
        steps: planned steps.
        cwd: the journey's current folder (the sandbox's project).
        env: the complete environment.
        script_dir: where to write the journey script (inside the sandbox).
        probe_log: the probe's JSON-lines file.
        timeout: seconds before the whole process group is killed.

    Returns:
        The :class:`JourneyRun`; it never raises for a failing journey (the checks judge it).
    """
    script_text = build_script(shell, steps)
    script = script_dir / f"journey{shell.dialect.suffix}"
    script.write_bytes(script_text.encode("utf-8"))
    argv = shell.argv(executable, script)
    result = JourneyRun(steps=steps, argv=argv, script=script_text, timeout=timeout)
    kwargs: dict = {}
    if CURRENT_OS == "windows":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True
    # On macOS and Linux a reader's terminal shows stdout and stderr as one stream, in order:
    # the shell writes both into the same pipe, so a step's output holds its error messages
    # (a deliberate mistake's message is compared with the page). Windows keeps them apart.
    one_stream = CURRENT_OS != "windows"
    started = time.monotonic()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if one_stream else subprocess.PIPE,
        **kwargs,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc)
        out, err = proc.communicate()
        result.timed_out = True
    result.seconds = time.monotonic() - started
    result.status = None if result.timed_out else proc.returncode
    result.stdout = out.decode("utf-8", errors="replace").replace("\r\n", "\n")
    result.stderr = (err or b"").decode("utf-8", errors="replace").replace("\r\n", "\n")
    _parse_stdout(result)
    result.probes = read_probes(probe_log)
    return result


def _parse_stdout(result: JourneyRun) -> None:
    current: str | None = None
    collected: dict[str, list[str]] = {}
    for raw in result.stdout.splitlines():
        match = _MARKER.match(raw.strip())
        if not match:
            if current is not None:
                collected[current].append(raw)
            continue
        kind, value = match.groups()
        if kind == "begin":
            current = value
            collected[current] = []
        elif kind == "end":
            current = None
        elif kind == "line":
            result.last_line = value
        elif kind == "fail":
            loc, _, status = value.rpartition(" ")
            result.failed_at, result.failed_status = loc, status
        elif kind == "succeeded":
            result.failed_at, result.failed_status = value, "0 (this step's command must fail)"
        elif kind == "status":
            loc, _, status = value.rpartition(" ")
            result.statuses[loc] = status
        elif kind == "done":
            result.done = True
    result.outputs = {name: "\n".join(lines) for name, lines in collected.items()}


def read_probes(path: pathlib.Path) -> dict[str, dict]:
    """The probe log as ``{step: record}`` (a missing file gives {}; bad lines are skipped)."""
    records: dict[str, dict] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return records
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        records[record["step"]] = record
    return records


def run_journey(
    shell: Shell,
    target: Target,
    box: Sandbox,
    steps: list[Step],
    site: BuiltSite,
    timeout: float,
    snippets_root: pathlib.Path = SNIPPETS_DIR,
    update_outputs: bool = False,
    cwd: pathlib.Path | None = None,
) -> tuple[expectations.Context, list[expectations.SectionResult]]:
    """Copy each step's commands from the built site, run them in ``shell``, check every step.

    Args:
        shell: the shell; it must be installed here (:meth:`Shell.find`).
        target: the interpreter the reader's ``python3``/``py`` runs.
        box: a fresh sandbox made for this shell and target (:func:`sandbox.create`).
        steps: the journey's steps.
        site: the built site the reader copies from (:func:`page.build`).
        timeout: seconds before the shell's process group is killed.
        snippets_root: the snippets folder the site was built from.
        update_outputs: rewrite expected-output files that differ instead of failing
            (``pytest --update-outputs``; :func:`expectations.updated_output`).
        cwd: the folder the shell starts in; default the sandbox's project folder (a journey
            that first makes and enters the project folder starts in the home folder).

    Returns:
        The checks' context and one result per snippet section.

    Raises:
        expectations.JourneyFailure: a step cannot be copied from the reader's tab, failed, or
            left the wrong state; the message names the step, ``snippets/FILE:LINE``, the page
            and tab where relevant, the shell and the target, with the transcript. Its
            ``results`` attribute holds the per-section outcomes.
        AssertionError: the shell is not installed.
    """
    executable = shell.find()
    assert executable is not None, shell.unavailable_reason()
    try:
        planned = page.plan(steps, shell, CURRENT_OS, site, snippets_root)
    except page.PageError as exc:
        message = (
            f"journey {shell.key} against {target}: step '{exc.step}' is not what the "
            f"{shell.label} reader's tab shows\n  at {exc.location or '(the built page)'}\n  {exc}"
        )
        failure = expectations.JourneyFailure(message, exc.step, exc.location)
        failure.results = [  # type: ignore[attr-defined]
            expectations.SectionResult(
                ref,
                "failed" if step.name == exc.step else "skipped",
                str(exc) if step.name == exc.step else f"not run: step '{exc.step}' failed",
            )
            for step in steps
            for ref in step.sections
        ]
        raise failure from None
    journey_run = run(
        shell, executable, planned, cwd or box.project, box.env, box.root, box.probe_log, timeout
    )
    ctx = expectations.Context(
        shell=shell,
        target=target,
        sandbox=box,
        run=journey_run,
        update_outputs=update_outputs,
        snippets_root=snippets_root,
    )
    return ctx, expectations.verify(ctx)
