"""The pages Other tools (docs/tools.md), its traps (docs/trouble/tools.md) and Your project's
requirements (docs/requirements.md), run for real.

The tools (uv, virtualenv, pipx, pipenv, Poetry) are installed at their pins from the wheelhouse
during set-up (tests/harness/tools.py) and run offline, with their caches and config in the
sandbox. Venvs made by ``uv venv`` and by ``virtualenv`` are activated, checked (probe and
prompt) and deactivated in every macOS/Linux shell, as the ``python -m venv`` journeys are;
Poetry's ``poetry env activate`` is run through each shell's own ``eval``. pipx, pipenv, the
requirements page and uv's refusal to replace a venv run in bash. conda's channels are out of
reach here: the conda job of .github/workflows/tests.yml runs its commands.

Windows: these tests run on macOS and Linux (the tools' Windows commands are the same text, and
the page marks what is Windows-only as not run there).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess

import pytest

from tests.harness import changes, journey, localserver, recording, sandbox, tools, wheelhouse
from tests.harness.journey import save_app
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS, VENV_PROMPT, by_key
from venv_guide.snippets import section

UNIX_SHELLS = [s for s in SHELLS if s.family == "unix"]

pytestmark = [
    pytest.mark.tools,
    pytest.mark.skipif(
        CURRENT_OS == "windows",
        reason="the tools' journeys run on macOS and Linux (the ubuntu- and macos-latest jobs)",
    ),
]


def _box(tmp_path, target, shell):
    """A sandbox with the tools on PATH (tests/harness/tools.py)."""
    return sandbox.create(
        tmp_path, target, wheelhouse.folder(target), shell.find(), tools=tools.bin_dir(target)
    )


def _run(shell, target, box, steps, built_site, timeout, record, **options):
    recording.skip_unrunnable(shell, target, steps, record)
    return recording.run_and_record(
        shell, target, box, steps, built_site, timeout, record, **options
    )


@pytest.mark.journey
@changes.reads(lambda unix_shell: journey.uv_steps(shell=unix_shell))
@pytest.mark.parametrize("unix_shell", UNIX_SHELLS, ids=[s.key for s in UNIX_SHELLS])
def test_uv_venv(unix_shell, target, tmp_path, journey_timeout, record_snippets, built_site):
    """``uv venv``, activated and deactivated in ``unix_shell``; its prompt is the project
    folder's name; pip with its Python fails (no pip); ``uv pip install`` installs."""
    box = _box(tmp_path, target, unix_shell)
    steps = journey.uv_steps(unix_shell)
    _run(unix_shell, target, box, steps, built_site, journey_timeout, record_snippets,
         venv_prompt=f"({box.project.name}) ")  # fmt: skip


@pytest.mark.journey
@changes.reads(lambda unix_shell: journey.virtualenv_steps(shell=unix_shell))
@pytest.mark.parametrize("unix_shell", UNIX_SHELLS, ids=[s.key for s in UNIX_SHELLS])
def test_virtualenv(unix_shell, target, tmp_path, journey_timeout, record_snippets, built_site):
    """``virtualenv .venv``, activated and deactivated in ``unix_shell``: the prompt shows
    ``(.venv)`` where virtualenv's activate sets it, and is unchanged where it does not."""
    box = _box(tmp_path, target, unix_shell)
    prompt = VENV_PROMPT if unix_shell.virtualenv_changes_prompt else None
    steps = journey.virtualenv_steps(unix_shell)
    _run(unix_shell, target, box, steps, built_site, journey_timeout, record_snippets,
         venv_prompt=prompt)  # fmt: skip


@pytest.mark.journey
@changes.reads(lambda: [*journey.uv_exists_steps(), PYPROJECT])
def test_uv_venv_exists(target, tmp_path, journey_timeout, record_snippets, built_site):
    """``uv venv`` over a venv, as a script runs it (in a terminal uv asks instead): it stops
    with its message; ``--clear`` and ``--seed`` make it again; ``uv run`` runs app.py."""
    bash = by_key("bash")
    script = dataclasses.replace(
        bash, mode="script", args=("--noprofile", "--norc"),
        notes="bash running a script: stdin is no terminal, as in CI, so uv does not ask",
    )  # fmt: skip
    box = _box(tmp_path, target, bash)
    save_app(box.project)
    # `uv run` resolves the project's needs: app.py's requests, in a pyproject.toml the
    # requirements page shows.
    (box.project / "pyproject.toml").write_text(_pyproject(), encoding="utf-8")
    steps = journey.uv_exists_steps()
    _run(script, target, box, steps, built_site, journey_timeout, record_snippets)


#: The requirements page's pyproject.toml, which the uv and requirements journeys save.
PYPROJECT = "snippets/requirements/pyproject.toml"


def _pyproject(groups: bool = False) -> str:
    """The requirements page's ``pyproject.toml``: its project section (and its groups)."""
    names = ["project", "groups"] if groups else ["project"]
    parts = [section(f"requirements/pyproject.toml:{name}").lines for name in names]
    return "\n".join("\n".join(line.text for line in lines) for lines in parts) + "\n"


@pytest.mark.journey
@changes.reads(journey.pipx_steps)
def test_pipx(target, tmp_path, journey_timeout, record_snippets, built_site):
    """An app installed, run, listed and uninstalled with pipx."""
    bash = by_key("bash")
    box = _box(tmp_path, target, bash)
    _run(bash, target, box, journey.pipx_steps(), built_site, journey_timeout, record_snippets)
    assert not (box.home / ".local" / "bin" / "cowsay").exists(), "pipx left cowsay on PATH"


@pytest.mark.journey
@changes.reads(journey.pipenv_steps)
def test_pipenv(target, tmp_path, journey_timeout, record_snippets, built_site):
    """A project's venv made by pipenv, outside the project; app.py runs in it."""
    bash = by_key("bash")
    box = _box(tmp_path, target, bash)
    save_app(box.project)
    _run(bash, target, box, journey.pipenv_steps(), built_site, journey_timeout, record_snippets)
    assert (box.project / "Pipfile.lock").is_file(), "pipenv wrote no Pipfile.lock"
    assert not box.venv.exists(), "pipenv made a .venv in the project"


@pytest.fixture
def local_index(tmp_path):
    """The wheelhouse served as a PEP 503 index on 127.0.0.1 (Poetry reads no file: index)."""
    root = tmp_path / "http"
    root.mkdir()
    with localserver.serve(root) as url:
        yield root, url


def _poetry_project(box, target, root, url) -> None:
    """A project that uses Poetry, as a reader clones one: ``pyproject.toml`` (its packages from
    the local index) and ``poetry.lock`` (made here with the same Poetry), and app.py."""
    # A link, not a copy: the server follows it, and the wheelhouse is some 50 MB.
    (root / "wheels").symlink_to(wheelhouse.folder(target), target_is_directory=True)
    tools.write_simple_index(root / "simple", root / "wheels", lambda w: f"{url}/wheels/{w.name}")
    (box.project / "pyproject.toml").write_text(
        "[project]\n"
        'name = "project"\n'
        'version = "0.1.0"\n'
        'requires-python = ">=3.10"\n'
        f'dependencies = ["requests=={journey.PINNED_REQUESTS}"]\n\n'
        "[tool.poetry]\n"
        "package-mode = false\n\n"
        "[[tool.poetry.source]]\n"
        'name = "wheelhouse"\n'
        f'url = "{url}/simple/"\n'
        'priority = "primary"\n',
        encoding="utf-8",
    )
    save_app(box.project)
    env = {**box.env, "POETRY_NO_INTERACTION": "1"}
    proc = subprocess.run(
        [str(tools.bin_dir(target) / "poetry"), "lock"], cwd=box.project, env=env,
        capture_output=True, text=True,
        check=False, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, f"poetry lock failed:\n{proc.stdout}{proc.stderr}"


@pytest.mark.journey
@changes.reads(lambda unix_shell: journey.poetry_steps(shell=unix_shell))
@pytest.mark.parametrize("unix_shell", UNIX_SHELLS, ids=[s.key for s in UNIX_SHELLS])
def test_poetry(
    unix_shell, target, tmp_path, journey_timeout, record_snippets, built_site, local_index
):
    """A Poetry project installed, run, found; ``poetry shell`` fails; ``poetry env activate``
    prints, and ``unix_shell``'s own ``eval`` of it activates Poetry's venv."""
    steps = journey.poetry_steps(unix_shell)
    # Before the project and its `poetry lock`, which a shell that cannot run here would waste.
    recording.skip_unrunnable(unix_shell, target, steps, record_snippets)
    box = _box(tmp_path, target, unix_shell)
    root, url = local_index
    _poetry_project(box, target, root, url)
    # Poetry makes its venvs with virtualenv, whose activate leaves sh's prompt alone.
    prompt = VENV_PROMPT if unix_shell.virtualenv_changes_prompt else None
    _run(unix_shell, target, box, steps, built_site, journey_timeout, record_snippets,
         venv_prompt=prompt)  # fmt: skip


@pytest.mark.journey
@changes.reads(
    lambda: [
        *(step for old in (True, False) for part in journey.requirements_steps(by_key("bash"), old)
          for step in part),
        PYPROJECT,
    ]
)  # fmt: skip
def test_requirements(target, tmp_path, journey_timeout, record_snippets, built_site):
    """pyproject.toml installed with ``pip install -e .``; ``--group`` with an old pip and
    with no table (both fail, as the traps page shows); the group installed; ``pip lock``."""
    bash = by_key("bash")
    box = _box(tmp_path, target, bash)
    save_app(box.project)
    (box.project / "pyproject.toml").write_text(_pyproject(), encoding="utf-8")
    bundled = subprocess.run(
        [str(target.executable), "-c",
         "import ensurepip; print(ensurepip.version())"],
        capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
    ).stdout.strip()  # fmt: skip
    old_pip = tuple(int(p) for p in bundled.split(".")[:2]) < (25, 1)
    first, second = journey.requirements_steps(bash, old_pip)
    _run(bash, target, box, first, built_site, journey_timeout, record_snippets)
    (box.project / "pyproject.toml").write_text(_pyproject(groups=True), encoding="utf-8")
    _run(bash, target, box, second, built_site, journey_timeout, record_snippets)
    lock = (box.project / "pylock.toml").read_text(encoding="utf-8")
    assert 'name = "requests"' in lock and "sha256" in lock, lock[:400]


@pytest.mark.journey
@changes.reads(journey.conda_steps)
def test_conda(one_target, tmp_path, journey_timeout, record_snippets, built_site):
    """The conda commands, in bash, as after ``conda init`` (its shell hook read at start)."""
    conda = shutil.which("conda") or os.environ.get("CONDA_EXE")
    steps = journey.conda_steps()
    bash = by_key("bash")
    if not conda:
        if os.environ.get("VENV_GUIDE_CONDA_REQUIRED"):
            pytest.fail("the conda job must find conda ($CONDA/bin on PATH)", pytrace=False)
        reason = (
            "conda is not installed here (its channels are out of this machine's reach); the "
            "conda job of .github/workflows/tests.yml runs these commands"
        )
        record_snippets(recording.skipped_rows(steps, bash, one_target.minor, reason))
        pytest.skip(reason)
    hook = tmp_path / "conda-init.bash"
    hook.write_text(f'eval "$("{conda}" shell.bash hook)"\n', encoding="utf-8")
    shell = dataclasses.replace(
        bash, args=("--noprofile", "--rcfile", str(hook), "-i"),
        notes="bash reading conda's shell hook at start, as `conda init` makes it do",
    )  # fmt: skip
    box = sandbox.create(tmp_path / "box", one_target, wheelhouse.folder(one_target), shell.find())
    box.env.pop("PIP_REQUIRE_VIRTUALENV", None)
    for key in ("CONDA_EXE", "CONDA_PREFIX", "CONDA_PKGS_DIRS"):
        if key in os.environ:
            box.env[key] = os.environ[key]
    box.env["PATH"] = os.pathsep.join([os.path.dirname(conda), box.env["PATH"]])
    recording.run_and_record(
        shell, one_target, box, steps, built_site, journey_timeout, record_snippets,
        probe=False,
    )  # fmt: skip
