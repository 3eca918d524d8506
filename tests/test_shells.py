"""The shell table (venv_guide/shells.py) is the one owner of what varies by shell.

- Every entry is complete: how to find it, start it and read its version, how it calls the
  probe, how it words errors, what a reader runs before activating, where it runs and what
  installs it in CI.
- Nothing else in venv_guide/ or tests/harness/ branches on a shell's key or dialect name
  (CONTRIBUTING.md, "Adding a shell"): a comparison of ``.key``, ``.snippets`` or
  ``.dialect.name`` with a string is found by reading the code's syntax tree.
- The vocabulary's tabs, their order and the default shells are derived from the table, and
  CI installs what the table names.
"""

from __future__ import annotations

import ast
import pathlib
import re
import subprocess
import sys

import pytest

from venv_guide import shells, vocabulary
from venv_guide.platforms import OS_LABELS

ROOT = pathlib.Path(__file__).resolve().parent.parent
#: Where no code may branch on a shell key or dialect name (issue 21).
CHECKED = [
    *sorted((ROOT / "venv_guide").glob("*.py")),
    *sorted((ROOT / "tests/harness").glob("*.py")),
]
#: Attributes naming a shell or its dialect.
_NAMING = {"key", "snippets"}


@pytest.mark.parametrize("entry", shells.SHELLS, ids=[s.key for s in shells.SHELLS])
def test_every_entry_is_complete(entry: shells.Shell) -> None:
    problems = []
    if entry.label not in vocabulary.SHELL_LABELS:
        problems.append(f"label {entry.label!r} is not a shell tab")
    if entry.family not in ("unix", "windows"):
        problems.append(f"family {entry.family!r}")
    if not entry.executables or not entry.oses or not entry.notes:
        problems.append("executables, oses and notes are required")
    if not set(entry.required_in_ci) <= set(entry.oses):
        problems.append(f"required_in_ci {entry.required_in_ci} outside oses {entry.oses}")
    if not set(entry.oses) <= set(OS_LABELS) or not set(entry.default_on) <= set(entry.oses):
        problems.append(f"oses {entry.oses} / default_on {entry.default_on}")
    if entry.interactive:
        if not (entry.dialect.set_prompt and entry.dialect.status):
            problems.append("an interactive shell's dialect sets the prompt and prints statuses")
    elif "script mode" not in entry.notes:
        problems.append("a script-mode shell's notes say why it is not typed into a terminal")
    if not entry.version_args or entry.version_form not in ("dotted", "ksh"):
        problems.append(f"version_args {entry.version_args}, version_form {entry.version_form}")
    if "linux" in entry.required_in_ci and not entry.debian_package:
        essential = entry.executables[0] in ("bash", "dash")  # in every Debian
        if not essential:
            problems.append("CI installs it on Linux: debian_package is required")
    if "macos" in entry.required_in_ci and entry.key == "fish" and not entry.brew_package:
        problems.append("macOS lacks fish: brew_package is required")
    try:
        file = shells.snippet_file("page", entry.snippets)
    except KeyError:
        problems.append(f"snippets {entry.snippets!r} names no snippet file")
    else:
        if not file.startswith(f"page/{entry.snippets}."):
            problems.append(f"its snippet file is {file}")
    assert not problems, f"{entry.key}: " + "; ".join(problems)


def _branches(path: pathlib.Path, root: pathlib.Path = ROOT) -> list[str]:
    """``FILE:LINE`` (relative to ``root``) of each comparison of a shell's key, snippets key
    or dialect name with a string (or strings) in ``path``."""

    def names_shell(node: ast.AST) -> bool:
        if not isinstance(node, ast.Attribute):
            return False
        if node.attr in _NAMING:
            return True
        return (
            node.attr == "name"
            and isinstance(node.value, ast.Attribute)
            and (node.value.attr == "dialect")
        )

    def literal(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            return bool(node.elts) and all(literal(e) for e in node.elts)
        return False

    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(names_shell(s) for s in sides) and any(literal(s) for s in sides):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_branch_on_a_shell_key_outside_the_shell_table() -> None:
    found = [b for path in CHECKED if path.name != "shells.py" for b in _branches(path)]
    assert not found, (
        "code branches on a shell's key or dialect name outside venv_guide/shells.py; give "
        f"the shell table a field instead: {found}"
    )


def test_the_branch_finder_finds_branches(tmp_path: pathlib.Path) -> None:
    code = tmp_path / "x.py"
    code.write_text(
        'if shell.key == "sh": pass\n'
        'if shell.snippets in ("cmd", "powershell"): pass\n'
        'if d.dialect.name != "cmd": pass\n'
        "if shell.has_source: pass\n"
        'if shell.label == "bash": pass\n',
        encoding="utf-8",
    )
    assert _branches(code, tmp_path) == ["x.py:1", "x.py:2", "x.py:3"]


def test_tabs_and_default_shells_come_from_the_table() -> None:
    for os_key, label in OS_LABELS.items():
        tabs = vocabulary.OS_SHELLS[label]
        defaults = [s.label for s in shells.SHELLS if os_key in s.default_on]
        assert len(defaults) == 1 and tabs[0] == defaults[0], (label, tabs, defaults)
        assert set(tabs) == {s.label for s in shells.SHELLS if os_key in s.oses}, label
    assert vocabulary.DEFAULT_SHELL == {
        "Windows": "PowerShell",
        "macOS": "zsh",
        "Linux": "bash",
    }


def test_ci_installs_the_packages_the_table_names() -> None:
    """.ci/run and tests.yml install the table's packages by asking it (no list of their own)."""
    run = subprocess.run(
        [sys.executable, "-m", "venv_guide.shells", "apt-packages"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert set(run.stdout.split()) == {"zsh", "fish", "tcsh", "csh", "ksh", "mksh"}
    # macOS ships bash, zsh, dash (as sh), ksh and tcsh in /bin; Homebrew's would shadow them.
    assert shells.brew_packages() == ["fish"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    assert "venv_guide.shells apt-packages" in ci
    assert "venv_guide.shells apt-packages" in workflow
    assert "venv_guide.shells brew-packages" in workflow
    assert not re.search(r"apt-get install[^\n]*\bzsh\b", ci + workflow), "a list of its own"
