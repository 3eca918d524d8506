"""The tools of the page Other tools (uv, virtualenv, pipx, pipenv, Poetry), as a reader has them.

The set-up (after the wheelhouse, tests/harness/wheelhouse.py) installs each tool at its pin
(:data:`tests.harness.journey.TOOLS`) into a venv of its own, from the wheelhouse with no network,
under the target that runs it: ``~/.cache/venv-guide/tools/TAG-DIGEST/TOOL`` (or
``$VENV_GUIDE_TOOLS``), and links their commands into one ``bin`` folder that a tool journey's
sandbox puts on ``PATH`` (:func:`sandbox_environment`). A journey then runs ``uv venv``,
``poetry install`` and the rest as a reader who installed them, with every cache, config and
data folder inside the sandbox and no network: each tool is told so by its own settings
(sources in the docstring of :func:`sandbox_environment`).
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess

from venv_guide.platforms import CURRENT_OS

from . import wheelhouse
from .interpreters import Target
from .journey import TOOLS

#: The commands each tool puts on PATH (its console scripts the pages use).
COMMANDS: dict[str, tuple[str, ...]] = {
    "uv": ("uv", "uvx"),
    "virtualenv": ("virtualenv",),
    "pipx": ("pipx",),
    "pipenv": ("pipenv",),
    "poetry": ("poetry",),
}
_STAMP = "installed.json"


class ToolError(Exception):
    """A tool could not be installed from the wheelhouse; the message is one line naming the
    tool, the version wanted and what fetches it."""


def cache_root() -> pathlib.Path:
    """The folder holding every target's tools (see the module docstring)."""
    configured = os.environ.get("VENV_GUIDE_TOOLS")
    if configured:
        return pathlib.Path(configured)
    return wheelhouse.cache_root().parent / "tools"


def folder(target: Target) -> pathlib.Path:
    """The tools of one target: its cache tag and a digest of the pins."""
    digest = hashlib.sha256(json.dumps(TOOLS, sort_keys=True).encode()).hexdigest()[:10]
    return cache_root() / f"{target.tag}-{digest}"


def bin_dir(target: Target) -> pathlib.Path:
    """The folder with every tool's commands (see :func:`ensure`)."""
    return folder(target) / "bin"


def _scripts(venv: pathlib.Path) -> pathlib.Path:
    return venv / ("Scripts" if CURRENT_OS == "windows" else "bin")


def _wheel_in(wheels: pathlib.Path, tool: str, version: str) -> bool:
    name = tool.replace("-", "_").lower()
    return any(p.name.lower().startswith(f"{name}-{version}-") for p in wheels.glob("*.whl"))


def ensure(target: Target, timeout: float = 600) -> pathlib.Path:
    """Install every tool of :data:`TOOLS` that is missing or at another version; return the
    ``bin`` folder.

    Raises:
        ToolError: the wheelhouse lacks a tool's wheel at its pin, the install failed, or the
            installed tool reports another version; the message names the tool, the version
            and ``make wheelhouse``, which fetches the wheels.
    """
    wheels = wheelhouse.folder(target)
    base = folder(target)
    bins = bin_dir(target)
    bins.mkdir(parents=True, exist_ok=True)
    for tool, version in TOOLS.items():
        venv = base / tool
        stamp = venv / _STAMP
        try:
            done = json.loads(stamp.read_text(encoding="utf-8")) == {tool: version}
        except (OSError, ValueError):
            done = False
        if not done:
            if not _wheel_in(wheels, tool, version):
                raise ToolError(
                    f"{tool} {version} is not in the wheelhouse {wheels}: `make wheelhouse` "
                    "fetches it (network)"
                )
            _install(target, venv, tool, version, wheels, timeout)
            stamp.write_text(json.dumps({tool: version}), encoding="utf-8")
        for command in COMMANDS[tool]:
            name = f"{command}.exe" if CURRENT_OS == "windows" else command
            link = bins / name
            if not link.exists():
                link.symlink_to(_scripts(venv) / name)
    return bins


def _install(
    target: Target,
    venv: pathlib.Path,
    tool: str,
    version: str,
    wheels: pathlib.Path,
    timeout: float,
) -> None:
    """A venv for ``tool`` and the tool in it, from ``wheels`` only; its version checked."""
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PIP_FIND_LINKS", None)
    steps = [
        [str(target.executable), "-m", "venv", "--clear", str(venv)],
        [str(_scripts(venv) / "python"), "-m", "pip", "install", "--quiet", "--no-index",
         "--find-links", str(wheels), f"{tool}=={version}"],
    ]  # fmt: skip
    for argv in steps:
        proc = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=timeout, check=False,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if proc.returncode != 0:
            tail = " ".join((proc.stdout + proc.stderr).split())[-300:]
            raise ToolError(
                f"{tool} {version}: installing from the wheelhouse failed ({tail}); "
                "`make wheelhouse` fetches the wheels (network)"
            )
    found = _reported_version(venv, tool)
    if found != version:
        raise ToolError(
            f"{tool}: the wheelhouse installed version {found}, not {version}: `make wheelhouse` "
            "fetches the pinned one (network)"
        )


def _reported_version(venv: pathlib.Path, tool: str) -> str:
    """The version the installed distribution says it is (importlib.metadata in its venv)."""
    code = f"import importlib.metadata as m; print(m.version({tool!r}))"
    proc = subprocess.run(
        [str(_scripts(venv) / "python"), "-c", code], capture_output=True, text=True,
        check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return proc.stdout.strip() or "unknown"


def sandbox_environment(root: pathlib.Path, home: pathlib.Path, wheels: pathlib.Path) -> dict:
    """What a tool journey adds to the sandbox's environment, so that each tool runs offline
    from the wheelhouse and keeps its caches, config and data in the sandbox.

    - uv: ``UV_OFFLINE``, ``UV_FIND_LINKS``, ``UV_NO_CONFIG``, ``UV_PYTHON_DOWNLOADS=never``,
      ``UV_CACHE_DIR`` (uv's docs, "Environment variables"; ``UV_NO_INDEX`` does not exist in
      0.13.9 and would be ignored, measured);
    - virtualenv (and pipenv, Poetry, which make their venvs with it):
      ``VIRTUALENV_NO_PERIODIC_UPDATE`` (else each run starts a background ``pip download``
      from PyPI, measured) and ``VIRTUALENV_OVERRIDE_APP_DATA``;
    - pipx: ``PIPX_HOME`` and ``PIPX_BIN_DIR`` are its defaults below the sandbox's home; its
      pip reads the sandbox's ``PIP_NO_INDEX``/``PIP_FIND_LINKS`` (its uv backend, when uv is on
      PATH, reads the uv settings above); ``PIPX_USE_EMOJI=0`` for plain text;
    - pipenv: ``PIPENV_PYPI_MIRROR``, a PEP 503 index of the wheelhouse as ``file:`` pages
      (without it its locker asks pypi.org, measured), ``PIPENV_NOSPIN``;
    - Poetry reads no such setting: the project's ``pyproject.toml`` names the source (the
      test serves the wheelhouse on 127.0.0.1);
    - the XDG folders are the reader's defaults below the sandbox's home, where the pages show
      the tools' folders.

    Args:
        root: the sandbox's root.
        home: the sandbox's home folder.
        wheels: the target's wheelhouse.
    """
    index = write_simple_index(root / "simple", wheels, lambda wheel: wheel.as_uri())
    # The reader's own folders: the tools' caches and venvs show at their default places
    # (~/.cache/pypoetry, ~/.local/share/virtualenvs), which the pages name as /home/you/...
    xdg = {
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
    }
    for folder in xdg.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {
        **{key: str(folder) for key, folder in xdg.items()},
        "UV_OFFLINE": "1",
        "UV_FIND_LINKS": str(wheels),
        "UV_NO_CONFIG": "1",
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_CACHE_DIR": str(root / "uv-cache"),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "VIRTUALENV_OVERRIDE_APP_DATA": str(root / "virtualenv-data"),
        "PIPX_USE_EMOJI": "0",
        "PIPENV_PYPI_MIRROR": index.as_uri() + "/",
        "PIPENV_NOSPIN": "1",
    }


def write_simple_index(dest: pathlib.Path, wheels: pathlib.Path, link) -> pathlib.Path:
    """A PEP 503 "simple" index of ``wheels`` in ``dest``: a page per project listing its
    wheels, each linked by ``link(wheel)`` (a ``file:`` URI, or an ``http://127.0.0.1`` one).

    Returns:
        ``dest``.
    """
    projects: dict[str, list[pathlib.Path]] = {}
    for wheel in sorted(wheels.glob("*.whl")):
        name = wheel.name.split("-", 1)[0].replace("_", "-").replace(".", "-").lower()
        projects.setdefault(name, []).append(wheel)
    dest.mkdir(parents=True, exist_ok=True)
    for name, found in projects.items():
        links = "".join(f'<a href="{link(w)}">{w.name}</a><br>\n' for w in found)
        (dest / name).mkdir(exist_ok=True)
        (dest / name / "index.html").write_text(
            f"<!DOCTYPE html><html><body>\n{links}</body></html>\n", encoding="utf-8"
        )
    return dest
