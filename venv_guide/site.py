"""The build step for what spans the whole site, after any generator has written it.

:mod:`venv_guide.extension` does each page's part while the page renders; this step reads the
built site once:

* it reports every page's problems (the ``data-vg-problems`` list each page carries) and the
  site-wide rule (:func:`venv_guide.rules.check_site`: every snippet section is shown by some
  page, read from the blocks' ``data-vg-source``), and removes the lists from the pages;
* it leaves Material's palette stylesheet unlinked and minifies every page, and our own CSS and
  JS (:mod:`venv_guide.assets`).

MkDocs (and ProperDocs) run it from the build hook (:mod:`venv_guide.hook`, ``on_post_build``),
so a problem is a warning and ``--strict`` fails the build. Zensical does not run hooks, so
``make build-zensical`` runs it after ``zensical build``::

    python -m venv_guide.site SITE_DIR [--config mkdocs.yml]

which prints each problem as ``WARNING -  ...`` and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import pathlib
import re
import sys
from collections.abc import Iterable, Sequence

from . import assets, rules
from .extension import PROBLEMS_ATTRIBUTE

log = logging.getLogger("mkdocs.hooks.venv_guide")

_PROBLEMS = re.compile(
    rf"<script\b[^>]*\b{PROBLEMS_ATTRIBUTE}\b[^>]*>(?P<json>.*?)</script>",
    re.DOTALL,
)
_SOURCES = re.compile(r'data-vg-source="(?P<sources>[^"]*)"')


def finish(
    site_dir: pathlib.Path, snippets_dir: pathlib.Path, own_assets: Iterable[str]
) -> list[str]:
    """Check the built site and finish its files (see the module docstring).

    Args:
        site_dir: the built site.
        snippets_dir: the snippets folder (for the site-wide rule).
        own_assets: our CSS and JS as ``mkdocs.yml`` names them (``extra_css``,
            ``extra_javascript``), relative to the site.

    Returns:
        Every problem, once each, in page order, then the site-wide ones.
    """
    problems: list[str] = []
    shown: set[str] = set()
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in _PROBLEMS.finditer(text):
            problems += json.loads(match.group("json"))
        text = _PROBLEMS.sub("", text)
        for match in _SOURCES.finditer(text):
            shown.update(html.unescape(match.group("sources")).split())
        text = assets.minify_page(assets.drop_palette_stylesheet(text))
        path.write_text(text, encoding="utf-8", newline="\n")
    problems += rules.check_site(shown, snippets_dir)
    try:
        assets.minify_assets(site_dir, own_assets)
    except FileNotFoundError as exc:
        missing = pathlib.Path(exc.filename).relative_to(site_dir).as_posix()
        problems.append(
            f"mkdocs.yml: extra_css/extra_javascript names {missing}, which is not in docs/ "
            "(so not in the site)"
        )
    return list(dict.fromkeys(problems))


def _config(config_file: pathlib.Path) -> tuple[pathlib.Path, list[str]]:
    """The snippets folder and our CSS and JS, as ``mkdocs.yml`` names them.

    Raises:
        OSError: the file cannot be read.
        ValueError: it is not a mapping (YAML errors are ValueErrors too).
    """
    from mkdocs.utils.yaml import yaml_load  # noqa: PLC0415 (only the command line needs it)

    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    if not isinstance(config, dict):
        raise ValueError(f"{config_file}: not a YAML mapping")
    base = "snippets"
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            value = (entry["pymdownx.snippets"] or {}).get("base_path", base)
            base = value[0] if isinstance(value, list) else value
    own = [str(p) for p in (config.get("extra_css") or []) + (config.get("extra_javascript") or [])]
    return (config_file.parent / base).resolve(), own


def main(argv: Sequence[str] | None = None) -> int:
    """Command line (module docstring): 0 when the site has no problem, 1 when it has, 2 when
    the site or configuration cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m venv_guide.site", description=__doc__)
    parser.add_argument("site_dir", type=pathlib.Path)
    parser.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"error: {args.site_dir}/index.html: not a built site", file=sys.stderr)
        return 2
    try:
        snippets, own = _config(args.config)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.config}: {exc}", file=sys.stderr)
        return 2
    problems = finish(args.site_dir, snippets, own)
    for problem in problems:
        print(f"WARNING -  {problem}", file=sys.stderr)
    if problems:
        print(f"Aborted with {len(problems)} warnings (venv_guide.site).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
