"""Checks of the site's pages, snippets and built HTML, used by tests/test_site.py.

Every check is a function that takes folders and returns a list of error messages, each starting
with ``FILE:LINE:`` (paths relative to the folder that was checked), so a test can print them as
they are and the checks can be tried on small synthetic folders.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

# Content-tab labels, as CONTRIBUTING.md spells them, in the order the tabs appear.
OS_SHELLS: dict[str, tuple[str, ...]] = {
    "Windows": ("PowerShell", "cmd", "Git Bash"),
    "macOS": ("zsh", "bash", "sh (dash)", "fish", "csh/tcsh"),
    "Linux": ("bash", "zsh", "sh (dash)", "fish", "csh/tcsh"),
}
OS_LABELS: tuple[str, ...] = tuple(OS_SHELLS)
SHELL_LABELS: tuple[str, ...] = (
    "cmd",
    "PowerShell",
    "Git Bash",
    "bash",
    "zsh",
    "sh (dash)",
    "fish",
    "csh/tcsh",
)
VOCABULARY: tuple[str, ...] = OS_LABELS + SHELL_LABELS

# A prompt at the start of a line in a block the reader copies.
PROMPTS: tuple[str, ...] = ("$ ", "PS>", "PS C:\\", "C:\\>", "% ", "> ", ">>> ", "(.venv) ")

RE_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
RE_INCLUDE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(?P<q>["'])(?P<target>.+?)(?P=q)[ \t]*$""")
RE_ANY_SNIPPET_MARK = re.compile(r"-+8<-+")
RE_SECTION_MARK = re.compile(
    r"-+8<-+[ \t]+\[[ \t]*(?P<type>start|end)[ \t]*:[ \t]*(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]",
    re.IGNORECASE,
)
RE_SECTION_NAME = re.compile(r"[a-z][-_0-9a-z]*", re.IGNORECASE)
RE_TAB = re.compile(r'^(?P<indent> *)===[!+]{0,2}[ ]+"(?P<label>[^"]*)"[ ]*$')


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _pages(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file())


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


# --------------------------------------------------------------------------------------------
# Fenced code blocks and the includes inside them
# --------------------------------------------------------------------------------------------


@dataclass
class Fence:
    line: int  # line of the opening fence (1-based)
    info: str  # what follows the opening fence: a language or `{ .text .no-copy ... }`
    body: list[tuple[int, str]]  # (line number, text) of each line between the fences
    closed: bool = True

    @property
    def copyable(self) -> bool:
        return ".no-copy" not in self.info.split() and "no-copy" not in self.info


def parse_fences(text: str) -> list[Fence]:
    """The fenced code blocks of a Markdown text (backtick or tilde fences, any indent)."""
    fences: list[Fence] = []
    current: Fence | None = None
    closing: re.Pattern[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if current is not None:
            assert closing is not None
            if closing.match(line):
                fences.append(current)
                current = None
            else:
                current.body.append((number, line))
            continue
        m = RE_FENCE_OPEN.match(line)
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            char, size = m.group("fence")[0], len(m.group("fence"))
            closing = re.compile(rf"^[ \t]*{re.escape(char)}{{{size},}}[ \t]*$")
            current = Fence(number, m.group("info").strip(), [])
    if current is not None:
        current.closed = False
        fences.append(current)
    return fences


def check_fences(docs_dir: Path = DOCS) -> list[str]:
    """A fenced block in docs/ holds only `--8<-- "FILE[:SECTION]"` lines."""
    errors = []
    for page in _pages(docs_dir):
        name = _rel(page, docs_dir)
        for fence in parse_fences(page.read_text(encoding="utf-8")):
            if not fence.closed:
                errors.append(f"{name}:{fence.line}: code block is never closed")
            lines = [(n, t) for n, t in fence.body if t.strip()]
            if not lines:
                errors.append(f"{name}:{fence.line}: empty code block (it must include a snippet)")
            for number, text in lines:
                if not RE_INCLUDE.match(text):
                    errors.append(
                        f"{name}:{number}: code block holds {text.strip()!r}; a code block may "
                        f'only hold snippet includes such as --8<-- "activate/bash.sh:activate"'
                    )
    return errors


@dataclass
class Include:
    page: str  # page path relative to docs/
    line: int
    target: str  # as written: FILE or FILE:SECTION
    file: str
    section: str | None
    copyable: bool
    in_fence: bool


def split_target(target: str) -> tuple[str, str | None]:
    """`activate/bash.sh:check` -> (`activate/bash.sh`, `check`); no section -> None."""
    path, sep, tail = target.rpartition(":")
    if sep and path and RE_SECTION_NAME.fullmatch(tail):
        return path, tail
    return target, None


def collect_includes(docs_dir: Path = DOCS) -> list[Include]:
    """Every `--8<--` include in the pages, inside a code block or not."""
    includes = []
    for page in _pages(docs_dir):
        name = _rel(page, docs_dir)
        text = page.read_text(encoding="utf-8")
        in_fence: dict[int, Fence] = {}
        for fence in parse_fences(text):
            for number, _ in fence.body:
                in_fence[number] = fence
        for number, line in enumerate(text.splitlines(), start=1):
            m = RE_INCLUDE.match(line)
            if not m:
                continue
            file, section = split_target(m.group("target").strip())
            fence = in_fence.get(number)
            includes.append(
                Include(
                    name,
                    number,
                    m.group("target"),
                    file,
                    section,
                    copyable=fence.copyable if fence else True,
                    in_fence=fence is not None,
                )
            )
    return includes


# --------------------------------------------------------------------------------------------
# Snippet files and their sections
# --------------------------------------------------------------------------------------------


@dataclass
class Section:
    name: str
    start: int  # line of the start marker
    lines: list[tuple[int, str]] = field(default_factory=list)  # shown lines
    end: int | None = None


def snippet_files(snippets_dir: Path = SNIPPETS) -> list[Path]:
    return sorted(
        p
        for p in snippets_dir.rglob("*")
        if p.is_file()
        and not any(
            part.startswith(".") or part == "__pycache__"
            for part in p.relative_to(snippets_dir).parts
        )
    )


def read_lines(path: Path) -> list[str]:
    """A file's lines without line endings (CRLF or LF)."""
    return path.read_text(encoding="utf-8").splitlines()


def parse_sections(path: Path, name: str | None = None) -> tuple[dict[str, Section], list[str]]:
    """The sections of a snippet file, and errors about unbalanced markers."""
    name = name or path.name
    sections: dict[str, Section] = {}
    open_: dict[str, Section] = {}
    errors: list[str] = []
    for number, line in enumerate(read_lines(path), start=1):
        m = RE_SECTION_MARK.search(line)
        if m:
            kind, section = m.group("type").lower(), m.group("name")
            if kind == "start":
                if section in sections:
                    errors.append(f"{name}:{number}: section {section!r} starts a second time")
                    continue
                open_[section] = sections[section] = Section(section, number)
            elif section in open_:
                open_.pop(section).end = number
            else:
                errors.append(f"{name}:{number}: section {section!r} ends but never started")
            continue
        for sec in open_.values():
            sec.lines.append((number, line))
    for sec in open_.values():
        errors.append(f"{name}:{sec.start}: section {sec.name!r} never ends")
    return sections, errors


def shown_lines(path: Path, section: str | None) -> list[tuple[int, str]]:
    """The (line number, text) pairs an include of FILE or FILE:SECTION shows."""
    if section is None:
        return [
            (n, t) for n, t in enumerate(read_lines(path), start=1) if not RE_SECTION_MARK.search(t)
        ]
    sections, _ = parse_sections(path)
    return sections[section].lines if section in sections else []


def check_includes(docs_dir: Path = DOCS, snippets_dir: Path = SNIPPETS) -> list[str]:
    """Every include names an existing file and section; every snippet file and section is shown."""
    errors: list[str] = []
    files = {_rel(p, snippets_dir): p for p in snippet_files(snippets_dir)}
    shown: dict[str, set[str | None]] = {}
    for inc in collect_includes(docs_dir):
        where = f"{inc.page}:{inc.line}"
        if not inc.in_fence:
            errors.append(f"{where}: snippet include {inc.target!r} outside a code block")
        if RE_ANY_SNIPPET_MARK.search(inc.file) or re.search(r":\d", inc.target):
            errors.append(f"{where}: include {inc.target!r}: use a named section, not line numbers")
            continue
        path = files.get(inc.file)
        if path is None:
            errors.append(f"{where}: includes {inc.file!r}, which is not a file in snippets/")
            continue
        if inc.section is not None:
            sections, _ = parse_sections(path)
            if inc.section not in sections:
                known = ", ".join(sorted(sections)) or "none"
                errors.append(
                    f"{where}: snippets/{inc.file} has no section {inc.section!r} "
                    f"(its sections: {known})"
                )
                continue
        shown.setdefault(inc.file, set()).add(inc.section)
    for rel, path in files.items():
        sections, marker_errors = parse_sections(path, f"snippets/{rel}")
        errors += marker_errors
        if rel not in shown:
            errors.append(f"snippets/{rel}:1: not included by any page in docs/")
            continue
        if None in shown[rel]:
            continue  # the whole file is shown
        for sec in sections.values():
            if sec.name not in shown[rel]:
                errors.append(
                    f"snippets/{rel}:{sec.start}: section {sec.name!r} is not shown on any page"
                )
    return errors


def check_prompts(docs_dir: Path = DOCS, snippets_dir: Path = SNIPPETS) -> list[str]:
    """No line of a copyable block starts with a shell or REPL prompt."""
    errors = []
    seen: set[tuple[str, int]] = set()
    for inc in collect_includes(docs_dir):
        path = snippets_dir / inc.file
        if not inc.copyable or not path.is_file():
            continue
        for number, text in shown_lines(path, inc.section):
            prompt = next((p for p in PROMPTS if text.lstrip().startswith(p)), None)
            if prompt and (inc.file, number) not in seen:
                seen.add((inc.file, number))
                errors.append(
                    f"snippets/{inc.file}:{number}: starts with the prompt {prompt!r}, in a "
                    f"copyable block at {inc.page}:{inc.line}; readers would copy it"
                )
    return errors


COMMENT_PREFIX = {
    ".sh": ("#",),
    ".zsh": ("#",),
    ".fish": ("#",),
    ".csh": ("#",),
    ".ps1": ("#",),
    ".py": ("#",),
    ".bat": ("REM ", "rem ", "::"),
}


def check_snippet_files(snippets_dir: Path = SNIPPETS) -> list[str]:
    """Line endings (CRLF for .bat, LF elsewhere), a first-line comment, shellcheck directives."""
    errors = []
    for path in snippet_files(snippets_dir):
        rel = f"snippets/{_rel(path, snippets_dir)}"
        data = path.read_bytes()
        lines = data.split(b"\n")
        for number, raw in enumerate(lines[:-1] if data.endswith(b"\n") else lines, start=1):
            if path.suffix == ".bat" and not raw.endswith(b"\r"):
                errors.append(f"{rel}:{number}: .bat files need CRLF line endings; this is LF")
            elif path.suffix != ".bat" and raw.endswith(b"\r"):
                errors.append(f"{rel}:{number}: CRLF line ending; only .bat files use CRLF")
        if data and not data.endswith(b"\n"):
            errors.append(f"{rel}:{len(lines)}: no line ending at the end of the file")
        text = read_lines(path)
        prefixes = COMMENT_PREFIX.get(path.suffix)
        if prefixes is None:
            continue  # expected output (.txt): shown as it is
        if not text or not text[0].startswith(prefixes) or RE_SECTION_MARK.search(text[0]):
            errors.append(f"{rel}:1: the first line must be a comment saying what the file is")
        if path.suffix == ".sh":
            want = {"bash.sh": "bash", "git-bash.sh": "bash"}.get(path.name, "sh")
            if len(text) < 2 or text[1].strip() != f"# shellcheck shell={want}":
                errors.append(f"{rel}:2: the second line must be '# shellcheck shell={want}'")
    return errors


# --------------------------------------------------------------------------------------------
# Content tabs
# --------------------------------------------------------------------------------------------


@dataclass
class Tab:
    label: str
    line: int
    children: list[TabGroup] = field(default_factory=list)


@dataclass
class TabGroup:
    line: int
    indent: int
    tabs: list[Tab] = field(default_factory=list)
    parent: Tab | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self.tabs)


def parse_tabs(text: str) -> list[TabGroup]:
    """Top-level groups of `=== "Label"` tabs, with the groups nested in each tab."""
    fence_lines = {n for f in parse_fences(text) for n, _ in f.body}
    top: list[TabGroup] = []
    stack: list[TabGroup] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in fence_lines or not line.strip():
            continue
        indent = _indent(line)
        m = RE_TAB.match(line.expandtabs(4))
        if m:
            while stack and stack[-1].indent > indent:
                stack.pop()
            if stack and stack[-1].indent == indent:
                group = stack[-1]
            else:
                parent = stack[-1].tabs[-1] if stack else None
                group = TabGroup(number, indent, parent=parent)
                (parent.children if parent else top).append(group)
                stack.append(group)
            group.tabs.append(Tab(m.group("label"), number))
        else:
            # Content closes every group whose tab content would need a deeper indent.
            while stack and stack[-1].indent + 4 > indent:
                stack.pop()
    return top


def _suggest(label: str) -> str:
    def key(s: str) -> str:
        return re.sub(r"[^a-z]", "", s.lower())

    for known in VOCABULARY:
        k = key(label)
        if k and (key(known) == k or (len(k) >= 3 and k in key(known))):
            return f" (did you mean {known!r}?)"
    return ""


def check_tab_groups(groups: Iterable[TabGroup], page: str) -> list[str]:
    """Rules for one page's tab groups (see check_tabs)."""
    errors = []
    groups = list(groups)

    def every_tab(gs: Iterable[TabGroup]) -> Iterator[Tab]:
        for g in gs:
            for t in g.tabs:
                yield t
                yield from every_tab(t.children)

    for tab in every_tab(groups):
        if tab.label not in VOCABULARY:
            errors.append(
                f"{page}:{tab.line}: tab label {tab.label!r} is not one of "
                f"{', '.join(VOCABULARY)}{_suggest(tab.label)}"
            )
    for group in groups:
        where = f"{page}:{group.line}"
        if group.labels != OS_LABELS:
            errors.append(
                f"{where}: a tab group must be the OS tabs {', '.join(OS_LABELS)} in this order "
                f"(shell tabs go inside them); found {', '.join(group.labels)}"
            )
            continue
        for tab in group.tabs:
            for nested in tab.children:
                want = OS_SHELLS[tab.label]
                if nested.labels != want:
                    errors.append(
                        f"{page}:{nested.line}: the shell tabs inside {tab.label!r} must be "
                        f"{', '.join(want)} in this order; found {', '.join(nested.labels)}"
                    )
                for shell in nested.tabs:
                    if shell.children:
                        errors.append(f"{page}:{shell.line}: tabs nested more than two deep")
            if len(tab.children) > 1:
                errors.append(f"{page}:{tab.line}: more than one tab group inside {tab.label!r}")
        # A per-shell step: its macOS or Linux tab holds shell tabs, so all eight must be there.
        if any(t.children for t in group.tabs if t.label in ("macOS", "Linux")):
            shown = {(t.label, s.label) for t in group.tabs for g in t.children for s in g.tabs}
            missing = [
                f"{shell} ({os_})"
                for os_, shells in OS_SHELLS.items()
                for shell in shells
                if (os_, shell) not in shown
            ]
            if missing:
                errors.append(
                    f"{where}: per-shell step (shell tabs under macOS/Linux) lacks "
                    f"{', '.join(missing)}; it must show all eight shells"
                )
    return errors


def check_tabs(docs_dir: Path = DOCS) -> list[str]:
    """Tab labels come from the vocabulary; layouts follow CONTRIBUTING.md.

    - Every tab group on its own is the OS tabs Windows, macOS, Linux, in that order.
    - A group nested in an OS tab is that OS's shell tabs, complete and in CONTRIBUTING's order.
    - A step is *per-shell* when its macOS or Linux tab holds shell tabs (the command differs
      between Unix shells). Such a step must nest shell tabs in all three OS tabs: all eight
      shells. A step whose macOS/Linux tabs hold one block (same in every Unix shell) may still
      nest the Windows shells, which must then be complete.
    """
    errors = []
    for page in _pages(docs_dir):
        errors += check_tab_groups(
            parse_tabs(page.read_text(encoding="utf-8")), _rel(page, docs_dir)
        )
    return errors


# --------------------------------------------------------------------------------------------
# Built HTML
# --------------------------------------------------------------------------------------------

# <link rel=...> values that don't make the browser fetch anything.
NON_LOADING_RELS = {
    "canonical",
    "alternate",
    "prev",
    "next",
    "author",
    "license",
    "help",
    "search",
    "me",
    "bookmark",
    "external",
    "nofollow",
    "noopener",
    "noreferrer",
    "tag",
}
URL_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href",),
    "use": ("href",),
}
RE_CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>[^'")]*)(?P=q)\s*\)""", re.IGNORECASE)
RE_CSS_IMPORT = re.compile(r"""@import\s+(?P<q>['"])(?P<url>[^'"]+)(?P=q)""", re.IGNORECASE)


def is_foreign(url: str, own_prefix: str = "") -> bool:
    """True if fetching `url` would contact a host other than the site's own."""
    url = url.strip()
    if not url or (own_prefix and url.startswith(own_prefix)):
        return False
    parts = urlsplit(url)
    if parts.scheme.lower() in ("data", "blob", "about", "javascript", "mailto"):
        return False
    return bool(parts.netloc) or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def _srcset_urls(value: str) -> list[str]:
    return [item.strip().split()[0] for item in value.split(",") if item.strip()]


class _ResourceParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line, description, url)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []  # (line, href) of <a>
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append((line, a["href"]))
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            if not rels or not rels <= NON_LOADING_RELS:
                self.found.append((line, f'<link rel="{a.get("rel", "")}" href>', a["href"]))
        for attr in URL_ATTRS.get(tag, ()):
            if attr in a:
                urls = _srcset_urls(a[attr]) if attr == "srcset" else [a[attr]]
                self.found += [(line, f"<{tag} {attr}>", u) for u in urls]
        if "style" in a:
            self.found += [(line, f"<{tag} style> url()", u) for u in _css_urls(a["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line = self.getpos()[0]
            self.found += [(line, "<style> url()/@import", u) for u in _css_urls(data)]


def _css_urls(css: str) -> list[str]:
    return [m.group("url") for m in RE_CSS_URL.finditer(css)] + [
        m.group("url") for m in RE_CSS_IMPORT.finditer(css)
    ]


def parse_html(path: Path) -> _ResourceParser:
    parser = _ResourceParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_foreign_resources(site_dir: Path, own_prefix: str = "") -> list[str]:
    """No built page or stylesheet loads a script, style, font or image from another host."""
    errors = []
    for page in sorted(site_dir.rglob("*.html")):
        for line, what, url in parse_html(page).found:
            if is_foreign(url, own_prefix):
                where = f"{_rel(page, site_dir)}:{line}"
                errors.append(f"{where}: {what} loads {url} from another host")
    for sheet in sorted(site_dir.rglob("*.css")):
        css = sheet.read_text(encoding="utf-8", errors="replace")
        for regex in (RE_CSS_URL, RE_CSS_IMPORT):
            for m in regex.finditer(css):
                if is_foreign(m.group("url"), own_prefix):
                    line = css.count("\n", 0, m.start()) + 1
                    errors.append(
                        f"{_rel(sheet, site_dir)}:{line}: {m.group(0)[:80]} loads from another host"
                    )
    return errors


def _target_html(site_dir: Path, page: Path, path: str) -> Path | None:
    base = posixpath.dirname(page.relative_to(site_dir).as_posix())
    resolved = (
        posixpath.normpath(posixpath.join(base, unquote(path)))
        if path
        else page.relative_to(site_dir).as_posix()
    )
    if resolved.startswith(".."):
        return None
    target = site_dir / resolved
    if target.is_dir():
        target = target / "index.html"
    return target if target.suffix == ".html" else None


def check_local_anchors(site_dir: Path) -> list[str]:
    """Every link within the site to `page#anchor` finds that id in the built page.

    MkDocs validates anchors of headings, but not the ids that pymdownx.tabbed gives tabs.
    """
    ids: dict[Path, set[str]] = {}
    parsed = {page: parse_html(page) for page in sorted(site_dir.rglob("*.html"))}
    for page, p in parsed.items():
        ids[page] = p.ids
    errors = []
    for page, p in parsed.items():
        for line, href in p.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = _target_html(site_dir, page, parts.path)
            if target is None or target not in ids:
                continue
            if unquote(parts.fragment) not in ids[target]:
                errors.append(
                    f"{_rel(page, site_dir)}:{line}: link {href!r}: "
                    f"{_rel(target, site_dir)} has no id {parts.fragment!r}"
                )
    return errors


RE_ANCHOR_EXAMPLE = re.compile(r"`(?P<page>[a-z][a-z0-9-]*)/#(?P<anchor>[\w-]+)`")


def check_anchor_examples(docs_dir: Path, site_dir: Path, also: Iterable[Path] = ()) -> list[str]:
    """Anchors shown as text (`activate/#activate-windows-cmd`) are ids of the built page.

    Every tab's id is STEP-OS-SHELL or STEP-OS in the built HTML (venv_guide/hook.py), so an
    example must be exactly such an id (or a heading's); tests/test_browser.py checks that it
    opens its tabs in a browser. (MkDocs checks anchors before the hook gives tabs their ids, so
    the pages show these as code, not as links.)

    Args:
        docs_dir: the pages to scan.
        site_dir: the built site.
        also: more Markdown files to scan (e.g. README.md); named by file name in errors.
    """
    errors = []
    cache: dict[Path, set[str]] = {}
    for page in [*_pages(docs_dir), *also]:
        name = _rel(page, docs_dir) if page.is_relative_to(docs_dir) else page.name
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for m in RE_ANCHOR_EXAMPLE.finditer(line):
                target = site_dir / m.group("page") / "index.html"
                where = f"{name}:{number}"
                if not target.is_file():
                    errors.append(f"{where}: example {m.group(0)} names no built page")
                    continue
                if target not in cache:
                    cache[target] = parse_html(target).ids
                if m.group("anchor") not in cache[target]:
                    errors.append(f"{where}: example {m.group(0)} is no id on that page")
    return errors


def iter_nav_pages(nav: object) -> Iterator[str]:
    """The Markdown paths in an mkdocs.yml `nav:` value."""
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from iter_nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from iter_nav_pages(value)


def built_path(md: str) -> str:
    """Where MkDocs (use_directory_urls) writes a page: create.md -> create/index.html."""
    stem = md[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"
