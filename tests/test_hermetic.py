"""A journey writes nothing outside its sandbox.

A real bash journey (Git Bash on Windows: create, activate, pip install from the wheelhouse,
freeze, deactivate, delete, recreate) runs while the test process itself sees a *trap* instead
of the machine's home: ``HOME``, the ``XDG_*`` folders, the Windows profile folders and the
``PIP_*``/``PYTHON*`` variables that tell pip and Python where to write all point into an empty
folder (:data:`TRAP_VARS`). The sandbox must build the journey's environment from its own
folders; anything it forgot to replace and let through from the test process lands in the trap,
which must still be empty afterwards. The machine's real ``~/.cache/pip`` is not looked at, so
other programs using it meanwhile cannot fail this test.

The journey reads a private copy of the target's wheelhouse (``VENV_GUIDE_WHEELHOUSE``), for
the same reason: the shared one under ``~/.cache/venv-guide`` is filled by other test runs on
the machine. Places that cannot be redirected by the environment are compared by snapshot
(path, size, mtime) before and after: the target interpreter's site-packages and stdlib
``__pycache__``, the wheelhouse copy, the harness's own venv, and the top level of this
repository.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import sys

import pytest

from tests.harness import changes, journey, runner, sandbox, wheelhouse
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import Shell, by_key
from venv_guide.snippets import REPO_ROOT

Snapshot = dict[str, tuple[int, int]]

#: Variables naming where a program run by the test process would find the user's home,
#: caches and configuration, or where pip and Python write (pip's ``--cache-dir``, ``--log``,
#: ``--target``, ``--prefix`` as ``PIP_*`` settings; the user base; bytecode). For the length
#: of the test each names a path inside the trap (relative here), so a journey that inherits
#: any of them writes into the trap. Sources: pip's configuration docs (every option is also
#: ``PIP_<NAME>``), the XDG Base Directory spec, Python's ``site``/``PYTHONPYCACHEPREFIX``
#: docs, and ``pathlib.Path.home`` (``USERPROFILE`` on Windows, ``HOME`` elsewhere).
TRAP_VARS: dict[str, str] = {
    "HOME": "home",
    "USERPROFILE": "home",
    "APPDATA": "home/AppData/Roaming",
    "LOCALAPPDATA": "home/AppData/Local",
    "XDG_CONFIG_HOME": "xdg/config",
    "XDG_CACHE_HOME": "xdg/cache",
    "XDG_DATA_HOME": "xdg/data",
    "XDG_STATE_HOME": "xdg/state",
    "PIP_CACHE_DIR": "pip/cache",
    "PIP_LOG": "pip/log.txt",
    "PIP_TARGET": "pip/target",
    "PIP_PREFIX": "pip/prefix",
    "PYTHONUSERBASE": "python/userbase",
    "PYTHONPYCACHEPREFIX": "python/pycache",
}


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


def private_wheelhouse(monkeypatch: pytest.MonkeyPatch, target, root: pathlib.Path) -> None:
    """Copy ``target``'s wheelhouse to ``root/NAME`` (its folder's own name: tag and digest of the
    requirements) and point ``VENV_GUIDE_WHEELHOUSE`` at
    ``root`` (tests/harness/wheelhouse.py), so only this test's journey can change it.

    Raises:
        OSError: the wheelhouse cannot be copied (e.g. it was never filled).
    """
    shutil.copytree(wheelhouse.folder(target), root / wheelhouse.folder(target).name)
    monkeypatch.setenv("VENV_GUIDE_WHEELHOUSE", str(root))


def set_trap(monkeypatch: pytest.MonkeyPatch, trap: pathlib.Path) -> None:
    """Point every variable of :data:`TRAP_VARS` into ``trap`` (an existing empty folder).

    Nothing is created inside ``trap``. Call it after :func:`private_wheelhouse`: the default
    wheelhouse location is derived from the home folder.
    """
    for name, rel in TRAP_VARS.items():
        monkeypatch.setenv(name, str(trap / rel))


def trap_contents(trap: pathlib.Path) -> list[str]:
    """Everything under ``trap``, as sorted paths relative to it (``/`` separators)."""
    return sorted(p.relative_to(trap).as_posix() for p in trap.rglob("*"))


def _stdlib(target) -> pathlib.Path:
    """The target's standard-library folder (``Lib`` on Windows, ``lib/pythonX.Y`` elsewhere)."""
    if CURRENT_OS == "windows":
        return target.base_prefix / "Lib"
    return target.base_prefix / "lib" / f"python{target.minor}"


def watched(target) -> dict[str, pathlib.Path]:
    """The places outside the home folder a journey must leave alone, by description."""
    return {
        "the target's site-packages": _stdlib(target) / "site-packages",
        "the target's stdlib bytecode": _stdlib(target) / "__pycache__",
        "the wheelhouse (private copy)": wheelhouse.folder(target),
        "the harness's own venv": pathlib.Path(sys.prefix),
    }


def journey_shell(target) -> Shell:
    """The shell of the hermetic journey (Git Bash on Windows, bash elsewhere); skips when it
    cannot run here or is older than the shell's ``min_target`` (venv_guide/shells.py)."""
    shell = by_key("git-bash" if CURRENT_OS == "windows" else "bash")
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    if target.version[:2] < shell.min_target:
        oldest = ".".join(map(str, shell.min_target))
        pytest.skip(
            f"{shell.label} needs a venv from Python {oldest}+ (Shell.min_target in "
            f"venv_guide/shells.py) and the target is {target.minor}; the "
            f"{'windows' if CURRENT_OS == 'windows' else CURRENT_OS}-latest jobs of "
            f".github/workflows/tests.yml with Python {oldest}+ run this test"
        )
    return shell


@pytest.mark.journey
@changes.reads(changes.HARNESS)
def test_journey_writes_only_inside_its_sandbox(one_target, tmp_path, monkeypatch, built_site):
    shell = journey_shell(one_target)
    private_wheelhouse(monkeypatch, one_target, tmp_path / "wheelhouse")
    trap = tmp_path / "trap"
    trap.mkdir()
    set_trap(monkeypatch, trap)
    places = watched(one_target)
    before = {name: snapshot(path) for name, path in places.items()}
    # A journey in the wrong folder would leave .venv or requirements.txt in the repository
    # (whose files other people may be editing meanwhile: compare its top level by name).
    before["this repository"] = {p.name: (0, 0) for p in REPO_ROOT.iterdir()}
    box_root = tmp_path / "journey"
    box_root.mkdir()
    box = sandbox.create(box_root, one_target, wheelhouse.folder(one_target), shell.find())
    steps = journey.steps(shell, CURRENT_OS)
    ctx, _ = runner.run_journey(shell, one_target, box, steps, built_site, 180)
    assert ctx.run.done
    leaked = trap_contents(trap)
    assert not leaked, (
        f"the journey wrote into the trap {trap}, so its environment still names the test "
        f"process's home, XDG, PIP_* or PYTHON* folders ({', '.join(TRAP_VARS)}): {leaked[:20]}"
    )
    after = {name: snapshot(path) for name, path in places.items()}
    after["this repository"] = {p.name: (0, 0) for p in REPO_ROOT.iterdir()}
    changed = {}
    for name, old in before.items():
        new = after[name]
        diff = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
        if diff:
            changed[name] = diff[:20]
    assert not changed, f"the journey wrote outside its sandbox: {changed}"
    # and it did write inside it: the venv and the probe log
    assert (ctx.sandbox.venv / "pyvenv.cfg").is_file()
    assert ctx.sandbox.probe_log.is_file()
