"""Run each Python snippet with the target venv's interpreter and compare its printed output.

The snippets run in a subprocess under a fresh venv's interpreter (not in pytest's process,
which lives in the toolchain venv), so ``sys.prefix != sys.base_prefix`` means what it means for
the reader. The promised output is the snippet's ``#>`` comments (pytest-examples' style; read by
tests/harness/pysnippets.py).
"""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from tests.harness import sandbox, wheelhouse
from tests.harness.pysnippets import expected_output, python_snippets
from venv_guide.platforms import CURRENT_OS
from venv_guide.snippets import SNIPPETS_DIR

SNIPPETS = list(python_snippets(SNIPPETS_DIR))

#: Snippets a journey runs instead (with the packages they import installed), and where.
RUN_BY_JOURNEYS = {
    "next/app.py": (
        "imports requests; tests/test_troubleshooting.py runs it in venvs with and without "
        "requests and compares its output with the page"
    ),
}


def make_venv(tmp_path: pathlib.Path, target) -> sandbox.Sandbox:
    """A sandbox with ``project/.venv`` made by the target (``--without-pip``: 0.05 s, not 3 s)."""
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), None)
    subprocess.run(
        [str(target.executable), "-m", "venv", "--without-pip", str(box.venv)],
        env=box.env,
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return box


def run_snippet(python: pathlib.Path, path: pathlib.Path, box: sandbox.Sandbox):
    """Run ``path`` with ``python`` in the sandbox; return the CompletedProcess (text)."""
    return subprocess.run(
        [str(python), str(path)],
        env=box.env,
        cwd=box.project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize(
    "path", SNIPPETS, ids=[p.relative_to(SNIPPETS_DIR).as_posix() for p in SNIPPETS]
)
def test_python_snippet_output(path: pathlib.Path, target, tmp_path, record_snippets):
    rel = path.relative_to(SNIPPETS_DIR).as_posix()
    if rel in RUN_BY_JOURNEYS:
        pytest.skip(RUN_BY_JOURNEYS[rel])
    box = make_venv(tmp_path, target)
    proc = run_snippet(box.venv_python, path, box)
    want = expected_output(path)
    ok = proc.returncode == 0 and proc.stdout.replace("\r\n", "\n") == want
    record_snippets(
        [
            {
                "section": rel,
                "shell": "python",
                "os": CURRENT_OS,
                "python": target.minor,
                "outcome": "passed" if ok else "failed",
                "reason": "" if ok else "output differs",
            }
        ]
    )
    assert proc.returncode == 0, (
        f"snippets/{rel} failed under {box.venv_python} ({target}):\n{proc.stderr}"
    )
    assert proc.stdout.replace("\r\n", "\n") == want, (
        f"snippets/{rel} printed {proc.stdout!r}; its #> comments promise {want!r}"
    )


def test_in_venv_check_tells_base_from_venv(target, tmp_path):
    """The activation check prints True in a venv and False under the base interpreter."""
    path = SNIPPETS_DIR / "activate" / "in_venv.py"
    box = make_venv(tmp_path, target)
    assert run_snippet(box.venv_python, path, box).stdout.strip() == "True"
    assert run_snippet(target.executable, path, box).stdout.strip() == "False"
