"""A reader's terminal: a pseudo-terminal the harness types into, and what it shows.

:class:`Screen` turns the bytes a shell writes to its terminal into the lines a reader sees.
It is a deliberately small terminal: enough for shells started with ``TERM=dumb`` in a wide
window (400 columns), which draw with carriage returns, backspaces and a few escape
sequences only. It knows carriage return, line feed, backspace, tab, erase-in-line
(``ESC [ K``), cursor left/right/column (``ESC [ D``/``C``/``G``) and the deferred wrap at the
right margin (zsh's and fish's "partial line" mark relies on it); every other escape sequence
(zsh's bracketed-paste switch ``ESC [ ? 2004 h``, fish's title ``ESC ] ... BEL``, colours) is
dropped, because it changes nothing a comparison of text should see.

:class:`Terminal` starts a program on a pseudo-terminal (``pexpect``/``ptyprocess``: the
child is a session leader with the pty as its controlling terminal, so its stdin, stdout and
stderr are the terminal, as in a reader's window), feeds everything it prints to a
:class:`Screen`, types text into it, and waits for what the screen shows. :meth:`Terminal.kill`
kills every process of the child's session (an interactive shell puts each job in a process
group of its own, so killing one group is not enough).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import pathlib
import signal
import subprocess
import time
from collections.abc import Callable

import pexpect

#: The window every journey's terminal has: wide, so no command or output line wraps.
ROWS, COLUMNS = 50, 400


class Screen:
    """The lines a terminal of ``width`` columns shows for the text fed to it.

    Attributes:
        lines: the finished lines (each ended by a line feed), trailing blanks removed.
        width: the number of columns.
    """

    def __init__(self, width: int = COLUMNS) -> None:
        self.width = width
        self.lines: list[str] = []
        self._cells: list[str] = []
        self._col = 0
        self._wrap = False  # the cursor is past the last column: the next character wraps
        self._escape = ""  # an escape sequence not yet complete

    @property
    def current(self) -> str:
        """The line the cursor is on, as shown (trailing blanks removed)."""
        return "".join(self._cells).rstrip()

    @property
    def before_cursor(self) -> str:
        """The text of the cursor's line from its start up to the cursor (a prompt's text)."""
        return "".join(self._cells[: self._col])

    def text(self) -> str:
        """Every line, the cursor's line last (for a transcript)."""
        return "\n".join([*self.lines, self.current])

    def feed(self, text: str) -> None:
        """Draw ``text`` (already decoded) on the screen."""
        for char in text:
            if self._escape:
                self._escape += char
                self._escape_step()
            elif char == "\x1b":
                self._escape = char
            elif char == "\r":
                self._col, self._wrap = 0, False
            elif char == "\n":
                self._newline()
            elif char == "\b":
                self._col, self._wrap = max(0, self._col - 1), False
            elif char == "\t":
                self._col = min(self.width - 1, (self._col // 8 + 1) * 8)
            elif char >= " " and char != "\x7f":
                self._put(char)

    def _newline(self) -> None:
        # The tty turns "\n" into "\r\n" (onlcr); editors in raw mode write "\r\n" themselves.
        self.lines.append(self.current)
        self._cells, self._col, self._wrap = [], 0, False

    def _put(self, char: str) -> None:
        if self._wrap:
            self._newline()
        while len(self._cells) <= self._col:
            self._cells.append(" ")
        self._cells[self._col] = char
        if self._col == self.width - 1:
            self._wrap = True
        else:
            self._col += 1

    def _escape_step(self) -> None:
        seq = self._escape
        if len(seq) < 2:
            return
        kind = seq[1]
        if kind == "[":
            if len(seq) > 2 and "\x40" <= seq[-1] <= "\x7e":
                self._csi(seq[2:-1], seq[-1])
                self._escape = ""
        elif kind == "]":  # OSC: ends with BEL or ESC \
            if seq.endswith(("\x07", "\x1b\\")):
                self._escape = ""
        elif kind in "()#%":  # charset selection and the like: one more character
            if len(seq) == 3:
                self._escape = ""
        else:
            self._escape = ""

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            return  # private modes (bracketed paste, cursor visibility)
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        n = numbers[0] if numbers else 0
        if final == "K":
            self._wrap = False
            if n == 0:
                del self._cells[self._col :]
            elif n == 1:
                self._cells[: self._col + 1] = [" "] * min(self._col + 1, len(self._cells))
            else:
                self._cells = []
        elif final == "C":
            self._col, self._wrap = min(self.width - 1, self._col + max(n, 1)), False
        elif final == "D":
            self._col, self._wrap = max(0, self._col - max(n, 1)), False
        elif final == "G":
            self._col, self._wrap = min(self.width - 1, max(n, 1) - 1), False


class TerminalTimeout(Exception):
    """The screen did not show what was awaited before the deadline."""


class TerminalClosed(Exception):
    """The program on the terminal exited (or closed it) while the harness waited."""


class Terminal:
    """A program running on a pseudo-terminal, and the screen it draws.

    Args:
        argv: the program and its arguments.
        cwd: its current folder.
        env: its complete environment.
        deadline: ``time.monotonic()`` value after which every wait raises
            :class:`TerminalTimeout`.
    """

    def __init__(
        self, argv: list[str], cwd: pathlib.Path, env: dict[str, str], deadline: float
    ) -> None:
        self.deadline = deadline
        self.screen = Screen()
        self.raw = bytearray()
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            cwd=str(cwd),
            env=env,
            dimensions=(ROWS, COLUMNS),
            encoding=None,
            echo=True,
            use_poll=True,
        )
        # pexpect waits 50 ms before every send by default (for programs that are slow to
        # turn echo off); the harness waits for the prompt instead.
        self.child.delaybeforesend = None
        self.closed = False

    def type(self, text: str) -> None:
        """Type ``text``; ``\\n`` is the Enter key (sent as a carriage return, like a keyboard)."""
        self.child.send(text.replace("\n", "\r").encode("utf-8"))

    def wait(self, done: Callable[[Screen], bool], poll: float = 1.0) -> None:
        """Read what the program prints until ``done(screen)`` is true.

        Args:
            done: the condition, tested after each read.
            poll: the longest wait for output between two tests (shorter for a condition
                that changes without output, such as :meth:`echo`).

        Raises:
            TerminalTimeout: the deadline passed first.
            TerminalClosed: the program closed the terminal (exited) first.
        """
        while not done(self.screen):
            self._read(self.deadline - time.monotonic(), poll)

    def echo(self) -> bool | None:
        """Whether the terminal echoes what is typed (its ``ECHO`` mode), None if unknown.

        A line editor (readline, zle, fish's, ksh's) turns echo off while it reads a line and
        draws the typed text itself; a shell without one (dash, csh; tcsh on a dumb terminal)
        leaves it on. Text typed before a line editor has turned echo off is echoed twice.
        """
        try:
            return bool(self.child.getecho())
        except Exception:
            return None

    def _read(self, timeout: float, poll: float = 1.0) -> None:
        if timeout <= 0:
            raise TerminalTimeout
        if self.closed:
            raise TerminalClosed
        try:
            data = self.child.read_nonblocking(65536, timeout=min(timeout, poll))
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self.closed = True
            self.screen.feed(self._decoder.decode(b"", final=True))
            raise TerminalClosed from None
        self.raw += data
        self.screen.feed(self._decoder.decode(data))

    def pause(self, seconds: float) -> None:
        """Read whatever arrives in the next ``seconds`` (bounded by the deadline).

        Raises:
            TerminalTimeout: the deadline passed.
            TerminalClosed: the program closed the terminal.
        """
        end = min(time.monotonic() + seconds, self.deadline)
        while (left := end - time.monotonic()) > 0:
            self._read(left)
        if time.monotonic() >= self.deadline:
            raise TerminalTimeout

    def drain(self, seconds: float = 0.2) -> None:
        """Read whatever arrives in the next ``seconds`` (for a transcript after a stop)."""
        end = time.monotonic() + seconds
        with contextlib.suppress(TerminalTimeout, TerminalClosed, OSError):
            while time.monotonic() < end:
                self._read(min(end - time.monotonic(), 0.05) or 0.01)

    def status(self) -> int | None:
        """The program's exit status (a signal as ``-N``), or None while it runs."""
        if self.child.isalive():
            return None
        if self.child.signalstatus is not None:
            return -self.child.signalstatus
        return self.child.exitstatus

    def kill(self) -> None:
        """Kill every process of the program's session, then close the terminal."""
        for pid in session_members(self.child.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        """Close the terminal (the program gets a hangup if it still runs)."""
        with contextlib.suppress(Exception):
            self.child.close(force=True)
        self.closed = True


def session_members(sid: int) -> list[int]:
    """The shell ``sid`` and every process of its session (its jobs and their children).

    Linux: the session field of ``/proc/PID/stat``. Elsewhere (macOS, whose ``ps`` shows no
    session id): every descendant of ``sid`` by parent pid, from ``ps``.
    """
    members = [sid]
    proc = pathlib.Path("/proc")
    if (proc / "self" / "stat").is_file():
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            # After "pid (comm)": state ppid pgrp session ...
            if len(fields) > 3 and fields[3] == str(sid) and int(stat.parent.name) != sid:
                members.append(int(stat.parent.name))
        return members
    listing = subprocess.run(
        ["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True, check=False
    ).stdout
    children: dict[int, list[int]] = {}
    for row in listing.splitlines():
        parts = row.split()
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
    todo = [sid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in members:
                members.append(child)
                todo.append(child)
    return members
