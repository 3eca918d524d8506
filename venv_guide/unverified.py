"""What the site shows that no test runs or reproduces, and why: one source for the marks on
the reader's pages (:mod:`venv_guide.marks`, a few words), the list on the page about how the
guide is tested (the whole reason), and the harness's coverage tests (tests/test_journeys.py,
tests/test_troubleshooting.py), which fail for a section or message that is neither run nor
listed here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Excuse:
    """Why something the site shows is not run by a test.

    Attributes:
        short: a few words for the reader's page, under the block: the mark must fit one
            line at 320 px (tests/test_browser.py), and holds no test-suite words (the page
            rules forbid them on reader pages).
        why: the whole reason, for the page about how the guide is tested.
    """

    short: str
    why: str


#: Command sections no test runs anywhere (``FILE:SECTION``), with why.
NOT_RUN: dict[str, Excuse] = {
    "activate/powershell.ps1:policy-user": Excuse(
        "changes your account settings",
        "changes the execution policy of the CI runner's own account, outside the sandbox; "
        "tests/test_windows_parse.py parses it",
    ),
    "start/windows.ps1:list": Excuse(
        "needs the install manager",
        "needs the Python install manager, which the windows-latest runner does not have; "
        "tests/test_windows_parse.py parses it",
    ),
    "start/windows.ps1:list-legacy": Excuse(
        "lists the computer's Pythons",
        "lists the runner's own interpreters, outside the sandbox; tests/test_windows_parse.py "
        "parses it",
    ),
    "start/unix.sh:dnf": Excuse(
        "needs Fedora",
        "the journeys' Linux is Debian (the CI machine, and a stock Debian 13 root for the apt "
        "commands) or Ubuntu; no Fedora machine runs dnf",
    ),
    "start/unix.sh:brew": Excuse(
        "installs with Homebrew",
        "installs Python with Homebrew on the macOS runner, outside the sandbox (its own "
        "Python stays what the journeys target)",
    ),
    "tools/powershell.ps1:poetry-eval": Excuse(
        "our tools run on macOS, Linux",
        "the tools' journeys run on the macOS and Linux machines (tests/test_tools.py); the "
        "Windows jobs do not install Poetry",
    ),
    "tools/git-bash.sh:poetry-eval": Excuse(
        "our tools run on macOS, Linux",
        "the tools' journeys run on the macOS and Linux machines (tests/test_tools.py); the "
        "Windows jobs do not install Poetry",
    ),
    "start/windows.ps1:install-python": Excuse(
        "downloads and installs Python",
        "downloads and installs Python for the runner's account (network, outside the "
        "sandbox); tests/test_windows_parse.py parses it",
    ),
}

#: Expected-output files (messages) no test reproduces, with why; their entries on the pages
#: say so too.
NOT_REPRODUCED: dict[str, Excuse] = {
    "trouble/output/windows-store-alias.txt": Excuse(
        "our Windows has Python",
        "the Microsoft Store shortcut for `python` is absent on the windows-latest runner, "
        "which has Python on PATH",
    ),
    "trouble/output/py-not-recognized-cmd.txt": Excuse(
        "our Windows has py",
        "the windows-latest runner has the `py` launcher in C:\\Windows, on every PATH",
    ),
    "trouble/output/py-not-recognized-powershell.txt": Excuse(
        "our Windows has py",
        "the windows-latest runner has the `py` launcher in C:\\Windows, on every PATH",
    ),
    "trouble/output/module-not-found-app-windows.txt": Excuse(
        "not yet run on Windows",
        "the Windows journeys run in script mode, where a command's error output is not yet "
        "compared step by step; the fixes below it run there",
    ),
    "trouble/output/fatal-launcher.txt": Excuse(
        "not yet run on Windows",
        "no Windows journey renames the project folder yet; the text is distlib's launcher "
        "message (pypa/distlib PC/launcher.c), with this guide's paths",
    ),
    "trouble/output/scripts-disabled.txt": Excuse(
        "our PCs allow scripts",
        "windows-latest is Windows Server (default policy RemoteSigned) and the journeys start "
        "PowerShell with -ExecutionPolicy Bypass, so the script is never refused there",
    ),
}
