"""Zensical (Material for MkDocs' successor) builds the same site, proof layer included.

The proof layer is a Python-Markdown extension (venv_guide/extension.py) that MkDocs and
Zensical both run, plus a site step (venv_guide/site.py) that MkDocs runs from its hook and
``make build-zensical`` runs after ``zensical build``. Here both generators build a copy of this
tree with the same results file (a few passed, failed and stale records, so that marks of every
kind appear), and on every page the two builds must agree on:

- each code block's record (``data-vg-source``, ``data-vg-tabs``, ``data-vg-heading``,
  ``data-vg-line``) and its copy text, in page order;
- every content tab's id (``STEP-OS-SHELL``);
- every mark under a block (state, text, link) and the page's "Not run in this build" note.

And a page rule broken on purpose fails both builds. Zensical is in the dev set, pinned
(pyproject.toml), so ``make test`` runs this file; README.md ("Which generator") has the
measured comparison.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_results
from tests.harness import changes
from tests.harness.page import copy_project, mkdocs_build, proof_layer
from venv_guide import blocks, evidence

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("zensical", reason="zensical is not installed (make setup installs it)")

#: Both generators build every page (under pytest --changed: tests/harness/changes.py).
pytestmark = changes.reads(changes.site_reads)

#: A few results, so the builds show passed, failed, skipped and stale marks.
RECORDS = [
    ("activate/bash.sh:activate", "bash", "3.12", "passed", ""),
    ("activate/bash.sh:activate", "bash", "3.13", "passed", ""),
    ("activate/fish.fish:activate", "fish", "3.12", "failed", "exit 1"),
    ("activate/sh.sh:activate", "ksh", "3.12", "skipped", "ksh is not installed here"),
    ("install/any.sh:install", "zsh", "3.12", "passed", ""),
]


def zensical_build(project: Path, out: Path, *, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``zensical build --clean --strict`` of ``project`` into ``out``, then the site step, as
    ``make build-zensical`` runs them; the output of both, joined."""
    base = {**os.environ, "SITE_DIR": str(out), **env}
    build = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file",
         "mkdocs.yml"],
        cwd=project, env=base, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    if build.returncode != 0:
        return build
    return subprocess.run(
        [sys.executable, "-m", "venv_guide.site", str(out), "--config", "mkdocs.yml"],
        cwd=project, env=base, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def results_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results") / "snippet-results.json"
    records = [
        {"section": s, "shell": sh, "os": "linux", "python": py, "outcome": o, "reason": r,
         "test": "tests/test_zensical.py"}
        for s, sh, py, o, r in RECORDS
    ]  # fmt: skip
    write_results(out, records)
    # One stale result: recorded for another text of its section.
    text = out.read_text(encoding="utf-8")
    stale = evidence.source_hash("install/any.sh:install")
    out.write_text(text.replace(stale, "0" * 64), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, results_file: Path) -> tuple[Path, Path]:
    """MkDocs' and Zensical's builds of one copy of this tree, with the same results."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("project"))
    env = {evidence.RESULTS_ENV: str(results_file), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs_out = tmp_path_factory.mktemp("mkdocs") / "site"
    run = mkdocs_build(project, mkdocs_out, "--strict", env=env)
    assert run.returncode == 0, f"mkdocs build failed:\n{run.stdout}{run.stderr}"
    zensical_out = project / "zensical-site"  # Zensical: "site_dir must be within project root"
    run = zensical_build(project, zensical_out, env=env)
    assert run.returncode == 0, f"zensical build failed:\n{run.stdout}{run.stderr}"
    return mkdocs_out, zensical_out


def test_both_generators_build_the_same_proof_layer(builds: tuple[Path, Path]) -> None:
    mkdocs_out, zensical_out = builds
    ours, theirs = proof_layer(mkdocs_out), proof_layer(zensical_out)
    assert set(ours) == set(theirs), f"pages differ: {sorted(set(ours) ^ set(theirs))}"
    kinds = {line.split(" ", 1)[0] + " " + line.split(" ")[1] for lines in ours.values()
             for line in lines if line.startswith("mark")}  # fmt: skip
    assert {"mark passed", "mark failed", "mark skipped", "mark stale"} <= kinds, kinds
    problems = []
    for url in sorted(ours):
        diff = list(difflib.unified_diff(ours[url], theirs[url], "mkdocs", "zensical", n=0))
        problems += [f"{url or '/'}: {line}" for line in diff[2:]]
    assert not problems, "Zensical's proof layer differs from MkDocs':\n" + "\n".join(problems)


def test_zensical_build_has_records_tab_ids_and_marks(builds: tuple[Path, Path]) -> None:
    _, zensical_out = builds
    html = (zensical_out / "activate" / "index.html").read_text(encoding="utf-8")
    found = blocks.read_blocks(html, "activate/")
    assert found and all(b.sources for b in found)
    soup = blocks.parse(html)
    assert soup.find(id="activate-windows-powershell") is not None
    assert soup.select("p.vg-mark")
    assert "data-vg-problems" not in html, "the site step left a page's problem list"


@changes.reads(changes.HARNESS)
def test_a_broken_page_rule_fails_both_builds(tmp_path: Path, results_file: Path) -> None:
    """A command typed inline in a page: MkDocs --strict and the Zensical build both fail,
    naming the page and line."""
    project = copy_project(ROOT, tmp_path / "project")
    page = project / "docs" / "install.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n```sh\npip install typed-inline\n```\n", encoding="utf-8")
    line = len(text.splitlines()) + 3  # the typed line, after a blank line and the fence
    want = f"install.md:{line}: code block holds 'pip install typed-inline'"
    env = {evidence.RESULTS_ENV: str(results_file), "NO_MKDOCS_2_WARNING": "1"}
    mk = mkdocs_build(project, tmp_path / "mkdocs", "--strict", env=env)
    assert mk.returncode != 0 and want in mk.stdout + mk.stderr, mk.stdout + mk.stderr
    zen = zensical_build(project, project / "zensical-site", env=env)
    assert zen.returncode == 1, zen.stdout + zen.stderr
    assert want in zen.stderr and "Traceback" not in zen.stderr, zen.stderr


@changes.reads(changes.HARNESS)
def test_site_step_reports_a_missing_site_without_a_traceback(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "venv_guide.site", str(tmp_path / "nothing")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 2
    assert f"{tmp_path / 'nothing'}/index.html: not a built site" in run.stderr
    assert "Traceback" not in run.stderr


@changes.reads(changes.HARNESS)
def test_zensical_is_the_pinned_version() -> None:
    """README.md names the version measured; the dev lock pins the same."""
    from importlib.metadata import version  # noqa: PLC0415

    found = version("zensical")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Zensical {found}" in readme, f"README.md does not name Zensical {found}"
