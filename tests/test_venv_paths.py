"""Every venv path in every snippet, on every OS (tests/harness/venvpaths.py).

The Windows snippets and settings run only on the windows-latest jobs, the macOS/Linux ones
only there; these checks read them all, here: the folder each path goes through is the one
the create steps make, a path below the venv fits the layout of the venv of the OS that runs
it (CPython's ``Lib/venv``: venv_guide/venv_layout.py), and each OS's VS Code settings file is
JSON naming that OS's venv interpreter. The Windows layout and separators are checked by
tests/test_windows_parse.py, also on every OS.
"""

from __future__ import annotations

import pathlib

import pytest

from tests.harness import venvpaths
from venv_guide.snippets import SNIPPETS_DIR

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "broken" / "venv_folders"
#: Every file a shell runs or a reader saves (not the expected output a command prints).
COMMAND_FILES = sorted(
    p
    for p in SNIPPETS_DIR.rglob("*")
    if p.is_file() and "output" not in p.relative_to(SNIPPETS_DIR).parts
)
FOLDERS = venvpaths.created_folders()


def _shown(path: pathlib.Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_create_steps_make_one_folder() -> None:
    """Every journey's create step makes ``.venv`` (the folder the other checks expect)."""
    assert set(FOLDERS) == {".venv"}, FOLDERS


@pytest.mark.parametrize("path", COMMAND_FILES, ids=[_shown(p) for p in COMMAND_FILES])
def test_every_path_names_the_created_folder_and_its_layout(path: pathlib.Path) -> None:
    text = path.read_bytes().decode("utf-8")
    problems = venvpaths.check_folders(text, _shown(path), FOLDERS)
    if venvpaths.posix_run(path.name):
        problems += venvpaths.check_posix_layout(text, _shown(path))
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("family", sorted(venvpaths.SETTINGS))
def test_each_oses_settings_name_its_venv_interpreter(family: str) -> None:
    assert venvpaths.check_settings(family, FOLDERS) == []


def test_the_finders_see_the_real_snippets_paths() -> None:
    """Guard the finders: the real snippets go through ``.venv`` on both layouts."""
    seen = {
        m.group()
        for path in COMMAND_FILES
        for line in path.read_text(encoding="utf-8").splitlines()
        for m in venvpaths.THROUGH_PROGRAMS.finditer(line)
    }
    assert ".venv/bin/activate" in seen and r".venv\Scripts\python.exe" in seen, seen
    assert any("${workspaceFolder}" in s for s in seen), seen


def test_a_windows_line_naming_another_folder_fails_on_any_os() -> None:
    path = FIXTURES / "cmd.bat"
    problems = venvpaths.check_folders(path.read_bytes().decode("utf-8"), _shown(path), FOLDERS)
    assert [(p.line, p.message.split(" names")[0]) for p in problems] == [
        (3, r"[venv-folder] 'venv\\Scripts\\python.exe'")
    ], problems
    assert str(problems[0]).startswith("tests/fixtures/broken/venv_folders/cmd.bat:3: ")
    assert "the create step makes '.venv' (create/unix.sh:create, create/windows.ps1:create)" in (
        problems[0].message
    )


def test_a_posix_line_with_another_layout_or_folder_fails() -> None:
    path = FIXTURES / "bash.sh"
    text = path.read_text(encoding="utf-8")
    problems = venvpaths.check_folders(text, _shown(path), FOLDERS)
    problems += venvpaths.check_posix_layout(text, _shown(path))
    found = sorted((p.line, p.message) for p in problems)
    assert [line for line, _ in found] == [3, 4, 5], found
    assert "no 'Scripts' folder: its programs are in 'bin'" in found[0][1]
    assert "names the folder 'env'" in found[1][1]
    assert "drops an unquoted backslash" in found[2][1]


def test_windows_settings_with_the_posix_layout_fail_on_any_os() -> None:
    problems = venvpaths.check_settings("windows", FOLDERS, FIXTURES)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        "snippets/next/windows.json: '${workspaceFolder}/.venv/bin/python'"
    )
    assert "a Windows venv has no 'bin' folder" in problems[0]


def test_settings_that_are_not_json_name_the_line() -> None:
    (problem,) = venvpaths.check_settings("unix", FOLDERS, FIXTURES)
    # json's wording of a trailing comma differs between Python versions.
    assert problem.startswith("snippets/next/unix.json:5: not JSON: "), problem
