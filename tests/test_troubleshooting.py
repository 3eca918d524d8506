"""The pages "When something goes wrong" and "What comes next", run for real.

Every message docs/trouble.md shows comes from a step here that makes the mistake on purpose
(``Step(fails=True)``: its last command must fail) and compares what the terminal printed with
the page's expected-output file; every fix is a later step of the same journey.

* ``test_trouble_in_shell[SHELL-pyX.Y]``: the shell-worded messages (``command not found:
  python``, ``Permission denied``, ``source: not found``, ``deactivate: command not found``,
  the moved venv's ``pip``) in every macOS/Linux shell, against every target.
* ``test_trouble_pip[pyX.Y]``: the messages that read the same in every shell (pip's
  new-release notice, ``pip install venv``, ``ModuleNotFoundError``) and the fixes that are the
  same text in every shell, in bash only, against every target.
* ``test_debian_system_python``: ``ensurepip is not available`` and
  ``externally-managed-environment`` from the Debian/Ubuntu system Python, once.
* ``test_python2_as_python``: ``No module named venv``, where a Python 2.7 is installed.
* ``test_next_steps[SHELL-pyX.Y]``: docs/next.md (run app.py, upgrade, Jupyter) and
  ``test_venv_options[SHELL-pyX.Y]``: docs/options.md, each in
  one shell per OS family (bash; cmd on Windows) against every target; the Jupyter steps
  (ipykernel and some 20 wheels it needs) only against the newest target, where the test also
  reads the registered ``kernel.json``.

The Windows messages on docs/trouble.md are marked "not reproduced" there, so no Windows
journey runs the trouble page.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

from tests.harness import changes, debian_root, journey, recording, sandbox, tools, wheelhouse
from tests.harness.interpreters import Target, query
from tests.harness.journey import save_app
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, by_key
from venv_guide.snippets import SNIPPETS_DIR, section

UNIX_SHELLS = [s for s in SHELLS if s.family == "unix"]
#: The shell per OS family that runs the shell-independent journeys.
ONE_SHELL = {"unix": "bash", "windows": "cmd"}


def _run(shell, target, box, steps, built_site, timeout, record_snippets, cwd=None):
    """One journey, its results recorded (tests/harness/recording.py)."""
    return recording.run_and_record(
        shell, target, box, steps, built_site, timeout, record_snippets, cwd=cwd
    )


def serve_wheelhouse_as_index(box: sandbox.Sandbox, target: Target) -> None:
    """Let pip check for a newer pip, still with no network: the wheelhouse as a local index.

    pip skips its once-a-week new-release check under ``--no-index`` (``PIP_NO_INDEX``), and
    under ``--disable-pip-version-check``; with a normal index it asks that index. So the
    wheelhouse is served as a PEP 503 "simple" index of ``file:`` pages in the sandbox, and
    ``PIP_INDEX_URL`` names it in place of ``PIP_NO_INDEX``/``PIP_FIND_LINKS``. A project the
    index lacks (``venv``) gets a warning line from pip, as an index without it would.
    """
    index = tools.write_simple_index(
        box.root / "index", wheelhouse.folder(target), lambda wheel: wheel.as_uri()
    )
    for key in ("PIP_NO_INDEX", "PIP_FIND_LINKS", "PIP_DISABLE_PIP_VERSION_CHECK"):
        box.env.pop(key, None)
    box.env["PIP_INDEX_URL"] = index.as_uri() + "/"


def _base_has_requests(box: sandbox.Sandbox, target: Target) -> bool:
    """Whether the reader's ``python3`` (the target, outside any venv) can import requests."""
    proc = subprocess.run(
        [str(target.executable), "-c", "import requests"],
        env=box.env,
        cwd=box.project,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return proc.returncode == 0


@pytest.mark.journey
@changes.reads(lambda unix_shell: journey.troubleshooting_steps(unix_shell, CURRENT_OS))
@pytest.mark.parametrize("unix_shell", UNIX_SHELLS, ids=[s.key for s in UNIX_SHELLS])
def test_trouble_in_shell(
    unix_shell, target, tmp_path, journey_timeout, record_snippets, built_site
):
    """Each shell's own wording of the activation, ``python`` and moved-venv mistakes."""
    shell = unix_shell
    steps = journey.troubleshooting_steps(shell, CURRENT_OS)
    recording.skip_unrunnable(shell, target, steps, record_snippets)
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    _run(shell, target, box, steps, built_site, journey_timeout, record_snippets)


@pytest.mark.journey
@changes.reads(
    lambda: [
        *journey.trouble_pip_steps(by_key(ONE_SHELL["unix"]), True),
        *journey.trouble_pip_steps(by_key(ONE_SHELL["unix"]), False),
    ]
)
def test_trouble_pip(target, tmp_path, journey_timeout, record_snippets, built_site):
    """pip's notice, ``pip install venv``, ModuleNotFoundError both ways, recreate after a move."""
    if CURRENT_OS == "windows":
        pytest.skip(
            "docs/trouble.md shows these steps for macOS and Linux; the ubuntu-latest and "
            "macos-latest jobs run them"
        )
    shell = by_key(ONE_SHELL["unix"])
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    steps = journey.trouble_pip_steps(shell, _base_has_requests(box, target))
    recording.skip_unrunnable(shell, target, steps, record_snippets)
    serve_wheelhouse_as_index(box, target)
    save_app(box.project)
    _run(shell, target, box, steps, built_site, journey_timeout, record_snippets)


def debian_system_python() -> tuple[pathlib.Path, str] | None:
    """Debian's or Ubuntu's own ``/usr/bin/python3`` and its ``python3.X-venv`` package, if any.

    Returns:
        (the interpreter, the package name) when ``/usr/bin/python3`` carries the
        ``EXTERNALLY-MANAGED`` marker and dpkg knows its venv package, else None.
    """
    python = pathlib.Path("/usr/bin/python3")
    if CURRENT_OS != "linux" or not python.exists() or shutil.which("dpkg") is None:
        return None
    info = query(str(python))
    if info is None:
        return None
    marker = info.base_prefix / "lib" / f"python{info.minor}" / "EXTERNALLY-MANAGED"
    package = f"python{info.minor}-venv"
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False)
    if not marker.is_file() or listed.returncode != 0:
        return None
    return python.resolve(), package


def copy_system_python(dest: pathlib.Path, python: pathlib.Path, package: str) -> pathlib.Path:
    """A copy of the system Python in ``dest`` without the files of ``package`` (``dpkg -L``).

    The interpreter is copied (so that it finds its standard library next to the copy, under
    ``dest/usr``); the standard library and Debian's ``dist-packages`` (where Debian's pip lives)
    are symbolic links to the real ones, entry by entry, leaving out what the venv package
    installs (``ensurepip``). That is the reader's machine without ``python3.X-venv``: the real
    Debian ``venv`` module, the real ``EXTERNALLY-MANAGED`` marker. Nothing outside ``dest`` is
    changed, and a pip that ignored the marker would install below ``dest``.

    Returns:
        The copied interpreter (``dest/usr/bin/python3.X``).
    """
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    omitted = {pathlib.Path(line) for line in listed.stdout.splitlines() if line.startswith("/")}
    stdlib = python.parent.parent / "lib" / python.name
    usr = dest / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "lib" / python.name).mkdir(parents=True)
    copy = usr / "bin" / python.name
    shutil.copy2(python, copy)
    (usr / "bin" / "python3").symlink_to(python.name)
    for entry in stdlib.iterdir():
        if entry not in omitted:
            (usr / "lib" / python.name / entry.name).symlink_to(entry)
    dist = python.parent.parent / "lib" / "python3" / "dist-packages"
    if dist.is_dir():
        (usr / "lib" / "python3").mkdir()
        (usr / "lib" / "python3" / "dist-packages").symlink_to(dist)
    return copy


def restore_venv_package(copy: pathlib.Path, python: pathlib.Path, package: str) -> None:
    """What ``apt install python3.X-venv`` does to the copy: link the package's files back."""
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    stdlib = python.parent.parent / "lib" / python.name
    for line in listed.stdout.splitlines():
        path = pathlib.Path(line)
        if path.parent == stdlib:
            link = copy.parent.parent / "lib" / python.name / path.name
            if not link.exists():
                link.symlink_to(path)


@pytest.mark.journey
@changes.reads(lambda: [step for part in journey.system_python_steps() for step in part])
def test_debian_system_python(tmp_path, journey_timeout, record_snippets, built_site):
    """``ensurepip is not available`` and ``externally-managed-environment``, then the fixes."""
    found = debian_system_python()
    if found is None:
        pytest.skip(
            "needs Debian's or Ubuntu's own /usr/bin/python3 (EXTERNALLY-MANAGED, dpkg); the "
            "ubuntu-latest jobs run it"
        )
    python, package = found
    copy = copy_system_python(tmp_path / "system", python, package)
    target = query(str(copy))
    assert target is not None, f"the copy {copy} of {python} does not run"
    if not wheelhouse.is_complete(target):
        pytest.skip(
            f"no wheelhouse for the system Python {target.full_version} "
            f"(python -m tests.harness.wheelhouse --python={python} fills it; the set-up fills "
            "it when it is a target)"
        )
    shell = by_key("sh")
    first, second = journey.system_python_steps()
    recording.skip_unrunnable(shell, target, first + second, record_snippets)
    box = sandbox.create(tmp_path / "box", target, wheelhouse.folder(target), shell.find())
    # A reader's pip has no PIP_REQUIRE_VIRTUALENV: without it the marker is what stops pip.
    box.env.pop("PIP_REQUIRE_VIRTUALENV")
    # `python3` is the copy's own /usr/bin, as on Debian, not the sandbox's shim: a venv made
    # through a link elsewhere would not find the copy's standard library (it would fall back
    # to the real /usr/lib/python3.X, which has ensurepip).
    shims = str(box.root / "shims")
    path = box.env["PATH"].split(os.pathsep)
    box.env["PATH"] = os.pathsep.join(str(copy.parent) if f == shims else f for f in path)
    _run(shell, target, box, first, built_site, journey_timeout, record_snippets)
    restore_venv_package(copy, python, package)
    _run(shell, target, box, second, built_site, journey_timeout, record_snippets)


def python2() -> pathlib.Path | None:
    """A Python 2.7 interpreter on this machine (pyenv or /usr/bin), or None."""
    patterns = [
        str(pathlib.Path.home() / ".pyenv/versions/2.7*/bin/python2.7"),
        "/usr/bin/python2.7",
        "/usr/local/bin/python2.7",
    ]
    for pattern in patterns:
        for found in sorted(glob.glob(pattern)):
            return pathlib.Path(found)
    return None


@pytest.mark.journey
@changes.reads(journey.python2_steps)
def test_python2_as_python(tmp_path, journey_timeout, record_snippets, built_site, one_target):
    """``python -m venv .venv`` where ``python`` is Python 2: ``No module named venv``."""
    old = python2()
    if CURRENT_OS == "windows" or old is None:
        pytest.skip(
            "needs a Python 2.7 on macOS or Linux (pyenv's 2.7.18 on the development machine); "
            "GitHub's runners have none, so CI does not reproduce this message"
        )
    shell = by_key("sh")
    steps = journey.python2_steps()
    recording.skip_unrunnable(shell, one_target, steps, record_snippets)
    box = sandbox.create(tmp_path, one_target, wheelhouse.folder(one_target), shell.find())
    # The old system: `python` is Python 2 (next to the target's python3 shims).
    (box.root / "shims" / "python").symlink_to(old)
    _run(shell, one_target, box, steps, built_site, journey_timeout, record_snippets)


NEXT_SHELLS = [s for s in SHELLS if s.key in ONE_SHELL.values()]


@pytest.mark.journey
@changes.reads(
    lambda next_shell: [
        *journey.next_steps(next_shell, CURRENT_OS),
        *journey.jupyter_steps(next_shell),
    ]
)
@pytest.mark.parametrize("next_shell", NEXT_SHELLS, ids=[s.key for s in NEXT_SHELLS])
def test_next_steps(
    next_shell, target, tmp_path, journey_timeout, record_snippets, built_site, request
):
    """docs/next.md in one shell per OS family: run and upgrade, then Jupyter (against the
    newest target only)."""
    shell = next_shell
    newest = request.config.venv_guide_targets[-1]  # type: ignore[attr-defined]
    steps = journey.next_steps(shell, CURRENT_OS)
    jupyter = journey.jupyter_steps(shell) if target == newest else []
    recording.skip_unrunnable(shell, target, steps + jupyter, record_snippets)
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    # The reader starts in the home folder, with no project folder yet (the first step makes
    # it); app.py is saved there once it exists, as the page says.
    box.project.rmdir()
    first = [s for s in steps if s.name in ("project", "create")]
    _run(shell, target, box, first, built_site, journey_timeout, record_snippets, cwd=box.home)
    save_app(box.project)
    _run(shell, target, box, steps[len(first) :], built_site, journey_timeout, record_snippets)
    if jupyter:
        _run(shell, target, box, jupyter, built_site, journey_timeout, record_snippets)
        check_kernel(box)


@pytest.mark.journey
@changes.reads(lambda next_shell: journey.option_steps(shell=next_shell))
@pytest.mark.parametrize("next_shell", NEXT_SHELLS, ids=[s.key for s in NEXT_SHELLS])
def test_venv_options(next_shell, target, tmp_path, journey_timeout, record_snippets, built_site):
    """docs/options.md in one shell per OS family, on a venv the Create page makes: each run
    but --without-pip installs pip again (several seconds each on a busy machine), so in two
    terminals, each well within the journey timeout; the first ends where the venv made
    without pip is deactivated again."""
    shell = next_shell
    options = journey.option_steps(shell)
    recording.skip_unrunnable(shell, target, options, record_snippets)
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    half = next(i for i, step in enumerate(options) if step.name == "deactivate") + 1
    for part in (options[:half], options[half:]):
        _run(shell, target, box, part, built_site, journey_timeout, record_snippets)


def check_kernel(box: sandbox.Sandbox) -> None:
    """The registered kernel ``project`` starts the venv's interpreter (its ``kernel.json``)."""
    found = sorted(box.root.rglob("kernels/project/kernel.json"))
    assert found, f"no kernels/project/kernel.json below {box.root}"
    spec = json.loads(found[0].read_text(encoding="utf-8"))
    assert spec["display_name"] == "Python (project)", spec
    assert pathlib.Path(spec["argv"][0]).parent.parent == box.venv, (
        f"the kernel runs {spec['argv'][0]}, not the venv's interpreter in {box.venv}"
    )


def test_vscode_settings_name_the_venv_interpreter(target, tmp_path):
    """``.vscode/settings.json`` is JSON, and its interpreter path is the venv's interpreter."""
    family = "windows" if CURRENT_OS == "windows" else "unix"
    text = "\n".join(line.text for line in section(f"next/{family}.json:vscode").lines)
    settings = json.loads(text)
    path = settings["python.defaultInterpreterPath"]
    assert path.startswith("${workspaceFolder}"), path
    project = tmp_path / "project"
    subprocess.run(
        [str(target.executable), "-m", "venv", "--without-pip", str(project / ".venv")],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    resolved = pathlib.Path(path.replace("${workspaceFolder}", str(project)))
    assert resolved.is_file(), f"{path} names {resolved}, which the venv does not have"
    assert resolved.parent.parent == project / ".venv"


def test_snippet_pin_is_the_pinned_constant():
    """``install/any.sh:pin`` pins exactly ``journey.PINNED_REQUESTS`` (and ``~=`` its series)."""
    pin = " ".join(line.text for line in section("install/any.sh:pin").commands())
    assert f'"requests=={journey.PINNED_REQUESTS}"' in pin, pin
    series = ".".join(journey.PINNED_REQUESTS.split(".")[:2])
    compatible = " ".join(line.text for line in section("install/any.sh:compatible").commands())
    assert f'"requests~={series}.0"' in compatible, compatible
    assert journey.PINNED_REQUESTS != journey.LATEST_REQUESTS
    shown = (SNIPPETS_DIR / "install" / "output" / "list.txt").read_text(encoding="utf-8")
    assert re.search(rf"^requests\s+{re.escape(journey.PINNED_REQUESTS)}$", shown, re.M), shown


def _trouble_pages() -> dict[str, str]:
    """The pages of When something goes wrong (docs/trouble/), by file name."""
    folder = SNIPPETS_DIR.parent / "docs" / "trouble"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def test_every_trouble_output_is_compared_or_marked():
    """Each message shown on the pages of When something goes wrong is compared by a journey,
    or listed as not reproduced (venv_guide/unverified.py)."""
    compared = {
        step.output
        for shell in SHELLS
        for os_name in shell.oses
        for step in journey.every_step(shell, os_name)
        if step.output
    }
    shown = {
        ref
        for text in _trouble_pages().values()
        for ref in re.findall(r'--8<-- "(trouble/output/[^"]+)"', text)
    }
    assert shown, "no message on docs/trouble/"
    unmarked = sorted(shown - compared - set(journey.NOT_REPRODUCED))
    assert not unmarked, f"messages on docs/trouble/ that no journey compares: {unmarked}"
    pages = "".join(
        p.read_text(encoding="utf-8") for p in (SNIPPETS_DIR.parent / "docs").rglob("*.md")
    )
    for ref, reason in journey.NOT_REPRODUCED.items():
        assert f'"{ref}"' in pages, f"{ref} is listed in NOT_REPRODUCED but no page shows it"
        assert reason, ref


def test_unreproduced_messages_say_so_on_the_page():
    """Every entry on docs/trouble/ that shows a NOT_REPRODUCED message says so in its text."""
    for name, page in _trouble_pages().items():
        for entry in re.split(r"\n(?=#{2,4} )", page):
            refs = set(re.findall(r'--8<-- "(trouble/output/[^"]+)"', entry))
            if refs & set(journey.NOT_REPRODUCED):
                assert "not reproduced on our" in entry.lower(), f"{name}: {entry.splitlines()[0]}"


@pytest.mark.journey
@changes.reads(journey.debian_root_steps)
def test_debian_root(tmp_path, journey_timeout, record_snippets, built_site, one_target):
    """A stock Debian 13 with only ``python3``: ``No module named pip`` and ``ensurepip is not
    available``; then the Before you start page's ``sudo apt update`` and ``sudo apt install``
    for real (from the local archive the set-up made: tests/harness/debian_root.py, with no
    network: the shell runs under ``unshare -n``); the fixes; ``externally-managed-environment``
    once the system Python has pip."""
    reason = debian_root.unavailable()
    if reason:
        if os.environ.get("CI") and CURRENT_OS == "linux" and os.geteuid() == 0:
            pytest.fail(f"the Debian root must run in CI here: {reason}", pytrace=False)
        pytest.skip(f"{reason}; the Debian machine .ci/run runs on (as root) runs it")
    root = debian_root.copy_root(tmp_path / "root")
    project = root / "root" / "project"
    project.mkdir(parents=True)
    # A private mount namespace (-m) with the terminal's ptys and /proc in the root, as sudo
    # wants them, and no network (-n); they go when the shell ends.
    inner = "cd /root/project && exec /bin/bash --noprofile --norc -i"
    q = shlex.quote(str(root))
    outer = (
        f"mount --bind /dev/pts {q}/dev/pts && mount -t proc proc {q}/proc && "
        f"exec chroot {q} /bin/sh -c {shlex.quote(inner)}"
    )
    shell = dataclasses.replace(
        by_key("bash"),
        executables=("unshare",),
        args=("-n", "-m", "/bin/sh", "-c", outer),
        notes="bash in a chroot of a stock Debian 13, with no network (unshare -n -m)",
    )
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": "/dev/null",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": debian_root.WHEELHOUSE,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    box = sandbox.Sandbox(tmp_path, pathlib.Path("/root"), project, tmp_path / "p.jsonl", env)
    steps = journey.debian_root_steps()
    version = debian_root.python_version(root)
    recording.run_and_record(
        shell, one_target, box, steps, built_site, journey_timeout, record_snippets,
        probe=False, python=version,
    )  # fmt: skip
    # The venv the fixes made works: requests imports from it, under the root's Python.
    check = subprocess.run(
        ["chroot", str(root), "/root/project/.venv/bin/python", "-c",
         "import requests, sys; print(requests.__version__, sys.prefix)"],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert check.stdout.split() == [journey.PINNED_REQUESTS, "/root/project/.venv"], check


@pytest.mark.journey
@changes.reads(
    lambda key: [step for part in journey.base_removed_steps(by_key(key)) for step in part]
)
@pytest.mark.parametrize(
    "key", [s.key for s in UNIX_SHELLS if journey.shows_message(s, "base-removed")]
)
def test_base_python_removed(
    key, one_target, tmp_path, journey_timeout, record_snippets, built_site
):
    """A venv whose base Python is gone, as after a Homebrew upgrade: the reader's
    ``python3`` (the sandbox's shim) made it; the test removes that ``python3`` between the
    journeys, then puts it back for the fix."""
    shell = by_key(key)
    create, broken, fix = journey.base_removed_steps(shell)
    recording.skip_unrunnable(shell, one_target, create + broken + fix, record_snippets)
    box = sandbox.create(tmp_path, one_target, wheelhouse.folder(one_target), shell.find())
    (box.project / "requirements.txt").write_text(
        f"requests=={journey.PINNED_REQUESTS}\n", encoding="utf-8"
    )
    _run(shell, one_target, box, create, built_site, journey_timeout, record_snippets)
    shims = box.root / "shims"
    link = (
        os.readlink(box.venv / "bin" / "python3") if (box.venv / "bin/python3").is_symlink() else ""
    )
    if not link.startswith(str(shims)):
        pytest.skip(
            f"the venv's python3 links to {link or 'a copy'}, not through the reader's python3"
        )
    saved = {p.name: os.readlink(p) for p in shims.iterdir() if p.is_symlink()}
    for name in saved:
        (shims / name).unlink()
    try:
        _run(shell, one_target, box, broken, built_site, journey_timeout, record_snippets)
    finally:
        for name, target in saved.items():
            (shims / name).symlink_to(target)
    _run(shell, one_target, box, fix, built_site, journey_timeout, record_snippets)
