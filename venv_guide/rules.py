"""The page rules (CONTRIBUTING.md), as functions that return problems.

The build hook reports each problem as a warning (so ``mkdocs build --strict`` fails on it) and
the tests call the same functions on small bad inputs. Every problem is one line that starts
with where to look: ``PAGE.md:LINE:`` for the Markdown, ``snippets/FILE:LINE:`` for a snippet,
or ``PAGE_URL #TAB_ID (OS > shell):`` for what the built page shows.
"""

from __future__ import annotations

import pathlib
import re
from collections import defaultdict
from collections.abc import Iterable

from . import blocks as blocks_mod
from .blocks import Block, Html, parse_fences
from .shells import SHELLS
from .snippets import (
    OUTPUT_FOLDER,
    SNIPPETS_DIR,
    Line,
    SnippetError,
    looks_like_include,
    read_sections,
)
from .vocabulary import OS_SHELLS, OS_TABS, SHELL_LABELS

#: A prompt at the start of a line in a block the reader copies.
PROMPTS: tuple[str, ...] = ("$ ", "PS>", "PS C:\\", "C:\\>", "% ", "> ", ">>> ", "(.venv) ")

#: Snippet files a tab may show, by tab label: the shell's own key (venv_guide/shells.py), the
#: OS family's (``unix``/``windows``) and ``any``. Expected-output files are judged by the
#: block's class, not by this table.
_KEYS_FOR_LABEL: dict[str, set[str]] = defaultdict(set)
for _shell in SHELLS:
    _KEYS_FOR_LABEL[_shell.label].update({_shell.snippets, _shell.family, "any"})
for _os in OS_TABS:
    _KEYS_FOR_LABEL[_os].update({"windows" if _os == "Windows" else "unix", "any"})

_SNIPPET_SUFFIXES = {
    ".sh",
    ".zsh",
    ".fish",
    ".csh",
    ".bat",
    ".ps1",
    ".py",
    ".txt",
    ".json",
    ".toml",
}


def snippet_key(file: str) -> str:
    """The key of a snippet file: ``activate/fish.fish`` -> ``fish`` (CONTRIBUTING.md)."""
    return pathlib.PurePosixPath(file).stem


def check_markdown(
    markdown: str, page: str, snippets_dir: pathlib.Path = SNIPPETS_DIR
) -> list[str]:
    """Rules a page's Markdown must follow before it is rendered.

    - every fenced block holds only ``--8<-- "FILE:SECTION"`` includes (no command typed inline);
    - an include pymdownx would not recognise (a trailing space, a missing quote) is reported,
      inside or outside a block, because the reader would see the raw line;
    - every include names an existing file and section, by name, not by line numbers;
    - an expected-output file is shown only in a ``.no-copy`` block, and a command only in a
      copyable one, or in a ``.no-copy .typed`` one: a mistake, shown above its message;
    - no line of a copyable block starts with a prompt.

    Args:
        markdown: the page's source.
        page: its path relative to ``docs/`` (for messages).
        snippets_dir: the snippets folder (``pymdownx.snippets`` ``base_path``).

    Returns:
        One message per problem, ``PAGE:LINE: ...``.
    """
    problems: list[str] = []
    in_fence: set[int] = set()
    for fence in parse_fences(markdown):
        where = f"{page}:{fence.line}"
        in_fence.update(n for n, _ in fence.body)
        if not fence.closed:
            problems.append(f"{where}: code block is never closed")
        found = fence.includes()
        if not found:
            problems.append(f"{where}: empty code block (it must include a snippet)")
        for number, include, text in found:
            at = f"{page}:{number}"
            if include is None:
                if looks_like_include(text):
                    problems.append(
                        f"{at}: {text.strip()!r} is not an include pymdownx.snippets reads "
                        f'(trailing space or quotes?); write --8<-- "FILE:SECTION"'
                    )
                else:
                    problems.append(
                        f"{at}: code block holds {text.strip()!r}; a code block may only hold "
                        f'snippet includes such as --8<-- "activate/bash.sh:activate"'
                    )
                continue
            problems += _check_include(include, at, fence, snippets_dir)
    for number, text in enumerate(markdown.splitlines(), start=1):
        if number not in in_fence and looks_like_include(text):
            problems.append(
                f"{page}:{number}: snippet include {text.strip()!r} outside a code block"
            )
    return problems


def _check_include(include, at: str, fence, snippets_dir: pathlib.Path) -> list[str]:
    copyable = fence.copyable
    if include.lines:
        return [f"{at}: include {include.target!r}: use a named section, not line numbers"]
    path = snippets_dir / include.file
    if not path.is_file():
        return [f"{at}: includes {include.file!r}, which is not a file in snippets/"]
    if include.is_output:
        if copyable:
            return [
                f"{at}: expected output snippets/{include.file} is in a copyable block; give "
                f"the block the .no-copy class so the copy button does not copy output"
            ]
        return []
    if fence.typed and copyable:
        return [f"{at}: a .typed block (a mistake) must be .no-copy too, so nobody copies it"]
    if not copyable and not fence.typed:
        return [
            f"{at}: command snippets/{include.target} is in a .no-copy block (a mistake the "
            "reader typed takes the .typed class too)"
        ]
    try:
        sections = read_sections(path, snippets_dir)
    except SnippetError as exc:
        return [f"{at}: {exc}"]
    if include.section is None:
        if sections:
            return [f"{at}: include {include.target!r} shows a whole file; name a section"]
        text = path.read_text(encoding="utf-8").splitlines()
        lines = [Line(n, t) for n, t in enumerate(text, start=1)]
    elif include.section not in sections:
        known = ", ".join(sorted(sections)) or "none"
        return [f"{at}: snippets/{include.file} has no section {include.section!r} (has: {known})"]
    else:
        lines = list(sections[include.section].lines)
    problems = []
    for line in lines:
        prompt = next((p for p in PROMPTS if line.text.lstrip().startswith(p)), None)
        if prompt:
            problems.append(
                f"snippets/{include.file}:{line.number}: starts with the prompt {prompt!r}, "
                f"in a copyable block at {at}; readers would copy it"
            )
    return problems


def check_page(page_html: Html, found: Iterable[Block], page: str) -> list[str]:
    """Rules for what a rendered page shows.

    - no line of the page still holds an include (pymdownx left it as text);
    - every code block was recorded by the build (so it came from an include);
    - tab labels come from the vocabulary, OS tabs hold their own OS's shells in
      CONTRIBUTING.md's order, and a per-shell step has all of its shells in every OS;
    - a tab shows only its own shell's, its OS family's or the ``any`` snippets.

    Args:
        page_html: the page's content HTML after :func:`venv_guide.blocks.annotate_html`, or
            its soup.
        found: the page's blocks (:func:`venv_guide.blocks.read_blocks`).
        page: the page's source path, for messages.

    Returns:
        One message per problem.
    """
    problems = [
        f"{page}: the built page shows the raw include {line!r}"
        for line in blocks_mod.find_include_lines(page_html)
    ]
    found = list(found)
    by_heading: dict[str, list[Block]] = defaultdict(list)
    for block in found:
        by_heading[block.heading].append(block)
        where = f"{page}:{block.line}" if block.line else f"{page} #{block.heading}"
        if not block.sources:
            problems.append(
                f"{where}: code block at {block.where} shows no snippet include (typed inline, "
                "or an indented code block)"
            )
            continue
        problems += _check_tab_labels(block, where)
        if not block.tabs or block.tabs[-1] not in _KEYS_FOR_LABEL:
            continue
        allowed = _KEYS_FOR_LABEL.get(block.tabs[-1], set())
        for source in block.sources:
            file = source.split(":", 1)[0]
            if f"/{OUTPUT_FOLDER}/" in f"/{file}":
                continue
            if snippet_key(file) not in allowed:
                problems.append(
                    f"{where}: tab {block.where} shows snippets/{source}, which is not a "
                    f"{block.tabs[-1]} snippet (allowed: {', '.join(sorted(allowed))})"
                )
    for heading, group in by_heading.items():
        problems += _check_per_shell_step(page, heading, group)
    return problems


def _check_tab_labels(block: Block, where: str) -> list[str]:
    problems = []
    if len(block.tabs) > 2:
        problems.append(f"{where}: tabs nested more than two deep at {block.where}")
    if block.tabs and block.tabs[0] not in OS_TABS:
        problems.append(
            f"{where}: tab label {block.tabs[0]!r} is not an OS label "
            f"({', '.join(OS_TABS)}, CONTRIBUTING.md)"
        )
    elif len(block.tabs) == 2 and block.tabs[1] not in OS_SHELLS[block.tabs[0]]:
        kind = "a shell of another OS" if block.tabs[1] in SHELL_LABELS else "not a shell label"
        problems.append(
            f"{where}: tab {block.tabs[1]!r} inside {block.tabs[0]!r} is {kind} "
            f"(expected one of {', '.join(OS_SHELLS[block.tabs[0]])})"
        )
    return problems


def _check_per_shell_step(page: str, heading: str, group: list[Block]) -> list[str]:
    """A step whose macOS or Linux tab holds shell tabs must show every shell of every OS."""
    paths = {b.tabs for b in group if b.copyable}
    if not any(len(p) == 2 and p[0] in ("macOS", "Linux") for p in paths):
        return []
    missing = [
        f"{os_} > {shell}"
        for os_, shells in OS_SHELLS.items()
        for shell in shells
        if (os_, shell) not in paths
    ]
    if not missing:
        return []
    return [
        f"{page} #{heading}: per-shell step lacks a command in {', '.join(missing)}; "
        f"it must show all {sum(map(len, OS_SHELLS.values()))} shell tabs"
    ]


def check_site(shown: Iterable[str], snippets_dir: pathlib.Path = SNIPPETS_DIR) -> list[str]:
    """Every snippet file is shown by some page, and every section of it too.

    Args:
        shown: every include target the built pages show (their blocks' ``data-vg-source``).
        snippets_dir: the snippets folder.

    Returns:
        One message per unshown file or section, or per malformed section marker.
    """
    problems: list[str] = []
    targets = set(shown)
    whole = {t for t in targets if ":" not in t}
    for path in sorted(p for p in snippets_dir.rglob("*") if p.suffix in _SNIPPET_SUFFIXES):
        rel = path.relative_to(snippets_dir).as_posix()
        if rel in whole:
            continue
        try:
            sections = read_sections(path, snippets_dir)
        except SnippetError as exc:
            problems.append(str(exc))
            continue
        if not sections:
            problems.append(f"snippets/{rel}:1: not included by any page in docs/")
            continue
        for section in sections.values():
            if section.ref not in targets:
                problems.append(
                    f"{section.location()}: section {section.name!r} is not shown on any page"
                )
    return problems


#: Words of the test suite that a reader's page must not use (issue 19): the page about how the
#: guide is tested says what the tests do; a reader's page says what to type and what happens.
#: Each pattern is matched case-insensitively against the page's prose (not its code blocks).
READER_FORBIDDEN: tuple[tuple[str, str], ...] = (
    (r"\bpytest\b", "pytest"),
    (r"\bharness\b", "the harness"),
    (r"\bjourneys?\b", "journeys"),
    (r"\btest[ -]?suite\b", "the test suite"),
    (r"\btests?/|\btest_\w+", "a test's file or name"),
    (
        r"\bmake (?:test|serve|build|lint|setup|lock|clean|help)\b|\bmake [a-z]+-[a-z-]+\b",
        "a make target",
    ),
    (r"\b(?:our|the) tests?\b", "our tests"),
    (r"\btest (?:runs?|machines?|runners?)\b", "test runs"),
)
_READER_FORBIDDEN = [(re.compile(p, re.IGNORECASE), what) for p, what in READER_FORBIDDEN]


def check_reader_words(markdown: str, page: str) -> list[str]:
    """A reader's page speaks to the reader, not as the test suite.

    Args:
        markdown: the page's source.
        page: its path relative to ``docs/`` (for messages).

    Returns:
        One message per line of prose (outside code blocks) that uses a word of
        :data:`READER_FORBIDDEN`, ``PAGE:LINE: ...``, naming the words.
    """
    in_fence = {
        n for fence in parse_fences(markdown) for n in (fence.line, *(b for b, _ in fence.body))
    }
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if number in in_fence:
            continue
        found = [
            (m.group(0), what) for rx, what in _READER_FORBIDDEN for m in [rx.search(line)] if m
        ]
        if found:
            words = ", ".join(f"{text!r} ({what})" for text, what in found)
            problems.append(
                f"{page}:{number}: a reader's page speaks of the tests: {words}; say it on "
                "the page about how the guide is tested (or list this page in the extension's "
                "proof_pages)"
            )
    return problems
