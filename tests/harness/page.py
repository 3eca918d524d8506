"""What the reader copies: each journey step's commands, taken from the built site.

A reader opens a page, picks the OS and shell tabs, and presses a block's copy button. This
module builds the site with the real build (``mkdocs build``, the build hook included), reads
every block back with :func:`venv_guide.blocks.read_blocks`, and turns each journey step into
the commands of the block in the reader's tab, with the snippet ``FILE:LINE`` of each command
kept for failure reports. It fails, naming the page and the tab, when the tab shows another
section than the step expects, shows no block at all, shows text that differs from the snippet
section, or shows an expected-output include in a copyable block.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from venv_guide import blocks
from venv_guide.blocks import TABS_SEPARATOR, Block, read_blocks
from venv_guide.platforms import OS_LABELS
from venv_guide.shells import Shell
from venv_guide.snippets import REPO_ROOT, SNIPPETS_DIR, Line, Section, SnippetError, section

from .failure import JourneyFailure
from .journey import Step

#: Line endings that continue a command on the next line (POSIX/fish ``\\``, cmd ``^``,
#: PowerShell's backtick).
CONTINUED = ("\\", "^", "`")


@dataclass(frozen=True)
class Command:
    """One command as the reader pastes it.

    Attributes:
        text: the command's lines joined with ``\\n`` (continuation lines stay together).
        location: ``snippets/FILE:LINE`` of its first line.
        comment: True for a whole-line comment (``# ...``). The reader's copy button gives
            it too, so an interactive journey types it (zsh and csh answer "command not
            found"); a script-mode journey leaves it out, as a script's shell ignores it.
    """

    text: str
    location: str
    comment: bool = False


@dataclass
class PlannedStep:
    """A journey :class:`~tests.harness.journey.Step` with what the reader copies for it.

    Attributes:
        step: the step.
        sections: its snippet sections (for line numbers and messages).
        commands: the commands of the reader's block(s), in order.
        blocks: the blocks of the built page they were copied from.
        output: the ``.no-copy`` block showing the step's expected output, if it has one.
    """

    step: Step
    sections: list[Section]
    commands: list[Command] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    output: Block | None = None

    @property
    def location(self) -> str:
        """``snippets/FILE:LINE`` of the step's first command."""
        if self.commands:
            return self.commands[0].location
        return self.sections[0].location() if self.sections else "(no section)"


class BuiltSite:
    """The blocks of every page of a built site, by page URL.

    Args:
        site_dir: the folder ``mkdocs build`` wrote.

    Raises:
        FileNotFoundError: ``site_dir`` holds no ``index.html``.
    """

    def __init__(self, site_dir: pathlib.Path):
        self.site_dir = site_dir
        if not (site_dir / "index.html").is_file():
            raise FileNotFoundError(f"{site_dir}/index.html: not a built site")
        self.pages: dict[str, list[Block]] = {}
        for html in sorted(site_dir.rglob("index.html")):
            url = html.parent.relative_to(site_dir).as_posix()
            url = "" if url == "." else f"{url}/"
            if url.startswith(("assets/", "search/")):
                continue
            self.pages[url] = read_blocks(html.read_text(encoding="utf-8"), url)

    def reader_blocks(self, step: Step, tabs: tuple[str, ...]) -> list[Block]:
        """The blocks under the step's heading that the reader of ``tabs`` sees, in page order.

        Those are the blocks in the reader's shell tab (``("Linux", "fish")``), in the reader's
        OS tab outside shell tabs (``("Linux",)``), and outside tabs (``()``).

        Raises:
            JourneyFailure: the page does not exist or has no block under the heading for this tab.
        """
        if step.page not in self.pages:
            raise JourneyFailure(f"page {step.page!r} is not in the built site", step.name, "")
        under = [b for b in self.pages[step.page] if b.heading == step.heading]
        found = [b for b in under if b.tabs == tabs[: len(b.tabs)]]
        if found:
            return found
        shown = sorted({TABS_SEPARATOR.join(b.tabs) or "(no tabs)" for b in under})
        raise JourneyFailure(
            f"{step.page}#{step.heading} has no block in the tab {TABS_SEPARATOR.join(tabs)} "
            f"(tabs there: {', '.join(shown) or 'none'})",
            step.name,
            "",
        )


def mkdocs_build(
    project: pathlib.Path,
    out: pathlib.Path,
    *options: str,
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build OPTIONS`` on ``project``'s ``mkdocs.yml`` into ``out``.

    It runs in ``project``, because pymdownx.snippets' ``base_path`` (mkdocs.yml: ``snippets``)
    is relative to the current folder; Material's end-of-life banner is switched off.

    Args:
        project: a folder with ``mkdocs.yml``, ``docs/``, ``snippets/`` and ``venv_guide/``.
        out: the site folder to write.
        options: more options, e.g. ``--strict``.
        timeout: seconds before the build is stopped.
        env: more environment variables for the build (e.g. ``VENV_GUIDE_RESULTS``).

    Returns:
        The finished process, with its output as text (the caller judges the exit status).
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )  # fmt: skip


#: Where :func:`build` keeps the build's output, next to the site folder.
BUILD_LOG = "build.log"


def build(
    project: pathlib.Path, out: pathlib.Path, env: Mapping[str, str] | None = None
) -> BuiltSite:
    """Build the site of ``project`` into ``out``, as ``make build`` does, and read it.

    Not ``--strict``: a page rule that fails is the site tests' report (they read the
    warnings in ``out``'s sibling :data:`BUILD_LOG`); the journeys still run what the pages show.

    Args:
        project: a folder with ``mkdocs.yml`` (see :func:`mkdocs_build`).
        out: the site folder to write.
        env: more environment variables for the build (``VENV_GUIDE_RESULTS``).

    Raises:
        RuntimeError: ``mkdocs build`` failed (its output is in the message).
    """
    proc = mkdocs_build(project, out, env=env)
    (out.parent / BUILD_LOG).write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build of {project} failed:\n{proc.stdout}{proc.stderr}")
    return BuiltSite(out)


def proof_layer(site: pathlib.Path) -> dict[str, list[str]]:
    """Every built page's proof layer as lines of text, whichever generator built it.

    Args:
        site: a built site folder.

    Returns:
        For each page's URL ("" for Home, "activate/"), its lines in page order: ``block``
        (each code block's record, ``data-vg-source | data-vg-tabs | data-vg-heading |
        data-vg-line``, and its copy text), ``tab`` (each content tab's id), ``mark`` (state,
        text and link of each verification mark) and ``note`` (the page's "Not run in this
        build" note). Two builds carry the same proof layer when these are equal.
    """
    pages: dict[str, list[str]] = {}
    for html in sorted(site.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix()
        url = "" if url == "." else f"{url}/"
        if url.startswith(("assets/", "search/")):
            continue
        soup = blocks.parse(html.read_text(encoding="utf-8"))
        article = soup.find("article") or soup
        lines = []
        for div in article.select("div.highlight"):
            record = " | ".join(
                str(div.get(a, "-"))
                for a in ("data-vg-source", "data-vg-tabs", "data-vg-heading", "data-vg-line")
            )
            code = div.find("code")
            lines.append(f"block {record} | {blocks.copy_text(code) if code else ''!r}")
        lines += [f"tab {i['id']}" for i in article.select(".tabbed-set > input")]
        for p in article.select("p.vg-mark"):
            link = p.find("a")
            href = link["href"] if link is not None else ""
            lines.append(f"mark {p.get('data-vg-state')} {p.get_text()!r} -> {href}")
        lines += [f"note {p.get_text()!r}" for p in article.select("p.vg-note")]
        pages[url] = lines
    return pages


def copy_project(repo: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """Copy what a build needs (mkdocs.yml, docs/, snippets/, venv_guide/, overrides/) to ``dest``.

    For self-tests that break a page or a snippet and build the result.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("docs", "snippets", "venv_guide", "overrides"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _commands(lines: list[Line], sec: Section) -> list[Command]:
    """Group lines into commands: skip blank lines, join continuation lines, flag comments."""
    commands: list[Command] = []
    pending: list[Line] = []
    kept = {line.number for line in sec.commands()}
    for line in lines:
        if line.number not in kept and not pending:
            if line.text.strip():
                commands.append(Command(line.text, sec.location(line), comment=True))
            continue
        pending.append(line)
        if not line.text.rstrip().endswith(CONTINUED):
            commands.append(Command("\n".join(p.text for p in pending), sec.location(pending[0])))
            pending = []
    if pending:
        commands.append(Command("\n".join(p.text for p in pending), sec.location(pending[0])))
    return commands


def _match_text(block: Block, sec: Section, step: Step) -> list[Line]:
    """The section's lines, checked against what the block's copy button gives."""
    copied = block.text.split("\n") if block.text else []
    shown = [line.text for line in sec.lines]
    while shown and not shown[-1].strip():
        shown.pop()
    shown = [text.rstrip() for text in shown]
    copied = [text.rstrip() for text in copied]
    if copied != shown:
        first = next(
            (i for i, (a, b) in enumerate(zip(copied, shown, strict=False)) if a != b),
            min(len(copied), len(shown)),
        )
        number = sec.lines[first].number if first < len(sec.lines) else sec.lines[-1].number + 1
        page_line = copied[first] if first < len(copied) else "(nothing)"
        file_line = shown[first] if first < len(shown) else "(nothing)"
        raise JourneyFailure(
            f"{block.where}: the copy button gives {page_line!r} where "
            f"snippets/{sec.file}:{number} has {file_line!r}",
            step.name,
            f"snippets/{sec.file}:{number}",
        )
    return list(sec.lines[: len(shown)])


def plan(
    steps: list[Step],
    shell: Shell,
    os_name: str,
    site: BuiltSite,
    root: pathlib.Path = SNIPPETS_DIR,
) -> list[PlannedStep]:
    """What the reader of ``shell`` on ``os_name`` copies for each step, from the built site.

    Args:
        steps: the journey's steps.
        shell: the shell (its tab label picks the reader's tab).
        os_name: ``linux``, ``macos`` or ``windows``.
        site: the built site.
        root: the snippets folder the site was built from.

    Returns:
        One :class:`PlannedStep` per step.

    Raises:
        JourneyFailure: a step's tab shows another section, no block, different text, or its
            output in a copyable block; the message names page, tab and the snippet line.
        venv_guide.snippets.SnippetError: a section the steps name does not exist.
    """
    tabs = (OS_LABELS[os_name], shell.label)
    planned = []
    for step in steps:
        sections = [section(ref, root) for ref in step.sections]
        blocks = site.reader_blocks(step, tabs)
        item = PlannedStep(step, sections)
        for sec in sections:
            showing = [b for b in blocks if sec.ref in b.sources]
            if not showing:
                where = blocks[0].where
                others = sorted({s for b in blocks for s in b.sources})
                raise JourneyFailure(
                    f"{where}: the {shell.label} reader's tab does not show "
                    f"snippets/{sec.ref}; it shows {', '.join(others)}",
                    step.name,
                    sec.location(),
                )
            # A mistake is shown typed (not to copy); its fix may show the same section again,
            # copyable, further down: each step takes the block meant for it.
            may_be_typed = step.typed or (step.fails and sec is sections[-1])
            block = next((b for b in showing if b.typed == may_be_typed), showing[0])
            mistake = block.typed and may_be_typed
            if not block.copyable and not mistake:
                raise JourneyFailure(
                    f"{block.where}: snippets/{sec.ref} is in a .no-copy block; the reader "
                    "cannot copy the command (only a step's mistake may be a .typed block)",
                    step.name,
                    sec.location(),
                )
            item.blocks.append(block)
            item.commands += _commands(_match_text(block, sec, step), sec)
        for block in blocks:
            outputs = [s for s in block.sources if "/output/" in f"/{s}"]
            if outputs and block.copyable:
                raise JourneyFailure(
                    f"{block.where}: expected output snippets/{outputs[0]} sits in a copyable "
                    "block; the reader's copy button would copy it",
                    step.name,
                    item.location,
                )
        if step.output:
            after = blocks[blocks.index(item.blocks[-1]) + 1 :] if item.blocks else []
            item.output = next((b for b in after if step.output in b.sources), None)
            if item.output is None:
                raise JourneyFailure(
                    f"{item.blocks[-1].where}: no block after the command shows its output "
                    f"snippets/{step.output}",
                    step.name,
                    item.location,
                )
        planned.append(item)
    return planned


__all__ = [
    "REPO_ROOT",
    "BuiltSite",
    "Command",
    "JourneyFailure",
    "PlannedStep",
    "SnippetError",
    "build",
    "copy_project",
    "plan",
]


def from_sections(steps: list[Step], root: pathlib.Path = SNIPPETS_DIR) -> list[PlannedStep]:
    """Plan steps straight from their snippet sections, with no page in between.

    Only for the runner's own self-tests (a hanging command, undecodable bytes): their
    sections are on no page. Journeys use :func:`plan`.
    """
    planned = []
    for step in steps:
        sections = [section(ref, root) for ref in step.sections]
        item = PlannedStep(step, sections)
        for sec in sections:
            item.commands += _commands(list(sec.lines), sec)
        planned.append(item)
    return planned
