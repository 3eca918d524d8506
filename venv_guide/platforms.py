"""Which operating system the harness runs on, and path spellings the shells use there."""

from __future__ import annotations

import os
import re
import sys

#: ``linux``, ``macos`` or ``windows``: the OS names the results and content tabs use.
CURRENT_OS = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")

#: The content-tab label of each OS (CONTRIBUTING.md).
OS_LABELS = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}

#: The home folder the site's example output shows, per OS (and Git Bash's spelling of it).
SAMPLE_HOMES = {
    "linux": "/home/you",
    "macos": "/Users/you",
    "windows": "C:\\Users\\you",
}

_MSYS_PATH = re.compile(r"^/([a-zA-Z])(/.*)?$")


def msys_path(path: str) -> str:
    """Spell a Windows path the way Git Bash (MSYS2) does: ``C:\\a\\b`` -> ``/c/a/b``.

    Source: MSYS2's path conversion (cygpath -u), used by CPython's ``activate`` on
    Git Bash since 3.12 (gh-103088).
    """
    drive, rest = os.path.splitdrive(path)
    if not drive or len(drive) != 2:
        return path.replace("\\", "/")
    return "/" + drive[0].lower() + rest.replace("\\", "/")


def native_path(path: str) -> str:
    """Undo :func:`msys_path` on Windows (``/c/a/b`` -> ``C:\\a\\b``); elsewhere return ``path``."""
    if CURRENT_OS != "windows":
        return path
    match = _MSYS_PATH.match(path)
    if not match:
        return path
    return match.group(1).upper() + ":" + (match.group(2) or "\\").replace("/", "\\")


def same_path(a: str | os.PathLike[str] | None, b: str | os.PathLike[str] | None) -> bool:
    """True when two paths name the same file or folder (symlinks, case and MSYS spelling folded).

    A path that does not exist is compared by its normalized absolute spelling.
    """
    if a is None or b is None:
        return False
    a, b = native_path(os.fspath(a)), native_path(os.fspath(b))
    try:
        return os.path.samefile(a, b)
    except OSError:
        norm = lambda p: os.path.normcase(os.path.realpath(p))  # noqa: E731
        return norm(a) == norm(b)


def is_inside(path: str | os.PathLike[str] | None, folder: str | os.PathLike[str]) -> bool:
    """True when ``path`` lies inside ``folder`` (after resolving symlinks and MSYS spelling)."""
    if path is None:
        return False
    # Resolve the folder, not the file: a venv's bin/python is a symlink to its base.
    head, tail = os.path.split(native_path(os.fspath(path)))
    p = os.path.normcase(os.path.join(os.path.realpath(head), tail))
    f = os.path.normcase(os.path.realpath(os.fspath(folder)))
    return p == f or p.startswith(f.rstrip(os.sep) + os.sep)
