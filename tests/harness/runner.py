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
from venv_guide.snippets import SNIPPETS_DIR, Line, Section, section

from .journey import Step

_MARKER = re.compile(rf"^{re.escape(MARK)} (\w+) ?(.*?)@@\s*$")
_CONTINUED = ("\\", "^", "`")


@dataclass
class PlannedStep:
    """A :class:`~tests.harness.journey.Step` with its sections read from snippets/."""

    step: Step
    sections: list[Section]

    @property
    def location(self) -> str:
        """``snippets/FILE:LINE`` of the step's first command."""
        return self.sections[0].location() if self.sections else "(no section)"


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


def plan(steps: list[Step], root: pathlib.Path = SNIPPETS_DIR) -> list[PlannedStep]:
    """Read every step's sections.

    Raises:
        venv_guide.snippets.SnippetError: a section is missing (names file and section).
    """
    return [PlannedStep(s, [section(ref, root) for ref in s.sections]) for s in steps]


def _commands(sec: Section) -> list[tuple[Line, list[str]]]:
    """Group a section's command lines, joining continuation lines; yields (first line, texts)."""
    groups: list[tuple[Line, list[str]]] = []
    pending: list[str] = []
    first: Line | None = None
    for line in sec.commands():
        if first is None:
            first = line
        pending.append(line.text)
        if not line.text.rstrip().endswith(_CONTINUED):
            groups.append((first, pending))
            pending, first = [], None
    if first is not None:
        groups.append((first, pending))
    return groups


def build_script(shell: Shell, steps: list[PlannedStep]) -> str:
    """The journey script for ``shell``: snippet lines verbatim plus the harness's lines."""
    d = shell.dialect
    out: list[str] = list(d.prelude)
    for planned in steps:
        name = planned.step.name
        out.append(d.echo_marker("begin", name))
        for sec in planned.sections:
            for first, texts in _commands(sec):
                loc = sec.location(first)
                out.append(d.echo_marker("line", loc))
                out.append(d.line_prefix + texts[0])
                out.extend(texts[1:])
                out.append(d.check_line(loc))
        out.append(d.echo_marker("end", name))
        probe = "call venv-probe" if d.name == "cmd" else "venv-probe"
        out.append(f"{probe} {name}")
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
    started = time.monotonic()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
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
    result.stderr = err.decode("utf-8", errors="replace").replace("\r\n", "\n")
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
