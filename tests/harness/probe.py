"""``venv-probe STEP [--freeze]``: record what a reader's shell would run, as one JSON line.

The harness puts a ``venv-probe`` launcher on the journey's ``PATH`` (last, so it shadows
nothing) and calls it between steps. It is an external program, so it works the same from
every shell, and it sees exactly the environment the shell exports. It appends to the file named
by ``VENV_GUIDE_PROBE_LOG`` one JSON object::

    {"step": "activate", "cwd": ..., "path": [...], "virtual_env": "..." | null,
     "python": "/.../.venv/bin/python" | null,     # first `python` on PATH (PATHEXT on Windows)
     "python3": ... | null,
     "interpreter_command": "python" | "python3",  # the one that ran: `python` if on PATH
     "interpreter": {"prefix", "base_prefix", "executable", "version", "requests",
                     "requests_version"} | null,    # what that `python` reports
     "venv": {"exists", "pyvenv_cfg", "gitignore", "requests", "pip"},  # ./.venv now
     "requirements_txt": "..." | null,              # ./requirements.txt, decoded
     "pip_freeze": "..." | null}                    # with --freeze: `python -m pip freeze`

``requests`` is where ``import requests`` would load from (None when not importable).
This file runs under the harness's interpreter with ``-I``; it imports only the standard library.
"""

import glob
import json
import os
import shutil
import subprocess
import sys

_REPORT = r"""
import importlib.util, json, sys
try:
    from importlib.metadata import version, PackageNotFoundError
except ImportError:
    version = None
spec = importlib.util.find_spec("requests")
try:
    requests_version = version("requests") if version and spec else None
except Exception:
    requests_version = None
print(json.dumps({
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "executable": sys.executable,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "requests": spec.origin if spec else None,
    "requests_version": requests_version,
}))
"""


def _which(name, path):
    # Search PATH only: the project folder holds no `python` of its own (cmd would look there
    # first; PowerShell and POSIX shells would not), and shutil.which's own current-folder
    # rule differs between Python versions on Windows.
    for folder in path.split(os.pathsep):
        if folder:
            found = shutil.which(name, path=folder)
            if found:
                return found
    return None


def _read(path):
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    # Windows PowerShell 5.1's `>` writes UTF-16 with a byte-order mark.
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8", errors="replace")


def _pip_version(venv):
    """The version of pip installed in the venv (from its .dist-info folder), or None."""
    patterns = ("lib/python*/site-packages/pip-*.dist-info", "Lib/site-packages/pip-*.dist-info")
    for pattern in patterns:
        for found in glob.glob(os.path.join(venv, pattern)):
            return os.path.basename(found)[len("pip-") : -len(".dist-info")]
    return None


def _venv_state(venv):
    patterns = ("lib/python*/site-packages/requests", "Lib/site-packages/requests")
    return {
        "exists": os.path.isdir(venv),
        "pyvenv_cfg": _read(os.path.join(venv, "pyvenv.cfg")),
        "gitignore": _read(os.path.join(venv, ".gitignore")),
        "requests": any(glob.glob(os.path.join(venv, p)) for p in patterns),
        "pip": _pip_version(venv),
    }


def _output(argv, timeout, label):
    """(stdout or None, error message or None) of a command run with stdin closed."""
    try:
        proc = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, label + repr(exc)
    if proc.returncode != 0:
        return None, f"{label}exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"
    return proc.stdout, None


def main(argv):
    step = argv[1] if len(argv) > 1 else "?"
    path = os.environ.get("PATH", "")
    record = {
        "step": step,
        "cwd": os.getcwd(),
        "path": path.split(os.pathsep),
        "virtual_env": os.environ.get("VIRTUAL_ENV") or None,
        "python": _which("python", path),
        "python3": _which("python3", path),
        "interpreter": None,
        "error": None,
        "venv": _venv_state(os.path.join(os.getcwd(), ".venv")),
        "requirements_txt": _read("requirements.txt"),
        "pip_freeze": None,
    }
    # A reader's macOS or Linux has no `python` before activation: ask `python3` then.
    command = "python" if record["python"] or not record["python3"] else "python3"
    record["interpreter_command"] = command
    if record[command]:
        out, error = _output([record[command], "-c", _REPORT], 60, "")
        try:
            if out is not None:
                record["interpreter"] = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError) as exc:
            error = repr(exc)
        record["error"] = error
    if "--freeze" in argv[2:] and record["python"]:
        record["pip_freeze"], error = _output(
            [record["python"], "-m", "pip", "freeze"], 120, "pip freeze: "
        )
        record["error"] = error or record["error"]
    with open(os.environ["VENV_GUIDE_PROBE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
