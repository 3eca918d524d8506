"""Run a reader's journey in its shell and report what happened, step by step.

:func:`run_journey` copies each step's commands from the built site (``page.plan``), runs
them in the shell with :func:`run`, and checks every step (``expectations.verify``). :func:`run`
has two modes, chosen by :attr:`Shell.mode <venv_guide.shells.Shell.mode>`:

**Interactive** (every macOS/Linux shell, :func:`run_interactive`). The shell is started on a
pseudo-terminal (``tests/harness/terminal.py``: ``TERM=dumb``, 400 columns, stdin, stdout and
stderr all the terminal) without rc files and with its default interactive options. The
harness types, and waits for the prompt after each line:

1. the dialect's ``set_prompt`` line, which sets :data:`~venv_guide.shells.PROMPT`;
2. for each step, every line of the reader's block as its copy button gives it (comments
   included; blank lines left out; continuation lines one by one, each after the shell's
   continuation prompt), each followed by the dialect's ``status`` line, which prints
   ``@@vg status N@@``: a non-zero N stops the journey there (for a step with ``fails``, its
   last command must give a non-zero N, and a zero one stops it);
3. after each step, ``venv-probe STEP`` and its status line.

Typing a line and waiting for the prompt before the next one is what a reader does (in a
shell with a line editor, also until the editor has turned the terminal's echo off: text
typed a moment before that is echoed twice, by the terminal and by the editor); nothing
is typed ahead, so a command that waits for input waits until the timeout, as it would for a
reader. The harness's own lines change no option and set no variable the reader's lines read.
What a command printed is what the screen shows between the echo of its last typed line and
the next prompt (the echo is the shell's, or the terminal's, drawing of the typed text); the
step's output is its commands' output joined, without the status and probe lines. The prompt
after a step is the screen's text in front of the cursor once the prompt is drawn: after
``activate`` it must start with ``(.venv) ``, after ``deactivate`` it must be the one before
activation (expectations.py). On a timeout every process of the shell's session is killed.

**Script** (the Windows shells: why, in their ``notes``). The reader's lines, unchanged, with
harness lines woven in (:func:`build_script`), run as one script with stdin closed::

    @@vg begin STEP@@           marker: the step's output starts
    @@vg line FILE:LINE@@       marker: the next snippet line starts
    <the snippet line>
    <exit-status check>         prints @@vg fail FILE:LINE STATUS@@ and exits on failure
    @@vg end STEP@@
    venv-probe STEP             records the state (see probe.py)
    ...
    @@vg done@@

In both modes continuation lines (ending in ``\\``, ``^`` or a backtick) are kept together
with the next line and checked once, after the whole command, and the result is a
:class:`JourneyRun` with the same fields.
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
from venv_guide.shells import MARK, PROMPT, VENV_PROMPT, Shell
from venv_guide.snippets import SNIPPETS_DIR

from . import expectations, page, terminal
from .failure import JourneyFailure, SectionResult
from .interpreters import Target
from .journey import Step
from .page import BuiltSite, PlannedStep
from .sandbox import Sandbox

_MARKER = re.compile(rf"^{re.escape(MARK)} (\w+) ?(.*?)@@\s*$")
_STATUS = re.compile(rf"^{re.escape(MARK)} status (-?\d+)@@$")


@dataclass
class JourneyRun:
    """What one journey did.

    Attributes:
        steps: the planned steps, in order.
        argv: the command line that started the shell.
        script: the generated script's text (script mode), or every line the harness typed
            (interactive mode).
        stdout, stderr: the shell's output, decoded as UTF-8 with undecodable bytes replaced;
            in interactive mode ``stdout`` is what the terminal showed (stdout and stderr
            together, as a reader sees them) and ``stderr`` is empty.
        mode: ``interactive`` or ``script``.
        notes: the shell table's "why" for this shell.
        status: the shell's exit status (None if it was killed on timeout).
        seconds: wall time of the shell process.
        timed_out: True when the harness killed the process group after ``timeout`` seconds.
        probes: probe records by step name.
        outputs: each step's output (script mode: its stdout without marker lines;
            interactive: what the terminal showed for its commands), by step name.
        prompts: interactive mode: the prompt the shell drew after each step's last command,
            by step name (the start, before any step, as ``""``).
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
    mode: str = "script"
    notes: str = ""
    status: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    timeout: float = 0.0
    probes: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    prompts: dict[str, str] = field(default_factory=dict)
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
        if status == "None":
            status = "still running, closed by the harness"
        head = f"--- command: {' '.join(self.argv)} ({self.mode} mode: {self.notes}) ---\n"
        if self.mode == "interactive":
            body = "--- terminal (stdout and stderr, as the reader sees them) ---\n"
            body += f"{tail(self.stdout)}\n"
        else:
            body = f"--- stdout ---\n{tail(self.stdout)}\n--- stderr ---\n{tail(self.stderr)}\n"
        return f"{head}{body}--- exit status: {status} ({self.seconds:.1f} s) ---"


def build_script(shell: Shell, steps: list[PlannedStep]) -> str:
    """The journey script for ``shell``: the reader's commands verbatim plus the harness's lines.

    Script mode only. Whole-line comments are left out (a script's shell ignores them). A step
    with ``fails`` set expects its last command to exit non-zero: there the check is inverted
    (a zero status fails the journey) and the journey goes on.
    """
    d = shell.dialect
    out: list[str] = list(d.prelude)
    for planned in steps:
        name = planned.step.name
        out.append(d.echo_marker("begin", name))
        commands = [c for c in planned.commands if not c.comment]
        for index, command in enumerate(commands):
            texts = command.text.split("\n")
            out.append(d.echo_marker("line", command.location))
            out.append(d.line_prefix + texts[0])
            out.extend(texts[1:])
            last = index == len(commands) - 1
            if planned.step.fails and last:
                out.append(d.check_fails_line(command.location))
            else:
                out.append(d.check_line(command.location))
        out.append(d.echo_marker("end", name))
        if d.prompt_probe:
            out.append(d.prompt_probe)
        freeze = " --freeze" if planned.step.expect == "frozen" else ""
        out.append(f"{d.probe_call} {name}{freeze}")
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
    probe: bool = True,
) -> JourneyRun:
    """Run a journey in the shell's mode (:func:`run_interactive` or :func:`run_script`).

    Args:
        shell: the shell (dialect, arguments, mode).
        executable: the shell's executable.
        steps: planned steps.
        cwd: the journey's current folder (the sandbox's project).
        env: the complete environment.
        script_dir: where to write the journey script (inside the sandbox; script mode).
        probe_log: the probe's JSON-lines file.
        timeout: seconds before every process of the journey is killed.
        probe: False to run no probe between steps (interactive mode only: a shell where the
            probe cannot run, such as one in a chroot); each step then gets a record saying
            only that it ran, and its output is still compared.

    Returns:
        The :class:`JourneyRun`; it never raises for a failing journey (the checks judge it).
    """
    if shell.interactive:
        return run_interactive(shell, executable, steps, cwd, env, probe_log, timeout, probe)
    assert probe, f"{shell.key}: script mode always runs the probe"
    return run_script(shell, executable, steps, cwd, env, script_dir, probe_log, timeout)


class _Stop(Exception):
    """The journey stops here (a failed command, or a command that had to fail did not)."""


def run_interactive(
    shell: Shell,
    executable: pathlib.Path,
    steps: list[PlannedStep],
    cwd: pathlib.Path,
    env: dict[str, str],
    probe_log: pathlib.Path,
    timeout: float = 120.0,
    probe: bool = True,
) -> JourneyRun:
    """Type the journey into the shell on a pseudo-terminal (see the module docstring).

    Args:
        shell: an ``interactive`` shell.
        executable: the shell's executable.
        steps: planned steps.
        cwd: the journey's current folder.
        env: the complete environment (``TERM=dumb`` from the sandbox).
        probe_log: the probe's JSON-lines file.
        timeout: seconds for the whole journey before the shell's session is killed.
        probe: False to type no ``venv-probe`` line (see :func:`run`).

    Returns:
        The :class:`JourneyRun`; it never raises for a failing journey.
    """
    d = shell.dialect
    unprobed: dict[str, dict] = {}
    argv = shell.argv(executable)
    result = JourneyRun(
        steps=steps, argv=argv, script="", timeout=timeout, mode="interactive", notes=shell.notes
    )
    typed: list[str] = []
    started = time.monotonic()
    term = terminal.Terminal(argv, cwd, env, started + timeout)

    editor = False

    def enter(text: str) -> tuple[list[str], str]:
        """Type one command (its lines one by one) and wait for the prompt after it."""
        typed.append(text)
        lines = text.split("\n")
        for index, line in enumerate(lines):
            mark = len(term.screen.lines)
            if editor:  # wait until the line editor reads (it draws the prompt first)
                term.wait(lambda s: term.echo() is False, poll=0.002)
            term.type(line + "\n")
            last = index == len(lines) - 1
            echo = _wait_echo(term, mark, line)
            if not last and d.continuation:
                term.wait(
                    lambda s, echo=echo: (
                        len(s.lines) > echo and s.before_cursor.endswith(d.continuation)
                    )
                )
        term.wait(lambda s: len(s.lines) > echo and s.before_cursor.endswith(PROMPT))
        return term.screen.lines[echo + 1 :], term.screen.before_cursor

    def status() -> str:
        out, _ = enter(d.status)
        found = [m for m in (_STATUS.match(line.strip()) for line in out) if m]
        return found[-1].group(1) if found else f"unknown (`{d.status}` printed {out!r})"

    try:
        _wait_ready(term)
        editor = term.echo() is False
        enter(d.set_prompt)
        result.prompts[""] = term.screen.before_cursor
        for planned in steps:
            name = planned.step.name
            printed: list[str] = []
            for index, command in enumerate(planned.commands):
                result.last_line = command.location
                out, prompt = enter(command.text)
                printed += out
                code = status()
                if planned.step.fails and index == len(planned.commands) - 1:
                    if code == "0":
                        result.failed_at = command.location
                        result.failed_status = "0 (this step's command must fail)"
                        raise _Stop
                    result.statuses[command.location] = code
                elif code != "0":
                    result.failed_at, result.failed_status = command.location, code
                    raise _Stop
                result.prompts[name] = prompt
            result.outputs[name] = "\n".join(printed)
            if not probe:
                unprobed[name] = {"step": name, "probed": False}
                continue
            freeze = " --freeze" if planned.step.expect == "frozen" else ""
            enter(f"venv-probe {name}{freeze}")
            code = status()
            if code != "0":
                result.failed_at, result.failed_status = f"venv-probe-after-{name}", code
                raise _Stop
        result.done = True
    except _Stop:
        pass
    except terminal.TerminalTimeout:
        result.timed_out = True
    except terminal.TerminalClosed:
        pass
    finally:
        if not result.timed_out:
            term.drain(0.05)
        result.status = term.status()
        term.kill()
        result.seconds = time.monotonic() - started
        result.stdout = term.screen.text()
        result.script = "\n".join(typed) + "\n"
    result.probes = read_probes(probe_log, result.prompts) if probe else unprobed
    return result


def _wait_ready(term: terminal.Terminal, quiet: float = 0.1) -> None:
    """Wait until the shell has drawn its first prompt: some output, then ``quiet`` s of none.

    Some line editors discard what was typed before they start reading; the harness's first
    line (the prompt) waits for this, every later line for the prompt itself.
    """
    term.wait(lambda s: bool(term.raw))
    while True:
        seen = len(term.raw)
        term.pause(quiet)
        if len(term.raw) == seen:
            return


def _wait_echo(term: terminal.Terminal, mark: int, line: str) -> int:
    """The index of the screen line, from ``mark`` on, that ends the echo of typed ``line``.

    The echo is the line editor's drawing of the typed text (or the terminal's own echo, for
    dash, which reads lines in the terminal's cooked mode); it ends when Enter moves the cursor
    to the next line. Line editors may redraw the line several times while it is typed
    (fish); only a finished screen line counts.
    """
    want = line.rstrip()
    found: list[int] = []

    def echoed(screen: terminal.Screen) -> bool:
        for index in range(mark, len(screen.lines)):
            # A line longer than the window wraps: its screen lines joined end with it.
            if screen.lines[index].endswith(want) or "".join(
                screen.lines[mark : index + 1]
            ).endswith(want):
                found.append(index)
                return True
        return False

    term.wait(echoed)
    return found[0]


def run_script(
    shell: Shell,
    executable: pathlib.Path,
    steps: list[PlannedStep],
    cwd: pathlib.Path,
    env: dict[str, str],
    script_dir: pathlib.Path,
    probe_log: pathlib.Path,
    timeout: float = 120.0,
) -> JourneyRun:
    """Run a journey as one script (script mode) and parse its markers and probe records.

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
    result = JourneyRun(
        steps=steps, argv=argv, script=script_text, timeout=timeout, notes=shell.notes
    )
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
    result.probes = read_probes(probe_log, result.prompts)
    return result


def _parse_stdout(result: JourneyRun) -> None:
    current: str | None = None
    ended: str | None = None
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
            current, ended = None, value
        elif kind == "prompt" and ended is not None:
            result.prompts[ended] = value
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


def read_probes(path: pathlib.Path, prompts: dict[str, str] | None = None) -> dict[str, dict]:
    """The probe log as ``{step: record}`` (a missing file gives {}; bad lines are skipped).

    ``prompts`` (step -> the prompt shown after it) go into the records as ``prompt``.
    """
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
    for name, prompt in (prompts or {}).items():
        if name in records:
            records[name]["prompt"] = prompt
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
    probe: bool = True,
    venv_prompt: str | None = VENV_PROMPT,
) -> tuple[expectations.Context, list[SectionResult]]:
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
        probe: False for a journey whose steps check no state, only exit statuses and
            output (:func:`run`).
        venv_prompt: what activation puts in front of the prompt
            (:attr:`expectations.Context.venv_prompt`).

    Returns:
        The checks' context and one result per snippet section.

    Raises:
        JourneyFailure: a step cannot be copied from the reader's tab, failed, or
            left the wrong state; the message names the step, ``snippets/FILE:LINE``, the page
            and tab where relevant, the shell and the target, with the transcript. Its
            ``results`` attribute holds the per-section outcomes.
        AssertionError: the shell is not installed.
    """
    executable = shell.find()
    assert executable is not None, shell.unavailable_reason()
    try:
        planned = page.plan(steps, shell, CURRENT_OS, site, snippets_root)
    except JourneyFailure as exc:
        message = (
            f"journey {shell.key} against {target}: step '{exc.step}' is not what the "
            f"{shell.label} reader's tab shows\n  at {exc.location or '(the built page)'}\n  {exc}"
        )
        results = [
            SectionResult(
                ref,
                "failed" if step.name == exc.step else "skipped",
                str(exc) if step.name == exc.step else f"not run: step '{exc.step}' failed",
            )
            for step in steps
            for ref in step.sections
        ]
        raise JourneyFailure(message, exc.step, exc.location, results) from None
    if not probe:
        unchecked = [s.name for s in steps if s.expect]
        assert not unchecked, f"steps {unchecked} check state, which needs the probe"
    journey_run = run(
        shell,
        executable,
        planned,
        cwd or box.project,
        box.env,
        box.root,
        box.probe_log,
        timeout,
        probe,
    )
    ctx = expectations.Context(
        shell=shell,
        target=target,
        sandbox=box,
        run=journey_run,
        update_outputs=update_outputs,
        snippets_root=snippets_root,
        venv_prompt=venv_prompt,
    )
    return ctx, expectations.verify(ctx)
