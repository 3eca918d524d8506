"""Snippet includes and sections, read with pymdownx.snippets' own expressions.

A page includes a section with ``--8<-- "FILE:NAME"``; pymdownx.snippets recognises that line
with ``SnippetPreprocessor.RE_ALL_SNIPPETS``, splits ``FILE:NAME`` with its
``parse_snippet_target`` and finds the ``--8<-- [start:NAME]`` / ``--8<-- [end:NAME]`` markers
with ``RE_SNIPPET_SECTION``. This module asks those same expressions (one parser for includes
and sections, shared by the build hook and the harness), so the text a journey runs is the text
a page shows, and every error can name ``FILE:LINE``.
"""

from __future__ import annotations

import functools
import pathlib
from collections.abc import Iterator
from dataclasses import dataclass

import markdown
from pymdownx.snippets import SnippetPreprocessor

#: The repository root (the package is installed editable: ``pip install -e .``).
REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
#: The folder of snippet files (mkdocs.yml: ``pymdownx.snippets: base_path: snippets``).
SNIPPETS_DIR = REPO_ROOT / "snippets"
#: Where a page's expected-output files live: ``PAGE/output/NAME.txt`` (CONTRIBUTING.md).
OUTPUT_FOLDER = "output"


class SnippetError(Exception):
    """A snippet file or section is missing or malformed; the message names ``FILE:LINE``."""


@dataclass(frozen=True)
class Line:
    """One line of a section: its text (no line ending) and 1-based line number in its file."""

    number: int
    text: str


@dataclass(frozen=True)
class Section:
    """The lines between a section's start and end markers.

    Attributes:
        file: path relative to the snippets folder, with ``/`` separators (``activate/bash.sh``).
        name: the section name (``activate``).
        lines: the section's lines, markers excluded, in file order.
    """

    file: str
    name: str
    lines: tuple[Line, ...]

    @property
    def ref(self) -> str:
        """``FILE:NAME``, the form a page's include uses."""
        return f"{self.file}:{self.name}"

    @property
    def start_line(self) -> int:
        """Line number of the first line inside the section (0 if the section is empty)."""
        return self.lines[0].number if self.lines else 0

    def location(self, line: Line | None = None) -> str:
        """``snippets/FILE:LINE`` of ``line``, or of the section's first line."""
        number = line.number if line is not None else self.start_line
        return f"snippets/{self.file}:{number}"

    def commands(self) -> list[Line]:
        """The lines a shell runs: not blank and not a whole-line comment.

        Comments: ``#`` (POSIX shells, fish, csh, PowerShell, Python), ``::`` and ``REM`` (cmd).
        """
        out = []
        for line in self.lines:
            stripped = line.text.strip()
            if not stripped or stripped.startswith(("#", "::")):
                continue
            if stripped.upper() == "REM" or stripped.upper().startswith("REM "):
                continue
            out.append(line)
        return out


@dataclass(frozen=True)
class Include:
    """One ``--8<-- "FILE[:SECTION]"`` line as pymdownx.snippets reads it.

    Attributes:
        target: what stands between the quotes, e.g. ``activate/bash.sh:activate``.
        file: the snippet path, relative to the snippets folder.
        section: the section name, or None when the whole file is included.
        lines: True when the target selects lines by number (``FILE:3:5``), which pages must not.
    """

    target: str
    file: str
    section: str | None
    lines: bool = False

    @property
    def is_output(self) -> bool:
        """True for an expected-output file (``PAGE/output/NAME.txt``)."""
        return f"/{OUTPUT_FOLDER}/" in f"/{self.file}"


@functools.cache
def _preprocessor() -> SnippetPreprocessor:
    """A pymdownx.snippets preprocessor, used only for its parsing methods."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"])
    return md.preprocessors["snippet"]


def parse_include(line: str) -> Include | None:
    """Read one Markdown line as pymdownx.snippets would.

    Args:
        line: a line of a page, with or without its indentation.

    Returns:
        The :class:`Include` when pymdownx.snippets would replace the line with a snippet;
        None for any other line, including a malformed include (see :func:`looks_like_include`).
    """
    match = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line.rstrip("\r\n"))
    if not match or match.group("escape") or not match.group("inline_marker"):
        return None
    target = match.group("snippet")[1:-1].strip()
    parsed = _preprocessor().parse_snippet_target(target)
    if parsed is None:
        return None
    section = parsed.get("section")
    return Include(
        target=target,
        file=parsed["path"],
        section=section,
        lines=bool(parsed.get("start") or parsed.get("end")),
    )


def looks_like_include(line: str) -> bool:
    """True for a line with pymdownx's ``--8<--`` marker that is not a section marker.

    Such a line that :func:`parse_include` rejects (a trailing space, a missing quote) is shown
    to the reader as it stands, so the page rules report it.
    """
    text = line.strip()
    if "8<-" not in text or SnippetPreprocessor.RE_SNIPPET_SECTION.match(text):
        return False
    return text.lstrip(";").startswith("-")


def files(root: pathlib.Path, suffixes: set[str]) -> list[pathlib.Path]:
    """Every file under ``root`` whose suffix (case-folded) is in ``suffixes``, sorted.

    Args:
        root: a folder, e.g. the repository's ``snippets/``.
        suffixes: e.g. ``{".ps1", ".bat"}``.

    Returns:
        The files, sorted by path; empty if ``root`` does not exist or holds none.

    Raises:
        OSError: ``root`` cannot be listed.
    """
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def read_sections(path: pathlib.Path, root: pathlib.Path = SNIPPETS_DIR) -> dict[str, Section]:
    """Return every named section of a snippet file.

    Args:
        path: the snippet file.
        root: the snippets folder ``path`` is relative to (for the ``file`` attribute).

    Returns:
        ``{name: Section}``; nested sections are returned too (their lines are part of the
        enclosing section, as pymdownx.snippets includes them, minus the marker lines).

    Raises:
        SnippetError: the file cannot be read as UTF-8, a section is started twice, ended
            without a start, or never ended. The message names ``FILE:LINE``.
    """
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SnippetError(f"snippets/{rel}: cannot read: {exc}") from exc
    return parse_sections(text, rel)


def parse_sections(text: str, rel: str) -> dict[str, Section]:
    """Every named section of a snippet file's ``text``, as :func:`read_sections` returns them.

    Args:
        text: the file's content.
        rel: its path relative to the snippets folder (``activate/bash.sh``), for the
            ``file`` attribute and the messages.

    Raises:
        SnippetError: as :func:`read_sections` (except for reading the file).
    """
    open_at: dict[str, int] = {}
    collected: dict[str, list[Line]] = {}
    done: dict[str, Section] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        match = SnippetPreprocessor.RE_SNIPPET_SECTION.match(line) if "8<-" in line else None
        if match and not match.group("escape"):
            name, kind = match.group("name"), match.group("type").lower()
            if kind == "start":
                if name in open_at or name in done:
                    raise SnippetError(f"snippets/{rel}:{number}: section '{name}' starts twice")
                open_at[name] = number
                collected[name] = []
            else:
                if name not in open_at:
                    raise SnippetError(
                        f"snippets/{rel}:{number}: section '{name}' ends but never starts"
                    )
                del open_at[name]
                done[name] = Section(rel, name, tuple(collected.pop(name)))
            continue
        for lines in collected.values():
            lines.append(Line(number, line))
    if open_at:
        name, number = next(iter(open_at.items()))
        raise SnippetError(f"snippets/{rel}:{number}: section '{name}' never ends")
    return done


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of a snippet file's ``text`` with its number (from 1), section markers
    (``--8<-- [start:NAME]``, ``[end:NAME]``, as pymdownx.snippets reads them) left out."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = SnippetPreprocessor.RE_SNIPPET_SECTION.match(line) if "8<-" in line else None
        if not (match and not match.group("escape")):
            yield number, line


def section(ref: str, root: pathlib.Path = SNIPPETS_DIR) -> Section:
    """Return the section named by ``FILE:NAME`` (relative to ``root``).

    Raises:
        SnippetError: the file does not exist, or has no such section.
    """
    file, _, name = ref.rpartition(":")
    path = root / file
    if not path.is_file():
        raise SnippetError(f"snippets/{file}: file not found (wanted section '{name}')")
    sections = read_sections(path, root)
    if name not in sections:
        raise SnippetError(f"snippets/{file}: no section '{name}' (has: {', '.join(sections)})")
    return sections[name]


def read_text(ref: str, root: pathlib.Path = SNIPPETS_DIR) -> str:
    """Return a whole snippet file (an expected-output file) as text with ``\\n`` line endings.

    Raises:
        SnippetError: the file does not exist or is not UTF-8.
    """
    path = root / ref
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise SnippetError(f"snippets/{ref}: cannot read: {exc}") from exc
