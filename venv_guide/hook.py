"""The MkDocs hook (``mkdocs.yml``: ``hooks: [venv_guide/hook.py]``).

It writes the build's record of every code block into the pages (:mod:`venv_guide.blocks`),
gives every content tab its ``STEP-OS-SHELL`` id, lets code in tables break only between path
parts (:mod:`venv_guide.typeset`), hands ``docs/javascripts/tabs.js`` the tab vocabulary, and
reports every page rule
(:mod:`venv_guide.rules`) as a warning, so ``mkdocs serve``, ``mkdocs build --strict`` and the
deploy all enforce them. It also puts a "Verified on" line under every command and generates
the Verified on page from the test results (:mod:`venv_guide.verified`: ``$VENV_GUIDE_RESULTS``,
else the last ``make test``'s ``results/snippet-results.json``); an unreadable results file is
a warning naming the file. Last, it minifies every page and our own CSS and JS in the site and
leaves Material's palette stylesheet unlinked (:mod:`venv_guide.assets`). It imports nothing
from ``tests/``.
"""

from __future__ import annotations

import logging
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from venv_guide import assets, blocks, rules, typeset, verified, vocabulary
from venv_guide.results import ResultsError

log = logging.getLogger("mkdocs.hooks.venv_guide")

# Blocks seen in this build, by page URL (reset in on_pre_build; read in on_post_build).
_SEEN: dict[str, list[blocks.Block]] = {}
# The results this build shows (read in on_pre_build).
_RESULTS: list[verified.Verified] = []


def snippets_dir(config: MkDocsConfig) -> pathlib.Path:
    """The snippets folder: pymdownx.snippets' ``base_path`` (relative to the current folder,
    as pymdownx.snippets reads it), else ``snippets`` next to mkdocs.yml."""
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["snippets"])
    first = base[0] if isinstance(base, list) else base
    return pathlib.Path(first).resolve()


def _warn(problems: list[str]) -> None:
    for problem in problems:
        log.warning(problem)


def _config_dir(config: MkDocsConfig) -> pathlib.Path:
    return pathlib.Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Hand docs/javascripts/tabs.js the OS labels and default shells (overrides/main.html
    writes ``config.extra.vg_tabs`` into every page as ``<script id="vg-tabs">``)."""
    config.extra["vg_tabs"] = {
        "os": vocabulary.OS_KEYS,
        "default_shell": vocabulary.DEFAULT_SHELL,
    }
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Forget the blocks of a previous build (``mkdocs serve`` rebuilds in one process) and
    read the results this build shows; a bad results file is a warning that names it."""
    _SEEN.clear()
    _RESULTS.clear()
    config_dir = _config_dir(config)
    try:
        _RESULTS.append(verified.load(config_dir))
    except ResultsError as error:
        log.warning(
            f"Verified on: cannot use the test results: {error} "
            f"(run `make test` again, or set {verified.RESULTS_ENV} to a good file); "
            "every command says 'Not run in this build'"
        )
        source = verified.results_path(config_dir)
        _RESULTS.append(
            verified.Verified(None, config_dir / "snippets", source=str(source), error=str(error))
        )


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Rebuild when ``make test`` writes new results (``mkdocs serve``)."""
    path = verified.results_path(_config_dir(config))
    if path.parent.is_dir():
        server.watch(str(path.parent))
    return server


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page's fences and includes, then record each fence's sources on it; put the
    Verified on page's generated part in (its tables follow in :func:`on_page_content`)."""
    _warn(rules.check_markdown(markdown, page.file.src_uri, snippets_dir(config)))
    if page.file.src_uri == verified.PAGE:
        if verified.PLACEHOLDER not in markdown:
            log.warning(
                f"{page.file.src_uri}: the line {verified.PLACEHOLDER} is missing, so the "
                "page shows no results"
            )
        markdown = markdown.replace(verified.PLACEHOLDER, _RESULTS[0].page_markdown(), 1)
    return blocks.annotate_markdown(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the Verified on page's tables in; give tabs their ids and blocks their tab path;
    check what the reader will get; put a "Verified on" line under each command."""
    soup = blocks.parse(html)  # once: every step below reads and changes this soup
    if page.file.src_uri == verified.PAGE:
        try:
            _RESULTS[0].fill_tables(soup)
        except ValueError as error:
            log.warning(str(error))
    blocks.annotate_html(soup)
    found = blocks.read_blocks(soup, page.url)
    _SEEN[page.url] = found
    _warn(rules.check_page(soup, found, page.file.src_uri))
    typeset.wrap_table_code(soup)
    target = files.get_file_from_path(verified.PAGE)
    if target is None:
        if any(verified.command_sources(b) for b in found):
            log.warning(f"{page.file.src_uri}: no docs/{verified.PAGE}, so no Verified on lines")
    else:
        href = get_relative_url(target.url, page.file.url)
        verified.add_lines(soup, found, _RESULTS[0], href)
    return str(soup)


def _finish_page(html: str) -> str:
    """A rendered page without Material's palette stylesheet (the site's palette is in
    extra.css), minified (:func:`venv_guide.assets.minify_page`)."""
    return assets.minify_page(assets.drop_palette_stylesheet(html))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Each page, finished (:func:`_finish_page`)."""
    return _finish_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for the theme's static templates (``404.html``; ``sitemap.xml`` is not HTML and
    stays as it is)."""
    if not template_name.endswith(".html"):
        return output_content
    return _finish_page(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """Site-wide rules: every snippet section is shown by some page. Then our own CSS and JS
    are minified in the site (:mod:`venv_guide.assets`)."""
    _warn(rules.check_site(_SEEN, snippets_dir(config)))
    paths = [str(p) for p in config.extra_css] + [str(s) for s in config.extra_javascript]
    site_dir = pathlib.Path(config.site_dir)
    try:
        minified = assets.minify_assets(site_dir, paths)
    except FileNotFoundError as exc:
        missing = pathlib.Path(exc.filename).relative_to(site_dir).as_posix()
        log.warning(
            f"mkdocs.yml: extra_css/extra_javascript names {missing}, which is not in docs/ "
            "(so not in the site)"
        )
        return
    for path, (before, after) in minified.items():
        log.debug(f"minified {path}: {before} -> {after} bytes")
