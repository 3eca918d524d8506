"""The reader's journey: which snippet sections run, in which order, and what to expect.

Every step names sections the site shows (``FILE:NAME`` under ``snippets/``), an expectation
checked with the probe after the step (see ``tests/harness/expectations.py``), and optionally
an expected-output file the site shows next to the command.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from venv_guide import unverified
from venv_guide.shells import Shell, snippet_file
from venv_guide.snippets import SNIPPETS_DIR, section

#: The requests version the Install page pins (``install/any.sh``: pin, compatible, install-r).
#: One constant for the tests; the snippet text is checked against it by test_journeys.py.
#: It must have no published security advisory: 2.32.3 had two (GHSA-9hjg-9r4m-mvj7 /
#: CVE-2024-47081, fixed in 2.32.4; GHSA-gc5v-m9x4-r6x2 / CVE-2026-25645, fixed in 2.33.0).
#: requests 2.33+ needs Python 3.10+.
PINNED_REQUESTS = "2.33.1"
#: The newer requests release the wheelhouse also holds (``pip list --outdated`` reports it,
#: ``pip install --upgrade requests`` and a plain ``pip install requests`` install it).
LATEST_REQUESTS = "2.34.2"
#: The pip release the wheelhouse holds, newer than every Python's bundled pip: ``--upgrade-deps``
#: and ``pip install --upgrade pip`` install it, and pip's new-release notice names it. It is
#: also what ``pip install --group`` needs (pip 25.1+) and pipx's shared pip (26.1+).
LATEST_PIP = "26.3"
#: The tools the page Other tools (docs/tools.md) runs, pinned: the one place their versions
#: live. The set-up puts their wheels in the wheelhouse and installs each into a venv of its
#: own (tests/harness/tools.py); the journeys find them on PATH, as a reader who installed them.
TOOLS: dict[str, str] = {
    "uv": "0.13.9",
    "virtualenv": "21.15.14",
    "pipx": "1.18.4",
    "pipenv": "2026.10.3",
    "poetry": "2.5.1",
}
#: The application the pipx section installs (a pure wheel with one command, ``cowsay``).
PIPX_APP = "cowsay==6.1"
#: The development dependency of the requirements page's ``[dependency-groups]``, and the
#: build backend its ``pyproject.toml`` names (``pip install -e .`` builds with it, offline).
DEV_GROUP = "pytest"
BUILD_BACKEND = "setuptools>=77"


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
            The page may show that command in a ``.no-copy .typed`` block ("You typed").
        typed: True when the page shows the step's commands as typed, not to copy: what the
            reader did before a mistake (renaming the project folder), in a ``.typed`` block.
    """

    name: str
    anchor: str
    sections: tuple[str, ...]
    expect: str | None = None
    output: str | None = None
    detail: str = ""
    fails: bool = False
    typed: bool = False

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
    """What the Check step prints: each Windows shell names the venv's python its own way
    (``where``, ``Get-Command``, ``which``); on macOS and Linux the OS's paths differ."""
    if shell.family == "windows":
        return f"activate/output/which-{shell.snippets}.txt"
    return f"activate/output/which-{os_name}.txt"


def create_step(shell: Shell) -> Step:
    """The Create page's ``python -m venv .venv`` (``py -m venv .venv``) for ``shell``'s OS."""
    return Step(
        "create", "create/#create", (f"{snippet_file('create', shell.family)}:create",), "created"
    )


def activate_step(shell: Shell, expect: str = "active") -> Step:
    """The Activate page's activation, as ``shell``'s tab shows it; ``expect`` the state after."""
    return Step(
        "activate", "activate/#activate", (f"{snippet_file('activate', shell.snippets)}:activate",),
        expect,
    )  # fmt: skip


def deactivate_step(shell: Shell, expect: str = "deactivated") -> Step:
    """The Deactivate page's ``deactivate``, as ``shell``'s tab shows it."""
    return Step(
        "deactivate", "deactivate/#deactivate",
        (f"{snippet_file('deactivate', shell.snippets)}:deactivate",), expect,
    )  # fmt: skip


def steps(shell: Shell, os_name: str) -> list[Step]:
    """The steps of a reader's journey in ``shell`` on ``os_name`` (linux, macos, windows).

    Order: check Python, create, run without activating, (PowerShell: allow scripts for this
    window), activate, check, install, pin, compatible, minimum, list, show, freeze, uninstall,
    install -r, (Windows: run app.py by the venv's path), freeze again, deactivate, check,
    delete, recreate.
    """
    own = shell.snippets
    family = shell.family
    on_windows = family == "windows"

    def per_shell(page: str, name: str) -> str:
        return f"{snippet_file(page, own)}:{name}"

    def pip(name: str) -> str:
        return f"{snippet_file('install', 'any')}:{name}"

    steps = [
        Step(
            "check-python",
            "start/#get-python",
            (f"{snippet_file('start', family)}:check",),
            "inactive",
            output="start/output/version.txt",
        ),
        create_step(shell),
        Step(
            "direct",
            "activate/#without-activating",
            (per_shell("activate", "direct"),),
            "inactive",
            output=f"activate/output/direct-{'windows' if on_windows else os_name}.txt",
        ),
    ]
    steps += [
        *_activate(shell),
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
    ]
    if on_windows:
        # The program of the next-steps page (the test saves app.py), by the venv's path: the
        # text differs in each Windows shell (backslashes are escapes in Git Bash).
        steps.append(
            Step(
                "run-direct",
                f"{NEXT}#run-without-activating",
                (per_shell("next", "run-direct"),),
                "installed",
                "next/output/app.txt",
            )
        )
    steps += [
        # Saving again after a change is what readers do; `>>` instead of `>` shows here.
        Step("freeze-again", "install/#save-your-requirements", (pip("freeze"),), "frozen"),
        deactivate_step(shell),
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


def every_step(shell: Shell, os_name: str) -> list[Step]:
    """Every step any journey runs in ``shell`` on ``os_name`` (for the coverage tests)."""
    found = steps(shell, os_name) + next_steps(shell, os_name)
    found += jupyter_steps(shell) + option_steps(shell)
    if shell.family == "unix":
        found += troubleshooting_steps(shell, os_name) + trouble_pip_steps(shell, False)
        found += python2_steps()
        if shows_message(shell, "base-removed"):
            found += [step for part in base_removed_steps(shell) for step in part]
        found += uv_steps(shell) + virtualenv_steps(shell) + poetry_steps(shell)
        found += uv_exists_steps() + pipx_steps() + pipenv_steps() + conda_steps()
        first, second = requirements_steps(shell, old_pip=True)
        found += first + second
        if os_name == "linux":
            first, second = system_python_steps()
            found += first + second + debian_root_steps()
    return found


#: Messages the site shows that no test produces, and why (one source: venv_guide/unverified.py,
#: which the build reads for the marks under them).
NOT_REPRODUCED = {key: excuse.why for key, excuse in unverified.NOT_REPRODUCED.items()}

#: Sections the site shows that no journey runs, and why: run by another test, or by none
#: (venv_guide/unverified.py's NOT_RUN, whose marks on the pages say so).
NOT_IN_JOURNEYS = {
    "create/unix.sh:version": "run by tests/test_journeys.py::test_create_with_version",
    "create/windows.ps1:version": "run by tests/test_journeys.py::test_create_with_version",
    **{key: excuse.why for key, excuse in unverified.NOT_RUN.items()},
}


# The page "When something goes wrong" (docs/trouble.md) and "What comes next" (docs/next.md).

#: The pages of "When something goes wrong", by stage.
CREATING = "trouble/creating/"
ACTIVATING = "trouble/activating/"
PACKAGES = "trouble/packages/"
BROKEN = "trouble/broken/"
NEXT = "next/"
OPTIONS = "options/"


def _message(
    shell: Shell, name: str, os_name: str = "linux", folder: str = "trouble"
) -> str | None:
    """The expected-output file of a shell-worded message: ``FOLDER/output/NAME-KEY.txt``, or
    its OS's own ``NAME-KEY-OS.txt`` where the page has one (a path that differs on macOS, or
    macOS's older bash); None for a shell that words it otherwise than its tab (ksh and mksh
    in the ``sh (dash)`` tab: the shell table's ``words_like_tab``)."""
    if not shell.words_like_tab:
        return None
    own = f"{folder}/output/{name}-{shell.snippets}-{os_name}.txt"
    if (SNIPPETS_DIR / own).is_file():
        return own
    return f"{folder}/output/{name}-{shell.snippets}.txt"


def shows_message(shell: Shell, name: str, folder: str = "trouble") -> bool:
    """Whether the page shows the message ``name`` as ``shell``'s tab prints it (its file
    ``FOLDER/output/NAME-KEY.txt`` exists): the journeys that make that mistake run there."""
    return (SNIPPETS_DIR / f"{folder}/output/{name}-{shell.snippets}.txt").is_file()


def troubleshooting_steps(shell: Shell, os_name: str) -> list[Step]:
    """The shell-worded mistakes of docs/trouble.md, made on purpose in ``shell``, with fixes.

    macOS and Linux only (the page marks the Windows messages as not reproduced). Each mistake
    is a step whose last command must fail and whose message is compared with the page.

    Order: activate before any venv exists (fails), ``python`` before any venv exists
    (fails), create with ``python3``; run the activation script as a program (fails);
    ``source`` in dash (fails); ``deactivate`` with nothing active (fails); activate;
    deactivate; rename the project folder; the venv's ``pip`` (fails); delete the venv. The
    shell-independent fix after that (recreate) and the pip and ``app.py`` entries run once per
    target in :func:`trouble_pip_steps`.
    """
    own = shell.snippets
    unix = snippet_file("trouble", "unix")
    steps = [
        Step(
            "activate-missing",
            f"{ACTIVATING}#no-such-file",
            (f"{snippet_file('activate', own)}:activate",),
            "inactive",
            _message(shell, "activate-missing"),
            fails=True,
        ),
        Step(
            "no-python",
            f"{CREATING}#python-not-found",
            (f"{unix}:no-python",),
            "inactive",
            _message(shell, "no-python"),
            fails=True,
        ),
        Step("create", f"{CREATING}#python-not-found", ("create/unix.sh:create",), "created"),
        Step(
            "run-activate",
            f"{ACTIVATING}#permission-denied",
            (f"{snippet_file('trouble', own)}:run-activate",),
            "inactive",
            _message(shell, "permission"),
            fails=True,
        ),
    ]
    if not shell.has_source:
        steps.append(
            Step(
                "source-in-sh",
                f"{ACTIVATING}#source-not-found",
                ("trouble/sh.sh:source",),
                "inactive",
                "trouble/output/source-sh.txt",
                fails=True,
            )
        )
    steps += [
        Step(
            "deactivate-inactive",
            f"{ACTIVATING}#deactivate-not-found",
            (f"{snippet_file('deactivate', own)}:deactivate",),
            "inactive",
            _message(shell, "deactivate"),
            fails=True,
        ),
        Step(
            "activate",
            f"{ACTIVATING}#permission-denied",
            (f"{snippet_file('activate', own)}:activate",),
            "active",
        ),
        deactivate_step(shell, "inactive"),
        Step("move", f"{BROKEN}#bad-interpreter", (f"{unix}:move",), "inactive", typed=True),
        Step(
            "moved-pip",
            f"{BROKEN}#bad-interpreter",
            (f"{unix}:moved-pip",),
            "inactive",
            _message(shell, "moved", os_name),
            fails=True,
        ),
        Step("delete", f"{BROKEN}#bad-interpreter", ("deactivate/unix.sh:delete",), "deleted"),
    ]
    return steps


def trouble_pip_steps(shell: Shell, base_has_requests: bool) -> list[Step]:
    """The pip and ``app.py`` entries of docs/trouble.md: the same text in every shell.

    Needs ``app.py`` (snippets/next/app.py) in the project folder, as a reader saves it, and a
    sandbox whose pip checks for a newer pip (the test serves the wheelhouse as a local
    index instead of ``PIP_NO_INDEX``: pip skips its check with ``--no-index``).

    Order: create, activate, run a program whose package the venv lacks (fails), install
    (pip's new-release notice), the program again, freeze, upgrade pip, ``pip install venv``
    (fails), deactivate, the program with the system's ``python3`` (fails; left out when the
    target itself can import requests, as ``base_has_requests`` says), the program by the
    venv's path, rename the project folder, delete and recreate the venv there.
    """
    unix = snippet_file("trouble", "unix")
    steps = [
        create_step(shell),
        activate_step(shell),
        Step(
            "app-missing",
            f"{PACKAGES}#installed-elsewhere",
            ("next/any.sh:run-app",),
            "uninstalled",
            "trouble/output/module-not-found-app.txt",
            fails=True,
        ),
        Step(
            "install-notice",
            f"{PACKAGES}#pip-notice",
            ("install/any.sh:install",),
            "installed",
            "trouble/output/pip-notice.txt",
        ),
        Step(
            "app-installed",
            f"{PACKAGES}#installed-elsewhere",
            ("next/any.sh:run-app",),
            "installed",
            "next/output/app-latest.txt",
        ),
        Step("freeze", "install/#save-your-requirements", ("install/any.sh:freeze",), "frozen"),
        Step(
            "upgrade-pip",
            f"{PACKAGES}#pip-notice",
            ("next/any.sh:upgrade-pip",),
            "pip-version",
            detail=LATEST_PIP,
        ),
        Step(
            "pip-install-venv",
            f"{CREATING}#pip-install-venv",
            ("trouble/any.sh:pip-venv",),
            "installed",
            "trouble/output/pip-venv.txt",
            fails=True,
        ),
        deactivate_step(shell, "inactive"),
    ]
    if not base_has_requests:
        steps.append(
            Step(
                "app-base-python",
                f"{PACKAGES}#run-with-another-python",
                (f"{unix}:run-base",),
                "inactive",
                "trouble/output/module-not-found-app.txt",
                fails=True,
            )
        )
    steps += [
        Step(
            "app-venv-python",
            f"{PACKAGES}#run-with-another-python",
            ("next/unix.sh:run-direct",),
            "inactive",
            "next/output/app-latest.txt",
        ),
        Step("move", f"{BROKEN}#bad-interpreter", (f"{unix}:move",), "inactive", typed=True),
        Step("delete", f"{BROKEN}#bad-interpreter", ("deactivate/unix.sh:delete",), "deleted"),
        Step(
            "recreate", f"{BROKEN}#bad-interpreter", ("deactivate/unix.sh:recreate",), "recreated"
        ),
    ]
    return steps


def system_python_steps() -> tuple[list[Step], list[Step]]:
    """The Debian/Ubuntu system Python's two messages, as two journeys (docs/trouble.md).

    The first journey runs against a copy of the system Python without the files of its
    ``python3.X-venv`` package: ``python3 -m venv .venv`` fails (ensurepip), and
    ``python3 -m pip install requests`` fails (externally-managed-environment). Between the two
    journeys the harness puts those files back, as ``apt install python3.X-venv`` would; the
    second journey runs the fixes: delete the half-made venv, create it, install with its pip.
    """
    first = [
        Step(
            "ensurepip",
            f"{CREATING}#ensurepip-is-not-available",
            ("create/unix.sh:create",),
            output="trouble/output/ensurepip.txt",
            fails=True,
        ),
        Step(
            "system-pip",
            f"{PACKAGES}#externally-managed-environment",
            ("trouble/unix.sh:system-pip",),
            "inactive",
            "trouble/output/externally-managed.txt",
            fails=True,
        ),
    ]
    second = [
        Step(
            "delete-half-made",
            f"{CREATING}#ensurepip-is-not-available",
            ("deactivate/unix.sh:delete",),
            "deleted",
        ),
        Step(
            "create",
            f"{CREATING}#ensurepip-is-not-available",
            ("create/unix.sh:create",),
            "created",
        ),
        Step(
            "venv-pip",
            f"{PACKAGES}#externally-managed-environment",
            ("trouble/unix.sh:venv-pip",),
            "recreated",
        ),
    ]
    return first, second


def debian_root_steps() -> list[Step]:
    """A stock Debian root with only ``python3`` installed, as a reader's new Debian has it.

    Order: pip with the system's Python (fails: no pip), create (fails: ensurepip), install
    what the Before you start page says (``sudo apt update``, ``sudo apt install -y python3
    python3-venv python3-pip``, for real, from Debian's archive), check the version, delete the
    half-made venv, create, install with the venv's pip, and pip with the system's Python again
    (fails: externally-managed-environment). The journey runs in a chroot, where the probe
    cannot run: the steps check exit statuses and output, and the test reads the venv after.
    """
    return [
        Step(
            "no-pip",
            f"{CREATING}#no-module-named-pip",
            ("trouble/unix.sh:system-pip",),
            output="trouble/output/no-pip.txt",
            fails=True,
        ),
        Step(
            "ensurepip",
            f"{CREATING}#ensurepip-is-not-available",
            ("create/unix.sh:create",),
            output="trouble/output/ensurepip.txt",
            fails=True,
        ),
        Step("apt", "start/#get-python", ("start/unix.sh:apt",)),
        Step(
            "check-python",
            "start/#get-python",
            ("start/unix.sh:check",),
            output="start/output/version.txt",
        ),
        Step(
            "delete-half-made",
            f"{CREATING}#ensurepip-is-not-available",
            ("deactivate/unix.sh:delete",),
        ),
        Step("create", f"{CREATING}#ensurepip-is-not-available", ("create/unix.sh:create",)),
        Step("venv-pip", f"{CREATING}#no-module-named-pip", ("trouble/unix.sh:venv-pip",)),
        Step(
            "system-pip",
            f"{PACKAGES}#externally-managed-environment",
            ("trouble/unix.sh:system-pip",),
            output="trouble/output/externally-managed.txt",
            fails=True,
        ),
    ]


def base_removed_steps(shell: Shell) -> tuple[list[Step], list[Step], list[Step]]:
    """The venv whose base Python is gone (a Homebrew upgrade removed ``python@3.X``), as three
    journeys: create; (the test removes the ``python3`` the venv was made with) run the venv's
    Python (fails, in the shell's words); (the test puts ``python3`` back, as the newer Python
    the reader now has) delete and recreate."""
    return (
        [create_step(shell)],
        [
            Step(
                "run-venv-python",
                f"{BROKEN}#base-python-removed",
                ("trouble/unix.sh:run-venv-python",),
                output=f"trouble/output/base-removed-{shell.snippets}.txt",
                fails=True,
            )
        ],
        [
            Step(
                "delete", f"{BROKEN}#base-python-removed", ("deactivate/unix.sh:delete",), "deleted"
            ),
            Step(
                "recreate",
                f"{BROKEN}#base-python-removed",
                ("deactivate/unix.sh:recreate",),
                "recreated",
            ),
        ],
    )


def python2_steps() -> list[Step]:
    """``python -m venv .venv`` with Python 2 as ``python`` (No module named venv); the fix."""
    return [
        Step(
            "no-venv-module",
            f"{CREATING}#no-module-named-venv",
            ("trouble/unix.sh:no-python",),
            output="trouble/output/no-venv-module.txt",
            fails=True,
        ),
        Step(
            "create", f"{CREATING}#no-module-named-venv", ("create/unix.sh:create",), "venv-exists"
        ),
    ]


def next_steps(shell: Shell, os_name: str) -> list[Step]:
    """The commands of docs/next.md up to upgrading (and the project folder of docs/create.md).

    The journey starts in the home folder with no project folder yet (the reader's first
    terminal); ``app.py`` must be saved in the project folder before ``run-app`` (the test
    runs the first two steps, saves it, then the rest, as two journeys).

    Order: make and enter the project folder, create, (PowerShell: allow scripts), activate,
    pin requests, run app.py, (macOS/Linux: run it by the venv's path), list outdated, upgrade
    requests, upgrade pip.
    """
    family = shell.family
    on_windows = family == "windows"

    steps = [
        Step(
            "project",
            "create/#project-folder",
            (f"{snippet_file('create', family)}:project",),
            "in-project",
        ),
        create_step(shell),
    ]
    if on_windows:
        # Without `py` (Python from the Microsoft Store), `python` makes the venv.
        steps.append(
            Step(
                "python-venv",
                f"{CREATING}#python-is-not-found-on-windows",
                ("trouble/windows.ps1:python-venv",),
                "created",
            )
        )
    steps += [
        *_activate(shell),
        Step(
            "pin",
            "install/#choose-a-version",
            ("install/any.sh:pin",),
            "installed",
            detail=PINNED_REQUESTS,
        ),
        Step(
            "run-app",
            f"{NEXT}#run-your-own-code",
            ("next/any.sh:run-app",),
            "installed",
            "next/output/app.txt",
        ),
    ]
    if not on_windows:
        steps.append(
            Step(
                "run-direct",
                f"{NEXT}#run-without-activating",
                ("next/unix.sh:run-direct",),
                "installed",
                "next/output/app.txt",
            )
        )
    steps += [
        Step(
            "outdated",
            f"{NEXT}#upgrade",
            ("next/any.sh:outdated",),
            "installed",
            "next/output/outdated.txt",
        ),
        Step(
            "upgrade",
            f"{NEXT}#upgrade",
            ("next/any.sh:upgrade",),
            "installed",
            detail=LATEST_REQUESTS,
        ),
        Step(
            "upgrade-pip",
            f"{NEXT}#upgrade",
            ("next/any.sh:upgrade-pip",),
            "pip-version",
            detail=LATEST_PIP,
        ),
    ]
    return steps


def _activate(shell: Shell, expect: str = "active") -> list[Step]:
    """Activation as the Activate page shows it (PowerShell first allows scripts); ``expect``
    is the check after it (``active``; ``active-without-pip`` for a venv made without pip)."""
    own = shell.snippets
    found = [
        Step(name, POLICY, (f"{snippet_file('activate', own)}:{name}",), "inactive")
        for name in shell.before_activation
    ]
    found.append(activate_step(shell, expect))
    return found


def jupyter_steps(shell: Shell) -> list[Step]:
    """The Jupyter commands of docs/next.md, in an existing venv: activate, install ipykernel,
    register the kernel, list kernels.

    Slow (ipykernel and some 20 wheels it needs): the tests run it for one shell per OS family
    and one target, and read the registered ``kernel.json`` afterwards.
    """
    return [
        *_activate(shell),
        Step("ipykernel", f"{NEXT}#jupyter", ("next/any.sh:ipykernel",), "installed"),
        Step(
            "kernel",
            f"{NEXT}#jupyter",
            ("next/any.sh:kernel",),
            "installed",
            "next/output/kernel.txt",
        ),
        Step(
            "kernelspec",
            f"{NEXT}#jupyter",
            ("next/any.sh:kernelspec",),
            "installed",
            "next/output/kernelspec.txt",
        ),
    ]


def option_steps(shell: Shell) -> list[Step]:
    """The options of docs/options.md, each run on the project's ``.venv`` in turn.

    Order: create the venv (the Create page), delete it, ``--without-pip`` (no pip), activate,
    ``ensurepip`` (the bundled pip), deactivate, ``--upgrade-deps`` (pip becomes the
    wheelhouse's newest), ``--clear`` (emptied: the bundled pip again, no requests),
    ``--prompt`` and ``--system-site-packages`` (their ``pyvenv.cfg`` settings).
    """
    family = shell.family
    os_file = snippet_file("options", family)
    delete = snippet_file("deactivate", shell.snippets if family == "windows" else "unix")
    return [
        create_step(shell),
        Step("delete", "deactivate/#delete", (f"{delete}:delete",), "deleted"),
        Step("without-pip", f"{OPTIONS}#without-pip", (f"{os_file}:without-pip",), "without-pip"),
        *_activate(shell, "active-without-pip"),
        Step("ensurepip", f"{OPTIONS}#without-pip", ("options/any.sh:ensurepip",), "with-pip"),
        deactivate_step(shell, "inactive"),
        Step(
            "upgrade-deps",
            f"{OPTIONS}#upgrade-deps",
            (f"{os_file}:upgrade-deps",),
            "pip-version",
            detail=LATEST_PIP,
        ),
        Step("clear", f"{OPTIONS}#clear", (f"{os_file}:clear",), "cleared", detail=LATEST_PIP),
        Step(
            "prompt",
            f"{OPTIONS}#prompt",
            (f"{os_file}:prompt",),
            "pyvenv-setting",
            detail="prompt = 'myproject'",
        ),
        Step(
            "system-site-packages",
            f"{OPTIONS}#system-site-packages",
            (f"{os_file}:system-site-packages",),
            "pyvenv-setting",
            detail="include-system-site-packages = true",
        ),
    ]


#: The program the pages ask the reader to save as ``app.py``.
APP = "next/app.py:app"


def save_app(folder: pathlib.Path) -> None:
    """Save the page's program as ``app.py`` in ``folder``: the text the copy button gives."""
    text = "".join(f"{line.text}\n" for line in section(APP).lines)
    (folder / "app.py").write_text(text, encoding="utf-8")


# The page Other tools (docs/tools.md), its traps (docs/trouble/tools.md) and the page Your
# project's requirements (docs/requirements.md).

TOOLS_PAGE = "tools/"
TOOL_TRAPS = "trouble/tools/"
REQUIREMENTS_PAGE = "requirements/"


def _tool(name: str) -> str:
    return f"{snippet_file('tools', 'any')}:{name}"


def uv_steps(shell: Shell) -> list[Step]:
    """A venv made by ``uv venv``, activated as any venv, in ``shell``: create, activate, pip
    with the venv's Python (fails: a uv venv has no pip), ``uv pip install``, deactivate."""
    return [
        Step("uv-venv", f"{TOOLS_PAGE}#uv", (_tool("uv-venv"),), "created"),
        activate_step(shell),
        Step(
            "pip-missing",
            f"{TOOL_TRAPS}#uv-no-pip",
            ("install/any.sh:install",),
            "uninstalled",
            "tools/output/uv-no-pip.txt",
            fails=True,
        ),
        Step(
            "uv-install",
            f"{TOOLS_PAGE}#uv",
            (_tool("uv-install"),),
            "installed",
            detail=LATEST_REQUESTS,
        ),
        deactivate_step(shell),
    ]


def uv_exists_steps() -> list[Step]:
    """``uv venv`` over an existing venv, as a script runs it (no terminal to ask in): it stops
    with its message; ``--clear`` replaces the venv; ``--seed`` gives it pip; ``uv run``."""
    return [
        Step("uv-venv", f"{TOOLS_PAGE}#uv", (_tool("uv-venv"),), "created"),
        Step(
            "uv-venv-again",
            f"{TOOL_TRAPS}#uv-venv-exists",
            (_tool("uv-venv"),),
            "created",
            "tools/output/uv-exists.txt",
            fails=True,
        ),
        Step("uv-clear", f"{TOOL_TRAPS}#uv-venv-exists", (_tool("uv-clear"),), "created"),
        Step("uv-seed", f"{TOOL_TRAPS}#uv-no-pip", (_tool("uv-seed"),), "with-pip-inactive"),
        Step(
            "uv-run",
            f"{TOOLS_PAGE}#uv",
            (_tool("uv-run"),),
            "inactive",
            "tools/output/uv-run.txt",
        ),
    ]


def virtualenv_steps(shell: Shell) -> list[Step]:
    """A venv made by ``virtualenv``, activated as any venv, in ``shell``: create, activate,
    install with its pip, deactivate."""
    return [
        Step("virtualenv", f"{TOOLS_PAGE}#virtualenv", (_tool("virtualenv"),), "created"),
        activate_step(shell),
        Step("install", "install/#install-a-package", ("install/any.sh:install",), "installed"),
        deactivate_step(shell),
    ]


def pipx_steps() -> list[Step]:
    """An application installed with pipx, run, listed and uninstalled; no venv is active."""
    return [
        Step("pipx-install", f"{TOOLS_PAGE}#pipx", (_tool("pipx-install"),), "inactive"),
        Step(
            "pipx-app",
            f"{TOOLS_PAGE}#pipx",
            (_tool("pipx-app"),),
            "inactive",
            "tools/output/cowsay.txt",
        ),
        Step(
            "pipx-list",
            f"{TOOLS_PAGE}#pipx",
            (_tool("pipx-list"),),
            "inactive",
            "tools/output/pipx-list.txt",
        ),
        Step("pipx-uninstall", f"{TOOLS_PAGE}#pipx", (_tool("pipx-uninstall"),), "inactive"),
    ]


def pipenv_steps() -> list[Step]:
    """A project's venv made by pipenv: install, run app.py in it, ask where it is."""
    return [
        Step("pipenv-install", f"{TOOLS_PAGE}#pipenv", (_tool("pipenv-install"),), "inactive"),
        Step(
            "pipenv-run",
            f"{TOOLS_PAGE}#pipenv",
            (_tool("pipenv-run"),),
            "inactive",
            "next/output/app-latest.txt",
        ),
        Step(
            "pipenv-where",
            f"{TOOLS_PAGE}#pipenv",
            (_tool("pipenv-where"),),
            "inactive",
            "tools/output/pipenv-venv.txt",
        ),
    ]


def poetry_steps(shell: Shell) -> list[Step]:
    """A project that uses Poetry (the test writes its pyproject.toml and poetry.lock), in
    ``shell``: install, run app.py, where the venv is, ``poetry shell`` (fails: Poetry 2),
    ``poetry env activate`` (prints the command), run what it prints (active), deactivate."""
    own = shell.snippets
    return [
        Step("poetry-install", f"{TOOLS_PAGE}#poetry", (_tool("poetry-install"),), "inactive"),
        Step(
            "poetry-run",
            f"{TOOLS_PAGE}#poetry",
            (_tool("poetry-run"),),
            "inactive",
            "next/output/app.txt",
        ),
        Step(
            "poetry-where",
            f"{TOOLS_PAGE}#poetry",
            (_tool("poetry-where"),),
            "inactive",
            "tools/output/poetry-path.txt",
        ),
        Step(
            "poetry-shell",
            f"{TOOL_TRAPS}#poetry-shell",
            (_tool("poetry-shell"),),
            "inactive",
            "tools/output/poetry-shell.txt",
            fails=True,
        ),
        Step(
            "poetry-activate",
            f"{TOOL_TRAPS}#poetry-env-activate",
            (_tool("poetry-activate"),),
            "inactive",
            # Poetry names the shell from its process (shellingham), and prints sh's command
            # for one it does not know (the shell table's poetry_knows).
            _message(shell, "poetry-activate", folder="tools") if shell.poetry_knows else None,
        ),
        Step(
            "poetry-eval",
            f"{TOOLS_PAGE}#poetry",
            (f"{snippet_file('tools', own)}:poetry-eval",),
            "active-elsewhere",
        ),
        deactivate_step(shell, "inactive"),
    ]


def conda_steps() -> list[Step]:
    """The conda commands of docs/tools.md (conda's channels are out of reach here: the conda
    job of .github/workflows/tests.yml runs them)."""
    return [
        Step("conda-create", f"{TOOLS_PAGE}#conda", (_tool("conda-create"),)),
        Step("conda-activate", f"{TOOLS_PAGE}#conda", (_tool("conda-activate"),)),
        Step("conda-install", f"{TOOLS_PAGE}#conda", (_tool("conda-install"),)),
        Step("conda-deactivate", f"{TOOLS_PAGE}#conda", (_tool("conda-deactivate"),)),
    ]


def requirements_steps(shell: Shell, old_pip: bool) -> tuple[list[Step], list[Step]]:
    """docs/requirements.md, as two journeys: the test saves ``pyproject.toml`` (its
    ``project`` section) and app.py, then: create, activate, ``pip install -e .``, ``--group``
    with the pip the venv came with (fails, only when that pip is older than 25.1: ``old_pip``),
    upgrade pip, ``--group`` with no ``[dependency-groups]`` table (fails); the test adds the
    ``groups`` section; then ``--group`` (installs), ``pip lock``."""
    req = snippet_file("requirements", "any")
    first = [
        create_step(shell),
        activate_step(shell),
        Step("install-e", f"{REQUIREMENTS_PAGE}#pyproject", (f"{req}:install-e",), "installed"),
    ]
    if old_pip:
        first.append(
            Step(
                "group-old-pip",
                f"{TOOL_TRAPS}#group-old-pip",
                (f"{req}:group",),
                "installed",
                "requirements/output/group-old-pip.txt",
                fails=True,
            )
        )
    first += [
        Step(
            "upgrade-pip",
            f"{REQUIREMENTS_PAGE}#groups",
            ("next/any.sh:upgrade-pip",),
            "pip-version",
            detail=LATEST_PIP,
        ),
        Step(
            "group-missing",
            f"{TOOL_TRAPS}#group-missing",
            (f"{req}:group",),
            "installed",
            "requirements/output/group-missing.txt",
            fails=True,
        ),
    ]
    second = [
        activate_step(shell),
        Step("group", f"{REQUIREMENTS_PAGE}#groups", (f"{req}:group",), "installed"),
        Step("lock", f"{REQUIREMENTS_PAGE}#lock-files", (f"{req}:lock",), "installed"),
    ]
    return first, second
