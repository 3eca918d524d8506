"""The mark under each command: where it was verified, in one short line.

A reader on a 390 px phone sees, under a command, one quiet line such as
``✓ Linux · bash · Python 3.10–3.14`` that links to that section's row on the Verified on page.
Which results belong to a block comes from the block's record (:mod:`venv_guide.blocks`): its
``data-vg-source`` sections and its ``data-vg-tabs`` path. The OS label gives the OS, the
shell label the shells that run that tab (``sh (dash)`` is run by ``sh`` (dash), ``ksh`` and
``mksh``: :mod:`venv_guide.shells`). A block outside shell tabs is summarised over every
shell, and over every OS outside OS tabs.

States, worst first (a block showing several sections takes the worst of theirs):

``failed``   some result for the section, OS and shells failed.
``stale``    there are results, but all for another text of the section: it changed since.
``not-run``  no result for the section, OS and shells in this build.
``skipped``  every result is a skip.
``passed``   at least one shell of the tab passed, none failed.

A ``not-run`` block gets no mark of its own: the page says once, under its title, which of its
commands this build has not run (:func:`page_note`), so a build without results says "Not run
in this build" once per page instead of under every command. A section no test runs on
purpose (:data:`venv_guide.unverified.NOT_RUN`) says why in a few words instead; so does a
message no test reproduces (:data:`venv_guide.unverified.NOT_REPRODUCED`), under its block.
"""  # noqa: RUF002

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from . import results as results_mod
from .blocks import Block, Html, parse
from .evidence import PYTHON, Evidence, anchor, is_command_target, keys_on, runs_target
from .platforms import OS_LABELS
from .shells import SHELLS
from .unverified import NOT_REPRODUCED, NOT_RUN

#: The states of a mark, worst first.
STATES = ("failed", "stale", "not-run", "skipped", "passed")
#: What a mark shows before its text, by state (decorative: the text says the state too).
ICONS = {
    "passed": "\u2713",  # ✓
    "failed": "\u2717",  # ✗
    "stale": "\u21bb",  # ↻
    "skipped": "\u2013",  # en dash
    "not-run": "\u25cb",  # ○
}
_SEP = " \u00b7 "  # " · "
#: The page the "not run" marks and note link to, relative to ``docs/``.
TESTED_PAGE = "tested.md"
#: The class of a mark (``p.vg-mark``) and of the page's note (``p.vg-note``).
MARK_CLASS = "vg-mark"
NOTE_CLASS = "vg-note"


def command_sources(block: Block) -> list[str]:
    """The sections of ``block`` a test runs: none for an output block or a ``.no-copy`` one."""
    if not block.copyable:
        return []
    return [s for s in block.sources if is_command_target(s)]


@dataclass(frozen=True)
class Mark:
    """The mark under one block.

    Attributes:
        state: one of :data:`STATES`.
        text: what it says after its icon, e.g. ``Linux · bash · Python 3.10–3.14``.
        label: the words a screen reader reads before ``text`` (``Verified on``), not shown.
        href: where it links, relative to the docs folder's pages: ``verified-on.md#ROW`` or
            ``tested.md#...`` ("" for no link).
    """  # noqa: RUF002

    state: str
    text: str
    label: str
    href: str

    def html(self, page_href: str) -> str:
        """The markup: ``<p class="vg-mark" data-vg-state=...><a href=...>...</a></p>``.

        Args:
            page_href: ``href`` resolved for the page the mark is on (a URL relative to it).
        """
        icon = f'<span class="vg-mark__icon" aria-hidden="true">{ICONS[self.state]}</span>'
        label = f'<span class="vg-sr">{html.escape(self.label)} </span>' if self.label else ""
        inner = f"{icon}{label}{html.escape(self.text)}"
        body = f'<a href="{html.escape(page_href, quote=True)}">{inner}</a>' if page_href else inner
        return (
            f'<p class="{MARK_CLASS}" data-vg-state="{self.state}" data-search-exclude>{body}</p>'
        )


def _state(fresh: list[results_mod.Row], stale: list[results_mod.Row]) -> str:
    if fresh:
        outcomes = {r["outcome"] for r in fresh}
        if "failed" in outcomes:
            return "failed"
        return "passed" if "passed" in outcomes else "skipped"
    return "stale" if stale else "not-run"


def _where(
    evidence: Evidence, rows: list[results_mod.Row], tabs: tuple[str, ...], shells: list[str]
) -> str:
    """``Linux · bash`` (a shell tab), ``Linux · 8 shells``, ``macOS, Linux · 8 shells``,
    ``3 systems · 12 shells``; the shell part is left out for a Python snippet."""
    oses = [o for o in OS_LABELS if any(r["os"] == o for r in rows)]
    if tabs:
        os_text = tabs[0]
    elif len(oses) == len(OS_LABELS):
        os_text = f"{len(oses)} systems"  # "Windows, macOS, Linux" does not fit at 320 px
    else:
        os_text = ", ".join(OS_LABELS[o] for o in oses)
    if len(tabs) > 1:
        return f"{os_text}{_SEP}{tabs[1]}"
    keys = list(dict.fromkeys(r["shell"] for r in rows if r["shell"] != PYTHON))
    if not keys:
        return os_text
    if len(keys) == 1:
        return f"{os_text}{_SEP}{evidence.shell_name(rows[0]['os'], keys[0], with_version=False)}"
    return f"{os_text}{_SEP}{len(keys)} shells"


def mark_for(block: Block, evidence: Evidence) -> Mark | None:
    """The mark under ``block``, or None for a block that gets none.

    None for: an output or ``.no-copy`` block that shows no unreproduced message, a block
    showing no command snippet, and a command this build has not run (the page's note says
    so once, :func:`page_note`) unless it is never run on purpose (then the mark says why).
    """
    targets = command_sources(block)
    if not targets:
        return _not_reproduced(block)
    excused = [t for t in targets if t in NOT_RUN]
    if excused:
        return Mark("not-run", f"Not run: {NOT_RUN[excused[0]].short}", "", _tested(excused[0]))
    os_keys = list(OS_LABELS)
    shells: list[str] | None = None
    if block.tabs:
        os_key = next((k for k, label in OS_LABELS.items() if label == block.tabs[0]), None)
        if os_key is None:
            return None  # not an OS tab: the page rules report it
        os_keys = [os_key]
        if len(block.tabs) > 1:
            shells = [s.key for s in SHELLS if s.label == block.tabs[1] and os_key in s.oses]
    states: list[str] = []
    fresh: list[results_mod.Row] = []
    stale: list[results_mod.Row] = []
    for target in targets:
        got, old = evidence.rows(target, os_keys, shells)
        fresh += got
        stale += old
        states.append(_state(got, old))
    state = min(states, key=STATES.index)
    if state == "not-run":
        return None
    link_os = next(o for o in os_keys if any(r["os"] == o for r in fresh + stale))
    href = f"verified-on.md#{anchor(link_os, targets[0])}"
    if state == "stale":
        where = _where(evidence, stale, block.tabs, shells or [])
        return Mark(state, f"Changed since verified{_SEP}{where}", "", href)
    if state == "failed":
        failed = [r for r in fresh if r["outcome"] == "failed"]
        versions = results_mod.format_versions(r["python"] for r in failed)
        where = _where(evidence, failed, block.tabs, shells or [])
        return Mark(state, f"Failed{_SEP}{where}{_SEP}Python {versions}", "", href)
    if state == "skipped":
        where = _where(evidence, fresh, block.tabs, shells or [])
        return Mark(state, f"Not verified{_SEP}{where}", "", href)
    passed = [r for r in fresh if r["outcome"] == "passed"]
    versions = results_mod.format_versions(r["python"] for r in passed)
    where = _where(evidence, passed, block.tabs, shells or [])
    return Mark(state, f"{where}{_SEP}Python {versions}", "Verified on", href)


def _tested(key: str) -> str:
    """The link to the reason on the testing page for a section or message never run."""
    return f"{TESTED_PAGE}#{anchor('not-run', key)}"


def _not_reproduced(block: Block) -> Mark | None:
    """The mark of an output block showing a message no test reproduces, else None."""
    for source in block.sources:
        if source in NOT_REPRODUCED:
            short = NOT_REPRODUCED[source].short
            return Mark("not-run", f"Not reproduced: {short}", "", _tested(source))
    return None


def page_note(found: Iterable[Block], evidence: Evidence) -> str:
    """The page's one note about the commands this build has not run, or "".

    Args:
        found: the page's blocks.
        evidence: this build's results.

    Returns:
        ``"Not run in this build: 14 of the 30 commands on this page (Windows, macOS)."``,
        naming the OS tabs they sit in; without any results, ``"Not run in this build: no
        command on this page shows where it was verified."``; "" when every command that can
        run has a result.
    """
    commands = unrun = 0
    where: set[str] = set()
    for block in found:
        if not [t for t in command_sources(block) if t not in NOT_RUN]:
            continue
        commands += 1
        if mark_for(block, evidence) is None:
            unrun += 1
            if block.tabs:
                where.add(block.tabs[0])
    if not unrun:
        return ""
    if evidence.verified is None:
        return "Not run in this build: no command on this page shows where it was verified."
    tabs = [label for label in OS_LABELS.values() if label in where]
    return (
        f"Not run in this build: {unrun} of the {commands} commands on this page"
        + (f" ({', '.join(tabs)})" if tabs else "")
        + "."
    )


def add_marks(page_html: Html, found: list[Block], evidence: Evidence, resolve: callable) -> Html:
    """Put each block's mark right after its ``div.highlight``, and the page's note after the
    first heading.

    Args:
        page_html: a page's content HTML after :func:`venv_guide.blocks.annotate_html` (or its
            soup, which is changed in place).
        found: its blocks, as :func:`venv_guide.blocks.read_blocks` read them (same order).
        evidence: this build's results.
        resolve: turns a ``PAGE.md#ANCHOR`` link into a URL relative to this page.

    Returns:
        The HTML (the soup, when given one).

    Raises:
        ValueError: ``found`` does not hold one block per ``div.highlight`` of the page.
    """
    soup = parse(page_html)
    marks = [mark_for(block, evidence) for block in found]
    note = page_note(found, evidence)
    divs = soup.select("div.highlight")
    if len(divs) != len(found):
        raise ValueError(f"{len(found)} blocks given for {len(divs)} code blocks in the page")
    if any(marks):
        # Every mark's markup parsed at once (one parse instead of one per block).
        markup = parse(
            "".join(m.html(resolve(m.href) if m.href else "") for m in marks if m is not None)
        )
        made = iter(markup.find_all("p", recursive=False))
        for div, mark in zip(divs, marks, strict=True):
            if mark is not None:
                div.insert_after(next(made).extract())
    if note:
        href = html.escape(resolve(TESTED_PAGE), quote=True)
        tag = parse(
            f'<p class="{NOTE_CLASS}" data-search-exclude>{html.escape(note)} '
            f'<a href="{href}">How this guide is tested</a></p>'
        ).p
        heading = soup.find("h1")
        if heading is not None:
            heading.insert_after(tag)
        else:
            soup.insert(0, tag)
    return soup if soup is page_html else str(soup)


def listed(os_key: str, target: str) -> bool:
    """Whether the table of ``os_key`` on the Verified on page has a row for ``target``."""
    return any(runs_target(key, target) for key in keys_on(os_key))
