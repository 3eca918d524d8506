"""The harness tests itself: deliberately broken snippets must fail, naming the step and line.

Each case copies snippets/ to a temporary folder, breaks one line the way a maintainer might,
runs the real journey in the real shell, and requires a JourneyFailure that names the step and
``snippets/FILE:LINE``. (Syntax errors in .ps1/.bat files: tests/test_windows_parse.py.)
"""

from __future__ import annotations

import pathlib
import shutil
import time

import pytest

from tests.harness import expectations, journey, runner
from tests.harness.journey import Step
from tests.test_journeys import run_journey
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import by_key
from venv_guide.snippets import SNIPPETS_DIR

pytestmark = pytest.mark.skipif(
    CURRENT_OS == "windows",
    reason="the self-tests break POSIX-shell snippets; Windows journeys are checked by "
    "test_journeys.py on the windows-latest runner and parsed by test_windows_parse.py",
)


def broken_copy(tmp_path: pathlib.Path, file: str, old: str, new: str) -> tuple[pathlib.Path, int]:
    """Copy snippets/ under ``tmp_path`` and replace the one line ``old`` in ``file`` by ``new``.

    Returns:
        (the copy's root, the 1-based number of the replaced line).
    """
    root = tmp_path / "snippets"
    shutil.copytree(SNIPPETS_DIR, root)
    path = root / file
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line == old]
    assert len(hits) == 1, f"{file}: expected exactly one line {old!r}, found {len(hits)}"
    lines[hits[0]] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return root, hits[0] + 1


def expect_failure(shell_key, one_target, tmp_path, root, step_name, location, *phrases):
    """Run the shell's journey on the copy; require a failure at ``step_name``/``location``."""
    shell = by_key(shell_key)
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    with pytest.raises(expectations.JourneyFailure) as info:
        run_journey(
            shell, one_target, tmp_path / "run", journey.steps(shell, CURRENT_OS), 120, root
        )
    failure = info.value
    assert failure.step == step_name, str(failure)
    assert failure.location == location, str(failure)
    message = str(failure)
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in:\n{message}"
    assert shell_key in message and one_target.full_version in message
    return failure


CASES = [
    # (id, shell, file, old line, new line, failing step, phrase in the report)
    ("activation-path-typo", "bash", "activate/bash.sh",
     "source .venv/bin/activate", "source .venv/bin/activat", "activate", "exited with status"),
    ("activation-executed-not-sourced", "bash", "activate/bash.sh",
     "source .venv/bin/activate", "bash .venv/bin/activate", "activate", "`python` on PATH is"),
    ("source-in-posix-sh", "sh", "activate/sh.sh",
     ". .venv/bin/activate", "source .venv/bin/activate", "activate", "exited with status 127"),
    ("fish-activation-typo", "fish", "activate/fish.fish",
     "source .venv/bin/activate.fish", "source .venv/bin/activate.fsh", "activate", "status"),
    ("tcsh-activation-typo", "tcsh", "activate/csh.csh",
     "source .venv/bin/activate.csh", "source .venv/bin/actvate.csh", "activate", ""),
    ("command-name-typo", "zsh", "install/any.sh",
     "python -m pip install requests", "pyhton -m pip install requests", "install",
     "exited with status 127"),
    ("option-typo", "bash", "install/any.sh",
     "python -m pip install requests", "python -m pip instal requests", "install",
     "exited with status"),
    ("missing-deactivate", "bash", "deactivate/bash.sh", "deactivate", "", "deactivate",
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
    root, line = broken_copy(tmp_path, file, old, new)
    expect_failure(shell_key, one_target, tmp_path, root, step, f"snippets/{file}:{line}", phrase)


@pytest.mark.journey
def test_pip_install_into_the_wrong_interpreter_fails(one_target, tmp_path):
    """``pip install`` run by the base interpreter, not the venv's, fails at the install step."""
    root, line = broken_copy(
        tmp_path,
        "install/any.sh",
        "python -m pip install requests",
        f"{one_target.executable} -m pip install requests",
    )
    expect_failure("bash", one_target, tmp_path, root, "install", f"snippets/install/any.sh:{line}")


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
    step = Step(name, (f"selftest/x.sh:{name}",))
    return run_journey(by_key(shell_key), target, tmp_path / "run", [step], timeout, root)


def test_timeout_kills_the_process_group(one_target, tmp_path):
    """A hanging step is killed with its children after the timeout, and the report says so."""
    root = _custom_copy(tmp_path, "hang", "sleep 301 &\nsleep 302")
    shell = by_key("bash")
    started = time.monotonic()
    with pytest.raises(expectations.JourneyFailure) as info:
        run_journey(
            shell, one_target, tmp_path / "run", [Step("hang", ("selftest/x.sh:hang",))], 2, root
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
        planned = runner.plan(
            journey.steps(shell, "windows" if shell.family == "windows" else "linux")
        )
        script = runner.build_script(shell, planned).splitlines()
        for step in planned:
            for sec in step.sections:
                for line in sec.commands():
                    assert shell.dialect.line_prefix + line.text in script, (key, line)
