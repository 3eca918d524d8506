"""The shells, as data: how to find each one, start it, and speak to it.

A journey runs a reader's steps in one shell process, in one of two modes (:attr:`Shell.mode`):

* ``interactive`` (every macOS/Linux shell): the shell runs on a pseudo-terminal, started
  without rc files but otherwise with its default interactive options, and the harness types
  each line the reader pastes, then its own lines: a status line printing the exit status,
  and ``venv-probe STEP`` after each step. It waits for the prompt between lines, reads the
  prompt the shell draws (the harness sets a known one first, :data:`PROMPT`) and what each
  command printed (``tests/harness/runner.py``, ``tests/harness/terminal.py``).
* ``script``: the text of the snippet sections, line by line and unchanged, with the harness's
  lines woven in (markers on stdout, an exit-status check after every snippet line, a probe
  call after every step), run as one script. The Windows shells keep it: the harness drives a
  pseudo-terminal through POSIX ``pty`` only (Windows has ConPTY, which ``pexpect`` does not
  drive, and its console redraws the screen with cursor addressing), so :attr:`Shell.notes`
  says so for each.

Each :class:`Dialect` says how the harness's lines are spelled in one shell language; each
:class:`Shell` says where that shell exists and how it is started.

Facts the table relies on:

* Interactive shells differ from scripts where readers trip: zsh has no ``interactivecomments``
  (``# note`` answers ``zsh: command not found: #``), and csh/tcsh read ``#`` as a command at
  the prompt too (``#: Command not found.``); bash and csh expand history (``!``). The harness
  lines use none of ``#`` and ``!``, and no harness line turns an option on or off.
* ``activate.csh`` reads ``$prompt`` and aborts with ``prompt: Undefined variable.`` in a
  non-interactive csh/tcsh (CPython ``Lib/venv/scripts/posix/activate.csh``); an interactive
  one always has it.
* dash has no ``source`` (``source: not found``), so the ``sh`` tab uses ``.``.
* fish's ``$status`` holds the last command's exit status (fish has no ``$?``).
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
from dataclasses import dataclass

from .platforms import CURRENT_OS, OS_LABELS

MARK = "@@vg"
FAIL_STATUS = 97
#: The prompt an interactive journey sets before the reader's first line (``PS1``, fish's
#: ``fish_prompt``, csh's ``prompt``): text no command prints, so the harness can find it on
#: the screen and read what ``activate`` puts in front of it.
PROMPT = "@@vg-prompt@@ "
#: What every ``activate`` script this guide uses puts in front of the prompt: the venv's
#: folder name in parentheses (``python -m venv --prompt X`` changes it).
VENV_PROMPT = "(.venv) "


#: cmd.exe's default ``PATHEXT``, the runnable part (``.bat``, ``.cmd``, ``.com``, ``.exe``).
PATHEXT: tuple[str, ...] = (".bat", ".cmd", ".com", ".exe")


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
        set_prompt: interactive mode: the line that sets :data:`PROMPT`, typed before the
            journey. Its text splits the prompt with quotes, so its echo never shows it.
        status: interactive mode: the line typed after each reader's line; it prints
            ``@@vg status N@@``, N being the exit status of the line before (split with
            quotes, so the echo of the typed line never matches).
        continuation: interactive mode: the prompt the shell shows while it waits for the
            rest of a command continued with ``\\`` (PS2), or "" when it shows none.
        prompt_probe: script mode: a line printing ``@@vg prompt TEXT@@``, TEXT being the
            prompt the shell would show now, or "" (no prompt to read in a script).
        path_separators: the separators a path may use in this language on Windows: ``\\``
            in cmd.exe (which reads ``/Scripts`` as a switch), either in PowerShell, ``/`` in
            Git Bash's bash (which drops an unquoted backslash).
        implied_suffixes: the extensions the shell tries on Windows after a command name it
            does not find as written: cmd.exe's default ``PATHEXT``, PowerShell's ``.ps1``
            before it, the ``.exe`` MSYS2 adds.
        separator_hint: why a wrong separator fails, for the message ("" where both work).
    """

    name: str
    suffix: str
    prelude: tuple[str, ...]
    echo: str
    check: str
    check_fails: str
    line_prefix: str = ""
    newline: str = "\n"
    set_prompt: str = ""
    status: str = ""
    continuation: str = ""
    prompt_probe: str = ""
    path_separators: str = "/"
    implied_suffixes: tuple[str, ...] = ()
    separator_hint: str = ""

    @property
    def probe_call(self) -> str:
        """How a script of this language runs the probe: ``venv-probe``, or ``call venv-probe``
        where a batch file must ``call`` another (:attr:`line_prefix`)."""
        return f"{self.line_prefix}venv-probe"

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
    set_prompt="PS1='@@vg''-prompt@@ '",
    status='echo "@@vg"" status $?@@"',
    continuation="> ",
    implied_suffixes=(".exe",),
    separator_hint="Git Bash's bash drops an unquoted backslash: use forward slashes",
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
    set_prompt="function fish_prompt; printf '%s' '@@vg''-prompt@@ '; end",
    status='echo "@@vg"" status $status@@"',
)
CSH = Dialect(
    name="csh",
    suffix=".csh",
    # Script mode only: a reader's interactive csh/tcsh has $prompt; activate.csh needs it.
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
    set_prompt="set prompt = '@@vg''-prompt@@ '",
    status='echo "@@vg"" status $status@@"',
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
    path_separators="\\",
    implied_suffixes=PATHEXT,
    separator_hint="cmd.exe reads '/' as the start of a switch: use backslashes",
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
    # The prompt a reader's window would show: the `prompt` function's result, with what it
    # writes to the host (Activate.ps1's "(.venv) ", by Write-Host: the information stream 6).
    prompt_probe=(
        "Write-Output ('@@vg prompt ' + ((& { prompt } 6>&1 | ForEach-Object { \"$_\" }) "
        "-join '') + '@@')"
    ),
    path_separators="\\/",
    implied_suffixes=(".ps1", *PATHEXT),
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
        args: the shell's arguments: the whole command line after the executable in
            ``interactive`` mode, the arguments before the script's path in ``script`` mode.
        mode: ``interactive`` (typed into the shell on a pseudo-terminal) or ``script`` (one
            generated script file); see the module docstring.
        oses: where it exists (``linux``, ``macos``, ``windows``).
        required_in_ci: OSes where a missing executable fails the run when ``CI`` is set,
            because CI installs it (``.ci/run`` and ``.github/workflows/tests.yml`` install
            :attr:`debian_package` and :attr:`brew_package`: ``python3 -m venv_guide.shells
            apt-packages``, ``brew-packages``).
        debian_package: the Debian/Ubuntu package that installs it ("" for one every Debian
            has: bash, dash).
        brew_package: the Homebrew formula that installs it on macOS ("" for one macOS ships).
        min_target: the oldest target whose venv works in this shell (the site says so).
        default_on: the OSes (``windows``, ``macos``, ``linux``) whose terminal opens this
            shell on a fresh install: tabs.js selects its tab on a first visit, and the shell
            tabs list it first (:mod:`venv_guide.vocabulary`).
        version_args: the arguments that make it print its version.
        version_form: how to read that output: ``dotted`` (the first ``N.N[.N]``) or ``ksh``
            (``$KSH_VERSION``'s ``Version AJM 93u+m/1.0.4`` or ``MIRBSD KSH R59``).
        version_packages: ``(program, Debian package)`` pairs for a program that prints no
            version (dash, BSD csh): the package's version is read instead.
        before_activation: sections of its ``activate`` snippet a reader runs before
            activating (PowerShell: allow scripts in this window).
        has_source: False for a shell without ``source`` (dash: ``source: not found``, an
            error the site shows).
        words_like_tab: False for a shell that runs its tab's snippets but words its error
            messages otherwise than the shell the tab names (ksh and mksh, in the
            ``sh (dash)`` tab): a journey checks that the command fails, and compares no
            message.
        snippet_suffix: the extension of its snippet files when it is not its dialect's
            script suffix (zsh: ``zsh.zsh``, for the editors' syntax); see :func:`snippet_file`.
        poetry_knows: whether ``poetry env activate`` recognises the shell and prints its own
            activation command; Poetry names the shell from its process (shellingham), and for
            one it does not know (BSD csh, running as ``bsd-csh``) prints sh's (measured with
            Poetry 2.5.1).
        notes: the "why" column: why the entry is as it is (which executable, which
            arguments, why ``script`` mode). Shown in every journey's transcript; required
            for a shell in ``script`` mode (tests/test_journeys.py).
    """

    key: str
    label: str
    snippets: str
    family: str
    dialect: Dialect
    executables: tuple[str, ...]
    args: tuple[str, ...] = ()
    mode: str = "interactive"
    oses: tuple[str, ...] = ("linux", "macos")
    required_in_ci: tuple[str, ...] = ()
    debian_package: str = ""
    brew_package: str = ""
    min_target: tuple[int, int] = (3, 10)
    notes: str = ""
    default_on: tuple[str, ...] = ()
    version_args: tuple[str, ...] = ("--version",)
    version_form: str = "dotted"
    version_packages: tuple[tuple[str, str], ...] = ()
    before_activation: tuple[str, ...] = ()
    has_source: bool = True
    words_like_tab: bool = True
    poetry_knows: bool = True
    snippet_suffix: str = ""

    @property
    def install_hint(self) -> str:
        """How to install it, for a skip reason: ``apt-get install zsh`` (on Linux)."""
        return f"apt-get install {self.debian_package}" if self.debian_package else ""

    @property
    def interactive(self) -> bool:
        """True when the journey is typed into the shell on a pseudo-terminal."""
        return self.mode == "interactive"

    def runs_file(self, file: str) -> bool:
        """Whether this shell runs snippet ``file`` (``PAGE/NAME.EXT``, or any path ending so):
        a file named for its own snippets (``bash.sh``), its family (``unix.sh``,
        ``windows.ps1``) or ``any`` (CONTRIBUTING.md, "Snippet files")."""
        return pathlib.PurePath(file).stem in (self.snippets, self.family, "any")

    @property
    def virtualenv_changes_prompt(self) -> bool:
        """Whether virtualenv's ``activate`` puts ``(NAME)`` in front of this shell's prompt.

        Its POSIX script sets ``PS1`` only under bash or zsh (``BASH_VERSION``/``ZSH_VERSION``:
        virtualenv 21 ``activation/bash/activate.sh``); fish and csh have scripts of their own,
        which set the prompt. CPython's and uv's scripts set it in every POSIX shell.
        """
        return self.dialect is not POSIX or self.key in ("bash", "zsh")

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

    def argv(self, executable: pathlib.Path, script: pathlib.Path | None = None) -> list[str]:
        """The command line that starts the shell (``script`` mode: that runs ``script``)."""
        tail = [str(script)] if script is not None and not self.interactive else []
        return [str(executable), *self.args, *tail]

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
_WINDOWS_SCRIPT_MODE = (
    "script mode: the harness drives a terminal through POSIX pty only, and Windows consoles "
    "(ConPTY) redraw with cursor addressing that a line-by-line reading cannot follow"
)

#: Every shell the harness knows, in the order journeys are listed.
SHELLS: tuple[Shell, ...] = (
    Shell(
        key="bash",
        label="bash",
        snippets="bash",
        family="unix",
        dialect=POSIX,
        executables=("bash",),
        args=("--noprofile", "--norc", "-i"),
        required_in_ci=("linux", "macos"),
        notes="no profile or bashrc; history expansion on, as in a reader's bash",
        default_on=("linux",),
    ),
    Shell(
        key="zsh",
        label="zsh",
        snippets="zsh",
        family="unix",
        dialect=POSIX,
        executables=("zsh",),
        args=("--no-rcs", "-i"),
        required_in_ci=("linux", "macos"),
        notes="no rc files (only /etc/zshenv); no interactivecomments: `#` lines fail",
        debian_package="zsh",
        default_on=("macos",),
        snippet_suffix=".zsh",
    ),
    Shell(
        key="sh",
        label="sh (dash)",
        snippets="sh",
        family="unix",
        dialect=POSIX,
        executables=("dash", "sh"),
        args=("-i",),
        required_in_ci=("linux", "macos"),
        notes="dash on Debian/Ubuntu and macOS (/bin/dash), else /bin/sh; ENV is unset",
        version_packages=(("dash", "dash"),),
        has_source=False,
    ),
    Shell(
        key="ksh",
        label="sh (dash)",
        snippets="sh",
        family="unix",
        dialect=POSIX,
        executables=("ksh", "ksh93"),
        args=("-i",),
        required_in_ci=("linux", "macos"),
        notes="ksh93 runs the sh tab; ENV unset and the sandbox's HOME has no .kshrc",
        debian_package="ksh",
        version_args=("-c", 'echo "$KSH_VERSION"'),
        version_form="ksh",
        words_like_tab=False,
    ),
    Shell(
        key="mksh",
        label="sh (dash)",
        snippets="sh",
        family="unix",
        dialect=POSIX,
        executables=("mksh",),
        args=("-i",),
        oses=("linux",),
        required_in_ci=("linux",),
        notes="runs the sh tab; ENV unset and the sandbox's HOME has no .mkshrc",
        debian_package="mksh",
        version_args=("-c", 'echo "$KSH_VERSION"'),
        version_form="ksh",
        words_like_tab=False,
    ),
    Shell(
        key="fish",
        label="fish",
        snippets="fish",
        family="unix",
        dialect=FISH,
        executables=("fish",),
        args=("--no-config", "-i"),
        required_in_ci=("linux", "macos"),
        notes="no config files; the prompt is the fish_prompt function",
        debian_package="fish",
        brew_package="fish",
    ),
    Shell(
        key="tcsh",
        label="csh/tcsh",
        snippets="csh",
        family="unix",
        dialect=CSH,
        executables=("tcsh",),
        args=("-f", "-i"),
        required_in_ci=("linux", "macos"),
        notes="-f: no .tcshrc or .cshrc; `#` at the prompt is a command",
        debian_package="tcsh",
    ),
    Shell(
        key="csh",
        label="csh/tcsh",
        snippets="csh",
        family="unix",
        dialect=CSH,
        executables=("bsd-csh", "csh"),
        args=("-f", "-i"),
        oses=("linux",),
        required_in_ci=("linux",),
        notes="BSD csh; on macOS csh is tcsh, so only Linux runs it",
        poetry_knows=False,
        debian_package="csh",
        version_packages=(("bsd-csh", "csh"), ("csh", "csh")),
    ),
    Shell(
        key="cmd",
        label="cmd",
        snippets="cmd",
        family="windows",
        dialect=CMD,
        executables=("cmd.exe",),
        args=("/d", "/c"),
        mode="script",
        oses=("windows",),
        required_in_ci=("windows",),
        notes=f"/d: no AutoRun commands; {_WINDOWS_SCRIPT_MODE}",
        version_args=("/d", "/c", "ver"),
    ),
    Shell(
        key="git-bash",
        label="Git Bash",
        snippets="git-bash",
        family="windows",
        dialect=POSIX,
        executables=("bash.exe",),
        args=("--noprofile", "--norc"),
        mode="script",
        oses=("windows",),
        required_in_ci=("windows",),
        # Before 3.12, venv's `activate` sets VIRTUAL_ENV="C:\...", which Git Bash's PATH
        # splits at the colon; 3.12 converts it with cygpath (python/cpython#103088).
        min_target=(3, 12),
        notes=f"Git for Windows' own bash.exe (never WSL's); {_WINDOWS_SCRIPT_MODE}",
    ),
    Shell(
        key="powershell",
        label="PowerShell",
        snippets="powershell",
        family="windows",
        dialect=POWERSHELL,
        executables=("powershell.exe",),
        args=_PS_ARGS,
        mode="script",
        oses=("windows",),
        required_in_ci=("windows",),
        notes=f"Windows PowerShell 5.1; {_WINDOWS_SCRIPT_MODE}",
        default_on=("windows",),
        version_args=("-NoLogo", "-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"),
        before_activation=("policy-process",),
    ),
    Shell(
        key="pwsh",
        label="PowerShell",
        snippets="powershell",
        family="windows",
        dialect=POWERSHELL,
        executables=("pwsh.exe", "pwsh"),
        args=_PS_ARGS,
        mode="script",
        oses=("windows",),
        required_in_ci=("windows",),
        notes=(
            "PowerShell 7 (on Linux/macOS it would run bin/Activate.ps1, which no tab shows); "
            + _WINDOWS_SCRIPT_MODE
        ),
        version_args=("-NoLogo", "-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"),
        before_activation=("policy-process",),
    ),
)


def by_key(key: str) -> Shell:
    """The shell named ``key``; KeyError if there is none."""
    for shell in SHELLS:
        if shell.key == key:
            return shell
    raise KeyError(key)


#: The snippet file of each OS family and of every shell on every OS (CONTRIBUTING.md).
FAMILY_FILES: dict[str, str] = {"unix": "unix.sh", "windows": "windows.ps1", "any": "any.sh"}


def snippet_file(page: str, key: str) -> str:
    """Path, relative to snippets/, of a page's snippet for a key, e.g. ``activate/bash.sh``:
    a shell's ``snippets`` key with its suffix (:attr:`Shell.snippet_suffix`, else its
    dialect's), or a family's file (:data:`FAMILY_FILES`).

    Raises:
        KeyError: unknown key.
    """
    if key in FAMILY_FILES:
        return f"{page}/{FAMILY_FILES[key]}"
    shell = next((s for s in SHELLS if s.snippets == key), None)
    if shell is None:
        raise KeyError(key)
    return f"{page}/{key}{shell.snippet_suffix or shell.dialect.suffix}"


def apt_packages() -> list[str]:
    """The Debian packages CI installs so that every shell that runs on Linux can run."""
    return sorted({s.debian_package for s in SHELLS if "linux" in s.oses and s.debian_package})


def brew_packages() -> list[str]:
    """The Homebrew formulas CI installs on macOS (the shells macOS does not ship)."""
    return sorted({s.brew_package for s in SHELLS if "macos" in s.oses and s.brew_package})


def main(argv: list[str] | None = None) -> int:
    """``python3 -m venv_guide.shells apt-packages|brew-packages``: print the packages CI
    installs, one line, space-separated (the shell table is their one source)."""
    import sys  # noqa: PLC0415

    args = sys.argv[1:] if argv is None else argv
    lists = {"apt-packages": apt_packages, "brew-packages": brew_packages}
    if len(args) != 1 or args[0] not in lists:
        print(f"usage: python3 -m venv_guide.shells {'|'.join(lists)}", file=sys.stderr)
        return 2
    print(" ".join(lists[args[0]]()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
