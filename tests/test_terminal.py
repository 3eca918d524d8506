"""The harness's small terminal (tests/harness/terminal.py) draws what a reader's window shows.

The byte strings are what the shells printed in a pseudo-terminal with ``TERM=dumb`` (bash,
zsh, ksh and fish, recorded while writing the interactive runner).
"""

from __future__ import annotations

import os
import sys
import time

import pytest

from tests.harness.terminal import Screen, Terminal, TerminalClosed, session_members


def draw(text: str, width: int = 400) -> Screen:
    screen = Screen(width)
    screen.feed(text)
    return screen


def test_lines_and_carriage_return():
    screen = draw("bash-5.2# echo hi\r\nhi\r\nbash-5.2# ")
    assert screen.lines == ["bash-5.2# echo hi", "hi"]
    assert screen.before_cursor == "bash-5.2# "


def test_zsh_partial_line_mark_and_bracketed_paste_switch():
    """zsh's PROMPT_SP: a mark, spaces to the margin, a carriage return; then the prompt."""
    mark = "#" + " " * 399 + "\r \r\r"
    screen = draw(f"{mark}vm# \x1b[?2004hecho hi\x1b[?2004l\r\r\nhi\r\n{mark}(.venv) vm# ")
    assert screen.lines == ["vm# echo hi", "hi"]
    assert screen.before_cursor == "(.venv) vm# "


def test_partial_line_wraps_at_the_margin():
    """Output without a final newline keeps its line: the mark wraps to the next one."""
    screen = draw("no-newline" + "%" + " " * 399 + "\r \r\r$ ", width=400)
    assert screen.lines == ["no-newline%"]
    assert screen.before_cursor == "$ "


def test_backspaces_and_erase_in_line():
    screen = draw("# " + " " * 10 + "\b" * 10 + "echo\x1b[K hi\r\n")
    assert screen.lines == ["# echo hi"]
    screen = draw("abcdef\r\x1b[Kxy\r\n")
    assert screen.lines == ["xy"]


def test_fish_redraws_and_title():
    screen = draw(
        "\x1b]0;fish\x07\r$ \r$ echo \r$ echo hi\r$ echo hi\r\nhi\r\n\u23ce"
        + " " * 399
        + "\r\u23ce \r\r$ "
    )
    assert screen.lines == ["$ echo hi", "hi"]
    assert screen.before_cursor == "$ "


def test_escape_split_between_reads():
    screen = Screen()
    for part in ("a\x1b", "[3", "1mb\x1b[0", "m\r\n"):
        screen.feed(part)
    assert screen.lines == ["ab"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals only")
def test_terminal_runs_a_program_and_kills_its_session(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "dumb", "HOME": str(tmp_path)}
    term = Terminal(["sh", "-i"], tmp_path, env, time.monotonic() + 20)
    term.type("PS1='>''> '\n")
    term.wait(lambda s: s.before_cursor.endswith(">> "))
    term.type("sleep 303 &\n")
    term.wait(lambda s: s.before_cursor.endswith(">> ") and len(s.lines) >= 2)
    assert len(session_members(term.child.pid)) >= 2
    term.type("test -t 0 && echo on-a-tty\n")
    term.wait(lambda s: "on-a-tty" in s.lines)
    pid = term.child.pid
    term.kill()
    time.sleep(0.2)
    assert session_members(pid) == [pid] or not os.path.exists(f"/proc/{pid}")
    with pytest.raises(TerminalClosed):
        term.wait(lambda s: False)
