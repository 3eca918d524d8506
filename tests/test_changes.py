"""``pytest --changed=REF`` (tests/harness/changes.py): what changed, and what that runs.

The unit tests use a small git repository made here. The selection tests copy this
repository's files into a fresh git repository, commit them, make one edit and collect with
``--changed=HEAD`` (collection only: no set-up, no test runs), so they read the real tests'
``reads`` markers.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

from tests.harness import changes
from venv_guide.snippets import REPO_ROOT, SnippetError

#: The selection tests copy the repository and collect the whole suite: under --changed only a
#: change to the harness runs them.
pytestmark = changes.reads(changes.HARNESS)


def git(repo: pathlib.Path, *args: str) -> str:
    return changes.git(list(args), repo, changes.GIT_ENV)


def commit_all(repo: pathlib.Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> pathlib.Path:
    """A repository with one snippet of two sections, a page and a harness file, committed."""
    root = tmp_path / "repo"
    (root / "snippets/activate").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "tests/harness").mkdir(parents=True)
    (root / "snippets/activate/bash.sh").write_text(
        "# --8<-- [start:activate]\nsource .venv/bin/activate\n# --8<-- [end:activate]\n"
        "# --8<-- [start:deactivate]\ndeactivate\n# --8<-- [end:deactivate]\n",
        encoding="utf-8",
    )
    (root / "docs/activate.md").write_text('```bash\n--8<-- "activate/bash.sh:activate"\n```\n')
    (root / "tests/harness/runner.py").write_text("x = 1\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root)
    return root


def edit(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed(repo: pathlib.Path) -> None:
    found = changes.changes_since("main", repo)
    assert (found.files, found.sections, found.everything) == (frozenset(), frozenset(), "")
    assert not found.touches({"snippets/activate/bash.sh:activate", changes.LOOK})


def test_an_edited_section_is_changed_and_its_neighbour_is_not(repo: pathlib.Path) -> None:
    edit(repo / "snippets/activate/bash.sh", "source .venv", ". .venv")
    found = changes.changes_since("main", repo)
    assert found.files == {"snippets/activate/bash.sh"}
    assert found.sections == {"snippets/activate/bash.sh:activate"}
    assert found.touches({"snippets/activate/bash.sh:activate"})
    assert not found.touches({"snippets/activate/bash.sh:deactivate", "docs/activate.md"})
    assert not found.everything


def test_lines_moved_by_an_edit_elsewhere_do_not_change_a_section(repo: pathlib.Path) -> None:
    edit(
        repo / "snippets/activate/bash.sh",
        "# --8<-- [start:activate]",
        "# a\n# b\n# --8<-- [start:activate]",
    )
    found = changes.changes_since("main", repo)
    assert found.files == {"snippets/activate/bash.sh"} and not found.sections


def test_new_and_deleted_sections_and_untracked_files(repo: pathlib.Path) -> None:
    path = repo / "snippets/activate/bash.sh"
    edit(path, "# --8<-- [start:deactivate]\ndeactivate\n# --8<-- [end:deactivate]\n", "")
    path.write_text(path.read_text() + "# --8<-- [start:new]\necho\n# --8<-- [end:new]\n")
    (repo / "snippets/activate/output").mkdir()
    (repo / "snippets/activate/output/which.txt").write_text("/home/you\n")
    found = changes.changes_since("main", repo)
    assert found.sections == {
        "snippets/activate/bash.sh:deactivate",
        "snippets/activate/bash.sh:new",
    }
    assert "snippets/activate/output/which.txt" in found.files
    assert found.touches({"snippets/activate/output/which.txt"})


def test_a_harness_change_runs_everything(repo: pathlib.Path) -> None:
    edit(repo / "tests/harness/runner.py", "x = 1", "x = 2")
    found = changes.changes_since("main", repo)
    assert found.everything == "tests/harness/runner.py"
    assert "everything runs" in found.summary()


def test_the_look_is_read_by_the_pages(repo: pathlib.Path) -> None:
    (repo / "docs/assets").mkdir()
    (repo / "docs/assets/extra.css").write_text("a { color: red }\n")
    found = changes.changes_since("main", repo)
    assert found.look and not found.everything
    assert found.touches(changes.page_reads("activate/", repo / "docs"))
    assert not found.touches({"snippets/activate/bash.sh:activate"})


def test_changes_on_main_since_the_branch_left_it_are_not_the_branchs(repo: pathlib.Path) -> None:
    git(repo, "checkout", "-q", "-b", "topic")
    git(repo, "checkout", "-q", "main")
    edit(repo / "tests/harness/runner.py", "x = 1", "x = 3")
    commit_all(repo)
    git(repo, "checkout", "-q", "topic")
    edit(repo / "docs/activate.md", "```bash", "```sh")
    found = changes.changes_since("main", repo)
    assert found.files == {"docs/activate.md"} and not found.everything


def test_an_unknown_ref_is_a_clear_error(repo: pathlib.Path) -> None:
    with pytest.raises(changes.ChangesError, match="'nope' names no commit"):
        changes.changes_since("nope", repo)


def test_a_malformed_snippet_names_its_line(repo: pathlib.Path) -> None:
    edit(repo / "snippets/activate/bash.sh", "# --8<-- [end:activate]\n", "")
    with pytest.raises(SnippetError, match=r"snippets/activate/bash.sh:1: section 'activate'"):
        changes.changes_since("main", repo)


def test_page_reads_name_the_pages_includes(repo: pathlib.Path) -> None:
    assert changes.page_reads("activate/", repo / "docs") == {
        "docs/activate.md",
        "snippets/activate/bash.sh:activate",
        changes.LOOK,
    }
    assert changes.page_source("", REPO_ROOT / "docs") == "docs/index.md"
    assert changes.page_source("trouble/", REPO_ROOT / "docs") == "docs/trouble/index.md"
    assert (
        changes.page_source("trouble/creating/", REPO_ROOT / "docs") == "docs/trouble/creating.md"
    )


def test_a_reads_function_must_name_the_tests_parameters() -> None:
    with pytest.raises(TypeError, match=r"wants \['shell'\]"):
        changes.reads_of(lambda shell: [], {"unix_shell": None})
    assert changes.reads_of(lambda: ["README.md"], {"x": 1}) == {"README.md"}


# --- selection, on a copy of this repository -----------------------------------------------


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """This repository's files (tracked and untracked, not ignored) in a new repository."""
    return changes.copy_checkout(tmp_path_factory.mktemp("copy") / "repo")


def collect(repo: pathlib.Path) -> tuple[list[str], str]:
    """Node ids ``pytest --collect-only --changed=HEAD`` keeps in ``repo``, and its header."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist",
         "-p", "no:cacheprovider", "--changed=HEAD"],
        cwd=repo, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
        env={**os.environ, **changes.GIT_ENV}, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    return ids, proc.stdout


@pytest.fixture
def restore(copy: pathlib.Path):
    """Undo the test's edits in the copy afterwards."""
    yield copy
    git(copy, "checkout", "-q", "--", ".")
    git(copy, "clean", "-q", "-fd")


def test_one_bash_section_selects_its_journeys_and_pages(restore: pathlib.Path) -> None:
    edit(
        restore / "snippets/activate/bash.sh",
        "source .venv/bin/activate",
        "source  .venv/bin/activate",
    )
    ids, _ = collect(restore)
    text = "\n".join(ids)
    assert re.search(r"test_journeys.py::test_journey\[bash-", text), text
    assert "test_browser.py::test_copy_buttons_copy_the_snippet_sections[activate/]" in text
    assert "test_site.py::test_strict_build_records_every_block" in text
    assert "test_shells.py::test_every_entry_is_complete[bash]" in text  # a quick check
    assert not re.search(r"test_journey\[(fish|zsh|tcsh|csh|sh|ksh|mksh)-", text), text
    assert "[create/]" not in text and "test_harness_selftest" not in text, text
    assert "test_tools.py::test_pipx" not in text


def test_one_output_file_selects_the_journeys_that_compare_it(restore: pathlib.Path) -> None:
    path = restore / "snippets/trouble/output/moved-fish.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ids, _ = collect(restore)
    assert [i for i in ids if "test_trouble_in_shell" in i and "fish" in i], ids
    assert not [i for i in ids if "test_trouble_in_shell" in i and "fish" not in i], ids
    assert not [i for i in ids if "::test_journey[" in i], ids


def test_a_harness_change_selects_everything(restore: pathlib.Path) -> None:
    quick, out = collect(restore)
    assert "deselected" in out, out[-500:]
    edit(restore / "tests/harness/runner.py", '"""', '"""\n')
    ids, out = collect(restore)
    assert "deselected" not in out, out[-500:]
    assert len(ids) > len(quick)
