"""Line endings of the snippets, as ``.gitattributes`` says: ``.bat``/``.cmd`` CRLF, others LF.

The rule and the checker are ``venv_guide/line_endings.py`` (the one checker; tests/site_checks.py
and tests/harness/winparse.py call it too). These tests run it on the real ``snippets/`` and on
files made here, and show that the rule really is read from ``.gitattributes``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from venv_guide import line_endings
from venv_guide.snippets import REPO_ROOT, SNIPPETS_DIR


def test_snippets_use_the_right_line_endings():
    assert SNIPPETS_DIR.is_dir(), f"{SNIPPETS_DIR} is missing"
    problems = line_endings.check_tree(SNIPPETS_DIR, shown_folder="snippets")
    assert not problems, "wrong line endings (see .gitattributes):\n" + "\n".join(problems)


def test_the_rule_of_the_snippets():
    """What .gitattributes says today: batch files CRLF, shell/PowerShell/text files LF."""
    found = line_endings.rules(
        ["snippets/a/cmd.bat", "snippets/a/X.CMD", "snippets/a/bash.sh", "snippets/a/p.ps1"]
    )
    assert {path: r.eol if r else None for path, r in found.items()} == {
        "snippets/a/cmd.bat": "crlf",
        "snippets/a/X.CMD": "crlf",  # matched ignoring case, as cmd.exe reads the suffix
        "snippets/a/bash.sh": "lf",
        "snippets/a/p.ps1": "lf",
    }
    # The broken fixtures are kept byte for byte (-text): no rule at all.
    assert line_endings.rule("tests/fixtures/broken/lf_endings.bat") is None


# The checker itself, on files made here (judged by the rule of snippets/p/NAME).


def _check(tmp_path: Path, name: str, content: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(content)
    return line_endings.check_file(path, rule_path=f"snippets/p/{name}")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ok.bat", b"@echo off\r\necho hi\r\n"),
        ("ok.CMD", b"echo hi\r\n"),
        ("empty.bat", b""),
        ("ok.sh", b"# shellcheck shell=sh\n. .venv/bin/activate\n"),
        ("ok.ps1", b"deactivate\n"),
        ("ok.txt", b"(.venv) $\n"),
        ("empty.fish", b""),
    ],
)
def test_good_files_pass(tmp_path, name, content):
    assert _check(tmp_path, name, content) == []


@pytest.mark.parametrize(
    ("name", "content", "line", "what"),
    [
        ("lf.bat", b"@echo off\r\necho one\r\necho two\necho three\r\n", 3, "ends in LF, not CRLF"),
        ("all-lf.cmd", b"echo one\n", 1, "ends in LF, not CRLF (1 such line)"),
        ("unterminated.bat", b"echo one\r\necho two", 2, "last line has no line ending (add CRLF)"),
        ("cr-inside.bat", b"echo one\r\necho\rtwo\r\n", 2, "stray CR"),
        ("crlf.sh", b"# shellcheck shell=sh\n. .venv/bin/activate\r\n", 2, "ends in CRLF, not LF"),
        ("crlf.ps1", b".venv\\Scripts\\Activate.ps1\r\n", 1, "ends in CRLF, not LF"),
        ("old-mac.zsh", b"one\rtwo\n", 1, "stray CR"),
        ("unterminated-cr.fish", b"one\ntwo\nthree\r", 3, "stray CR"),
        ("output.txt", b"line\nline\nline\r\n", 3, "ends in CRLF, not LF"),
        # Stricter than the old tests/test_line_endings.py, as tests/site_checks.py was: an
        # LF file must end with LF too.
        ("no-final-newline.ps1", b"deactivate", 1, "last line has no line ending (add LF)"),
    ],
)
def test_bad_files_are_named_with_their_first_bad_line(tmp_path, name, content, line, what):
    problems = _check(tmp_path, name, content)
    assert problems, f"{name} passed"
    assert problems[0].startswith(f"{tmp_path / name}:{line}: "), problems
    assert what in problems[0], problems


def test_many_wrong_lines_are_one_problem_with_their_count(tmp_path):
    problems = _check(tmp_path, "cmd.bat", b"a\nb\nc\r\nd\ne\nf\ng\nh\ni\n")
    assert problems == [
        f"{tmp_path / 'cmd.bat'}:1: line ends in LF, not CRLF (8 such lines; also 2, 4, 5, 6, 7, "
        "...) (.gitattributes: eol=crlf)"
    ]


def test_tree_scan_reports_each_bad_file(tmp_path):
    (tmp_path / "activate" / "output").mkdir(parents=True)
    (tmp_path / "activate" / "cmd.bat").write_bytes(b"call .venv\\Scripts\\activate.bat\n")
    (tmp_path / "activate" / "bash.sh").write_bytes(b"source .venv/bin/activate\n")
    (tmp_path / "activate" / "output" / "which.txt").write_bytes(b"a\r\n")
    (tmp_path / "activate" / "__pycache__").mkdir()
    (tmp_path / "activate" / "__pycache__" / "x.pyc").write_bytes(b"\r\r\r")
    problems = line_endings.check_tree(tmp_path, rule_folder="snippets", shown_folder="snippets")
    assert problems == [
        "snippets/activate/cmd.bat:1: line ends in LF, not CRLF (1 such line)"
        " (.gitattributes: eol=crlf)",
        "snippets/activate/output/which.txt:1: line ends in CRLF, not LF (1 such line)"
        " (.gitattributes: eol=lf)",
    ]


def test_check_bytes_rejects_an_unknown_ending():
    with pytest.raises(ValueError, match="'cr'"):
        line_endings.check_bytes(b"x\n", "cr")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git, which every CI job has")
def test_rule_comes_from_gitattributes(tmp_path):
    """Swap the rule in a repository's .gitattributes and the checker follows it; -text files
    and binary text=auto files are not checked."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitattributes").write_bytes(
        b"* text=auto eol=lf\n*.sh text eol=crlf\n*.bat text eol=lf\nkeep/** -text\n"
    )
    for rel, content in {
        "a.sh": b"echo\n",
        "a.bat": b"echo\r\n",
        "keep/x.sh": b"echo\n",
        "blob.bin": b"\0\r\n",
    }.items():
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_bytes(content)
    problems = line_endings.check_tree(tmp_path, root=tmp_path, rule_folder=".", shown_folder=".")
    assert problems == [
        "./a.bat:1: line ends in CRLF, not LF (1 such line) (.gitattributes: eol=lf)",
        "./a.sh:1: line ends in LF, not CRLF (1 such line) (.gitattributes: eol=crlf)",
    ]


def test_outside_a_work_tree_is_a_clear_error(tmp_path):
    with pytest.raises(line_endings.LineEndingError, match="git check-attr failed"):
        line_endings.rules(["x.bat"], root=tmp_path)


def test_repo_root_is_the_checkout():
    assert (REPO_ROOT / ".gitattributes").is_file()
