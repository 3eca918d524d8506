"""The MkDocs hook (``mkdocs.yml``: ``hooks: [venv_guide/hook.py]``).

It writes the build's record of every code block into the pages (:mod:`venv_guide.blocks`),
gives every content tab its ``STEP-OS-SHELL`` id, and reports every page rule
(:mod:`venv_guide.rules`) as a warning, so ``mkdocs serve``, ``mkdocs build --strict`` and the
deploy all enforce them. It imports nothing from ``tests/``.
"""

from __future__ import annotations

import logging
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from venv_guide import blocks, rules

log = logging.getLogger("mkdocs.hooks.venv_guide")

# Blocks seen in this build, by page URL (reset in on_pre_build; read in on_post_build).
_SEEN: dict[str, list[blocks.Block]] = {}


def snippets_dir(config: MkDocsConfig) -> pathlib.Path:
    """The snippets folder: pymdownx.snippets' ``base_path`` (relative to the current folder,
    as pymdownx.snippets reads it), else ``snippets`` next to mkdocs.yml."""
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["snippets"])
    first = base[0] if isinstance(base, list) else base
    return pathlib.Path(first).resolve()


def _warn(problems: list[str]) -> None:
    for problem in problems:
        log.warning(problem)


def on_pre_build(config: MkDocsConfig) -> None:
    """Forget the blocks of a previous build (``mkdocs serve`` rebuilds in one process)."""
    _SEEN.clear()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page's fences and includes, then record each fence's sources on it."""
    _warn(rules.check_markdown(markdown, page.file.src_uri, snippets_dir(config)))
    return blocks.annotate_markdown(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give tabs their ids and blocks their tab path; check what the reader will get."""
    annotated = blocks.annotate_html(html)
    found = blocks.read_blocks(annotated, page.url)
    _SEEN[page.url] = found
    _warn(rules.check_page(annotated, found, page.file.src_uri))
    return annotated


def on_post_build(config: MkDocsConfig) -> None:
    """Site-wide rules: every snippet section is shown by some page."""
    _warn(rules.check_site(_SEEN, snippets_dir(config)))
