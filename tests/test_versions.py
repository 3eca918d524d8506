"""tests/harness/versions.py: the shell and OS versions the results record."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.harness import versions
from venv_guide.shells import by_key
from venv_guide.snippets import REPO_ROOT


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright", "5.2.15"),
        ("GNU bash, version 3.2.57(1)-release (arm64-apple-darwin24)", "3.2.57"),
        ("zsh 5.9 (x86_64-debian-linux-gnu)", "5.9"),
        ("fish, version 3.6.0", "3.6.0"),
        ("tcsh 6.24.07 (Astron) 2022-12-21 (x86_64-unknown-linux) options wide", "6.24.07"),
        ("\nMicrosoft Windows [Version 10.0.20348.2340]", "10.0.20348.2340"),
        ("7.4.6", "7.4.6"),
        ("no digits here", "unknown"),
        ("", "unknown"),
    ],
)
def test_parse_dotted(text, version):
    assert versions.parse_dotted(text) == version


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("Version AJM 93u+m/1.0.4 2022-10-22", "93u+m/1.0.4"),
        ("Version M 93u+ 2012-08-01", "93u+"),
        ("@(#)MIRBSD KSH R59 2023/04/29 +Debian", "R59"),
        ("", "unknown"),
    ],
)
def test_parse_ksh_version(text, version):
    assert versions.parse_ksh_version(text) == version


@pytest.mark.parametrize("key", ["bash", "zsh", "fish", "tcsh", "ksh", "mksh"])
def test_shell_version_on_this_machine(key):
    shell = by_key(key)
    executable = shell.find()
    if executable is None:
        pytest.skip(f"{key} is not installed here")
    found = versions.shell_version(shell, executable)
    assert found["name"] == executable.name
    assert found["version"] != "unknown"
    # The version is what the shell itself reports.
    probe = 'echo "$KSH_VERSION"' if key in ("ksh", "mksh") else None
    argv = [str(executable), "-c", probe] if probe else [str(executable), "--version"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    assert found["version"] in out


def test_dash_version_comes_from_its_package():
    shell = by_key("sh")
    executable = shell.find()
    if executable is None or executable.name != "dash" or not shutil.which("dpkg-query"):
        pytest.skip("needs dash installed by dpkg")
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "dash"], capture_output=True, text=True, check=True
    ).stdout
    found = versions.shell_version(shell, executable)
    assert found == {"name": "dash", "version": out.rsplit("-", 1)[0]}


def test_os_version_and_git_state():
    assert versions.os_version() != ""
    commit, dirty = versions.git_state(REPO_ROOT)
    if shutil.which("git") is None:
        assert (commit, dirty) == ("unknown", False)
    else:
        head = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        assert commit == (head or "unknown")
    assert isinstance(dirty, bool)


def test_git_state_outside_a_repository(tmp_path):
    assert versions.git_state(tmp_path) == ("unknown", False)
