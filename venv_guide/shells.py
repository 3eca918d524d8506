"""The shells, as data: how to find each one, start it, and weave the harness's lines in.

A journey is one shell process running one generated script: the text of the snippet sections,
line by line and unchanged, with the harness's own lines between them (markers on stdout, an
exit-status check after every snippet line, a probe call after every step). Each
:class:`Dialect` says how those harness lines are spelled in one shell language; each
:class:`Shell` says where that shell exists and how it is started.

Facts the table relies on:

* ``activate.csh`` reads ``$prompt`` and aborts with ``prompt: Undefined variable.`` in a
  non-interactive csh/tcsh (CPython ``Lib/venv/scripts/posix/activate.csh``); a reader's
  interactive shell always has ``$prompt``, so the csh prelude sets it.
* dash has no ``source`` (``source: not found``), so the ``sh`` tab uses ``.``.
* fish has no ``set -e``: the check after each line is ``or begin ... end``, which reads the
  previous line's ``$status``.
* A batch file that runs another batch file without ``call`` never returns to the caller
  (``help call``). At the prompt a reader needs no ``call``, so the cmd dialect puts ``call``
  before every snippet line; the rest of the line is the snippet's text.
* PowerShell is started with ``-NoProfile -NonInteractive -ExecutionPolicy Bypass -File``:
  no profile (hermetic), no prompts (stdin is closed), and the journey script itself may run
  whatever the machine's policy; the snippet's own ``Set-ExecutionPolicy ... -Scope Process``
  line still runs as the reader types it.
"""

from __future__ import annotations

import os
import pathlib
import shutil
from dataclasses import dataclass, field

from .platforms import CURRENT_OS, OS_LABELS

MARK = "@@vg"
FAIL_STATUS = 97


def marker(kind: str, value: str = "") -> str:
    """The text of a marker line the journey prints on stdout (``@@vg KIND VALUE@@``)."""
    return f"{MARK} {kind} {value}@@".replace(" @@", "@@")


@dataclass(frozen=True)
class Dialect:
    """How the harness's lines are spelled in one shell language.

    Attributes:
        name: ``posix``, ``fish``, ``csh``, ``cmd`` or ``powershell``.
        suffix: file suffix of the generated journey script.
        prelude: lines before the journey (harness-only settings).
        echo: template printing ``{text}`` (no quotes or ``%`` in text) on stdout.
        check: template run after each snippet line: on a non-zero status it prints
            ``@@vg fail {loc} STATUS@@`` and exits :data:`FAIL_STATUS`.
        check_fails: template run after a command that must fail (a step with ``fails``): a
            zero status prints ``@@vg succeeded {loc}@@`` and exits :data:`FAIL_STATUS`; a
            non-zero one prints ``@@vg status {loc} STATUS@@`` and the journey goes on.
        line_prefix: put before every snippet line (cmd's ``call``).
        newline: line ending of the generated script.
    """

    name: str
    suffix: str
    prelude: tuple[str, ...]
    echo: str
    check: str
    check_fails: str
    line_prefix: str = ""
    newline: str = "\n"

    def echo_marker(self, kind: str, value: str = "") -> str:
        """A script line printing :func:`marker`."""
        return self.echo.format(text=marker(kind, value))

    def check_line(self, loc: str) -> str:
        """The exit-status check placed after the command at ``loc`` (``FILE:LINE``)."""
        return self.check.format(loc=loc, status=FAIL_STATUS)

    def check_fails_line(self, loc: str) -> str:
        """The check after the command at ``loc`` when that command must fail."""
        return self.check_fails.format(loc=loc, status=FAIL_STATUS)


POSIX = Dialect(
    name="posix",
    suffix=".sh",
    prelude=(),
    echo="printf '%s\\n' '{text}'",
    check=(
        'vg_rc=$?; if [ "$vg_rc" -ne 0 ]; then '
        "printf '%s\\n' \"@@vg fail {loc} $vg_rc@@\"; exit {status}; fi"
    ),
    check_fails=(
        'vg_rc=$?; if [ "$vg_rc" -eq 0 ]; then '
        "printf '%s\\n' '@@vg succeeded {loc}@@'; exit {status}; fi; "
        "printf '%s\\n' \"@@vg status {loc} $vg_rc@@\""
    ),
)
FISH = Dialect(
    name="fish",
    suffix=".fish",
    prelude=(),
    echo="echo '{text}'",
    check='or begin; echo "@@vg fail {loc} $status@@"; exit {status}; end',
    check_fails=(
        "set vg_rc $status; if test $vg_rc -eq 0; echo '@@vg succeeded {loc}@@'; "
        'exit {status}; end; echo "@@vg status {loc} $vg_rc@@"'
    ),
)
CSH = Dialect(
    name="csh",
    suffix=".csh",
    # A reader's interactive csh/tcsh has $prompt; activate.csh needs it (see module docstring).
    prelude=("set prompt = '% '",),
    echo="echo '{text}'",
    check=(
        "set vg_rc = $status\n"
        "if ( $vg_rc != 0 ) then\n"
        'echo "@@vg fail {loc} $vg_rc@@"\n'
        "exit {status}\n"
        "endif"
    ),
    check_fails=(
        "set vg_rc = $status\n"
        "if ( $vg_rc == 0 ) then\n"
        "echo '@@vg succeeded {loc}@@'\n"
        "exit {status}\n"
        "endif\n"
        'echo "@@vg status {loc} $vg_rc@@"'
    ),
)
CMD = Dialect(
    name="cmd",
    suffix=".bat",
    prelude=("@echo off",),
    echo="echo {text}",
    # `if errorlevel 1` means ">= 1" and misses crashes (negative codes); %errorlevel% is
    # expanded when this line is parsed, i.e. after the snippet line above has run.
    check="if %errorlevel% neq 0 (echo @@vg fail {loc} %errorlevel%@@& exit /b {status})",
    check_fails=(
        "if %errorlevel% equ 0 (echo @@vg succeeded {loc}@@& exit /b {status}) "
        "else (echo @@vg status {loc} %errorlevel%@@)"
    ),
    line_prefix="call ",
    newline="\r\n",
)
POWERSHELL = Dialect(
    name="powershell",
    suffix=".ps1",
    prelude=("$ProgressPreference = 'SilentlyContinue'",),
    echo="Write-Output '{text}'",
    check='if (-not $?) {{ Write-Output "@@vg fail {loc} $LASTEXITCODE@@"; exit {status} }}',
    check_fails=(
        'if ($?) {{ Write-Output "@@vg succeeded {loc}@@"; exit {status} }} '
        'else {{ Write-Output "@@vg status {loc} $LASTEXITCODE@@" }}'
    ),
)


@dataclass(frozen=True)
class Shell:
    """One shell the harness runs journeys in.

    Attributes:
        key: test-id name (``bash``, ``sh``, ``ksh``, ``git-bash``, ``powershell``, ...).
        label: the site's content-tab label whose snippets it runs.
        snippets: snippet key of its per-shell files (``PAGE/KEY.EXT``, CONTRIBUTING.md).
        family: ``unix`` or ``windows``: which OS-level snippets it runs.
        dialect: how harness lines are spelled.
        executables: names (or absolute paths) to look for, first found wins.
        args: arguments before the script path.
        oses: where it exists (``linux``, ``macos``, ``windows``).
        required_in_ci: OSes where a missing executable fails the run when ``CI`` is set,
            because CI installs it (``.ci/run``, ``.github/workflows/tests.yml``).
        install_hint: how to install it, for the skip reason.
        min_target: the oldest target whose venv works in this shell (the site says so).
    """

    key: str
    label: str
    snippets: str
    family: str
    dialect: Dialect
    executables: tuple[str, ...]
    args: tuple[str, ...] = ()
    oses: tuple[str, ...] = ("linux", "macos")
    required_in_ci: tuple[str, ...] = ()
    install_hint: str = ""
    min_target: tuple[int, int] = (3, 10)
    notes: str = field(default="", compare=False)

    def find(self) -> pathlib.Path | None:
        """The executable's absolute path on this machine, or None."""
        if CURRENT_OS not in self.oses:
            return None
        if self.key == "git-bash":
            return _git_bash()
        for name in self.executables:
            found = shutil.which(name)
            if found:
                return pathlib.Path(found)
        return None

    def argv(self, executable: pathlib.Path, script: pathlib.Path) -> list[str]:
        """The command line that runs a journey script."""
        return [str(executable), *self.args, str(script)]

    def unavailable_reason(self) -> str:
        """Why this shell cannot run here (for a skip), naming where it does run."""
        where = ", ".join(f"{OS_LABELS[o]}" for o in self.oses)
        jobs = " and ".join(f"{o.replace('linux', 'ubuntu')}-latest" for o in self.oses)
        if CURRENT_OS not in self.oses:
            return (
                f"{self.key} runs on {where} only: the {jobs} jobs of "
                f".github/workflows/tests.yml run this journey"
            )
        hint = f" ({self.install_hint})" if self.install_hint else ""
        return f"{self.key} is not installed here{hint}; CI installs it and runs this journey"


def _git_bash() -> pathlib.Path | None:
    """Git for Windows' own bash (never WSL's ``System32\\bash.exe``)."""
    git = shutil.which("git")
    candidates = []
    if git:
        candidates.append(pathlib.Path(git).resolve().parents[1] / "bin" / "bash.exe")
    for root in (os.environ.get("PROGRAMFILES", r"C:\Program Files"), r"C:\Program Files"):
        candidates.append(pathlib.Path(root) / "Git" / "bin" / "bash.exe")
    return next((c for c in candidates if c.is_file()), None)


_PS_ARGS = ("-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File")

#: Every shell the harness knows, in the order journeys are listed.
SHELLS: tuple[Shell, ...] = (
    Shell(
        "bash",
        "bash",
        "bash",
        "unix",
        POSIX,
        ("bash",),
        ("--noprofile", "--norc"),
        required_in_ci=("linux", "macos"),
    ),
    Shell(
        "zsh",
        "zsh",
        "zsh",
        "unix",
        POSIX,
        ("zsh",),
        ("--no-rcs",),
        required_in_ci=("linux", "macos"),
        install_hint="apt-get install zsh",
    ),
    Shell(
        "sh",
        "sh (dash)",
        "sh",
        "unix",
        POSIX,
        ("dash", "sh"),
        required_in_ci=("linux", "macos"),
        install_hint="apt-get install dash",
        notes="dash on Debian/Ubuntu; on macOS /bin/dash, else /bin/sh",
    ),
    Shell(
        "ksh",
        "sh (dash)",
        "sh",
        "unix",
        POSIX,
        ("ksh", "ksh93"),
        required_in_ci=("linux", "macos"),
        install_hint="apt-get install ksh",
    ),
    Shell(
        "mksh",
        "sh (dash)",
        "sh",
        "unix",
        POSIX,
        ("mksh",),
        oses=("linux",),
        required_in_ci=("linux",),
        install_hint="apt-get install mksh",
    ),
    Shell(
        "fish",
        "fish",
        "fish",
        "unix",
        FISH,
        ("fish",),
        ("--no-config",),
        required_in_ci=("linux", "macos"),
        install_hint="apt-get install fish",
    ),
    Shell(
        "tcsh",
        "csh/tcsh",
        "csh",
        "unix",
        CSH,
        ("tcsh",),
        ("-f",),
        required_in_ci=("linux", "macos"),
        install_hint="apt-get install tcsh",
    ),
    Shell(
        "csh",
        "csh/tcsh",
        "csh",
        "unix",
        CSH,
        ("bsd-csh", "csh"),
        ("-f",),
        oses=("linux",),
        required_in_ci=("linux",),
        install_hint="apt-get install csh",
        notes="BSD csh; on macOS csh is tcsh, so only Linux runs it",
    ),
    Shell(
        "git-bash",
        "Git Bash",
        "git-bash",
        "windows",
        POSIX,
        ("bash.exe",),
        ("--noprofile", "--norc"),
        oses=("windows",),
        required_in_ci=("windows",),
        # Before 3.12, venv's `activate` sets VIRTUAL_ENV="C:\...", which Git Bash's PATH
        # splits at the colon; 3.12 converts it with cygpath (python/cpython#103088).
        min_target=(3, 12),
    ),
    Shell(
        "cmd",
        "cmd",
        "cmd",
        "windows",
        CMD,
        ("cmd.exe",),
        ("/d", "/c"),
        oses=("windows",),
        required_in_ci=("windows",),
    ),
    Shell(
        "powershell",
        "PowerShell",
        "powershell",
        "windows",
        POWERSHELL,
        ("powershell.exe",),
        _PS_ARGS,
        oses=("windows",),
        required_in_ci=("windows",),
        notes="Windows PowerShell 5.1",
    ),
    Shell(
        "pwsh",
        "PowerShell",
        "powershell",
        "windows",
        POWERSHELL,
        ("pwsh.exe", "pwsh"),
        _PS_ARGS,
        oses=("windows",),
        required_in_ci=("windows",),
        notes="PowerShell 7; on Linux/macOS it would run bin/Activate.ps1, which no tab shows",
    ),
)


def by_key(key: str) -> Shell:
    """The shell named ``key``; KeyError if there is none."""
    for shell in SHELLS:
        if shell.key == key:
            return shell
    raise KeyError(key)


def snippet_file(page: str, key: str) -> str:
    """Path, relative to snippets/, of a page's snippet for a key, e.g. ``activate/bash.sh``.

    Raises:
        KeyError: unknown key.
    """
    names = {
        "bash": "bash.sh",
        "zsh": "zsh.zsh",
        "sh": "sh.sh",
        "fish": "fish.fish",
        "csh": "csh.csh",
        "git-bash": "git-bash.sh",
        "cmd": "cmd.bat",
        "powershell": "powershell.ps1",
        "unix": "unix.sh",
        "windows": "windows.ps1",
        "any": "any.sh",
    }
    return f"{page}/{names[key]}"
