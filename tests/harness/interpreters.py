"""Find the target interpreters a journey's ``python``/``python3``/``py`` resolve to.

``pytest --python=SPEC`` (repeatable) selects targets: a path, a version such as ``3.12``, or
``all`` (every CPython from :data:`MIN_VERSION` up found on ``PATH`` and in common install
roots, one per minor version, the first found winning). Default: the interpreter running pytest.
A target is always the *base* interpreter: a venv's interpreter is followed to the one it was
made from, because the reader's ``python -m venv`` runs on a base interpreter.
"""

from __future__ import annotations

import glob
import json
import os
import pathlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache

from venv_guide.platforms import CURRENT_OS

#: Snippets are run with targets from this version up: the harness needs 3.10+, and so does
#: the requests release the site pins (requests 2.33+; Python 3.9 reached its end of life).
MIN_VERSION = (3, 10)

_QUERY = (
    "import json, sys, sysconfig\n"
    "print(json.dumps({'executable': getattr(sys, '_base_executable', sys.executable),"
    " 'version': list(sys.version_info[:3]), 'base_prefix': sys.base_prefix,"
    " 'implementation': sys.implementation.name, 'cache_tag': sys.implementation.cache_tag,"
    " 'platform': sysconfig.get_platform()}))"
)


class TargetError(Exception):
    """A ``--python`` spec names no usable interpreter."""


@dataclass(frozen=True)
class Target:
    """A base interpreter that journeys run against.

    Attributes:
        executable: absolute path of the base interpreter (``sys._base_executable``).
        version: ``(major, minor, micro)``.
        base_prefix: its ``sys.base_prefix``.
        tag: ``cache_tag-platform``, e.g. ``cpython-312-linux-x86_64`` (wheelhouse folder name).
    """

    executable: pathlib.Path
    version: tuple[int, int, int]
    base_prefix: pathlib.Path
    tag: str

    @property
    def id(self) -> str:
        """Test-id part: ``py3.12``."""
        return f"py{self.version[0]}.{self.version[1]}"

    @property
    def minor(self) -> str:
        """``3.12``."""
        return f"{self.version[0]}.{self.version[1]}"

    @property
    def full_version(self) -> str:
        """``3.12.1``."""
        return ".".join(map(str, self.version))

    def __str__(self) -> str:
        return f"Python {self.full_version} ({self.executable})"


@cache
def query(executable: str) -> Target | None:
    """Ask an interpreter what it is.

    Args:
        executable: path of a candidate interpreter.

    Returns:
        The base :class:`Target` behind it, or None when it does not run, is not CPython,
        or answers in more than 20 seconds.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYENV_VERSION"))}
    try:
        proc = subprocess.run(
            [executable, "-I", "-c", _QUERY],
            capture_output=True,
            text=True,
            timeout=20,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    try:
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    if info["implementation"] != "cpython":
        return None
    base = pathlib.Path(info["executable"])
    if not base.is_absolute() or not base.exists():
        base = pathlib.Path(executable).absolute()
    return Target(
        executable=base,
        version=tuple(info["version"]),
        base_prefix=pathlib.Path(info["base_prefix"]),
        tag=f"{info['cache_tag']}-{info['platform']}".replace(".", "_"),
    )


def _candidates() -> list[str]:
    """Interpreter paths worth asking, in priority order: ``PATH`` first, then install roots.

    Roots: pyenv (``~/.pyenv/versions``), uv (``~/.local/share/uv/python``), Homebrew,
    python.org's macOS framework, ``/usr/local/bin``, ``/usr/bin``, GitHub Actions' tool cache
    (``RUNNER_TOOL_CACHE``), and on Windows the ``py`` launcher's list and
    ``%LOCALAPPDATA%\\Programs\\Python``.
    """
    names = ["python3", "python"] + [f"python3.{m}" for m in range(9, 16)]
    found: list[str] = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        for name in names:
            path = shutil.which(name, path=folder) if folder else None
            if path:
                found.append(path)
    home = pathlib.Path.home()
    patterns = [
        str(home / ".pyenv/versions/*/bin/python3"),
        str(home / ".local/share/uv/python/*/bin/python3"),
        "/opt/homebrew/bin/python3.*",
        "/usr/local/bin/python3.*",
        "/Library/Frameworks/Python.framework/Versions/*/bin/python3",
        "/usr/bin/python3.*",
    ]
    tool_cache = os.environ.get("RUNNER_TOOL_CACHE")
    if tool_cache:
        patterns += [
            os.path.join(tool_cache, "Python", "*", "*", "bin", "python3"),
            os.path.join(tool_cache, "Python", "*", "*", "python.exe"),
        ]
    if CURRENT_OS == "windows":
        local = os.environ.get("LOCALAPPDATA", "")
        patterns.append(os.path.join(local, "Programs", "Python", "Python3*", "python.exe"))
        launcher = shutil.which("py")
        if launcher:
            try:
                out = subprocess.run(
                    [launcher, "-0p"], capture_output=True, text=True, timeout=20, check=False
                ).stdout
            except (OSError, subprocess.TimeoutExpired):
                out = ""
            found += [
                line.split()[-1] for line in out.splitlines() if line.strip().endswith(".exe")
            ]
    for pattern in patterns:
        found += sorted(p for p in glob.glob(pattern) if not p.endswith("-config"))
    return found


@cache
def discover() -> tuple[Target, ...]:
    """Every CPython >= :data:`MIN_VERSION` found, one per minor version, sorted by version."""
    by_minor: dict[tuple[int, int], Target] = {}
    seen: set[str] = set()
    for candidate in _candidates():
        real = os.path.realpath(candidate)
        if real in seen:
            continue
        seen.add(real)
        target = query(candidate)
        if target and target.version[:2] >= MIN_VERSION:
            by_minor.setdefault(target.version[:2], target)
    return tuple(by_minor[k] for k in sorted(by_minor))


def resolve(specs: list[str]) -> list[Target]:
    """Turn ``--python`` values into targets.

    Args:
        specs: each a path, a version (``3.12`` or ``3.12.1``), ``all``, or ``default``
            (the interpreter running pytest). An empty list means ``["default"]``.

    Returns:
        Targets without duplicates, sorted by version.

    Raises:
        TargetError: a spec matches nothing, or names an interpreter older than
            :data:`MIN_VERSION` or not CPython.
    """
    targets: dict[str, Target] = {}
    for spec in specs or ["default"]:
        if spec == "all":
            found = list(discover())
            if not found:
                raise TargetError("--python=all found no CPython >= 3.10 on PATH or install roots")
        elif spec == "default":
            found = [query(sys.executable)]
        elif spec[:1].isdigit():
            wanted = tuple(int(x) for x in spec.split("."))
            found = [t for t in discover() if t.version[: len(wanted)] == wanted][:1]
            if not found:
                have = ", ".join(t.full_version for t in discover()) or "none"
                raise TargetError(f"--python={spec}: no such interpreter found (found: {have})")
        else:
            path = shutil.which(spec) or spec
            found = [query(path)]
            if found[0] is None:
                raise TargetError(f"--python={spec}: does not run as a CPython interpreter")
        for target in found:
            if target is None:
                raise TargetError(f"--python={spec}: cannot query that interpreter")
            if target.version[:2] < MIN_VERSION:
                raise TargetError(
                    f"--python={spec}: {target} is older than "
                    f"{'.'.join(map(str, MIN_VERSION))}, which the guide does not cover"
                )
            targets.setdefault(target.id, target)
    return sorted(targets.values(), key=lambda t: t.version)
