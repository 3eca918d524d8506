"""The MkDocs hook (``mkdocs.yml``: ``hooks: [venv_guide/hook.py]``): the site step for MkDocs.

Every page's part of the proof layer is the Markdown extension's (:mod:`venv_guide.extension`),
which any generator runs. What spans the whole site runs after the build: here for MkDocs and
ProperDocs (:func:`on_post_build` calls :func:`venv_guide.site.finish`, and each problem is a
warning, so ``mkdocs serve``, ``mkdocs build --strict`` and the deploy all enforce the page
rules), and for Zensical, which ignores ``hooks:``, as ``python -m venv_guide.site`` after
``zensical build`` (``make build-zensical``). It imports nothing from ``tests/``.
"""

from __future__ import annotations

import logging
import pathlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from venv_guide import evidence, site

log = logging.getLogger("mkdocs.hooks.venv_guide")


def _snippets_dir(config: MkDocsConfig) -> pathlib.Path:
    """pymdownx.snippets' ``base_path``, relative to the current folder as it reads it."""
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["snippets"])
    first = base[0] if isinstance(base, list) else base
    return pathlib.Path(first).resolve()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Rebuild when ``make test`` writes new results (``mkdocs serve``)."""
    path = evidence.results_path(pathlib.Path(config.config_file_path).parent)
    if path.parent.is_dir():
        server.watch(str(path.parent))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    """Report every page's problems and the site-wide rule as warnings; finish the files."""
    own = [str(p) for p in config.extra_css] + [str(s) for s in config.extra_javascript]
    for problem in site.finish(pathlib.Path(config.site_dir), _snippets_dir(config), own):
        log.warning(problem)
