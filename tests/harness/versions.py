"""The versions the results record: each shell's, the OS's, and the tested git commit.

What each shell is asked (its own report of itself, or the package that installed it):

* bash (also Git Bash's), zsh, fish, tcsh: ``SHELL --version``, the first ``N.N[.N]`` of the
  first line (``GNU bash, version 5.2.15(1)-release`` -> ``5.2.15``;
  ``tcsh 6.24.07 (Astron) ...`` -> ``6.24.07``).
* ksh93 and mksh: ``$KSH_VERSION`` (ksh93 makes it a name for ``${.sh.version}``:
  ``Version AJM 93u+m/1.0.4 2022-10-22`` -> ``93u+m/1.0.4``;
  mksh: ``@(#)MIRBSD KSH R59 2023/04/29`` -> ``R59``).
* dash and BSD csh have no version flag or variable: the version of the Debian package that
  owns them (``dpkg-query -W -f '${Version}' dash`` -> ``0.5.12-2`` -> ``0.5.12``), else
  ``unknown``.
* cmd: ``ver`` (``Microsoft Windows [Version 10.0.20348.2340]`` -> ``10.0.20348.2340``).
* Windows PowerShell and pwsh: ``$PSVersionTable.PSVersion.ToString()``.

The OS: ``platform.freedesktop_os_release()`` ``PRETTY_NAME`` on Linux (``/etc/os-release``),
``macOS`` plus ``platform.mac_ver()`` on macOS, ``Windows`` plus ``platform.version()`` on
Windows. Nothing here raises for a shell that misbehaves: its version is ``unknown``.
"""

from __future__ import annotations

import pathlib
import platform
import re
import shutil
import subprocess
from collections.abc import Sequence

from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, Shell

UNKNOWN = "unknown"

_DOTTED = re.compile(r"\d+(?:\.\d+)+")
_KSH93 = re.compile(r"Version\s+\S+\s+(\S+)")
_MKSH = re.compile(r"MIRBSD KSH\s+(\S+)")


def _output(argv: Sequence[str], timeout: float = 15) -> str:
    """The stdout of ``argv`` ("" when it cannot be run, fails or times out)."""
    try:
        proc = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout if proc.returncode == 0 else ""


def parse_dotted(text: str) -> str:
    """The first ``N.N[.N...]`` of the first non-blank line of ``text`` (``unknown`` if none).

    >>> parse_dotted("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)")
    '5.2.15'
    """
    lines = [line for line in text.splitlines() if line.strip()]
    match = _DOTTED.search(lines[0]) if lines else None
    return match.group(0) if match else UNKNOWN


def parse_ksh_version(text: str) -> str:
    """The version in a ksh93 or mksh ``$KSH_VERSION`` (``unknown`` if it has neither form).

    >>> parse_ksh_version("Version AJM 93u+m/1.0.4 2022-10-22")
    '93u+m/1.0.4'
    >>> parse_ksh_version("@(#)MIRBSD KSH R59 2023/04/29 +Debian")
    'R59'
    """
    for pattern in (_KSH93, _MKSH):
        match = pattern.search(text)
        if match:
            return match.group(1)
    return UNKNOWN


def debian_package_version(package: str) -> str:
    """The upstream version of an installed Debian package (``0.5.12-2`` -> ``0.5.12``).

    Returns:
        ``unknown`` when ``dpkg-query`` is missing (not Debian/Ubuntu) or the package is not
        installed.
    """
    if shutil.which("dpkg-query") is None:
        return UNKNOWN
    version = _output(["dpkg-query", "-W", "-f", "${Version}", package]).strip()
    if not version:
        return UNKNOWN
    upstream = version.split(":", 1)[-1]  # drop an epoch
    return upstream.rsplit("-", 1)[0] if "-" in upstream else upstream


def shell_version(shell: Shell, executable: pathlib.Path) -> dict[str, str]:
    """Ask one shell for its version.

    Args:
        shell: the shell (``venv_guide.shells``).
        executable: its program on this machine (``shell.find()``).

    Returns:
        ``{"name": PROGRAM, "version": VERSION}``: the program's file name without ``.exe``
        (``dash``, ``bsd-csh``, ``pwsh``; ``bash`` for Git Bash) and the version as the module
        docstring describes, ``unknown`` when it cannot be told.
    """
    name = executable.name.removesuffix(".exe")
    # dash and BSD csh print no version: their Debian package's (the shell table's
    # version_packages; only where that program runs: on macOS `sh` may be another).
    package = dict(shell.version_packages).get(name)
    if package:
        version = debian_package_version(package)
    else:
        output = _output([str(executable), *shell.version_args])
        version = parse_ksh_version(output) if shell.version_form == "ksh" else parse_dotted(output)
    return {"name": name, "version": version}


def shell_versions() -> dict[str, dict[str, str]]:
    """``{shell key: {"name", "version"}}`` for every shell of ``SHELLS`` found on this machine."""
    found: dict[str, dict[str, str]] = {}
    for shell in SHELLS:
        executable = shell.find()
        if executable is not None:
            found[shell.key] = shell_version(shell, executable)
    return found


def os_version() -> str:
    """This machine's OS release, e.g. ``Debian GNU/Linux 12 (bookworm)``, ``macOS 15.1``,
    ``Windows 10.0.20348`` (``unknown`` when it cannot be told)."""
    if CURRENT_OS == "linux":
        try:
            return platform.freedesktop_os_release().get("PRETTY_NAME") or UNKNOWN
        except OSError:
            return UNKNOWN
    if CURRENT_OS == "macos":
        release = platform.mac_ver()[0]
        return f"macOS {release}" if release else UNKNOWN
    version = platform.version()
    return f"Windows {version}" if version else UNKNOWN


def git_state(folder: pathlib.Path) -> tuple[str, bool]:
    """The commit checked out in ``folder`` and whether its tree has changes.

    Returns:
        ``(git rev-parse HEAD, bool(git status --porcelain))``; ``("unknown", False)`` when
        git is missing or ``folder`` is not a git working tree.
    """
    git = shutil.which("git")
    if git is None:
        return UNKNOWN, False
    commit = _output([git, "-C", str(folder), "rev-parse", "HEAD"]).strip()
    if not commit:
        return UNKNOWN, False
    status = _output([git, "-C", str(folder), "status", "--porcelain"])
    return commit, bool(status.strip())
