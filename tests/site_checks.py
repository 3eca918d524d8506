"""Checks of snippet files and of the built HTML that are not page rules.

The page rules (blocks are includes, tab labels, output only in ``.no-copy`` blocks, no prompts,
nothing left of ``--8<--``) live in ``venv_guide/rules.py`` and run inside the build (the MkDocs
hook), so ``mkdocs build --strict`` enforces them; tests/test_site.py checks that. What stays here
checks files the build does not judge (snippet file headers and line endings) and properties of
the built site (nothing loads from another host; anchors the README hands out exist).

Every check returns a list of messages, each starting with ``FILE:LINE:``.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from pymdownx.snippets import SnippetPreprocessor

from venv_guide import line_endings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


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


COMMENT_PREFIX = {
    ".sh": ("#",),
    ".zsh": ("#",),
    ".fish": ("#",),
    ".csh": ("#",),
    ".ps1": ("#",),
    ".py": ("#",),
    ".toml": ("#",),
    ".bat": ("REM ", "rem ", "::"),
}


def check_snippet_files(snippets_dir: Path = SNIPPETS) -> list[str]:
    """Line endings (venv_guide.line_endings: .gitattributes), a first-line comment,
    shellcheck directives."""
    errors = []
    for path in snippet_files(snippets_dir):
        rel = f"snippets/{_rel(path, snippets_dir)}"
        errors += line_endings.check_file(path, rule_path=rel, shown=rel)
        text = read_lines(path)
        prefixes = COMMENT_PREFIX.get(path.suffix)
        if prefixes is None:
            continue  # expected output (.txt): shown as it is
        if (
            not text
            or not text[0].startswith(prefixes)
            or SnippetPreprocessor.RE_SNIPPET_SECTION.match(text[0])
        ):
            errors.append(f"{rel}:1: the first line must be a comment saying what the file is")
        if path.suffix == ".sh":
            want = {"bash.sh": "bash", "git-bash.sh": "bash"}.get(path.name, "sh")
            if len(text) < 2 or text[1].strip() != f"# shellcheck shell={want}":
                errors.append(f"{rel}:2: the second line must be '# shellcheck shell={want}'")
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
    for page in [*sorted(docs_dir.rglob("*.md")), *also]:
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
