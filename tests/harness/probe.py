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
     "pip_freeze": "..." | null,                    # with --freeze: `python -m pip freeze`
     "freeze_key": "..." | null,                    # with --freeze: see _freeze_key
     "pip_freeze_from": "STEP" | "another journey", # only when reused (see below)
     "report_in_probe": true | false}               # see below

``requests`` is where ``import requests`` would load from (None when not importable).
A freeze probe reuses the ``pip freeze`` output of an earlier probe whose venv held the same
packages under the same interpreter (:func:`_freeze_key`): one of this journey's records, else
the folder named by ``VENV_GUIDE_FREEZE_CACHE`` (shared by every journey of one test session;
the first probe to see a set of packages runs ``pip freeze`` and stores its output there).
``report_in_probe`` says whether the interpreter report came from this process (below) or from a
child interpreter.

On macOS and Linux the launcher (``sandbox._install_probe``) runs this file with ``-I`` under the
reader's own ``python`` (else ``python3``), found on the reader's ``PATH``: when that is the
interpreter the report is about, the report is made here and a journey starts one interpreter per
probe, not two (a probe took about 100 ms with two, measured 3.11). Otherwise (the Windows
launchers run the harness's interpreter, or the launcher found another one) a child interpreter
reports. This file imports only the standard library and runs on every target (3.10+).
"""

import json
import os
import shutil
import sys

# What the reader's `python` reports, as source: the same lines run in this process (see the
# module docstring) or in a child (`python -c`). Only modules its startup has loaded already
# (importlib, os, sys): importlib.metadata alone made a probe 100 ms slower (measured, 3.11), and a
# journey probes 19 times. requests' version is read from its .dist-info folder beside the package
# (the wheel's layout, PEP 427), which is what importlib.metadata would find first.
_REPORT = r"""
def report():
    import importlib.util, os, sys
    spec = importlib.util.find_spec("requests")
    origin = spec.origin if spec else None
    requests_version = None
    if origin:
        site = os.path.dirname(os.path.dirname(origin))
        for name in sorted(os.listdir(site)):
            if name.lower().startswith("requests-") and name.endswith(".dist-info"):
                requests_version = name[len("requests-") : -len(".dist-info")]
                break
    return {
        "prefix": sys.prefix,
        "base_prefix": getattr(sys, "base_prefix", sys.prefix),
        "executable": sys.executable,
        "version": "%d.%d.%d" % sys.version_info[:3],
        "requests": origin,
        "requests_version": requests_version,
    }
"""
exec(_REPORT)  # defines report() here too

#: The environment variables the harness sets for the probe (tests/harness/sandbox.py): the log
#: file every probe appends its record to, and the folder freeze probes share outputs in.
PROBE_LOG_ENV = "VENV_GUIDE_PROBE_LOG"
FREEZE_CACHE_ENV = "VENV_GUIDE_FREEZE_CACHE"


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


def _same_path(found, executable):
    """Whether ``found`` (a PATH search's result) names ``executable`` itself, not a link to it:
    a venv's ``python`` links to its base interpreter, and only the link's path makes a venv."""
    return os.path.normcase(os.path.abspath(found)) == os.path.normcase(executable)


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


def _site_packages(venv):
    """The venv's site-packages folders: ``lib/pythonX.Y/site-packages`` (POSIX),
    ``Lib/site-packages`` (Windows); CPython ``Lib/sysconfig`` "venv" schemes."""
    found = []
    lib = os.path.join(venv, "lib")
    for name in sorted(os.listdir(lib)) if os.path.isdir(lib) else []:
        if name.startswith("python"):
            found.append(os.path.join(lib, name, "site-packages"))
    found.append(os.path.join(venv, "Lib", "site-packages"))
    return [folder for folder in found if os.path.isdir(folder)]


def _dist_infos(folders):
    """``{folder name: path}`` of every ``.dist-info`` folder in the site-packages ``folders``."""
    return {
        name: os.path.join(folder, name)
        for folder in folders
        for name in os.listdir(folder)
        if name.endswith(".dist-info")
    }


def _venv_state(venv, folders, infos):
    """What ``venv`` holds; ``folders`` and ``infos``: its site-packages and ``.dist-info``."""
    pips = [n[len("pip-") : -len(".dist-info")] for n in sorted(infos) if n.startswith("pip-")]
    return {
        "exists": os.path.isdir(venv),
        "pyvenv_cfg": _read(os.path.join(venv, "pyvenv.cfg")),
        "gitignore": _read(os.path.join(venv, ".gitignore")),
        "requests": any(os.path.isdir(os.path.join(f, "requests")) for f in folders),
        "pip": pips[0] if pips else None,
    }


def _freeze_key(record, venv, infos):
    """What ``pip freeze`` prints depends on, as a string, or None when that is more than the venv.

    Args:
        record: this probe's record (its ``python``, ``interpreter`` and ``venv``).
        venv: the project's ``.venv`` folder.
        infos: ``{name: path}`` of the venv's ``.dist-info`` folders.

    pip's ``operations/freeze.py`` prints one line per installed distribution from its
    metadata, reads ``direct_url.json`` for editable and URL installs, and leaves out pip's own
    build tools by the interpreter's version (setuptools and wheel below 3.12). So the
    interpreter's version and base prefix, the ``.dist-info`` folder names (name and version) and
    those files pin all of it; none holds the venv's path, so journeys in other sandboxes share
    a key. None (never reused) unless ``python`` on PATH is the venv's own and reported on
    itself, or when the venv also sees the base interpreter's packages
    (``include-system-site-packages = true``).
    """
    state, info = record["venv"], record["interpreter"]
    cfg = (state["pyvenv_cfg"] or "").replace(" ", "").lower()
    if not state["exists"] or "include-system-site-packages=true" in cfg or not info:
        return None
    if record["interpreter_command"] != "python" or not _same_path(
        record["python"], info["executable"]
    ):
        return None
    if os.path.normcase(os.path.realpath(info["prefix"])) != os.path.normcase(
        os.path.realpath(venv)
    ):
        return None
    installed = [[n, _read(os.path.join(infos[n], "direct_url.json"))] for n in sorted(infos)]
    return json.dumps([info["version"], info["base_prefix"], *installed])


def _earlier_freeze(log_path, key):
    """The step and ``pip freeze`` output of an earlier record with the same freeze key."""
    try:
        with open(log_path, encoding="utf-8") as log:
            records = [json.loads(line) for line in log if line.strip()]
    except OSError:
        return None, None
    for record in reversed(records):
        if record.get("freeze_key") == key and record.get("pip_freeze") is not None:
            return record["step"], record["pip_freeze"]
    return None, None


def _cache_file(key):
    """The shared cache's file for ``key`` (None without ``VENV_GUIDE_FREEZE_CACHE``)."""
    folder = os.environ.get(FREEZE_CACHE_ENV)
    if not folder:
        return None
    import hashlib  # noqa: PLC0415 (only freeze probes need it)

    return os.path.join(folder, hashlib.sha256(key.encode("utf-8")).hexdigest() + ".txt")


def _store(path, text):
    """Write ``text`` to ``path`` whole or not at all (journeys run in parallel)."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(temporary, path)


def _output(argv, timeout, label):
    """(stdout or None, error message or None) of a command run with stdin closed."""
    import subprocess  # noqa: PLC0415 (most probes start no child; the import takes 10 ms)

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
    log_path = os.environ[PROBE_LOG_ENV]
    path = os.environ.get("PATH", "")
    venv = os.path.join(os.getcwd(), ".venv")
    folders = _site_packages(venv)
    infos = _dist_infos(folders)
    record = {
        "step": step,
        "cwd": os.getcwd(),
        "path": path.split(os.pathsep),
        "virtual_env": os.environ.get("VIRTUAL_ENV") or None,
        "python": _which("python", path),
        "python3": _which("python3", path),
        "interpreter": None,
        "error": None,
        "venv": _venv_state(venv, folders, infos),
        "requirements_txt": _read("requirements.txt"),
        "pip_freeze": None,
    }
    # A reader's macOS or Linux has no `python` before activation: ask `python3` then.
    command = "python" if record["python"] or not record["python3"] else "python3"
    record["interpreter_command"] = command
    record["report_in_probe"] = bool(record[command]) and _same_path(
        record[command], sys.executable
    )
    if record["report_in_probe"]:
        record["interpreter"] = report()  # noqa: F821 (defined by exec(_REPORT))
    elif record[command]:
        code = _REPORT + "import json; print(json.dumps(report()))"
        out, error = _output([record[command], "-c", code], 60, "")
        try:
            if out is not None:
                record["interpreter"] = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError) as exc:
            error = repr(exc)
        record["error"] = error
    if "--freeze" in argv[2:] and record["python"]:
        # `pip freeze` takes 0.5 s; for the same packages under the same interpreter as an
        # earlier freeze probe (a journey freezes, uninstalls, reinstalls, freezes again; every
        # shell's journey installs the same wheels) its output is reused, and the record says
        # where it came from.
        key = record["freeze_key"] = _freeze_key(record, venv, infos)
        step_then, freeze = _earlier_freeze(log_path, key) if key else (None, None)
        cache = _cache_file(key) if key else None
        if freeze is None and cache:
            step_then, freeze = "another journey", _read(cache)
        if freeze is not None:
            record["pip_freeze"], record["pip_freeze_from"] = freeze, step_then
        else:
            record["pip_freeze"], error = _output(
                [record["python"], "-m", "pip", "freeze"], 120, "pip freeze: "
            )
            record["error"] = error or record["error"]
            if cache and record["pip_freeze"] is not None:
                _store(cache, record["pip_freeze"])
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
