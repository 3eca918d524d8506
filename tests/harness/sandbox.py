"""A journey's sandbox: its own home, temp and config folders, and a scrubbed environment.

Layout under the sandbox root (a fresh temporary folder per journey)::

    home/            HOME (USERPROFILE, APPDATA and LOCALAPPDATA on Windows)
    home/project/    the current folder: where the reader types ``python -m venv .venv``
    tmp/             TMPDIR, TEMP, TMP
    xdg/             XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME
    pip-cache/       PIP_CACHE_DIR
    shims/           python3, python3.X -> the target (macOS/Linux; READER_COMMANDS)
    tools/           venv-probe (last on PATH)
    probe.jsonl      what the probe recorded

The environment is built from an allow-list, not inherited: ``VIRTUAL_ENV``, ``CONDA_*``,
``PYTHONPATH``, ``PYTHONHOME``, ``BASH_ENV``, ``ENV`` and the machine's ``PIP_*`` settings never
reach the shell. ``PSModulePath`` is left out on purpose: inherited from PowerShell 7 (CI's
``shell: pwsh``) it makes Windows PowerShell 5.1 load 7's modules, which fail, so that even
``Write-Output`` is missing (PowerShell/PowerShell#27774); each PowerShell builds its own.
pip is pinned to the sandbox: ``PIP_CONFIG_FILE=os.devnull`` (no pip.conf is read at all),
``PIP_NO_INDEX`` + ``PIP_FIND_LINKS`` (the wheelhouse), and ``PIP_REQUIRE_VIRTUALENV`` so
that a snippet running pip on a base interpreter fails instead of writing into it.
"""

from __future__ import annotations

import os
import pathlib
import sys
from dataclasses import dataclass

from venv_guide.platforms import CURRENT_OS, msys_path

from .interpreters import Target

# FREEZE_CACHE_ENV names the folder a session's freeze probes share `pip freeze` outputs in:
# pytest's set-up (conftest.py) and the benchmark set it in the harness's environment, and each
# sandbox passes it on unless told otherwise.
from .probe import FREEZE_CACHE_ENV, PROBE_LOG_ENV

PROBE_SCRIPT = pathlib.Path(__file__).with_name("probe.py")

_KEEP_POSIX = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME")
_KEEP_WINDOWS = (
    "SYSTEMROOT",
    "SYSTEMDRIVE",
    "WINDIR",
    "COMSPEC",
    "PATHEXT",
    "PROGRAMFILES",
    "PROGRAMFILES(X86)",
    "PROGRAMW6432",
    "PROGRAMDATA",
    "COMMONPROGRAMFILES",
    "COMMONPROGRAMFILES(X86)",
    "COMMONPROGRAMW6432",
    "PROCESSOR_ARCHITECTURE",
    "NUMBER_OF_PROCESSORS",
    "OS",
    "USERNAME",
    "USERDOMAIN",
    "COMPUTERNAME",
    "DRIVERDATA",
    "PUBLIC",
    "ALLUSERSPROFILE",
)


#: The commands a reader's terminal has before any venv is active, per OS (``{minor}`` is the
#: target's ``3.X``); the sandbox's PATH gives exactly these, all running the target.
#:
#: * Linux: Debian's and Ubuntu's ``python3`` package installs ``/usr/bin/python3`` and
#:   ``/usr/bin/python3.X``; ``python`` exists only with the ``python-is-python3`` package and
#:   ``pip`` only with ``python3-pip``.
#: * macOS: the python.org installer puts ``python3`` and ``python3.X`` in
#:   ``/usr/local/bin`` and Homebrew's ``python@3.X`` puts them in its ``bin``; neither makes a
#:   plain ``python`` (Homebrew keeps unversioned names in ``libexec/bin``, off PATH). Both also
#:   make ``pip3``; the guide never uses it, so the sandbox leaves it out.
#: * Windows: the python.org installer puts ``py`` (the launcher) on PATH and, with "Add
#:   python.exe to PATH", ``python``; the harness puts the target's folder first on PATH and
#:   sets ``PY_PYTHON`` so ``py`` picks the target.
READER_COMMANDS: dict[str, tuple[str, ...]] = {
    "linux": ("python3", "python{minor}"),
    "macos": ("python3", "python{minor}"),
    "windows": ("py", "python"),
}


@dataclass(frozen=True)
class Sandbox:
    """A journey's folders and environment (see the module docstring).

    Attributes:
        root: the sandbox folder (resolved: no symlinks, long names on Windows).
        home: the reader's home folder.
        project: the current folder of the journey.
        probe_log: the probe's JSON-lines file.
        env: the complete environment of the shell process.
    """

    root: pathlib.Path
    home: pathlib.Path
    project: pathlib.Path
    probe_log: pathlib.Path
    env: dict[str, str]

    @property
    def venv(self) -> pathlib.Path:
        """The venv the guide creates: ``project/.venv``."""
        return self.project / ".venv"

    @property
    def venv_python(self) -> pathlib.Path:
        """The venv's interpreter (``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere)."""
        if CURRENT_OS == "windows":
            return self.venv / "Scripts" / "python.exe"
        return self.venv / "bin" / "python"


def _system_path(shell_dir: pathlib.Path | None) -> list[str]:
    """System folders the shells need (coreutils, ``which``, Git Bash's own tools)."""
    if CURRENT_OS == "windows":
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        folders = [
            os.path.join(root, "System32"),
            root,
            os.path.join(root, "System32", "Wbem"),
            os.path.join(root, "System32", "WindowsPowerShell", "v1.0"),
        ]
        if shell_dir is not None:
            folders.append(str(shell_dir))
            git_root = shell_dir.parent if shell_dir.name.lower() == "bin" else None
            if git_root is not None and (git_root / "usr" / "bin").is_dir():
                folders += [str(git_root / "usr" / "bin"), str(git_root / "cmd")]
        return folders
    folders = ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
    if sys.platform == "darwin":
        folders.insert(0, "/opt/homebrew/bin")
    if shell_dir is not None and str(shell_dir) not in folders:
        folders.append(str(shell_dir))
    return folders


def _install_probe(tools: pathlib.Path) -> None:
    """Write the ``venv-probe`` launchers: a POSIX sh script and, on Windows, a .cmd too.

    On Windows both run probe.py under the harness's interpreter (Git Bash finds the sh script);
    elsewhere the sh script runs it under the first ``python`` or ``python3`` on the reader's
    ``PATH`` (see probe.py).
    """
    tools.mkdir()
    python, script = sys.executable, str(PROBE_SCRIPT)
    if CURRENT_OS == "windows":
        (tools / "venv-probe.cmd").write_text(f'@"{python}" -I "{script}" %*\r\n', newline="")
        # Git Bash finds the extension-less script first; MSYS understands C:/ paths.
        python, script = python.replace("\\", "/"), script.replace("\\", "/")
        launcher = f"#!/bin/sh\nexec '{python}' -I '{script}' \"$@\"\n"
    else:
        # The reader's own `python` (else `python3`) runs the probe, so it reports on itself
        # without starting a second interpreter (probe.py). The harness's runs it when there
        # is none or that one cannot (a `python` that is Python 2 has no -I: the troubleshooting
        # page's journeys put one on PATH); probe.py then asks the reader's as a child.
        launcher = (
            "#!/bin/sh\n"
            "py=$(command -v python || command -v python3) &&\n"
            f'  "$py" -I \'{script}\' "$@" 2>/dev/null && exit 0\n'
            f"exec '{python}' -I '{script}' \"$@\"\n"
        )
    (tools / "venv-probe").write_text(launcher, newline="\n")
    (tools / "venv-probe").chmod(0o755)


def _install_shims(shims: pathlib.Path, target: Target) -> None:
    """Make the reader's commands (:data:`READER_COMMANDS`) in ``shims`` run the target.

    Symlinks: a venv created through one records the link's folder as ``home`` and still
    finds the standard library (CPython's getpath follows the link; measured 3.9-3.13).
    """
    shims.mkdir()
    for name in READER_COMMANDS[CURRENT_OS]:
        (shims / name.format(minor=target.minor)).symlink_to(target.executable)


def create(
    root: pathlib.Path,
    target: Target,
    wheelhouse: pathlib.Path,
    shell_executable: pathlib.Path | None,
    project: str = "project",
    freeze_cache: pathlib.Path | None = None,
    tools: pathlib.Path | None = None,
) -> Sandbox:
    """Lay out a sandbox in the empty folder ``root`` for a journey against ``target``.

    Args:
        root: an existing empty folder (e.g. pytest's ``tmp_path``).
        target: the interpreter ``python``/``python3``/``py`` must resolve to.
        wheelhouse: folder of wheels pip installs from.
        shell_executable: the shell that will run (its folder is added to ``PATH``), or None.
        project: the project folder's path below the home folder, ``/``-separated (a hostile
            path such as ``Jane Doé/my project`` tests quoting in the activation scripts).
        freeze_cache: an existing folder the probes share ``pip freeze`` outputs in; default:
            ``$VENV_GUIDE_FREEZE_CACHE`` of this process, else none (each journey runs its own).
        tools: the folder of the Other tools page's commands (:func:`tests.harness.tools.ensure`),
            for a journey that runs them: it goes on ``PATH`` after the reader's Python, with
            ``~/.local/bin`` (where pipx puts what it installs), and the tools' settings keep
            them offline and inside the sandbox (:func:`tests.harness.tools.sandbox_environment`).

    Returns:
        The :class:`Sandbox`.
    """
    root = root.resolve()
    home, tmp, xdg = root / "home", root / "tmp", root / "xdg"
    project_dir = home.joinpath(*project.split("/"))
    for folder in (
        home,
        project_dir,
        tmp,
        xdg / "config",
        xdg / "data",
        xdg / "cache",
        xdg / "state",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    _install_probe(root / "tools")
    keep = _KEEP_WINDOWS if CURRENT_OS == "windows" else _KEEP_POSIX
    upper = {k.upper(): v for k, v in os.environ.items()}
    env = {k: upper[k] for k in keep if k in upper}
    env.setdefault("LANG", "C.UTF-8")
    shell_dir = shell_executable.parent if shell_executable else None
    if CURRENT_OS == "windows":
        # `py` picks the target's version (PY_PYTHON: the launcher's documented default
        # setting); `python` is the target's own folder, first on PATH.
        first = [str(target.executable.parent)]
        env["PY_PYTHON"] = env["PY_PYTHON3"] = target.minor
        env["USERPROFILE"] = str(home)
        env["APPDATA"] = str(home / "AppData" / "Roaming")
        env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
        # Git Bash's bash.exe sets HOME from HOME if present; keep it the sandbox's.
    else:
        _install_shims(root / "shims", target)
        first = [str(root / "shims")]
    if tools is not None:
        first += [str(home / ".local" / "bin"), str(tools)]
    base_path = [*first, *_system_path(shell_dir), str(root / "tools")]
    env.update(
        {
            "HOME": str(home),
            "PATH": os.pathsep.join(base_path),
            "TMPDIR": str(tmp),
            "TEMP": str(tmp),
            "TMP": str(tmp),
            "TERM": "dumb",
            "XDG_CONFIG_HOME": str(xdg / "config"),
            "XDG_DATA_HOME": str(xdg / "data"),
            "XDG_CACHE_HOME": str(xdg / "cache"),
            "XDG_STATE_HOME": str(xdg / "state"),
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(wheelhouse),
            "PIP_CACHE_DIR": str(root / "pip-cache"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            "PIP_REQUIRE_VIRTUALENV": "1",
            PROBE_LOG_ENV: str(root / "probe.jsonl"),
        }
    )
    if tools is not None:
        from .tools import sandbox_environment  # noqa: PLC0415 (tools imports the wheelhouse)

        env.update(sandbox_environment(root, home, wheelhouse))
    freeze_cache = freeze_cache or os.environ.get(FREEZE_CACHE_ENV)
    if freeze_cache:
        env[FREEZE_CACHE_ENV] = str(freeze_cache)
    return Sandbox(
        root=root,
        home=home,
        project=project_dir,
        probe_log=root / "probe.jsonl",
        env=env,
    )


def project_spellings(sandbox: Sandbox) -> list[str]:
    """Every way a shell may print the sandbox's project folder, longest first (as
    :func:`home_spellings`)."""
    forms = {str(sandbox.project), os.path.realpath(sandbox.project)}
    if CURRENT_OS == "windows":
        forms |= {msys_path(f) for f in list(forms)} | {f.replace("\\", "/") for f in list(forms)}
    return sorted(forms, key=len, reverse=True)


def home_spellings(sandbox: Sandbox) -> list[str]:
    """Every way a shell may print the sandbox's home folder, longest first.

    Includes the resolved path, the path as given, and on Windows Git Bash's ``/c/...`` and
    the ``C:/...`` spelling.
    """
    forms = {str(sandbox.home), os.path.realpath(sandbox.home)}
    if CURRENT_OS == "windows":
        forms |= {msys_path(f) for f in list(forms)} | {f.replace("\\", "/") for f in list(forms)}
    return sorted(forms, key=len, reverse=True)
