"""A journey writes nothing outside its sandbox.

Snapshots (path, size, mtime) of the places a careless harness would write to are taken before
and after a real bash journey (create, activate, pip install from the wheelhouse, freeze,
deactivate, delete, recreate): the real home's pip cache and config folders, the target
interpreter's base prefix (its site-packages and stdlib ``__pycache__``), the wheelhouse, and
the top level of this repository, the harness's own venv. Any difference fails, listing the paths.
"""

from __future__ import annotations

import os
import pathlib
import sys

import pytest

from tests.harness import journey, runner, sandbox, wheelhouse
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import by_key
from venv_guide.snippets import REPO_ROOT

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: pathlib.Path, skip: tuple[str, ...] = ()) -> Snapshot:
    """Every file and folder below ``root`` as ``{path: (size in bytes, mtime in ns)}``.

    Folders named in ``skip`` (relative to ``root``) are left out; a missing root is empty.
    """
    found: Snapshot = {}
    if not root.exists():
        return found
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if os.path.normpath(os.path.join(rel, d)) not in skip]
        for name in dirs + files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            found[path] = (st.st_size if name in files else 0, st.st_mtime_ns)
    return found


def _stdlib(target) -> pathlib.Path:
    """The target's standard-library folder (``Lib`` on Windows, ``lib/pythonX.Y`` elsewhere)."""
    if CURRENT_OS == "windows":
        return target.base_prefix / "Lib"
    return target.base_prefix / "lib" / f"python{target.minor}"


def watched(target) -> dict[str, pathlib.Path]:
    """The places a journey must leave alone, by description."""
    home = pathlib.Path.home()
    places = {
        "the real pip cache": home / ".cache" / "pip",
        "the real pip config (XDG)": home / ".config" / "pip",
        "the real pip config (legacy)": home / ".pip",
        "the real user site": home / ".local" / "lib",
        "the target's site-packages": _stdlib(target) / "site-packages",
        "the target's stdlib bytecode": _stdlib(target) / "__pycache__",
        "the wheelhouse": wheelhouse.folder(target),
        "the harness's own venv": pathlib.Path(sys.prefix),
    }
    if CURRENT_OS == "macos":
        places["the real pip cache (macOS)"] = home / "Library" / "Caches" / "pip"
    if CURRENT_OS == "windows":
        local = pathlib.Path(os.environ.get("LOCALAPPDATA", home))
        places["the real pip cache (Windows)"] = local / "pip"
    return places


@pytest.mark.journey
def test_journey_writes_only_inside_its_sandbox(one_target, tmp_path, built_site):
    shell = by_key("git-bash" if CURRENT_OS == "windows" else "bash")
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    places = watched(one_target)
    before = {name: snapshot(path) for name, path in places.items()}
    # A journey in the wrong folder would leave .venv or requirements.txt in the repository
    # (whose files other people may be editing meanwhile: compare its top level by name).
    before["this repository"] = {p.name: (0, 0) for p in REPO_ROOT.iterdir()}
    box = sandbox.create(tmp_path, one_target, wheelhouse.folder(one_target), shell.find())
    steps = journey.steps(shell, CURRENT_OS)
    ctx, _ = runner.run_journey(shell, one_target, box, steps, built_site, 180)
    assert ctx.run.done
    after = {name: snapshot(path) for name, path in places.items()}
    after["this repository"] = {p.name: (0, 0) for p in REPO_ROOT.iterdir()}
    changed = {}
    for name, old in before.items():
        new = after[name]
        diff = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
        if diff:
            changed[name] = diff[:20]
    assert not changed, f"the journey wrote outside its sandbox: {changed}"
    # and it did write inside it: the venv, pip's cache, the probe log
    assert (ctx.sandbox.venv / "pyvenv.cfg").is_file()
    assert ctx.sandbox.probe_log.is_file()
