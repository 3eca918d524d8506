"""The line-ending rule, read from ``.gitattributes`` by Git itself, and the one checker.

``.gitattributes`` is the one source of the rule (``*.bat``/``*.cmd`` CRLF, everything else LF):
cmd.exe misreads labels, ``goto`` and blocks in LF-only batch files, and a CR at the end of a
POSIX shell line becomes part of the last word (``activate\\r: not found``). Git checks files
out that way on every OS; this module catches a file committed or edited against it.

The rule of a path is asked of ``git check-attr text eol`` (gitattributes(5)), so patterns,
precedence, nested ``.gitattributes`` files and macros such as ``binary`` mean exactly what they
mean to Git. Git is run with no system or global configuration and no global attributes file
(``GIT_CONFIG_NOSYSTEM``, ``GIT_ATTR_NOSYSTEM``, ``GIT_CONFIG_GLOBAL``, a missing
``XDG_CONFIG_HOME``), so a developer's own settings cannot change the answer; a repository's
``.git/info/attributes`` still would (none is used here). Patterns are matched ignoring case
(``core.ignorecase=true``, Git's default on Windows and macOS), because cmd.exe treats
``X.CMD`` as a batch file.

Everyone checks line endings through :func:`check_bytes` (given the ending) or
:func:`check_file`/:func:`check_tree` (the ending from ``.gitattributes``):
``tests/test_line_endings.py``, ``tests/site_checks.py`` and the batch rules of
``tests/harness/winparse.py``.
"""

from __future__ import annotations

import functools
import os
import pathlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from .snippets import REPO_ROOT

#: Git's binary test for ``text=auto``: a NUL byte in the first 8000 bytes
#: (``buffer_is_binary`` and ``FIRST_FEW_BYTES`` in Git's ``xdiff-interface.c``).
_BINARY_PROBE = 8000

#: Folders never checked by :func:`check_tree` (ignored by ``.gitignore``, never committed).
SKIPPED_DIRS = frozenset({"__pycache__"})


class LineEndingError(Exception):
    """The rule cannot be read: Git is missing, or the folder is not in a Git work tree."""


@dataclass(frozen=True)
class Rule:
    """What ``.gitattributes`` asks of one path.

    Attributes:
        eol: ``"lf"`` or ``"crlf"``: the ending every line must have in the working tree.
        auto: True when ``text`` is ``auto`` or unspecified: the rule holds only for files
            Git detects as text (see :func:`is_binary`).
    """

    eol: str
    auto: bool

    @property
    def ending(self) -> str:
        """``LF`` or ``CRLF``, as messages spell it."""
        return self.eol.upper()


@dataclass(frozen=True)
class Finding:
    """One line-ending problem: the 1-based ``line`` and what is wrong (``message``)."""

    line: int
    message: str


def _git_env() -> dict[str, str]:
    """The environment for ``git check-attr``: no system/global config or attributes file."""
    env = dict(os.environ)
    nowhere = os.path.join(tempfile.gettempdir(), "venv-guide-no-git-config")
    env.update(
        {
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "XDG_CONFIG_HOME": nowhere,
            "HOME": nowhere,
        }
    )
    return env


def rules(paths: Iterable[str], root: pathlib.Path = REPO_ROOT) -> dict[str, Rule | None]:
    """Ask Git what ``.gitattributes`` says of each path (one ``git check-attr`` call).

    Args:
        paths: paths relative to ``root`` with ``/`` separators; they need not exist.
        root: a folder inside a Git work tree whose ``.gitattributes`` files apply.

    Returns:
        ``{path: Rule}``; None for a path whose ``text`` is unset (``-text``, ``binary``) or
        that has no ``eol`` (its ending would depend on local settings).

    Raises:
        LineEndingError: ``git`` is not on ``PATH`` or ``root`` is not in a work tree (the
            message holds Git's own error).
    """
    paths = list(dict.fromkeys(paths))
    if not paths:
        return {}
    git = shutil.which("git")
    if git is None:
        raise LineEndingError("git is not on PATH: the line-ending rule is read with git")
    proc = subprocess.run(
        [git, "-c", "core.ignorecase=true", "check-attr", "-z", "text", "eol", "--", *paths],
        cwd=root,
        env=_git_env(),
        capture_output=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        error = proc.stderr.decode(errors="replace").strip()
        raise LineEndingError(f"{root}: git check-attr failed: {error}")
    # -z output: PATH NUL ATTRIBUTE NUL VALUE NUL, for each path in order, each attribute
    # in the order asked (git normalises PATH, so match by position).
    fields = proc.stdout.decode("utf-8").split("\0")
    out: dict[str, Rule | None] = {}
    for index, path in enumerate(paths):
        (_, name1, text), (_, name2, eol) = (
            fields[6 * index + 3 * k : 6 * index + 3 * k + 3] for k in (0, 1)
        )
        assert (name1, name2) == ("text", "eol"), fields
        if text == "unset" or eol not in ("lf", "crlf"):
            out[path] = None
        else:
            out[path] = Rule(eol=eol, auto=text != "set")
    return out


@functools.cache
def rule(path: str, root: pathlib.Path = REPO_ROOT) -> Rule | None:
    """:func:`rules` for one path (cached). Same arguments, result and errors."""
    return rules([path], root)[path]


def snippet_rule(name: str) -> Rule | None:
    """The rule ``.gitattributes`` gives a snippet file named ``name`` (``snippets/NAME``).

    For checkers that know a file's language but not where it lies (``cmd.bat``, or a fixture
    that is kept byte for byte elsewhere). Raises like :func:`rules`.
    """
    return rule(f"snippets/{pathlib.PurePath(name).name}")


def is_binary(data: bytes) -> bool:
    """Git's test for ``text=auto``: a NUL byte in the first 8000 bytes."""
    return b"\0" in data[:_BINARY_PROBE]


def _lines(numbers: list[int]) -> str:
    """``(3 such lines; also 5, 7)`` for the lines after the first one reported."""
    also = ", ".join(map(str, numbers[1:6])) + (", ..." if len(numbers) > 6 else "")
    plural = "s" if len(numbers) != 1 else ""
    return f"({len(numbers)} such line{plural}" + (f"; also {also})" if also else ")")


def check_bytes(data: bytes, eol: str) -> list[Finding]:
    """Check a file's bytes against one line ending. This is the one line-ending checker.

    Args:
        data: the file's content, as bytes (``read_text`` would turn CRLF into LF).
        eol: ``"lf"`` or ``"crlf"`` (e.g. :attr:`Rule.eol`).

    Returns:
        The problems in line order (lines count from 1); empty when every line ends in
        ``eol``, the last one included (an empty file is right):

        - lines ending in the other ending: one finding, at the first such line, with their
          count and the next few line numbers;
        - a CR anywhere else in a line (``stray CR inside the line``), one per line;
        - text after the last line ending (``last line has no line ending``).

    Raises:
        ValueError: ``eol`` is neither ``"lf"`` nor ``"crlf"``.
    """
    if eol not in ("lf", "crlf"):
        raise ValueError(f"eol must be 'lf' or 'crlf', not {eol!r}")
    crlf = eol == "crlf"
    *terminated, last = data.split(b"\n")
    findings: list[Finding] = []
    wrong = [n for n, line in enumerate(terminated, 1) if line.endswith(b"\r") != crlf]
    if wrong:
        other, want = ("LF", "CRLF") if crlf else ("CRLF", "LF")
        findings.append(Finding(wrong[0], f"line ends in {other}, not {want} {_lines(wrong)}"))
    for number, line in enumerate([*terminated, last], 1):
        # The CR of a CRLF ending is not stray; a CR ending the unterminated last line is.
        body = line[:-1] if number <= len(terminated) and line.endswith(b"\r") else line
        if b"\r" in body:
            findings.append(Finding(number, "stray CR inside the line"))
    if last:
        findings.append(
            Finding(
                len(terminated) + 1,
                f"last line has no line ending (add {'CRLF' if crlf else 'LF'})",
            )
        )
    return sorted(findings, key=lambda finding: finding.line)


def _format(shown: str, rule_: Rule, findings: list[Finding]) -> list[str]:
    """``SHOWN:LINE: message (.gitattributes: eol=...)`` lines."""
    return [f"{shown}:{f.line}: {f.message} (.gitattributes: eol={rule_.eol})" for f in findings]


def check_file(
    path: pathlib.Path,
    *,
    root: pathlib.Path = REPO_ROOT,
    rule_path: str | None = None,
    shown: str | None = None,
) -> list[str]:
    """Check one file against the rule ``.gitattributes`` gives it.

    Args:
        path: the file to read (bytes).
        root: the Git work tree whose ``.gitattributes`` apply.
        rule_path: the path (relative to ``root``, ``/`` separators) whose rule applies;
            default: ``path`` relative to ``root``. Tests pass e.g. ``snippets/x/cmd.bat`` for
            a file written elsewhere.
        shown: how messages name the file; default ``str(path)``.

    Returns:
        ``SHOWN:LINE: message`` lines (see :func:`check_bytes`); empty when the file is right,
        has no rule (``-text``), or is ``text=auto`` and binary.

    Raises:
        OSError: the file cannot be read.
        ValueError: ``path`` is outside ``root`` and no ``rule_path`` is given.
        LineEndingError: the rule cannot be read (see :func:`rules`).
    """
    if rule_path is None:
        rule_path = path.resolve().relative_to(root.resolve()).as_posix()
    found = rule(rule_path, root)
    return _check_data(path.read_bytes(), found, shown or str(path))


def _check_data(data: bytes, found: Rule | None, shown: str) -> list[str]:
    if found is None or (found.auto and is_binary(data)):
        return []
    return _format(shown, found, check_bytes(data, found.eol))


def check_tree(
    folder: pathlib.Path,
    *,
    root: pathlib.Path = REPO_ROOT,
    rule_folder: str | None = None,
    shown_folder: str | None = None,
) -> list[str]:
    """Check every file under ``folder`` (recursively; ``__pycache__`` skipped).

    Args:
        folder: e.g. the repository's ``snippets/``.
        root: the Git work tree whose ``.gitattributes`` apply.
        rule_folder: the folder (relative to ``root``) whose rules apply to the files, default
            ``folder`` relative to ``root``.
        shown_folder: how messages name ``folder``; default ``str(folder)``.

    Returns:
        The problems of every file, ``SHOWN/REL:LINE: message``, sorted by file then line.

    Raises:
        OSError, ValueError, LineEndingError: as :func:`check_file`.
    """
    if rule_folder is None:
        rule_folder = folder.resolve().relative_to(root.resolve()).as_posix()
    shown_folder = str(folder) if shown_folder is None else shown_folder
    files = [
        p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not SKIPPED_DIRS.intersection(p.relative_to(folder).parts)
    ]
    rels = {p: p.relative_to(folder).as_posix() for p in files}
    rule_paths = {
        p: (pathlib.PurePosixPath(rule_folder) / rel).as_posix() for p, rel in rels.items()
    }
    found = rules(rule_paths.values(), root)
    problems: list[str] = []
    for path, rel in rels.items():
        shown = f"{shown_folder}/{rel}"
        problems += _check_data(path.read_bytes(), found[rule_paths[path]], shown)
    return problems
