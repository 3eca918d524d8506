"""The harness tests itself: deliberately broken snippets must fail, naming the step and line.

Each case copies snippets/ to a temporary folder, breaks one line the way a maintainer might,
runs the real journey in the real shell, and requires a JourneyFailure that names the step and
``snippets/FILE:LINE``. (Syntax errors in .ps1/.bat files: tests/test_windows_parse.py.)
"""

from __future__ import annotations

import pathlib
import time

import pytest

from tests.harness import expectations, journey, page, runner, sandbox, wheelhouse
from tests.harness.journey import Step
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import by_key
from venv_guide.snippets import REPO_ROOT

pytestmark = pytest.mark.skipif(
    CURRENT_OS == "windows",
    reason="the self-tests break POSIX-shell snippets; Windows journeys are checked by "
    "test_journeys.py on the windows-latest runner and parsed by test_windows_parse.py",
)


def broken_copy(
    tmp_path: pathlib.Path, file: str, old: str, new: str
) -> tuple[pathlib.Path, page.BuiltSite, int]:
    """Copy the project, replace the one line ``old`` of ``file`` by ``new``, build the site.

    Args:
        file: a path relative to the project: ``snippets/activate/bash.sh``, ``docs/create.md``.

    Returns:
        (the copy's snippets folder, its built site, the 1-based number of the replaced line).
    """
    project = page.copy_project(REPO_ROOT, tmp_path / "project")
    path = project / file
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line == old]
    assert len(hits) == 1, f"{file}: expected exactly one line {old!r}, found {len(hits)}"
    lines[hits[0]] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    site = page.build(project, tmp_path / "site")
    return project / "snippets", site, hits[0] + 1


def expect_failure(shell_key, one_target, tmp_path, copy, step_name, location, *phrases):
    """Run the shell's journey on the copy; require a failure at ``step_name``/``location``."""
    root, site, _ = copy
    shell = by_key(shell_key)
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    box = sandbox.create(tmp_path / "run", one_target, wheelhouse.folder(one_target), shell.find())
    with pytest.raises(expectations.JourneyFailure) as info:
        runner.run_journey(
            shell, one_target, box, journey.steps(shell, CURRENT_OS), site, 120, root
        )
    failure = info.value
    message = str(failure)
    assert failure.step == step_name, message
    assert failure.location == location, message
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in:\n{message}"
    assert shell_key in message and one_target.full_version in message
    return failure


CASES = [
    # (id, shell, file, old line, new line, failing step, phrase in the report)
    ("activation-path-typo", "bash", "snippets/activate/bash.sh",
     "source .venv/bin/activate", "source .venv/bin/activat", "activate", "exited with status"),
    ("activation-executed-not-sourced", "bash", "snippets/activate/bash.sh",
     "source .venv/bin/activate", "bash .venv/bin/activate", "activate", "`python` on PATH is"),
    ("source-in-posix-sh", "sh", "snippets/activate/sh.sh",
     ". .venv/bin/activate", "source .venv/bin/activate", "activate", "exited with status 127"),
    ("fish-activation-typo", "fish", "snippets/activate/fish.fish",
     "source .venv/bin/activate.fish", "source .venv/bin/activate.fsh", "activate", "status"),
    ("tcsh-activation-typo", "tcsh", "snippets/activate/csh.csh",
     "source .venv/bin/activate.csh", "source .venv/bin/actvate.csh", "activate", ""),
    ("command-name-typo", "zsh", "snippets/install/any.sh",
     "python -m pip install requests", "pyhton -m pip install requests", "install",
     "exited with status 127"),
    ("option-typo", "bash", "snippets/install/any.sh",
     "python -m pip install requests", "python -m pip instal requests", "install",
     "exited with status"),
    ("missing-deactivate", "bash", "snippets/deactivate/bash.sh", "deactivate", "", "deactivate",
     "VIRTUAL_ENV is set"),
]  # fmt: skip


@pytest.mark.journey
@pytest.mark.parametrize(
    ("shell_key", "file", "old", "new", "step", "phrase"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_snippet_fails_naming_step_and_line(
    shell_key, file, old, new, step, phrase, one_target, tmp_path
):
    copy = broken_copy(tmp_path, file, old, new)
    expect_failure(shell_key, one_target, tmp_path, copy, step, f"{file}:{copy[2]}", phrase)


@pytest.mark.journey
def test_pip_install_into_the_wrong_interpreter_fails(one_target, tmp_path):
    """``pip install`` run by the base interpreter, not the venv's, fails at the install step."""
    copy = broken_copy(
        tmp_path,
        "snippets/install/any.sh",
        "python -m pip install requests",
        f"{one_target.executable} -m pip install requests",
    )
    where = f"snippets/install/any.sh:{copy[2]}"
    expect_failure("bash", one_target, tmp_path, copy, "install", where)


def _custom_copy(tmp_path: pathlib.Path, name: str, body: str) -> pathlib.Path:
    root = tmp_path / "snippets"
    (root / "selftest").mkdir(parents=True)
    (root / "selftest" / "x.sh").write_text(
        f"# --8<-- [start:{name}]\n{body}\n# --8<-- [end:{name}]\n", encoding="utf-8"
    )
    return root


def run_custom(
    shell_key: str, target, tmp_path: pathlib.Path, name: str, body: str, timeout: float = 30
):
    """Run a one-step journey whose only section ``name`` holds ``body``; return (ctx, results)."""
    root = _custom_copy(tmp_path, name, body)
    return _run_sections(
        by_key(shell_key),
        target,
        tmp_path,
        [Step(name, "", (f"selftest/x.sh:{name}",))],
        timeout,
        root,
    )


def _run_sections(shell, target, tmp_path, steps, timeout, root):
    """Run steps planned straight from their sections (no page) and verify them."""
    box = sandbox.create(tmp_path / "run", target, wheelhouse.folder(target), shell.find())
    planned = page.from_sections(steps, root)
    run = runner.run(
        shell, shell.find(), planned, box.project, box.env, box.root, box.probe_log, timeout
    )
    ctx = expectations.Context(shell=shell, target=target, sandbox=box, run=run)
    return ctx, expectations.verify(ctx)


def test_timeout_kills_the_process_group(one_target, tmp_path):
    """A hanging step is killed with its children after the timeout, and the report says so."""
    root = _custom_copy(tmp_path, "hang", "sleep 301 &\nsleep 302")
    shell = by_key("bash")
    started = time.monotonic()
    with pytest.raises(expectations.JourneyFailure) as info:
        _run_sections(
            shell, one_target, tmp_path, [Step("hang", "", ("selftest/x.sh:hang",))], 2, root
        )
    assert time.monotonic() - started < 30
    assert "timed out after 2 s" in str(info.value)
    assert info.value.location == "snippets/selftest/x.sh:3"
    time.sleep(0.5)
    assert not _running("sleep 301") and not _running("sleep 302"), "children survived"


def _running(command: str) -> bool:
    """True if a process whose command line is ``command`` runs (Linux /proc; False elsewhere)."""
    for cmdline in pathlib.Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if cmdline.read_bytes().replace(b"\0", b" ").strip() == command.encode():
                return True
        except OSError:
            continue
    return False


def test_undecodable_output_does_not_crash(one_target, tmp_path):
    """Bytes that are not UTF-8 are replaced, and the journey still passes."""
    ctx, results = run_custom(
        "bash", one_target, tmp_path, "bytes", r"printf '\377\376 not utf-8\n'"
    )
    assert "\ufffd" in ctx.run.outputs["bytes"]
    assert [r.outcome for r in results] == ["passed"]


def test_stdin_is_closed(one_target, tmp_path):
    """A command that reads stdin gets end-of-file at once instead of hanging."""
    ctx, _ = run_custom("bash", one_target, tmp_path, "read", "cat")
    assert ctx.run.done


def test_continuation_lines_run_as_one_command(one_target, tmp_path):
    """A command continued with a backslash is checked once, after its last line."""
    ctx, _ = run_custom("sh", one_target, tmp_path, "cont", "echo one \\\n  two")
    assert ctx.run.outputs["cont"].strip() == "one two"


def test_script_keeps_snippet_text_verbatim():
    """Every snippet line appears unchanged in the generated script (cmd adds only `call `)."""
    for key in ("bash", "fish", "tcsh", "cmd", "powershell"):
        shell = by_key(key)
        planned = page.from_sections(
            journey.steps(shell, "windows" if shell.family == "windows" else "linux")
        )
        script = runner.build_script(shell, planned).splitlines()
        for step in planned:
            for sec in step.sections:
                for line in sec.commands():
                    assert shell.dialect.line_prefix + line.text in script, (key, line)
