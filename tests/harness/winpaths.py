"""Check, on any OS, what the Windows snippets would do to a real Windows venv and Git Bash.

The windows-latest CI jobs run these snippets; this module catches two kinds of mistake here:

* :func:`check_venv_paths`: every path a Windows shell runs that starts at the venv
  (``.venv\\...``, ``%VIRTUAL_ENV%\\...``, ``$env:VIRTUAL_ENV\\...``, ``$VIRTUAL_ENV/...``)
  must name something a Windows venv has (:mod:`venv_guide.venv_layout`, taken from CPython's
  ``Lib/venv``), spelled with the separator its shell needs: backslashes in cmd.exe (which reads
  ``/Scripts`` as a switch), forward slashes in Git Bash (whose bash drops an unquoted
  backslash: ``.venv\\Scripts\\activate`` is ``.venvScriptsactivate``), either in PowerShell.
* :func:`check_bash_syntax`: ``bash -n`` on every file Git Bash runs.

Which Windows shells run a file comes from the shell table (``venv_guide/shells.py``): a file
``PAGE/KEY.EXT`` is run by each Windows shell whose ``snippets`` or ``family`` is ``KEY``, and
by all of them for ``any`` (CONTRIBUTING.md, "Snippet files").
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess

from venv_guide import venv_layout
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, Shell, by_key
from venv_guide.snippets import content_lines

from .winparse import Problem

#: A path that starts at the venv: its root, then the rest up to white space, a quote or an
#: operator. Matched ignoring case (NTFS, cmd.exe and PowerShell variables do).
VENV_PATH = re.compile(
    r"(?<![\w.%$/\\-])"
    r"(?P<root>\.venv|%VIRTUAL_ENV%|\$env:VIRTUAL_ENV|\$\{VIRTUAL_ENV\}|\$VIRTUAL_ENV)"
    r"(?P<rest>[\\/][^\s\"'`;&|<>()]*)?"
    r"(?![\w.-])",
    re.IGNORECASE,
)


def windows_shells(file: str) -> list[Shell]:
    """The Windows shells that run snippet ``file`` (``PAGE/KEY.EXT``), one per dialect.

    Args:
        file: path relative to ``snippets/`` or any path ending in ``KEY.EXT``.

    Returns:
        The shells from venv_guide/shells.py, first of each dialect; empty for a file no
        Windows shell runs (``bash.sh``, ``unix.sh``...).
    """
    found: dict[int, Shell] = {}
    for shell in SHELLS:
        if "windows" in shell.oses and shell.runs_file(file):
            found.setdefault(id(shell.dialect), shell)
    return list(found.values())


def venv_paths(text: str) -> list[tuple[int, str, str]]:
    """Every venv path in ``text``: ``(line number, whole path, part after the root)``.

    Section markers are skipped; a bare root (``.venv``, ``%VIRTUAL_ENV%``) has an empty part.
    """
    found = []
    for number, line in content_lines(text):
        for match in VENV_PATH.finditer(line):
            found.append((number, match.group(), match.group("rest") or ""))
    return found


def check_venv_paths(text: str, path: str, shells: list[Shell]) -> list[Problem]:
    """Check each venv path in ``text`` against a Windows venv, for each shell that runs it.

    Args:
        text: the snippet file's content.
        path: how problems name the file (``snippets/FILE``); not opened.
        shells: the Windows shells that run the file (:func:`windows_shells`).

    Returns:
        Problems tagged ``[venv-path]``, in line order, one per path and kind: a separator
        the shell cannot use, or a file or folder a Windows venv does not have (see
        :mod:`venv_guide.venv_layout` for the layout and its source, CPython's ``Lib/venv``).
    """
    problems: dict[tuple[int, str], Problem] = {}

    def report(number: int, message: str) -> None:
        problems.setdefault((number, message), Problem(path, number, f"[venv-path] {message}"))

    for number, whole, rest in venv_paths(text):
        parts = [p for p in re.split(r"[\\/]", rest) if p]
        for shell in shells:
            dialect = shell.dialect
            wrong = set(re.findall(r"[\\/]", rest)) - set(dialect.path_separators)
            if wrong:
                sep = dialect.path_separators[0]
                fixed = whole[: len(whole) - len(rest)] + sep + sep.join(parts)
                report(
                    number,
                    f"{whole!r} in a {shell.label} snippet: {dialect.separator_hint} ({fixed!r})",
                )
            if parts and venv_layout.windows_entry(parts, dialect.implied_suffixes) is None:
                report(number, f"{whole!r}: {venv_layout.windows_missing(parts)}")
    return sorted(problems.values(), key=lambda problem: problem.line)


def bash_for_git_bash() -> pathlib.Path | None:
    """The bash that checks Git Bash snippets: Git Bash itself on Windows (never WSL's
    ``bash.exe``), the ``bash`` on ``PATH`` elsewhere; None if there is none."""
    if CURRENT_OS == "windows":
        return by_key("git-bash").find()
    found = shutil.which("bash")
    return pathlib.Path(found) if found else None


_BASH_ERROR = re.compile(r"^.*?: line (\d+): (.*)$")


def check_bash_syntax(path: pathlib.Path, shown: str, bash: pathlib.Path) -> list[Problem]:
    """Run ``bash -n`` (parse, run nothing) on one file Git Bash runs.

    Args:
        path: the file.
        shown: how problems name it (``snippets/FILE``).
        bash: the bash to run (:func:`bash_for_git_bash`).

    Returns:
        One problem per line of bash's complaint, tagged ``[bash -n]``, at the line bash names
        (bash names the line where it noticed, e.g. the end of the file for an unclosed
        ``if``); empty when bash parses the file.

    Raises:
        OSError: bash cannot be started.
    """
    proc = subprocess.run(
        [str(bash), "-n", str(path)],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode == 0:
        return []
    problems = []
    for line in proc.stderr.splitlines():
        match = _BASH_ERROR.match(line)
        if match:
            problems.append(Problem(shown, int(match.group(1)), f"[bash -n] {match.group(2)}"))
    return problems or [Problem(shown, 1, f"[bash -n] exit {proc.returncode}: {proc.stderr}")]
