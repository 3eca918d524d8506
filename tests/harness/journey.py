"""The reader's journey: which snippet sections run, in which order, and what to expect.

Every step names sections the site shows (``FILE:NAME`` under ``snippets/``), an expectation
checked with the probe after the step (see ``tests/harness/expectations.py``), and optionally
an expected-output file the site shows next to the command.
"""

from __future__ import annotations

from dataclasses import dataclass

from venv_guide.shells import Shell, snippet_file

#: The requests version the Install page pins (``install/any.sh``: pin, compatible, install-r).
#: One constant for the tests; the snippet text is checked against it by test_journeys.py.
#: It must have no published security advisory: 2.32.3 had two (GHSA-9hjg-9r4m-mvj7 /
#: CVE-2024-47081, fixed in 2.32.4; GHSA-gc5v-m9x4-r6x2 / CVE-2026-25645, fixed in 2.33.0).
#: requests 2.33+ needs Python 3.10+.
PINNED_REQUESTS = "2.33.1"


@dataclass(frozen=True)
class Step:
    """One step of a journey.

    Attributes:
        name: short name used in test output and probe records (``activate``).
        anchor: where the reader finds the step: ``PAGE_URL#HEADING_ID`` of the built site
            (``activate/#activate``); the commands are copied from the block in the reader's
            tab under that heading.
        sections: ``FILE:NAME`` references the reader's tab must show there, run in order.
        expect: name of the state check after the step (``created``, ``active``, ...), or None.
        output: expected-output file (relative to snippets/) compared with what the step
            printed, or None; the page must show it in a ``.no-copy`` block in the same tab.
        detail: extra argument of the check (e.g. the version ``pin`` must leave installed).
        fails: True when the step's last command must exit with a non-zero status (a
            deliberate mistake whose message the site shows); the journey goes on after it.
    """

    name: str
    anchor: str
    sections: tuple[str, ...]
    expect: str | None = None
    output: str | None = None
    detail: str = ""
    fails: bool = False

    @property
    def page(self) -> str:
        """The page URL part of :attr:`anchor` (``activate/``)."""
        return self.anchor.partition("#")[0]

    @property
    def heading(self) -> str:
        """The heading id part of :attr:`anchor` (``activate``)."""
        return self.anchor.partition("#")[2]


POLICY = "activate/#powershell-refuses-to-run-activateps1"


def _which_output(shell: Shell, os_name: str) -> str:
    if shell.snippets in ("git-bash", "cmd", "powershell"):
        return f"activate/output/which-{shell.snippets}.txt"
    return f"activate/output/which-{os_name}.txt"


def steps(shell: Shell, os_name: str) -> list[Step]:
    """The steps of a reader's journey in ``shell`` on ``os_name`` (linux, macos, windows).

    Order: create, run without activating, (PowerShell: allow scripts for this window),
    activate, check, install, pin, compatible, minimum, list, show, freeze, uninstall,
    install -r, deactivate, check, delete, recreate.
    """
    own = shell.snippets
    family = shell.family
    on_windows = family == "windows"

    def per_shell(page: str, name: str) -> str:
        return f"{snippet_file(page, own)}:{name}"

    def pip(name: str) -> str:
        return f"{snippet_file('install', 'any')}:{name}"

    steps = [
        Step("create", "create/#create", (f"{snippet_file('create', family)}:create",), "created"),
        Step(
            "direct",
            "activate/#without-activating",
            (per_shell("activate", "direct"),),
            "inactive",
            output=f"activate/output/direct-{'windows' if on_windows else os_name}.txt",
        ),
    ]
    if own == "powershell":
        steps.append(
            Step("policy-process", POLICY, (per_shell("activate", "policy-process"),), "inactive")
        )
    steps += [
        Step("activate", "activate/#activate", (per_shell("activate", "activate"),), "active"),
        Step(
            "check",
            "activate/#check",
            (per_shell("activate", "check"),),
            "active",
            _which_output(shell, os_name),
        ),
        Step("install", "install/#install-a-package", (pip("install"),), "installed"),
        Step(
            "pin", "install/#choose-a-version", (pip("pin"),), "installed", detail=PINNED_REQUESTS
        ),
        Step(
            "compatible",
            "install/#choose-a-version",
            (pip("compatible"),),
            "installed",
            detail=PINNED_REQUESTS,
        ),
        Step(
            "minimum",
            "install/#choose-a-version",
            (pip("minimum"),),
            "installed",
            detail=PINNED_REQUESTS,
        ),
        Step(
            "list",
            "install/#see-what-is-installed",
            (pip("list"),),
            "installed",
            "install/output/list.txt",
        ),
        Step(
            "show",
            "install/#see-what-is-installed",
            (pip("show"),),
            "installed",
            "install/output/show.txt",
        ),
        Step("freeze", "install/#save-your-requirements", (pip("freeze"),), "frozen"),
        Step("uninstall", "install/#uninstall-a-package", (pip("uninstall"),), "uninstalled"),
        Step(
            "install-r",
            "install/#save-your-requirements",
            (pip("install-r"),),
            "installed",
            detail=PINNED_REQUESTS,
        ),
        Step(
            "deactivate",
            "deactivate/#deactivate",
            (per_shell("deactivate", "deactivate"),),
            "deactivated",
        ),
        Step(
            "check-deactivated",
            "deactivate/#check",
            (per_shell("deactivate", "check"),),
            "deactivated",
        ),
    ]
    os_level = own if on_windows else "unix"
    steps += [
        Step(
            "delete",
            "deactivate/#delete",
            (f"{snippet_file('deactivate', os_level)}:delete",),
            "deleted",
        ),
        Step(
            "recreate",
            "deactivate/#recreate",
            (f"{snippet_file('deactivate', os_level)}:recreate",),
            "recreated",
        ),
    ]
    return steps


#: Sections the site shows that no journey runs, and why (they are parsed or run elsewhere).
NOT_IN_JOURNEYS = {
    "activate/powershell.ps1:policy-user": (
        "changes the execution policy of the runner's account (outside the sandbox); "
        "parsed by tests/test_windows_parse.py"
    ),
    "create/unix.sh:version": "run by tests/test_journeys.py::test_create_with_version",
    "create/windows.ps1:version": "run by tests/test_journeys.py::test_create_with_version",
}
