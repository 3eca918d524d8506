"""What ``python -m venv DIR`` puts in DIR on Windows and on macOS/Linux, for checking the
paths snippets name.

Source: CPython's ``Lib/venv/__init__.py`` (read at python/cpython commit 2373670, 3.14 era;
the same layout since 3.9 unless noted) and the scripts it installs from ``Lib/venv/scripts/``:

* ``EnvBuilder.ensure_directories``: the scripts folder and site-packages come from
  sysconfig's ``venv`` scheme, which on Windows is ``nt_venv`` (``Lib/sysconfig``):
  ``'scripts': '{base}/Scripts'``, ``'purelib'``/``'platlib': '{base}/Lib/site-packages'``;
  the include folder is ``Include`` (``'Include' if os.name == 'nt'``). There is no ``bin``.
* ``create_configuration``: ``pyvenv.cfg``; ``create_git_ignore_file``: ``.gitignore``
  (3.13+, ``scm_ignore_files``).
* ``setup_python`` on ``nt``: copies the launchers as ``Scripts\\python.exe`` and
  ``Scripts\\pythonw.exe`` (``copy_sources``); there is no ``python3.exe`` (debug builds add
  ``python_d.exe``, free-threaded builds ``python3.Xt.exe``: neither is a reader's venv).
* ``setup_scripts``/``install_scripts``: every file of ``scripts/common`` and ``scripts/nt``
  goes into ``Scripts``: ``activate`` (bash, for Git Bash), ``Activate.ps1``,
  ``activate.bat``, ``deactivate.bat``, and ``activate.fish`` from 3.13 on.
* ``_setup_pip`` runs ``ensurepip``, whose bundled pip wheel installs pip's console scripts
  ``pip``, ``pip3`` and ``pip3.X`` as ``Scripts\\pip.exe``, ``pip3.exe``, ``pip3.X.exe``.

Anything below ``Lib\\site-packages`` is accepted: what is there depends on what was installed.
"""

from __future__ import annotations

import re

#: Every path a fresh Windows venv has, relative to the venv folder (``/`` separators, folders
#: end in ``/``, spelled as CPython writes them), with where CPython makes it.
WINDOWS_VENV: dict[str, str] = {
    "pyvenv.cfg": "create_configuration()",
    ".gitignore": "create_git_ignore_file(), Python 3.13+",
    "Include/": "ensure_directories(): 'Include' on nt",
    "Lib/": "sysconfig nt_venv scheme: purelib {base}/Lib/site-packages",
    "Lib/site-packages/": "sysconfig nt_venv scheme: purelib, platlib",
    "Scripts/": "sysconfig nt_venv scheme: scripts {base}/Scripts",
    "Scripts/python.exe": "setup_python() on nt (venvlauncher.exe copied)",
    "Scripts/pythonw.exe": "setup_python() on nt (venvwlauncher.exe copied)",
    "Scripts/activate": "install_scripts(): Lib/venv/scripts/common/activate",
    "Scripts/Activate.ps1": "install_scripts(): Lib/venv/scripts/common/Activate.ps1",
    "Scripts/activate.bat": "install_scripts(): Lib/venv/scripts/nt/activate.bat",
    "Scripts/deactivate.bat": "install_scripts(): Lib/venv/scripts/nt/deactivate.bat",
    "Scripts/activate.fish": "install_scripts(): Lib/venv/scripts/common/activate.fish, 3.13+",
    "Scripts/pip.exe": "ensurepip: pip's console script 'pip'",
    "Scripts/pip3.exe": "ensurepip: pip's console script 'pip3'",
}

#: Paths matched by pattern instead (case-insensitive, relative, ``/`` separators).
_WINDOWS_VENV_PATTERNS = (
    re.compile(r"scripts/pip3\.\d+\.exe", re.IGNORECASE),  # ensurepip: 'pip3.X'
    re.compile(r"lib/site-packages/.+", re.IGNORECASE),  # whatever pip installed
)

_BY_FOLDED = {entry.rstrip("/").lower(): entry for entry in WINDOWS_VENV}


def windows_entry(parts: list[str], implied_suffixes: tuple[str, ...] = ()) -> str | None:
    """The layout entry a path inside a Windows venv names, or None if a venv has no such path.

    Args:
        parts: the path's components below the venv folder, e.g. ``["Scripts", "python"]``.
        implied_suffixes: extensions the shell tries after a name that is not found as given,
            e.g. ``(".exe",)`` for Git Bash or cmd.exe's ``PATHEXT`` (``".bat"``...).

    Returns:
        The :data:`WINDOWS_VENV` key (``"Scripts/python.exe"``), or the path itself for a
        pattern match; compared ignoring case, as NTFS does. None when no entry fits.
    """
    rel = "/".join(parts)
    for candidate in (rel, *(rel + suffix for suffix in implied_suffixes)):
        folded = candidate.lower()
        if folded in _BY_FOLDED:
            return _BY_FOLDED[folded]
        if any(p.fullmatch(folded) for p in _WINDOWS_VENV_PATTERNS):
            return candidate
    return None


def windows_missing(parts: list[str]) -> str:
    """Why a Windows venv has no ``parts`` (for a message), naming what it has instead."""
    where = "its programs and activate scripts are in 'Scripts'"
    return _missing(parts, WINDOWS_VENV, "a Windows venv", ("Scripts", "bin"), "pip3.X.exe", where,
                    fold_case=True)  # fmt: skip


def _missing(
    parts: list[str],
    layout: dict[str, str],
    venv: str,
    folders: tuple[str, str],
    more: str,
    where: str,
    *,
    fold_case: bool,
) -> str:
    """Why ``venv`` (a venv of ``layout``) has no ``parts``, naming what it has instead.

    Args:
        parts: the path's components below the venv folder.
        layout: :data:`WINDOWS_VENV` or :data:`POSIX_VENV`.
        venv: how the message names the venv ("a Windows venv").
        folders: its programs folder and the other OS's, which it lacks ("Scripts", "bin");
            a path through the other one is named whatever its case.
        more: the programs matched by pattern, for the list ("pip3.X.exe").
        where: the end of the message for a path through the other OS's folder.
        fold_case: whether the file system ignores case (NTFS does).
    """
    folder, other = folders
    if parts[0].lower() == other.lower():
        return f"{venv} has no {other!r} folder: {where}"
    top = parts[0].lower() if fold_case else parts[0]
    if top == (folder.lower() if fold_case else folder) and len(parts) > 1:
        inside = f"{folder}/"
        names = sorted(
            e.removeprefix(inside) for e in layout if e.startswith(inside) and e != inside
        )
        return (
            f"{venv}'s {folder} folder has no {'/'.join(parts[1:])!r} "
            f"(it has {', '.join(names)}, {more})"
        )
    tops = sorted({e.split("/", 1)[0] + ("/" if "/" in e else "") for e in layout})
    return f"{venv} has no {'/'.join(parts)!r} (its top level: {', '.join(tops)})"


#: Every path a fresh macOS/Linux venv has, relative to the venv folder, with where CPython
#: makes it (``Lib/venv/__init__.py``, as above; measured with pyenv's 3.9 and 3.13 on Linux):
#: the ``posix_venv`` scheme's ``bin`` and ``lib/python3.X/site-packages``, ``include``;
#: ``setup_python`` on posix links ``python``, ``python3`` and ``python3.X``;
#: ``install_scripts`` copies ``scripts/common`` (``activate``, ``Activate.ps1``, and
#: ``activate.fish`` from 3.13) and ``scripts/posix`` (``activate.csh``; ``activate.fish``
#: before 3.13).
POSIX_VENV: dict[str, str] = {
    "pyvenv.cfg": "create_configuration()",
    ".gitignore": "create_git_ignore_file(), Python 3.13+",
    "include/": "ensure_directories(): 'include' on posix",
    "lib/": "sysconfig posix_venv scheme: purelib {base}/lib/python3.X/site-packages",
    "lib64": "ensure_directories(): a link to lib on 64-bit Linux",
    "bin/": "sysconfig posix_venv scheme: scripts {base}/bin",
    "bin/python": "setup_python() on posix",
    "bin/python3": "setup_python() on posix",
    "bin/activate": "install_scripts(): Lib/venv/scripts/common/activate",
    "bin/Activate.ps1": "install_scripts(): Lib/venv/scripts/common/Activate.ps1",
    "bin/activate.fish": "install_scripts(): scripts/common (3.13+) or scripts/posix",
    "bin/activate.csh": "install_scripts(): Lib/venv/scripts/posix/activate.csh",
    "bin/pip": "ensurepip: pip's console script 'pip'",
    "bin/pip3": "ensurepip: pip's console script 'pip3'",
}

#: Paths matched by pattern instead (case-sensitive, as the file systems of Linux are).
_POSIX_VENV_PATTERNS = (
    re.compile(r"bin/python3\.\d+"),  # setup_python(): python3.X
    re.compile(r"bin/pip3\.\d+"),  # ensurepip: 'pip3.X'
    re.compile(r"lib/python3\.\d+/(site-packages(/.+)?)?"),  # whatever pip installed
)


def posix_entry(parts: list[str]) -> str | None:
    """The layout entry a path inside a macOS/Linux venv names, or None if it has no such path.

    Args:
        parts: the path's components below the venv folder, e.g. ``["bin", "activate"]``.

    Returns:
        The :data:`POSIX_VENV` key (``"bin/activate"``), or the path itself for a pattern
        match. None when no entry fits.
    """
    rel = "/".join(parts)
    for entry in POSIX_VENV:
        if entry.rstrip("/") == rel:
            return entry
    return rel if any(p.fullmatch(rel) for p in _POSIX_VENV_PATTERNS) else None


def posix_missing(parts: list[str]) -> str:
    """Why a macOS/Linux venv has no ``parts`` (for a message), naming what it has instead."""
    return _missing(parts, POSIX_VENV, "a macOS/Linux venv", ("bin", "Scripts"),
                    "python3.X, pip3.X", "its programs are in 'bin'", fold_case=False)  # fmt: skip
