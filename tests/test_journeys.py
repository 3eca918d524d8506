"""Every shell's journey through the guide, run for real, one shell process per journey.

``test_journey[SHELL-pyX.Y]`` runs create -> activate -> check -> install -> freeze ->
uninstall -> install -r -> deactivate -> delete -> recreate in SHELL against target X.Y, with
the exact text of the blocks the site shows, and checks the state after each step with the
probe (tests/harness/expectations.py). macOS and Linux shells are interactive: the journey is
typed into the shell on a pseudo-terminal, and the prompt is checked after each step
(tests/harness/runner.py). ``test_hostile_project_path`` runs one journey per shell family in
a project folder named ``Jane Doé/my project``. A shell that is not on this OS or not
installed is skipped with a reason naming where it runs; in CI (``CI`` set) a shell that CI
installs must run.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.harness import changes, journey, recording, runner, sandbox, wheelhouse
from tests.harness import probe as probe_module
from tests.harness.failure import JourneyFailure
from tests.harness.interpreters import TargetError, resolve
from tests.harness.journey import NOT_IN_JOURNEYS, Step
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, Shell, by_key
from venv_guide.snippets import SNIPPETS_DIR, read_sections, section


@pytest.mark.journey
@changes.reads(lambda shell: journey.steps(shell, CURRENT_OS))
def test_journey(
    shell: Shell, target, tmp_path, journey_timeout, record_snippets, built_site, update_outputs
):
    steps = journey.steps(shell, CURRENT_OS)
    recording.skip_unrunnable(shell, target, steps, record_snippets)
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    if shell.family == "windows":
        journey.save_app(box.project)  # the Windows journeys run it by the venv's path
    recording.run_and_record(
        shell, target, box, steps, built_site, journey_timeout, record_snippets,
        update_outputs=update_outputs,
    )  # fmt: skip


#: A project folder with a space and a non-ASCII letter, as virtualenv's activation tests use.
HOSTILE_PROJECT = "Jane Doé/my project"

#: One shell per family of activate script: ``activate`` (bash, dash), ``activate.fish``,
#: ``activate.csh`` (tcsh, and BSD csh, which parses it on its own).
HOSTILE_SHELLS = ("bash", "sh", "fish", "tcsh", "csh")


@pytest.mark.journey
@changes.reads(lambda key: journey.steps(by_key(key), CURRENT_OS))
@pytest.mark.parametrize("key", HOSTILE_SHELLS)
def test_hostile_project_path(key, one_target, tmp_path, journey_timeout, built_site):
    """The whole journey works in ``~/Jane Doé/my project`` (``LANG=C.UTF-8``).

    The expected output the site shows (``/home/you/project/...``) still matches: the
    sandbox's project folder is replaced by the site's (expectations.normalize_output).
    Every shell listed copes (CPython's activate scripts quote ``$VIRTUAL_ENV``); a shell
    that could not would leave this list with a note next to its tab on the site and the
    reason here.
    """
    shell = by_key(key)
    steps = journey.steps(shell, CURRENT_OS)
    if shell.find() is None:
        recording.skip_or_fail_unavailable(shell)
    box = sandbox.create(
        tmp_path, one_target, wheelhouse.folder(one_target), shell.find(), HOSTILE_PROJECT
    )
    box.env["LANG"] = "C.UTF-8"
    box.env.pop("LC_ALL", None)
    assert box.project.name == "my project" and "Doé" in str(box.project)
    try:
        ctx, _ = runner.run_journey(shell, one_target, box, steps, built_site, journey_timeout)
    except JourneyFailure as failure:
        pytest.fail(f"in the project folder {HOSTILE_PROJECT!r}: {failure}", pytrace=False)
    assert str(box.project) in ctx.run.probes["direct"]["cwd"]


def test_shell_table_says_why():
    """Every shell has its "why" (``notes``); a script-mode shell says why it is not typed
    into a terminal; every macOS/Linux shell is interactive."""
    for shell in SHELLS:
        assert shell.notes, f"{shell.key}: no notes (the shell table's 'why' column)"
        if shell.mode == "script":
            assert "script mode" in shell.notes, shell.key
        else:
            assert shell.mode == "interactive", shell.key
            assert shell.dialect.set_prompt and shell.dialect.status, shell.key
        if shell.family == "unix":
            assert shell.interactive, f"{shell.key} runs in a macOS/Linux terminal"


def test_every_shown_section_is_run_or_excused():
    """Each section of a shell snippet is run by some journey or listed in NOT_IN_JOURNEYS."""
    run = {
        ref
        for shell in SHELLS
        for os_name in shell.oses
        for step in journey.every_step(shell, os_name)
        for ref in step.sections
    }
    present = set()
    for path in sorted(SNIPPETS_DIR.rglob("*")):
        if path.suffix in {".sh", ".zsh", ".fish", ".csh", ".bat", ".ps1"}:
            present |= {s.ref for s in read_sections(path).values()}
    assert present, "no snippet sections found under snippets/"
    missing = sorted(present - run - set(NOT_IN_JOURNEYS))
    assert not missing, f"sections no journey runs (add them to a journey): {missing}"
    unknown = sorted((run | set(NOT_IN_JOURNEYS)) - present)
    assert not unknown, f"journeys name sections that do not exist: {unknown}"


def _version_step() -> Step:
    """The Create page's step that names a Python version, in this OS's family."""
    family = "windows" if CURRENT_OS == "windows" else "unix"
    ref = f"create/{'windows.ps1' if family == 'windows' else 'unix.sh'}:version"
    return Step("version", "create/#pick-a-python-version", (ref,), "created")


@pytest.mark.journey
@changes.reads(lambda: [_version_step()])
def test_create_with_version(tmp_path, journey_timeout, record_snippets, built_site):
    """``python3.12 -m venv .venv`` / ``py -3.12 -m venv .venv`` makes a 3.12 venv."""
    step = _version_step()
    (ref,) = step.sections
    family = "windows" if CURRENT_OS == "windows" else "unix"
    text = "\n".join(line.text for line in section(ref).commands())
    version = text.split("3.", 1)[1].split()[0]
    try:
        (target,) = resolve([f"3.{version}"])
    except TargetError as exc:
        pytest.skip(
            f"{exc}; the py3.{version} jobs of .github/workflows/tests.yml run this snippet"
        )
    shell = by_key("powershell" if family == "windows" else "sh")
    if shell.find() is None:
        recording.skip_or_fail_unavailable(shell)
    box = sandbox.create(tmp_path, target, wheelhouse.folder(target), shell.find())
    recording.run_and_record(
        shell, target, box, [step], built_site, journey_timeout, record_snippets
    )


@changes.reads(changes.HARNESS)
def test_probe_runs_outside_any_shell(tmp_path, target):
    """The probe itself reports the target when run directly in a sandbox environment."""
    box, probe, _ = _probe_sandbox(tmp_path, target)
    subprocess.run(
        [*probe, "direct"],
        env=box.env,
        cwd=box.project,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    (record,) = runner.read_probes(box.probe_log).values()
    assert record["step"] == "direct"
    assert record["interpreter"]["version"] == target.full_version
    assert record["virtual_env"] is None


def _probe_sandbox(
    tmp_path, target, freeze_cache=None
) -> tuple[sandbox.Sandbox, list[str], dict[str, str]]:
    """A sandbox without a shell, the probe's launcher as an argv, and the environment of an
    activated ``.venv`` (its scripts folder first on ``PATH``)."""
    box = sandbox.create(
        tmp_path, target, wheelhouse.folder(target), None, freeze_cache=freeze_cache
    )
    probe = [
        str(box.root / "tools" / ("venv-probe.cmd" if CURRENT_OS == "windows" else "venv-probe"))
    ]
    active = {**box.env, "PATH": os.pathsep.join([str(box.venv_python.parent), box.env["PATH"]])}
    return box, probe, active


@changes.reads(changes.HARNESS)
def test_probe_reuses_pip_freeze_only_for_the_same_packages(tmp_path, target):
    """A freeze probe reuses an earlier ``pip freeze`` only for the same packages under the same
    interpreter: within a journey (its own record) and across the sandboxes sharing a freeze
    cache (another journey's); after an install it runs ``pip freeze`` again and sees the new
    package."""
    cache = tmp_path / "freeze-cache"
    cache.mkdir()

    def journey(name, *, install):
        box, probe, env = _probe_sandbox(tmp_path / name, target, cache)

        def run(*argv):
            subprocess.run(argv, env=env, cwd=box.project, check=True, stdin=subprocess.DEVNULL)

        run(str(target.executable), "-m", "venv", str(box.venv))
        run(*probe, "first", "--freeze")
        run(*probe, "same", "--freeze")
        if install:
            run(str(box.venv_python), "-m", "pip", "install", "--quiet", "requests")
            run(*probe, "installed", "--freeze")
        return runner.read_probes(box.probe_log)

    one = journey("one", install=True)
    assert "pip_freeze_from" not in one["first"]
    assert one["same"]["pip_freeze_from"] == "first"
    assert one["same"]["pip_freeze"] == one["first"]["pip_freeze"]
    assert "pip_freeze_from" not in one["installed"]
    assert "requests==" in one["installed"]["pip_freeze"].lower()
    # A second sandbox: its fresh venv holds what the first's held before the install.
    two = journey("two", install=False)
    assert two["first"]["pip_freeze_from"] == "another journey"
    assert two["first"]["pip_freeze"] == one["first"]["pip_freeze"]
    assert two["same"]["pip_freeze_from"] == "first"
    assert len(list(cache.iterdir())) == 2, "one stored output per set of packages"


@changes.reads(changes.HARNESS)
def test_probe_reports_in_process_what_a_child_reports(tmp_path, target):
    """On macOS and Linux the probe runs under the reader's own interpreter and reports on itself
    (one interpreter start per probe); its report must equal what that interpreter prints as a
    child (``python -c``), before a venv exists and inside one with requests installed. On
    Windows the launchers run the harness's interpreter, so a child always reports."""
    box, probe, active = _probe_sandbox(tmp_path, target)
    venv_python = box.venv_python

    def run(env, *argv):
        return subprocess.run(
            argv,
            env=env,
            cwd=box.project,
            check=True,
            stdin=subprocess.DEVNULL,
            text=True,
            capture_output=True,
        ).stdout

    run(box.env, *probe, "before")
    run(box.env, str(target.executable), "-m", "venv", str(box.venv))
    run(active, str(venv_python), "-m", "pip", "install", "--quiet", "requests")
    run(active, *probe, "active")
    records = runner.read_probes(box.probe_log)
    for step, env in (("before", box.env), ("active", active)):
        record = records[step]
        assert record["report_in_probe"] is (CURRENT_OS != "windows"), record
        command = record[record["interpreter_command"]]
        child = run(
            env, command, "-c", probe_module._REPORT + "import json; print(json.dumps(report()))"
        )
        assert record["interpreter"] == json.loads(child), step
    assert records["active"]["interpreter"]["requests_version"] is not None
    assert records["active"]["interpreter"]["executable"] == str(venv_python)
