"""Line endings of the snippets: ``.bat``/``.cmd`` use CRLF, every other file LF.

cmd.exe misreads labels and ``goto`` in LF-only batch files, and a CR at the end of a POSIX shell
line becomes part of the last word (``activate\\r: not found``). ``.gitattributes`` makes Git
check files out this way on every OS; this test catches a file committed or edited against it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"

#: Suffixes whose every line must end with CRLF.
CRLF_SUFFIXES = frozenset({".bat", ".cmd"})

_SKIPPED_DIRS = frozenset({"__pycache__"})


def line_ending_problem(path: Path) -> str | None:
    """Check one file's line endings.

    Args:
        path: the file to read (as bytes; any encoding).

    Returns:
        ``None`` when the file is right, else ``"PATH:LINE: what is wrong"`` for the first
        offending line (lines count from 1): for ``.bat``/``.cmd`` a line that does not end with
        CRLF (the last line included) or holds a CR elsewhere; for any other file a line with a CR.

    Raises:
        OSError: the file cannot be read.
    """
    data = path.read_bytes()
    lines = data.split(b"\n")
    if path.suffix.lower() in CRLF_SUFFIXES:
        last = len(lines) - 1
        for number, line in enumerate(lines, start=1):
            if number - 1 == last:
                if line:  # text after the final newline: the last line has no line ending
                    return f"{path}:{number}: last line does not end with CRLF"
                break
            if not line.endswith(b"\r"):
                return f"{path}:{number}: line ends with LF, not CRLF"
            if b"\r" in line[:-1]:
                return f"{path}:{number}: stray CR inside the line"
        return None
    for number, line in enumerate(lines, start=1):
        if b"\r" in line:
            return f"{path}:{number}: CR in a file that must use LF line endings"
    return None


def line_ending_problems(root: Path) -> list[str]:
    """Check every file under ``root`` (recursively, skipping ``__pycache__``).

    Args:
        root: a folder, normally ``snippets/``.

    Returns:
        One message per offending file, as ``line_ending_problem`` words it, sorted by path;
        empty when all files are right or ``root`` holds none.

    Raises:
        OSError: a file cannot be read.
    """
    problems = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not _SKIPPED_DIRS.intersection(path.relative_to(root).parts):
            problem = line_ending_problem(path)
            if problem:
                problems.append(problem)
    return problems


def test_snippets_use_the_right_line_endings():
    assert SNIPPETS.is_dir(), f"{SNIPPETS} is missing"
    problems = line_ending_problems(SNIPPETS)
    assert not problems, "wrong line endings (see .gitattributes):\n" + "\n".join(problems)


# The checker itself, on files made here.


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ok.bat", b"@echo off\r\necho hi\r\n"),
        ("ok.CMD", b"echo hi\r\n"),
        ("empty.bat", b""),
        ("ok.sh", b"# shellcheck shell=sh\n. .venv/bin/activate\n"),
        ("no-final-newline.ps1", b"deactivate"),
        ("ok.txt", b"(.venv) $\n"),
        ("empty.fish", b""),
    ],
)
def test_good_files_pass(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert line_ending_problem(path) is None


@pytest.mark.parametrize(
    ("name", "content", "line", "what"),
    [
        ("lf.bat", b"@echo off\r\necho one\r\necho two\necho three\r\n", 3, "ends with LF"),
        ("all-lf.cmd", b"echo one\n", 1, "ends with LF"),
        ("unterminated.bat", b"echo one\r\necho two", 2, "last line does not end with CRLF"),
        ("cr-inside.bat", b"echo one\r\necho\rtwo\r\n", 2, "stray CR"),
        ("crlf.sh", b"# shellcheck shell=sh\n. .venv/bin/activate\r\n", 2, "CR in a file"),
        ("crlf.ps1", b".venv\\Scripts\\Activate.ps1\r\n", 1, "CR in a file"),
        ("old-mac.zsh", b"one\rtwo\n", 1, "CR in a file"),
        ("unterminated-cr.fish", b"one\ntwo\nthree\r", 3, "CR in a file"),
        ("output.txt", b"line\nline\nline\r\n", 3, "CR in a file"),
    ],
)
def test_bad_files_are_named_with_their_first_bad_line(tmp_path, name, content, line, what):
    path = tmp_path / name
    path.write_bytes(content)
    problem = line_ending_problem(path)
    assert problem is not None
    assert problem.startswith(f"{path}:{line}: ")
    assert what in problem


def test_tree_scan_reports_each_bad_file(tmp_path):
    (tmp_path / "activate" / "output").mkdir(parents=True)
    (tmp_path / "activate" / "cmd.bat").write_bytes(b"call .venv\\Scripts\\activate.bat\n")
    (tmp_path / "activate" / "bash.sh").write_bytes(b"source .venv/bin/activate\n")
    (tmp_path / "activate" / "output" / "which.txt").write_bytes(b"a\r\n")
    (tmp_path / "activate" / "__pycache__").mkdir()
    (tmp_path / "activate" / "__pycache__" / "x.pyc").write_bytes(b"\r\r\r")
    problems = line_ending_problems(tmp_path)
    assert problems == [
        f"{tmp_path / 'activate' / 'cmd.bat'}:1: line ends with LF, not CRLF",
        f"{tmp_path / 'activate' / 'output' / 'which.txt'}:1: "
        "CR in a file that must use LF line endings",
    ]
