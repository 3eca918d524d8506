"""The harness tests itself: deliberately broken snippets must fail, naming the step and line.

Each case copies snippets/ to a temporary folder, breaks one line the way a maintainer might,
runs the real journey in the real shell, and requires a JourneyFailure that names the step and
``snippets/FILE:LINE``. Some breakages fail only because the journey is typed into an
interactive shell: a ``# comment`` line in a zsh block (zsh has no ``interactivecomments``),
and a ``--prompt x`` added to the create command (the prompt check after activation).
(Syntax errors in .ps1/.bat files: tests/test_windows_parse.py.)
"""

from __future__ import annotations

import dataclasses
import pathlib
import time

import pytest

from tests.harness import changes, expectations, journey, page, runner, sandbox, wheelhouse
from tests.harness.failure import JourneyFailure
from tests.harness.journey import Step
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import by_key, snippet_file
from venv_guide.snippets import REPO_ROOT

pytestmark = [
    pytest.mark.skipif(
        CURRENT_OS == "windows",
        reason="the self-tests break POSIX-shell snippets; Windows journeys are checked by "
        "test_journeys.py on the windows-latest runner and parsed by test_windows_parse.py",
    ),
    # They check the harness, not the pages: under --changed only a harness change runs them.
    changes.reads(changes.HARNESS),
]


def broken_copy(
    tmp_path: pathlib.Path, file: str, old: str, new: str, nth: int | None = None
) -> tuple[pathlib.Path, page.BuiltSite, int]:
    """Copy the project, replace lines ``old`` of ``file`` by ``new``, build the site.

    Args:
        file: a path relative to the project: ``snippets/activate/bash.sh``, ``docs/create.md``.
        old: whole lines (``\n``-separated) to replace; they must occur exactly once, or
            ``nth`` says which occurrence (1-based).
        new: the replacement lines ("" deletes ``old``'s lines... as one empty line).

    Returns:
        (the copy's snippets folder, its built site, the 1-based number of the first replaced
        line).
    """
    project = page.copy_project(REPO_ROOT, tmp_path / "project")
    path = project / file
    lines = path.read_text(encoding="utf-8").split("\n")
    want = old.split("\n")
    hits = [i for i in range(len(lines)) if lines[i : i + len(want)] == want]
    if nth is None:
        assert len(hits) == 1, f"{file}: expected {old!r} exactly once, found {len(hits)}"
        nth = 1
    index = hits[nth - 1]
    lines[index : index + len(want)] = new.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    site = page.build(project, tmp_path / "site")
    return project / "snippets", site, index + 1


def expect_failure(
    shell_key, one_target, tmp_path, copy, step_name, location, *phrases, until=None
):
    """Run the shell's journey on the copy; require a failure at ``step_name``/``location``.

    ``until``: run the steps up to this one only (for a failure the checks find after the
    run, such as the prompt's, the rest of the journey adds nothing).
    """
    root, site, _ = copy
    shell = by_key(shell_key)
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    steps = journey.steps(shell, CURRENT_OS)
    if until is not None:
        steps = steps[: [s.name for s in steps].index(until) + 1]
    box = sandbox.create(tmp_path / "run", one_target, wheelhouse.folder(one_target), shell.find())
    with pytest.raises(JourneyFailure) as info:
        runner.run_journey(shell, one_target, box, steps, site, 120, root)
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
    # Interactive zsh reads `#` as a command (no interactivecomments); a script ignores it.
    ("zsh-comment-line", "zsh", "snippets/activate/zsh.zsh",
     "source .venv/bin/activate", "# Activate the venv:\nsource .venv/bin/activate", "activate",
     "zsh: command not found: #"),
    # csh/tcsh at the prompt too.
    ("tcsh-comment-line", "tcsh", "snippets/deactivate/csh.csh",
     "deactivate", "# Leave the venv:\ndeactivate", "deactivate", "#: Command not found."),
    # The prompt after deactivate must be the one before activation.
    ("prompt-not-restored", "bash", "snippets/deactivate/bash.sh",
     "deactivate", 'deactivate; PS1="(.venv) $PS1"', "deactivate",
     "after deactivate, not '@@vg-prompt@@ ' as before activation"),
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


# What a maintainer might break on the way from snippet to the reader's terminal (issue 7):
# (id, shell, file, old, new, nth occurrence, failing step, phrases in the report)
WHICH_LINUX = '        --8<-- "activate/output/which-linux.txt"'
READER_CASES = [
    ("python-instead-of-python3", "bash", "snippets/create/unix.sh",
     "python3 -m venv .venv", "python -m venv .venv", None, "create",
     ("snippets/create/unix.sh:4", "exited with status 127")),
    ("fish-tab-shows-bash-section", "fish", "docs/activate.md",
     '        --8<-- "activate/fish.fish:activate"',
     '        --8<-- "activate/bash.sh:activate"', 2, "activate",
     ("activate/ #activate-linux-fish (Linux > fish)",
      "does not show snippets/activate/fish.fish:activate",
      "it shows activate/bash.sh:activate")),
    ("linux-tab-shows-windows-create", "bash", "docs/create.md",
     '    --8<-- "create/unix.sh:create"', '    --8<-- "create/windows.ps1:create"', 2,
     "create", ("create/ #create-linux (Linux)", "it shows create/windows.ps1:create")),
    ("output-line-deleted", "bash", "snippets/install/output/show.txt",
     "Requires: certifi, charset_normalizer, idna, urllib3", "", None, "show",
     ("output differs from snippets/install/output/show.txt",
      "+Requires: certifi, charset_normalizer, idna, urllib3")),
    ("output-block-copyable", "bash", "docs/activate.md",
     f'{" " * 8}``` {{ .text .no-copy title="Output" }}\n{WHICH_LINUX}',
     f'{" " * 8}``` {{ .text title="Output" }}\n{WHICH_LINUX}', 1, "check",
     ("activate/ #check-linux-bash (Linux > bash)",
      "expected output snippets/activate/output/which-linux.txt sits in a copyable block")),
    ("freeze-appends", "bash", "snippets/install/any.sh",
     "python -m pip freeze > requirements.txt", "python -m pip freeze >> requirements.txt",
     None, "freeze-again",
     ("requirements.txt differs from what `python -m pip freeze` prints",)),
]  # fmt: skip


@pytest.mark.journey
@pytest.mark.parametrize(
    ("shell_key", "file", "old", "new", "nth", "step", "phrases"),
    [case[1:] for case in READER_CASES],
    ids=[case[0] for case in READER_CASES],
)
def test_what_the_reader_gets_is_checked(
    shell_key, file, old, new, nth, step, phrases, one_target, tmp_path
):
    """Each breakage fails the journey, naming the step and the page/tab or FILE:LINE."""
    if CURRENT_OS != "linux":
        pytest.skip("the cases name Linux tabs; the ubuntu-latest jobs run them")
    copy = broken_copy(tmp_path, file, old, new, nth)
    shell = by_key(shell_key)
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    box = sandbox.create(tmp_path / "run", one_target, wheelhouse.folder(one_target), shell.find())
    with pytest.raises(JourneyFailure) as info:
        runner.run_journey(
            shell, one_target, box, journey.steps(shell, CURRENT_OS), copy[1], 300, copy[0]
        )
    message = str(info.value)
    assert info.value.step == step, message
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in:\n{message}"


@pytest.mark.journey
@pytest.mark.parametrize("shell_key", ["bash", "fish", "csh"])
def test_create_with_another_prompt_fails_the_prompt_check(shell_key, one_target, tmp_path):
    """``--prompt x`` on the create line: activation shows ``(x) ``, not the site's ``(.venv) ``.

    The failure names the activate step and its line in the reader's tab, and shows the prompt
    the terminal drew.
    """
    copy = broken_copy(
        tmp_path,
        "snippets/create/unix.sh",
        "python3 -m venv .venv",
        "python3 -m venv --prompt x .venv",
    )
    shell = by_key(shell_key)
    file = f"snippets/{snippet_file('activate', shell.snippets)}"
    line = next(
        number
        for number, text in enumerate((REPO_ROOT / file).read_text().splitlines(), 1)
        if text.startswith(("source", "."))
    )
    failure = expect_failure(
        shell_key,
        one_target,
        tmp_path,
        copy,
        "activate",
        f"{file}:{line}",
        "after this step the prompt is '(x) @@vg-prompt@@ ': it does not start with '(.venv) '",
        "--prompt NAME",
        "(x) @@vg-prompt@@ echo",
        until="check",
    )
    assert "interactive mode" in str(failure)


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
    with pytest.raises(JourneyFailure) as info:
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


def test_stdin_is_the_terminal(one_target, tmp_path):
    """Interactive journeys: stdin, stdout and stderr of the reader's commands are a terminal."""
    ctx, results = run_custom(
        "bash", one_target, tmp_path, "tty", "test -t 0 && test -t 1 && test -t 2 && echo tty"
    )
    assert ctx.run.outputs["tty"] == "tty"
    assert [r.outcome for r in results] == ["passed"]


def test_command_waiting_for_input_times_out(one_target, tmp_path):
    """Nothing is typed ahead: a command that waits for input waits until the timeout, and
    the report says the prompt did not come back and shows the terminal's last line."""
    root = _custom_copy(tmp_path, "ask", "printf 'Proceed (Y/n)? '\nread answer")
    with pytest.raises(JourneyFailure) as info:
        _run_sections(
            by_key("sh"), one_target, tmp_path, [Step("ask", "", ("selftest/x.sh:ask",))], 2, root
        )
    message = str(info.value)
    assert "timed out after 2 s (no prompt came back" in message
    assert "waiting for input?" in message
    assert info.value.location == "snippets/selftest/x.sh:3"


def test_stdin_is_closed_in_script_mode(one_target, tmp_path):
    """Script mode (the Windows shells): a command that reads stdin gets end-of-file at once."""
    shell = dataclasses.replace(by_key("bash"), mode="script", args=("--noprofile", "--norc"))
    root = _custom_copy(tmp_path, "read", "cat")
    ctx, _ = _run_sections(
        shell, one_target, tmp_path, [Step("read", "", ("selftest/x.sh:read",))], 30, root
    )
    assert ctx.run.done and ctx.run.mode == "script"


def test_continuation_lines_run_as_one_command(one_target, tmp_path):
    """A command continued with a backslash is checked once, after its last line."""
    ctx, _ = run_custom("sh", one_target, tmp_path, "cont", "echo one \\\n  two")
    assert ctx.run.outputs["cont"].strip() == "one two"


def test_interactive_journey_types_every_line(one_target, tmp_path):
    """An interactive journey types every non-blank line of the block, comments included, as
    the copy button gives it; the step's output leaves out the harness's own lines."""
    ctx, results = run_custom(
        "bash", one_target, tmp_path, "lines", "# say hello\necho hello\n\necho world"
    )
    dialect = by_key("bash").dialect
    typed = ctx.run.script.splitlines()
    assert typed[0] == dialect.set_prompt
    assert typed[1:6] == ["# say hello", dialect.status, "echo hello", dialect.status, "echo world"]
    assert ctx.run.outputs["lines"] == "hello\nworld"
    assert [r.outcome for r in results] == ["passed"]


def test_script_keeps_snippet_text_verbatim():
    """Every snippet line appears unchanged in a generated script (cmd adds only `call `)."""
    for key in ("git-bash", "cmd", "powershell"):
        shell = by_key(key)
        planned = page.from_sections(
            journey.steps(shell, "windows" if shell.family == "windows" else "linux")
        )
        script = runner.build_script(shell, planned).splitlines()
        for step in planned:
            for sec in step.sections:
                for line in sec.commands():
                    assert shell.dialect.line_prefix + line.text in script, (key, line)


@pytest.mark.journey
def test_update_outputs_rewrites_a_stale_output_keeping_placeholders(one_target, tmp_path):
    """``--update-outputs`` brings a stale expected-output file up to date, ``...`` kept."""
    if CURRENT_OS != "linux":
        pytest.skip("the case edits a Linux output file; the ubuntu-latest jobs run it")
    root, site, _ = broken_copy(
        tmp_path, "snippets/install/output/show.txt", "Location: ...", "Location: /nowhere"
    )
    shell = by_key("bash")
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    box = sandbox.create(tmp_path / "run", one_target, wheelhouse.folder(one_target), shell.find())
    steps = journey.steps(shell, CURRENT_OS)
    ctx, _ = runner.run_journey(shell, one_target, box, steps, site, 300, root, update_outputs=True)
    assert ctx.updated == ["snippets/install/output/show.txt"]
    text = (root / "install" / "output" / "show.txt").read_text(encoding="utf-8").splitlines()
    assert "Location: /nowhere" not in text
    location = next(line for line in text if line.startswith("Location: "))
    assert location == "Location: /home/you/project/.venv/lib/python3.11/site-packages" or (
        location.startswith("Location: /home/you/project/.venv/lib/python")
    ), text
    assert "..." in text, "the placeholder line was dropped"


def test_script_mode_reads_the_powershell_prompt():
    """PowerShell (script mode) prints the prompt after each step; it reaches the probe record
    of that step, where the same prompt checks read it."""
    shell = by_key("powershell")
    planned = page.from_sections(journey.steps(shell, "windows"))
    script = runner.build_script(shell, planned).split(shell.dialect.newline)
    end = script.index("Write-Output '@@vg end activate@@'")
    assert script[end + 1] == shell.dialect.prompt_probe
    result = runner.JourneyRun(steps=planned, argv=[], script="")
    result.stdout = (
        "@@vg begin activate@@\n@@vg end activate@@\n"
        "@@vg prompt (.venv) PS C:\\Users\\you\\project> @@\n"
    )
    runner._parse_stdout(result)
    assert result.prompts == {"activate": "(.venv) PS C:\\Users\\you\\project> "}


@pytest.mark.parametrize("shell_key", ["zsh", "fish", "tcsh"])
def test_step_that_must_fail(shell_key, one_target, tmp_path):
    """A step with ``fails``: a non-zero status is recorded and the journey goes on; a zero
    status fails it at that line."""
    shell = by_key(shell_key)
    if shell.find() is None:
        pytest.skip(shell.unavailable_reason())
    root = _custom_copy(tmp_path, "oops", "false")
    ctx, results = _run_sections(
        shell,
        one_target,
        tmp_path,
        [Step("oops", "", ("selftest/x.sh:oops",), fails=True)],
        30,
        root,
    )
    assert ctx.run.statuses == {"snippets/selftest/x.sh:2": "1"}
    assert ctx.run.done and [r.outcome for r in results] == ["passed"]
    root = _custom_copy(tmp_path / "again", "oops", "true")
    with pytest.raises(JourneyFailure) as info:
        _run_sections(
            shell,
            one_target,
            tmp_path / "again",
            [Step("oops", "", ("selftest/x.sh:oops",), fails=True)],
            30,
            root,
        )
    assert "exited with status 0 (this step's command must fail)" in str(info.value)
