"""A stock Debian 13 root for the journey that runs the Debian commands of the site for real.

A reader's new Debian has ``python3`` and nothing more: no ``python3-venv``, no ``python3-pip``.
The set-up (network allowed, like the wheelhouse) builds such a root once, with Debian's own
``debootstrap`` from the archive this machine's apt uses, and keeps it pristine in a cache
(``$VENV_GUIDE_DEBIAN_ROOT``, else ``~/.cache/venv-guide/debian-trixie``). So that the journey
itself needs no network, the set-up also downloads the packages the pages install
(``apt-get install --download-only``) into a local archive inside the root
(``/var/local/debs``, indexed by ``dpkg-scanpackages``), which the root's apt sources name in
place of the network archive, and puts the wheels of the pinned requests for the root's
Python in ``/wheelhouse``. ``sudo apt update`` and ``sudo apt install -y ...`` then run for real,
offline, in a copy of that root (:func:`copy_root`).

Needs Linux, root (``chroot``), ``debootstrap`` and ``dpkg-scanpackages`` (Debian's
``debootstrap`` and ``dpkg-dev``): the machine ``.ci/run`` runs on has them.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys

from venv_guide.platforms import CURRENT_OS

from .journey import PINNED_REQUESTS

#: Debian 13, the release a reader installing Debian today gets.
SUITE = "trixie"
#: What the pages install with apt (start/unix.sh:apt), downloaded into the local archive.
PACKAGES = ("python3", "python3-venv", "python3-pip")
#: Where the root keeps the local archive and the wheels, as the root sees them.
DEBS = "/var/local/debs"
WHEELHOUSE = "/wheelhouse"
_STAMP = "venv-guide-root.json"


class DebianRootError(Exception):
    """The root could not be built; the message names the command and its output."""


def unavailable() -> str:
    """Why no Debian root can be built or entered here ("" when it can)."""
    if CURRENT_OS != "linux":
        return "needs Linux (a chroot)"
    if os.geteuid() != 0:
        return "needs root for chroot"
    missing = [t for t in ("debootstrap", "dpkg-scanpackages", "chroot") if not shutil.which(t)]
    if missing:
        return f"needs {', '.join(missing)} (apt-get install debootstrap dpkg-dev)"
    return ""


def cache_folder() -> pathlib.Path:
    """The pristine root (see the module docstring)."""
    configured = os.environ.get("VENV_GUIDE_DEBIAN_ROOT")
    if configured:
        return pathlib.Path(configured)
    base = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
    return base / "venv-guide" / f"debian-{SUITE}"


def _mirror() -> str | None:
    """The Debian archive this machine's apt uses (its ``debian.sources`` or ``sources.list``),
    or None, to let debootstrap use its own default."""
    for path in (pathlib.Path("/etc/apt/sources.list.d/debian.sources"),
                 pathlib.Path("/etc/apt/sources.list")):  # fmt: skip
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            words = line.split()
            if words[:1] == ["URIs:"] and len(words) > 1 and "security" not in words[1]:
                return words[1]
            if words[:1] == ["deb"] and len(words) > 2 and "security" not in words[1]:
                return words[-3] if words[1].startswith("[") else words[1]
    return None


def _run(argv: list[str], timeout: float = 900) -> str:
    try:
        proc = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, check=False,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive", "PIP_CONFIG_FILE": os.devnull},
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise DebianRootError(f"{' '.join(argv)}: timed out after {timeout} s") from exc
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr)[-4000:]
        raise DebianRootError(f"{' '.join(argv)} failed (exit {proc.returncode}):\n{tail}")
    return proc.stdout


def is_complete(root: pathlib.Path) -> bool:
    """True when ``root`` was built for :data:`PACKAGES` and the pinned requests."""
    try:
        stamp = json.loads((root / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp == {"suite": SUITE, "packages": list(PACKAGES), "requests": PINNED_REQUESTS}


def ensure() -> pathlib.Path:
    """Build the pristine root if it is missing or stale; return its folder.

    Raises:
        DebianRootError: a step failed (debootstrap, the download, the index); the message
            holds the command and the end of its output.
    """
    root = cache_folder()
    if is_complete(root):
        return root
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    mirror = _mirror()
    _run(["debootstrap", "--variant=minbase", "--include=python3,sudo", SUITE, str(root),
          *([mirror] if mirror else [])])  # fmt: skip
    # The packages the pages install, downloaded into a local archive the root's apt reads.
    _run(["chroot", str(root), "apt-get", "install", "--download-only", "-y", *PACKAGES])
    debs = root / DEBS.lstrip("/")
    debs.mkdir(parents=True)
    for deb in (root / "var/cache/apt/archives").glob("*.deb"):
        shutil.move(deb, debs / deb.name)
    index = subprocess.run(
        ["dpkg-scanpackages", "--multiversion", "."], cwd=debs, capture_output=True, text=True,
        check=True, timeout=300,
    ).stdout  # fmt: skip
    (debs / "Packages").write_text(index, encoding="utf-8")
    for sources in (root / "etc/apt").glob("sources.list*"):
        if sources.is_file():
            sources.unlink()
    (root / "etc/apt/sources.list").write_text(
        f"deb [trusted=yes] file:{DEBS} ./\n", encoding="utf-8"
    )
    for lists in (root / "var/lib/apt/lists").glob("*_*"):
        lists.unlink()
    # requests for the root's own Python (pure wheels, but its dependencies' may not be).
    wheels = str(root / WHEELHOUSE.lstrip("/"))
    _run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
          "--only-binary=:all:", "--python-version", python_version(root), "--dest", wheels,
          f"requests=={PINNED_REQUESTS}"])  # fmt: skip
    (root / _STAMP).write_text(
        json.dumps({"suite": SUITE, "packages": list(PACKAGES), "requests": PINNED_REQUESTS}),
        encoding="utf-8",
    )
    return root


def python_version(root: pathlib.Path) -> str:
    """``MAJOR.MINOR`` of the root's ``python3`` (from its ``/usr/lib/python3.X``)."""
    found = sorted(p.name for p in (root / "usr/lib").glob("python3.*") if p.is_dir())
    return found[-1].removeprefix("python") if found else "unknown"


def copy_root(dest: pathlib.Path) -> pathlib.Path:
    """A throw-away copy of the pristine root (``cp -a``: devices, owners, links kept).

    Raises:
        DebianRootError: the pristine root is missing (the set-up did not build it).
    """
    root = cache_folder()
    if not is_complete(root):
        raise DebianRootError(f"no Debian root in {root}: the set-up builds it (as root)")
    _run(["cp", "-a", str(root), str(dest)], timeout=300)
    # The machine's name resolves, as on an installed Debian (else sudo warns on every call).
    with (dest / "etc" / "hosts").open("a", encoding="utf-8") as hosts:
        hosts.write(f"127.0.1.1\t{socket.gethostname()}\n")
    return dest
