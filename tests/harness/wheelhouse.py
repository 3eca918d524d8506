"""The local wheelhouse journeys install from, one folder per target interpreter.

Journeys run with ``PIP_NO_INDEX=1`` and ``PIP_FIND_LINKS`` set to the target's folder, so
``python -m pip install requests`` needs no network. The folders are filled once, during
set-up (network allowed), by the target's own pip (``pip download --only-binary=:all:``, so the
wheels fit that interpreter), and kept in a cache outside the repository:
``$VENV_GUIDE_WHEELHOUSE`` or, by default, ``~/.cache/venv-guide/wheelhouse``
(``%LOCALAPPDATA%\\venv-guide\\wheelhouse`` on Windows).

Run as ``python -m tests.harness.wheelhouse [--python=SPEC ...]`` to fill it ahead of a test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys

from venv_guide.platforms import CURRENT_OS

from .interpreters import Target, TargetError, resolve
from .journey import (
    BUILD_BACKEND,
    DEV_GROUP,
    LATEST_PIP,
    LATEST_REQUESTS,
    PINNED_REQUESTS,
    PIPX_APP,
    TOOLS,
)

#: What the Jupyter step installs (``next/any.sh:ipykernel``), with its dependencies. Not
#: pinned: ipykernel 7 needs Python 3.11+, so each target's pip picks the newest that fits it.
IPYKERNEL = "ipykernel"

#: What the site installs: the ``install/any.sh`` sections (``requests``, the pin, ``~=``, ``>=``),
#: the upgrades on the next-steps page, ipykernel with its dependencies, the tools of the Other
#: tools page at their pins, the app pipx installs, what the requirements page's project
#: builds with and groups, and the seed packages of ``uv venv --seed``.
REQUIREMENTS = (
    f"requests=={PINNED_REQUESTS}",
    f"requests=={LATEST_REQUESTS}",
    f"pip=={LATEST_PIP}",
    IPYKERNEL,
    *(f"{tool}=={version}" for tool, version in TOOLS.items()),
    PIPX_APP,
    BUILD_BACKEND,
    DEV_GROUP,
    # `uv venv --seed` puts pip, setuptools and wheel into a venv of Python 3.11 or older.
    "wheel",
)

_STAMP = "wheelhouse.json"


class WheelhouseError(Exception):
    """A wheelhouse could not be filled (pip download failed); the message holds pip's output."""


def cache_root() -> pathlib.Path:
    """The folder holding every target's wheelhouse (see the module docstring)."""
    configured = os.environ.get("VENV_GUIDE_WHEELHOUSE")
    if configured:
        return pathlib.Path(configured)
    if CURRENT_OS == "windows":
        base = pathlib.Path(os.environ.get("LOCALAPPDATA", pathlib.Path.home() / "AppData/Local"))
        return base / "venv-guide" / "wheelhouse"
    base = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
    return base / "venv-guide" / "wheelhouse"


def folder(target: Target) -> pathlib.Path:
    """The wheelhouse folder of one target: its cache tag and platform, and a digest of
    :data:`REQUIREMENTS`, so that checkouts with other requirements (another branch, a
    colleague's worktree sharing the cache) never refill or empty each other's folder."""
    digest = hashlib.sha256("\n".join(REQUIREMENTS).encode()).hexdigest()[:10]
    return cache_root() / f"{target.tag}-{digest}"


def is_complete(target: Target) -> bool:
    """True when the target's folder was filled with exactly :data:`REQUIREMENTS`."""
    stamp = folder(target) / _STAMP
    try:
        return json.loads(stamp.read_text())["requirements"] == list(REQUIREMENTS)
    except (OSError, ValueError, KeyError):
        return False


def ensure(target: Target, timeout: float = 600) -> pathlib.Path:
    """Fill the target's wheelhouse if it is not complete; return its folder.

    Args:
        target: the interpreter whose pip downloads the wheels.
        timeout: seconds pip may take.

    Raises:
        WheelhouseError: pip exited non-zero or timed out (no network, unknown version, ...).
    """
    dest = folder(target)
    if is_complete(target):
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    # One `pip download` per requirement: two versions of requests cannot be resolved together.
    for requirement in REQUIREMENTS:
        _download(target, dest, requirement, timeout)
    (dest / _STAMP).write_text(json.dumps({"requirements": list(REQUIREMENTS)}))
    return dest


def _download(target: Target, dest: pathlib.Path, requirement: str, timeout: float) -> None:
    """``pip download`` one requirement (and its dependencies) as wheels into ``dest``."""
    cmd = [
        str(target.executable),
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--dest",
        str(dest),
        requirement,
    ]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise WheelhouseError(f"{' '.join(cmd)}: timed out after {timeout} s") from exc
    if proc.returncode != 0:
        raise WheelhouseError(
            f"filling the wheelhouse for {target} failed (exit {proc.returncode}):\n"
            f"$ {' '.join(cmd)}\n{proc.stdout}{proc.stderr}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: fill the wheelhouse of each ``--python`` target; exit 2 on failure."""
    parser = argparse.ArgumentParser(prog="python -m tests.harness.wheelhouse", description=__doc__)
    parser.add_argument("--python", action="append", default=[], metavar="SPEC")
    args, _ = parser.parse_known_args(argv)
    try:
        targets = resolve(args.python)
        for target in targets:
            state = "up to date" if is_complete(target) else "filled"
            path = ensure(target)
            print(f"wheelhouse {state}: {target.full_version} -> {path}")
    except (TargetError, WheelhouseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
