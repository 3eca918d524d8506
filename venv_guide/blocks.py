"""The build's record of every rendered code block: its source sections and its tab path.

The build hook writes the record into the page itself, as data attributes on each code block's
``div.highlight``, so that the built site is the one source of what a reader gets:

``data-vg-source``
    The include targets the block shows, ``FILE:SECTION`` (or ``FILE`` for a whole file such
    as an expected-output file), space-separated, in order. Set in ``on_page_markdown`` by
    :func:`annotate_markdown`, which adds it to the fence's attribute list; pymdownx.superfences
    (with ``attr_list``) puts such attributes on the block's ``div``.
``data-vg-line``
    The line of the page's Markdown where the fence opens (for messages: ``create.md:14``).
``data-vg-tabs``
    The labels of the content tabs around the block, outermost first, joined by ``" > "``
    (``Linux > fish``); empty outside tabs. Set in ``on_page_content`` by :func:`annotate_html`,
    which reads the tab structure pymdownx.tabbed rendered.
``data-vg-heading``
    The id of the nearest heading above the block (the step: ``activate``).

:func:`annotate_html` also gives every tab its final id, ``STEP-OS-SHELL`` or ``STEP-OS``
(:func:`venv_guide.vocabulary.tab_id`), and points each label's ``for`` at it, so the address
bar shows a clean anchor when a reader clicks a tab.

:func:`read_blocks` reads the record back from built HTML, with the text Material's copy button
copies (``extract()`` in Material's ``integrations/clipboard/index.ts``: the code element's
``innerText`` while ``data-md-copying`` hides annotations, then ``trimEnd()``).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

import bs4

from .snippets import Include, looks_like_include, parse_include
from .vocabulary import tab_id

TABS_SEPARATOR = " > "

# A fence opening: indentation, 3+ backticks or tildes, then the info string (pymdownx
# superfences' RE_NESTED_FENCE_START accepts the same openings).
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Classes of the elements Material hides while copying (CSS `[data-md-copying] .md-annotation`
# and friends).
_HIDDEN_WHILE_COPYING = ("md-annotation", "md-annotation__index", "linenos", "linenodiv")

#: A page for the functions below: its HTML, or that HTML already parsed. The build hook parses
#: each page once and hands the same soup to every step (parsing a page with html.parser takes
#: 0.1-0.3 s, and the hook used to parse each page six times: half of ``mkdocs build``).
Html = str | bs4.BeautifulSoup


def parse(page_html: Html) -> bs4.BeautifulSoup:
    """``page_html`` parsed with html.parser (a soup is returned as it is)."""
    if isinstance(page_html, bs4.BeautifulSoup):
        return page_html
    return bs4.BeautifulSoup(page_html, "html.parser")


def _headings_before(soup: bs4.BeautifulSoup, selector: str) -> dict[int, str]:
    """``{id(element): id of the nearest heading with an id before it}`` for every element
    matching ``selector``, in one walk through the page ("" where no heading comes first)."""
    wanted = {id(tag) for tag in soup.select(selector)}
    found: dict[int, str] = {}
    heading = ""
    for tag in soup.find_all(True):
        if tag.name in _HEADINGS and tag.get("id"):
            heading = str(tag["id"])
        elif id(tag) in wanted:
            found[id(tag)] = heading
    return found


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a page's Markdown.

    Attributes:
        line: 1-based line of the opening fence.
        info: what follows the opening fence (``bash`` or ``{ .text .no-copy title="Output" }``).
        body: ``(line, text)`` of each line between the fences.
        closed: False when the page ends before the closing fence.
    """

    line: int
    info: str
    body: tuple[tuple[int, str], ...]
    closed: bool = True

    @property
    def classes(self) -> list[str]:
        """The classes the info string gives the block (``{ .text .no-copy }`` -> text,
        no-copy; ``bash`` -> bash)."""
        return [c for c in re.split(r"[\s{}.]+", self.info.split("title=")[0]) if c]

    @property
    def copyable(self) -> bool:
        """False when the block has the ``.no-copy`` class (Material shows no copy button)."""
        return "no-copy" not in self.classes

    @property
    def typed(self) -> bool:
        """True for a block showing what the reader typed by mistake (``.typed``): a command
        in a ``.no-copy`` block, above the message it printed (CONTRIBUTING.md)."""
        return "typed" in self.classes

    def includes(self) -> list[tuple[int, Include | None, str]]:
        """``(line, include or None, text)`` for each non-blank body line."""
        return [(n, parse_include(t), t) for n, t in self.body if t.strip()]


def parse_fences(markdown: str) -> list[Fence]:
    """The fenced code blocks of a page's Markdown (backtick or tilde fences, any indent).

    Args:
        markdown: the page's Markdown source.

    Returns:
        The fences in page order, each with its body lines and line numbers.
    """
    fences: list[Fence] = []
    lines = markdown.splitlines()
    number = 0
    while number < len(lines):
        match = _FENCE_OPEN.match(lines[number])
        number += 1
        if not match:
            continue
        start, char, size = number, match.group("fence")[0], len(match.group("fence"))
        closing = re.compile(rf"^[ \t]*{re.escape(char)}{{{size},}}[ \t]*$")
        body: list[tuple[int, str]] = []
        while number < len(lines) and not closing.match(lines[number]):
            body.append((number + 1, lines[number]))
            number += 1
        closed = number < len(lines)
        number += 1
        fences.append(Fence(start, match.group("info").strip(), tuple(body), closed))
    return fences


def _with_attributes(info: str, attrs: dict[str, str]) -> str:
    """A fence info string with ``attrs`` added, in superfences' brace form."""
    extra = " ".join(f'{k}="{html_lib.escape(v, quote=True)}"' for k, v in attrs.items())
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        return f"{info[:-1].rstrip()} {extra} }}"
    if not info:
        return f"{{ .text {extra} }}"
    language = info.split()[0].lstrip(".")
    return f"{{ .{language} {extra} }}"


def annotate_markdown(markdown: str) -> str:
    """Add ``data-vg-source`` and ``data-vg-line`` to every fence that includes snippets.

    Runs in ``on_page_markdown``, before pymdownx.snippets replaces the include lines. A fence
    whose lines are not all includes is left alone (the page rules report it).

    Args:
        markdown: the page's Markdown source.

    Returns:
        The Markdown with each such fence's opening line rewritten; nothing else changes.
    """
    lines = markdown.split("\n")
    for fence in parse_fences(markdown):
        found = fence.includes()
        if not found or any(inc is None for _, inc, _ in found):
            continue
        sources = " ".join(inc.target for _, inc, _ in found if inc is not None)
        index = fence.line - 1
        match = _FENCE_OPEN.match(lines[index].rstrip("\r"))
        assert match is not None  # parse_fences matched this very line
        info = _with_attributes(
            match.group("info"), {"data-vg-source": sources, "data-vg-line": str(fence.line)}
        )
        lines[index] = f"{match.group('indent')}{match.group('fence')} {info}"
    return "\n".join(lines)


def _tab_path(block: bs4.Tag) -> list[tuple[bs4.Tag, str]]:
    """``(input, label)`` of each tab around ``block``, outermost first."""
    path: list[tuple[bs4.Tag, str]] = []
    node = block
    while node is not None:
        parent = node.parent
        if (
            isinstance(parent, bs4.Tag)
            and "tabbed-block" in (node.get("class") or [])
            and "tabbed-content" in (parent.get("class") or [])
        ):
            tab_set = parent.parent
            # By identity: bs4 tags compare equal by content, and sibling tabs often show
            # the same block (macOS and Linux), so list.index() would find the first one.
            siblings = [c for c in parent.children if isinstance(c, bs4.Tag)]
            index = next(i for i, c in enumerate(siblings) if c is node)
            inputs = tab_set.find_all("input", recursive=False)
            labels = tab_set.find("div", class_="tabbed-labels", recursive=False)
            label_tags = labels.find_all("label", recursive=False) if labels else []
            if index < len(inputs) and index < len(label_tags):
                path.insert(0, (inputs[index], label_tags[index].get_text(strip=True)))
        node = parent
    return path


def annotate_html(page_html: Html) -> Html:
    """Give tabs their ``STEP-OS[-SHELL]`` ids and blocks their tab path and heading.

    Runs in ``on_page_content`` on the HTML Markdown produced for one page.

    Args:
        page_html: the page's content HTML (or its soup, which is changed in place).

    Returns:
        The HTML (the soup, when given one) with every tab input's ``id`` (and its label's
        ``for``) replaced by :func:`~venv_guide.vocabulary.tab_id` of its heading and label
        path, and ``data-vg-tabs``/``data-vg-heading`` on every code block. A duplicate id
        keeps pymdownx's own (the page rules report it).
    """
    soup = parse(page_html)
    headings = _headings_before(soup, "div.tabbed-set, div.highlight")
    taken = {str(t["id"]) for t in soup.find_all(id=True)}
    for tab_set in soup.select("div.tabbed-set"):
        inputs = tab_set.find_all("input", recursive=False)
        labels_div = tab_set.find("div", class_="tabbed-labels", recursive=False)
        labels = labels_div.find_all("label", recursive=False) if labels_div else []
        outer = [label for _, label in _tab_path(tab_set)]
        heading = headings[id(tab_set)]
        for tab_input, label in zip(inputs, labels, strict=False):
            new_id = tab_id(heading, [*outer, label.get_text(strip=True)])
            if new_id in taken:
                continue
            taken.discard(str(tab_input["id"]))
            taken.add(new_id)
            tab_input["id"] = new_id
            label["for"] = new_id
    for block in soup.select("div.highlight"):
        block["data-vg-tabs"] = TABS_SEPARATOR.join(label for _, label in _tab_path(block))
        block["data-vg-heading"] = headings[id(block)]
    return soup if soup is page_html else str(soup)


@dataclass(frozen=True)
class Block:
    """One rendered code block as a reader gets it.

    Attributes:
        page: the page's URL relative to the site root (``activate/``; ``""`` for the home page).
        sources: the include targets it shows (``activate/bash.sh:activate``), in order;
            empty for a block the build did not annotate (typed inline).
        line: the Markdown line of its fence (0 when unknown).
        tabs: the tab labels around it, outermost first (``("Linux", "fish")``).
        tab_id: the id of its innermost tab ("" outside tabs): the anchor a reader links to.
        heading: the id of the nearest heading above it.
        copyable: True when Material gives it a copy button (no ``.no-copy`` class).
        text: what the copy button copies (see the module docstring).
        typed: True for a mistake the reader typed (``.typed``, never copyable).
    """

    page: str
    sources: tuple[str, ...]
    line: int
    tabs: tuple[str, ...]
    tab_id: str
    heading: str
    copyable: bool
    text: str
    typed: bool = False

    @property
    def where(self) -> str:
        """Page and tab for messages: ``activate/ #activate-linux-fish (Linux > fish)``."""
        anchor = self.tab_id or self.heading
        tabs = f" ({TABS_SEPARATOR.join(self.tabs)})" if self.tabs else ""
        return f"{self.page or '/'} #{anchor}{tabs}"


def copy_text(code: bs4.Tag) -> str:
    """The text Material's copy button takes from a ``code`` element (see module docstring)."""
    hidden = code.find_all(class_=list(_HIDDEN_WHILE_COPYING))
    if not hidden:  # the usual case: no annotations, no line numbers
        return code.get_text().rstrip()
    skip = {id(tag) for tag in hidden}
    return "".join(
        text
        for text in code.find_all(string=True)
        if not any(id(parent) in skip for parent in text.parents)
    ).rstrip()


def read_blocks(page_html: Html, page: str) -> list[Block]:
    """Every code block of a built page, with its record and copy text.

    Args:
        page_html: a built page (the whole HTML file), its content HTML, or either's soup.
        page: its URL relative to the site root, e.g. ``activate/``.

    Returns:
        The blocks in page order.
    """
    soup = parse(page_html)
    article = soup.find("article") or soup
    divs = article.select("div.highlight")
    # The hook records each block's heading; a page built without it (Zensical) is walked once.
    unrecorded = not all(div.has_attr("data-vg-heading") for div in divs)
    walked = _headings_before(soup, "div.highlight") if unrecorded else {}
    blocks = []
    for div in divs:
        code = div.find("code")
        path = _tab_path(div)
        blocks.append(
            Block(
                page=page,
                sources=tuple(str(div.get("data-vg-source", "")).split()),
                line=int(div.get("data-vg-line") or 0),
                tabs=tuple(label for _, label in path),
                tab_id=str(path[-1][0].get("id")) if path else "",
                heading=str(div.get("data-vg-heading", walked.get(id(div), ""))),
                copyable="no-copy" not in (div.get("class") or []),
                text=copy_text(code) if code is not None else "",
                typed="typed" in (div.get("class") or []),
            )
        )
    return blocks


def find_include_lines(page_html: Html) -> list[str]:
    """Lines of a built page's text that still hold an include (pymdownx did not expand them).

    Args:
        page_html: a built page or its content HTML (or either's soup).

    Returns:
        Each such line, stripped (e.g. ``--8<-- "activate/bash.sh:activate" `` with a space).
    """
    text = parse(page_html).get_text()
    return [line.strip() for line in text.splitlines() if looks_like_include(line)]
