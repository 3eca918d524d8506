"""The proof layer as a Python-Markdown extension (``markdown_extensions: - venv_guide.extension``).

MkDocs 1.6, ProperDocs and Zensical all render a page with Python-Markdown and the extensions
``mkdocs.yml`` lists, so everything a page needs is done here, the same with any of them:

* before pymdownx.snippets expands the includes (a preprocessor, priority 33 > snippets' 32):
  the page rules on the Markdown (:func:`venv_guide.rules.check_markdown`); the record of each
  fence's sources (:func:`venv_guide.blocks.annotate_markdown`: ``data-vg-source``,
  ``data-vg-line``); the generated parts of the Verified on and testing pages
  (:mod:`venv_guide.proof_pages`).
* once the page is HTML (a postprocessor, priority 5 < raw HTML's 30, so code blocks are in
  place): every tab's ``STEP-OS-SHELL`` id and every block's ``data-vg-tabs`` and
  ``data-vg-heading`` (:func:`venv_guide.blocks.annotate_html`); the page rules on what the
  reader gets (:func:`venv_guide.rules.check_page`); code in tables that breaks only between
  path parts (:mod:`venv_guide.typeset`); the mark under each command and the page's one
  "Not run in this build" note (:mod:`venv_guide.marks`); the tab vocabulary for
  ``docs/javascripts/tabs.js`` (``<script id="vg-tabs">``).

Each page's problems travel in the page itself, as a ``<script type="application/json"
data-vg-problems>`` list, so that a generator that caches rendered pages still reports them:
the site step (:mod:`venv_guide.site`, run by the MkDocs hook and after ``zensical build``)
reports every one as a warning, removes the list, and fails a strict build.

Which page is being rendered comes from the generator: MkDocs registers its ``relpath``
treeprocessor (``mkdocs/structure/pages.py``, ``_RelativePathTreeprocessor.file``) on every
page's Markdown instance, Zensical its ``ContextPreprocessor`` (``zensical/extensions/
context.py``, ``.page.path`` and ``.page.url``); see :func:`current_page`.
"""

from __future__ import annotations

import json
import logging
import os
import pathlib
import posixpath
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import blocks, evidence, marks, proof_pages, rules, typeset
from .platforms import OS_LABELS
from .snippets import Include, SnippetError, parse_include, read_sections
from .vocabulary import DEFAULT_SHELL

log = logging.getLogger("mkdocs.extensions.venv_guide")

#: The element that carries a page's problems to the site step.
PROBLEMS_ATTRIBUTE = "data-vg-problems"


@dataclass(frozen=True)
class PageRef:
    """The page a Markdown instance renders.

    Attributes:
        src: its path relative to the docs folder (``activate.md``); "" when unknown.
        url: its URL relative to the site's root (``activate/``; "" for the home page).
        config_dir: the folder of ``mkdocs.yml`` (the current folder when unknown).
        rewrites_links: True when the generator resolves relative links in the page's HTML as
            links from its Markdown file (Zensical turns ``verified-on.md`` into
            ``../verified-on/`` after rendering; MkDocs rewrites only Markdown links).
    """

    src: str
    url: str
    config_dir: pathlib.Path
    rewrites_links: bool = False

    def link(self, target: str) -> str:
        """``PAGE.md#ANCHOR`` (relative to the docs folder) as a link for this page's HTML.

        For a generator that rewrites links (:attr:`rewrites_links`), the Markdown file relative
        to this page's own (``../verified-on.md#x`` from ``trouble/creating.md``); otherwise the
        URL relative to this page: both generators give every page a directory URL
        (``use_directory_urls``, the default), ``verified-on.md`` is ``verified-on/``,
        ``index.md`` the folder itself.
        """
        path, _, fragment = target.partition("#")
        if self.rewrites_links:
            folder = posixpath.dirname(self.src)
            relative = posixpath.relpath(path, folder) if folder else path
            return f"{relative}#{fragment}" if fragment else relative
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index").rstrip("/")
        url = f"{stem}/" if stem else ""
        depth = self.url.count("/") if self.url not in ("", "./") else 0
        relative = "../" * depth + url or "./"
        return f"{relative}#{fragment}" if fragment else relative


def current_page(md: markdown.Markdown) -> PageRef:
    """The page ``md`` renders, as MkDocs or Zensical registered it (see the module docstring).

    Args:
        md: the page's Markdown instance, while it converts the page.

    Returns:
        The :class:`PageRef`; ``src`` and ``url`` are "" when no generator said (a plain
        ``markdown.markdown()`` call, as in unit tests).
    """
    cwd = pathlib.Path.cwd()
    if "relpath" in md.treeprocessors:  # MkDocs and ProperDocs
        relpath = md.treeprocessors["relpath"]
        file = getattr(relpath, "file", None)
        config = getattr(relpath, "config", None)
        config_file = getattr(config, "config_file_path", None) if config is not None else None
        if file is not None:
            url = "" if file.url in ("./", ".") else file.url
            folder = pathlib.Path(config_file).parent if config_file else cwd
            return PageRef(file.src_uri, url, folder)
    for processor in md.preprocessors:  # Zensical
        page = getattr(processor, "page", None)
        if type(processor).__name__ == "ContextPreprocessor" and page is not None:
            src = str(page.path).replace(os.sep, "/")
            return PageRef(src, str(page.url or ""), cwd, rewrites_links=True)
    return PageRef("", "", cwd)


def snippets_dir(md: markdown.Markdown) -> pathlib.Path:
    """pymdownx.snippets' ``base_path`` (relative to the current folder, as it reads it)."""
    if "snippet" in md.preprocessors:
        base = getattr(md.preprocessors["snippet"], "base_path", None) or ["snippets"]
        first = base[0] if isinstance(base, list | tuple) else base
        return pathlib.Path(first).resolve()
    return pathlib.Path("snippets").resolve()


@dataclass
class _PageState:
    """What the preprocessor learns about the page for the postprocessor (one per page)."""

    page: PageRef | None = None
    evidence: evidence.Evidence | None = None
    problems: list[str] = field(default_factory=list)
    #: True between the last treeprocessor and the postprocessor's run on the whole page: the
    #: toc extension also runs every postprocessor on each heading's HTML (its
    #: ``run_postprocessors``), which must pass through unchanged.
    whole_page: bool = False


class _TreeDone(Treeprocessor):
    """Runs last among the treeprocessors: what the postprocessor sees next is the page."""

    def __init__(self, md: markdown.Markdown, state: _PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: object) -> None:
        self.state.whole_page = True


class _SourcePreprocessor(Preprocessor):
    """Rules on the Markdown, the record of each fence, the generated parts of proof pages."""

    def __init__(self, md: markdown.Markdown, ext: ProofExtension, state: _PageState) -> None:
        super().__init__(md)
        self.ext = ext
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        state = self.state
        state.page = page = current_page(self.md)
        state.problems = []
        found, warning = evidence.load_or_explain(page.config_dir)
        state.evidence = found
        if warning:
            state.problems.append(warning)
        text = "\n".join(lines)
        folder = snippets_dir(self.md)
        found_problems = rules.check_markdown(text, page.src, folder)
        state.problems += found_problems
        if found_problems:
            text = _defuse_missing(text, folder)
        if page.src not in self.ext.getConfig("proof_pages"):
            state.problems += rules.check_reader_words(text, page.src)
        text = self._generate(text, page, found)
        return blocks.annotate_markdown(text).split("\n")

    def _generate(self, text: str, page: PageRef, found: evidence.Evidence) -> str:
        """The Verified on page's results and the testing page's list, where they belong."""
        generated = {
            self.ext.getConfig("verified_page"): (
                proof_pages.RESULTS_PLACEHOLDER,
                lambda: proof_pages.results_markdown(found),
            ),
            marks.TESTED_PAGE: (proof_pages.NOT_RUN_PLACEHOLDER, proof_pages.not_run_markdown),
        }
        if page.src not in generated:
            return text
        placeholder, make = generated[page.src]
        if placeholder not in text:
            self.state.problems.append(
                f"{page.src}: the line {placeholder} is missing, so the page lacks its "
                "generated part"
            )
            return text
        return text.replace(placeholder, make(), 1)


class _ProofPostprocessor(Postprocessor):
    """Tab ids and block records, the rules on what the reader gets, marks, vocabulary."""

    def __init__(self, md: markdown.Markdown, ext: ProofExtension, state: _PageState) -> None:
        super().__init__(md)
        self.ext = ext
        self.state = state

    def run(self, text: str) -> str:
        state = self.state
        if not state.whole_page:
            return text  # a heading's HTML, from the toc extension (see _PageState)
        state.whole_page = False
        page = state.page or current_page(self.md)
        found_evidence = state.evidence or evidence.Evidence(None)
        soup = blocks.parse(text)
        if page.src == self.ext.getConfig("verified_page"):
            try:
                proof_pages.fill_tables(found_evidence, soup)
            except ValueError as error:
                state.problems.append(str(error))
        blocks.annotate_html(soup)
        found = blocks.read_blocks(soup, page.url)
        state.problems += rules.check_page(soup, found, page.src)
        typeset.wrap_table_code(soup)
        marks.add_marks(soup, found, found_evidence, page.link)
        tail = (
            '<script type="application/json" id="vg-tabs">'
            + _json({"os": OS_LABELS, "default_shell": DEFAULT_SHELL})
            + "</script>"
        )
        if state.problems:
            for problem in state.problems:
                log.debug(problem)
            tail += (
                f'<script type="application/json" {PROBLEMS_ATTRIBUTE}>'
                + _json(state.problems)
                + "</script>"
            )
        return str(soup) + tail


def _defuse_missing(text: str, folder: pathlib.Path) -> str:
    """``text`` with each include of a missing file or section replaced by a line saying so.

    pymdownx.snippets (``check_paths: true``) raises on such an include, and the build would
    end in a traceback; the page's problems already name the page and line, so the build goes
    on and reports them (``--strict`` fails), and the page shows ``missing snippet: TARGET``.
    """
    out = []
    for line in text.split("\n"):
        include = parse_include(line)
        if include is not None and not _resolves(include, folder):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}missing snippet: {include.target}")
        else:
            out.append(line)
    return "\n".join(out)


def _resolves(include: Include, folder: pathlib.Path) -> bool:
    """Whether pymdownx.snippets can read ``include`` from ``folder``."""
    path = folder / include.file
    if not path.is_file():
        return False
    if include.section is None or include.lines:
        return True
    try:
        return include.section in read_sections(path, folder)
    except SnippetError:
        return False


def _json(value: object) -> str:
    """JSON safe inside ``<script>``: no ``<`` (so no ``</script>``) in the text."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


class ProofExtension(Extension):
    """Registers the preprocessor and postprocessor of the proof layer (module docstring).

    Config (``mkdocs.yml``, under ``markdown_extensions: - venv_guide.extension:``):
        verified_page: the Verified on page, relative to the docs folder.
        proof_pages: the pages about the proof itself, which may name tests and tools (every
            other page is a reader's page: :func:`venv_guide.rules.check_reader_words`).
    """

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "verified_page": [proof_pages.VERIFIED_PAGE, "the Verified on page (docs-relative)"],
            "proof_pages": [
                [proof_pages.VERIFIED_PAGE, marks.TESTED_PAGE],
                "pages that may speak of the tests (docs-relative)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        state = _PageState()
        md.preprocessors.register(_SourcePreprocessor(md, self, state), "vg_source", 33)
        md.treeprocessors.register(_TreeDone(md, state), "vg_tree_done", -1000)
        md.postprocessors.register(_ProofPostprocessor(md, self, state), "vg_proof", 5)
        md.registerExtension(self)


def makeExtension(**kwargs: object) -> ProofExtension:
    """The entry point Python-Markdown calls for ``venv_guide.extension``."""
    return ProofExtension(**kwargs)


__all__ = ["PROBLEMS_ATTRIBUTE", "PageRef", "ProofExtension", "current_page", "makeExtension"]
