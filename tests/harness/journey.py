"""The reader's journey: which snippet sections run, in which order, and what to expect.

Every step names sections the site shows (``FILE:NAME`` under ``snippets/``), an expectation
checked with the probe after the step (see ``tests/harness/expectations.py``), and optionally
an expected-output file the site shows next to the command.
"""

from __future__ import annotations

from dataclasses import dataclass

from venv_guide.shells import Shell, snippet_file

#: The requests release the site pins (``install/any.sh:pin``, the output files and the checks
#: use it; tests/test_journeys.py fails when the snippet says otherwise). It must have no
#: published security advisory: 2.32.3 had two (GHSA-9hjg-9r4m-mvj7 / CVE-2024-47081, fixed in
#: 2.32.4, and GHSA-gc5v-m9x4-r6x2 / CVE-2026-25645, fixed in 2.33.0). 2.33+ needs Python 3.10+.
PINNED_REQUESTS = "2.33.1"


@dataclass(frozen=True)
class Step:
    """One step of a journey.

    Attributes:
        name: short name used in test output and probe records (``activate``).
        sections: ``FILE:NAME`` references, run in order.
        expect: name of the state check after the step (``created``, ``active``, ...), or None.
        output: expected-output file (relative to snippets/) compared with what the step
            printed, or None.
        detail: extra argument of the check (e.g. the version ``pin`` must leave installed).
    """

    name: str
    sections: tuple[str, ...]
    expect: str | None = None
    output: str | None = None
    detail: str = ""


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
        Step("create", (f"{snippet_file('create', family)}:create",), "created"),
        Step(
            "direct",
            (per_shell("activate", "direct"),),
            "inactive",
            output=f"activate/output/direct-{'windows' if on_windows else os_name}.txt",
        ),
    ]
    if own == "powershell":
        steps.append(Step("policy-process", (per_shell("activate", "policy-process"),), "inactive"))
    steps += [
        Step("activate", (per_shell("activate", "activate"),), "active"),
        Step("check", (per_shell("activate", "check"),), "active", _which_output(shell, os_name)),
        Step("install", (pip("install"),), "installed"),
        Step("pin", (pip("pin"),), "installed", detail=PINNED_REQUESTS),
        Step("compatible", (pip("compatible"),), "installed", detail=PINNED_REQUESTS),
        Step("minimum", (pip("minimum"),), "installed", detail=PINNED_REQUESTS),
        Step("list", (pip("list"),), "installed", "install/output/list.txt"),
        Step("show", (pip("show"),), "installed", "install/output/show.txt"),
        Step("freeze", (pip("freeze"),), "frozen"),
        Step("uninstall", (pip("uninstall"),), "uninstalled"),
        Step("install-r", (pip("install-r"),), "installed", detail=PINNED_REQUESTS),
        Step("deactivate", (per_shell("deactivate", "deactivate"),), "deactivated"),
        Step("check-deactivated", (per_shell("deactivate", "check"),), "deactivated"),
    ]
    os_level = own if on_windows else "unix"
    steps += [
        Step("delete", (f"{snippet_file('deactivate', os_level)}:delete",), "deleted"),
        Step("recreate", (f"{snippet_file('deactivate', os_level)}:recreate",), "recreated"),
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
