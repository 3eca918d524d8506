"""Every venv path in every snippet, checked on any OS: the folder and the layout.

The windows-latest jobs run the Windows snippets and read the Windows settings file; a Linux
or macOS machine never does. So two mistakes would pass every check there (issue 21): a
Windows line naming a folder other than the one the create step made
(``venv\\Scripts\\python.exe`` after ``py -m venv .venv``), and a Windows VS Code settings file
with the macOS/Linux layout (``${workspaceFolder}/.venv/bin/python``). This module checks,
on every OS:

* :func:`check_folders`: a path that goes through a venv's ``bin`` or ``Scripts`` folder
  names the folder the create steps make (:func:`created_folders`, read from the journeys'
  own create sections);
* :func:`check_posix_layout`: a path below the venv in a file a macOS/Linux shell runs names
  something a macOS/Linux venv has (:data:`venv_guide.venv_layout.POSIX_VENV`), with ``/``;
* :func:`check_settings`: each OS's VS Code settings file is JSON whose interpreter path is
  that OS's venv interpreter (``bin/python`` or ``Scripts\\python.exe``) in the created folder.

The Windows layout and separators are :mod:`tests.harness.winpaths`'s.
"""

from __future__ import annotations

import json
import pathlib
import re
import shlex

from venv_guide import venv_layout
from venv_guide.shells import SHELLS
from venv_guide.snippets import SNIPPETS_DIR, SnippetError, content_lines, section

from . import journey, winpaths
from .winparse import Problem

#: A path through a venv's programs folder, relative to the project (``NAME/bin/...``,
#: ``NAME\\Scripts\\...``, optionally after ``./`` or VS Code's ``${workspaceFolder}``): at the
#: start of a line or after white space, a quote, ``=`` or ``(``. ``/usr/bin/python3`` and
#: ``~/.local/bin`` are not (they follow a ``/``).
THROUGH_PROGRAMS = re.compile(
    r"(?:^|(?<=[\s\"'=(]))"
    r"(?P<prefix>\$\{workspaceFolder\}(?:\\\\|[\\/])|\.[\\/])?"
    r"(?P<folder>[\w.-]+)(?:\\\\|[\\/])(?:bin|Scripts)(?![\w.-])"
    r"[^\s\"'`;&|<>()]*",
    re.IGNORECASE,
)
#: The interpreter setting of VS Code's Python extension.
INTERPRETER_SETTING = "python.defaultInterpreterPath"
#: Where VS Code's settings for each OS family are (CONTRIBUTING.md, "Snippet files").
SETTINGS = {"unix": "next/unix.json:vscode", "windows": "next/windows.json:vscode"}


def created_folders() -> dict[str, list[str]]:
    """``{folder: sections}``: the venv folder the create steps make (the last argument of the
    ``-m venv`` line) and the create sections that make it, over every journey of every shell
    on every OS it runs on.

    Raises:
        SnippetError: a create step's section has no ``-m venv`` line.
    """
    refs = {
        ref
        for shell in SHELLS
        for os_name in shell.oses
        for step in journey.every_step(shell, os_name)
        if step.name == "create"
        for ref in step.sections
    }
    found: dict[str, set[str]] = {}
    for ref in refs:
        found.setdefault(_folder_made_by(ref), set()).add(ref)
    return {folder: sorted(refs) for folder, refs in found.items()}


def _folder_made_by(ref: str) -> str:
    for line in section(ref).commands():
        words = shlex.split(line.text, posix=False)
        if "venv" in words and words[words.index("venv") - 1] == "-m":
            return words[-1]
    raise SnippetError(f"snippets/{ref}: a create step with no '-m venv FOLDER' line")


def check_folders(text: str, path: str, folders: dict[str, list[str]]) -> list[Problem]:
    """Each path through a venv's ``bin`` or ``Scripts`` folder in ``text`` names a folder
    the create steps make.

    Args:
        text: a snippet file's content.
        path: how problems name the file (``snippets/FILE``).
        folders: :func:`created_folders`.

    Returns:
        One problem per path, tagged ``[venv-folder]``, in line order.
    """
    problems = []
    made = "; ".join(f"{f!r} ({', '.join(refs)})" for f, refs in folders.items())
    for number, line in content_lines(text):
        for match in THROUGH_PROGRAMS.finditer(line):
            if match.group("folder") not in folders:
                problems.append(
                    Problem(
                        path, number,
                        f"[venv-folder] {match.group()!r} names the folder "
                        f"{match.group('folder')!r}; the create step makes {made}",
                    )
                )  # fmt: skip
    return problems


def posix_run(file: str) -> bool:
    """Whether a macOS/Linux shell runs snippet ``file`` (``PAGE/KEY.EXT``): its key is a
    macOS/Linux shell's, ``unix`` or ``any`` (the shell table)."""
    return any(shell.family == "unix" and shell.runs_file(file) for shell in SHELLS)


def check_posix_layout(text: str, path: str) -> list[Problem]:
    """Each path below the venv in a file a macOS/Linux shell runs names something a
    macOS/Linux venv has (:data:`venv_guide.venv_layout.POSIX_VENV`, from CPython's
    ``Lib/venv``), with ``/`` (a POSIX shell reads an unquoted ``\\`` as an escape).

    Returns:
        Problems tagged ``[venv-path]``, in line order.
    """
    problems = []
    for number, whole, rest in winpaths.venv_paths(text):
        if "\\" in rest:
            problems.append(
                Problem(path, number, f"[venv-path] {whole!r}: a macOS/Linux shell drops an "
                        "unquoted backslash; use /")
            )  # fmt: skip
            continue
        parts = [p for p in rest.split("/") if p]
        if parts and venv_layout.posix_entry(parts) is None:
            problems.append(
                Problem(path, number, f"[venv-path] {whole!r}: {venv_layout.posix_missing(parts)}")
            )
    return problems


def check_settings(
    family: str, folders: dict[str, list[str]], root: pathlib.Path = SNIPPETS_DIR
) -> list[str]:
    """The VS Code settings of OS ``family`` (``unix`` or ``windows``) parse as JSON, and the
    interpreter they name is that family's venv interpreter in a folder the create step makes.

    Returns:
        Problems, each naming ``snippets/FILE``; empty when the file is right.
    """
    ref = SETTINGS[family]
    where = f"snippets/{ref.rpartition(':')[0]}"
    try:
        sec = section(ref, root)
    except SnippetError as exc:
        return [str(exc)]
    text = "\n".join(line.text for line in sec.lines)
    try:
        settings = json.loads(text)
    except json.JSONDecodeError as exc:
        line = sec.lines[exc.lineno - 1].number if exc.lineno <= len(sec.lines) else 1
        return [f"{where}:{line}: not JSON: {exc.msg}"]
    value = settings.get(INTERPRETER_SETTING) if isinstance(settings, dict) else None
    if not isinstance(value, str):
        return [f"{where}: no {INTERPRETER_SETTING!r} string"]
    parts = [p for p in re.split(r"[\\/]", value.replace("${workspaceFolder}", "", 1)) if p]
    problems = []
    if not parts or parts[0] not in folders:
        problems.append(
            f"{where}: {value!r} is not in the folder the create step makes ({', '.join(folders)})"
        )
    below = parts[1:]
    if family == "windows":
        entry = venv_layout.windows_entry(below) if below else None
        want, missing = "Scripts/python.exe", venv_layout.windows_missing
    else:
        entry = venv_layout.posix_entry(below) if below else None
        want, missing = "bin/python", venv_layout.posix_missing
    if entry != want:
        why = missing(below) if below and entry is None else f"it names {'/'.join(below)!r}"
        problems.append(f"{where}: {value!r} is not the venv's interpreter {want!r}: {why}")
    return problems
