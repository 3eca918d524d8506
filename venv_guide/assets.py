"""Our own stylesheets and scripts and every page, minified in the built site; the sources stay
as written. And no link to Material's palette stylesheet: the site's palette, dark scheme
included, is its own.

``docs/stylesheets/extra.css`` and ``docs/javascripts/*.js`` carry comments for maintainers;
Material's own bundle and stylesheets come minified. The home page's HTML, CSS and JS must stay
within 70 KB gzipped, read as 70,000 B (issue 8; ``tests/benchmarks/bench_lighthouse.py``
prints the weight): minifying ours takes 1.6 KB off it (gzip -6: extra.css 1,564 -> 983 B,
tabs.js 1,931 -> 1,311 B, a11y.js 776 -> 373 B). rcssmin and rjsmin (André Malo's; webassets
uses them) only drop comments and white space: no name changes, so the browser runs the code as
written.

Every page's HTML is minified as well, by minify-html (Wilson Lin's, spec-compliant, whitespace
in ``<pre>`` kept): the theme's templates leave blank lines and indentation. The home page's
HTML went from 8,430 to 7,679 B gzipped (gzip -6), its HTML + CSS + JS from 69,980 to 69,229 B."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable, Iterable

import minify_html
import rcssmin
import rjsmin

#: The minifier for each kind of file, by suffix.
MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
}


def is_local(path: str) -> bool:
    """True for a file of the site (``javascripts/tabs.js``), False for a URL."""
    return "://" not in path and not path.startswith("//")


def minify_assets(site_dir: pathlib.Path, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Minify each local ``.css`` or ``.js`` file of ``paths`` in the built site, in place.

    Args:
        site_dir: the built site's folder.
        paths: the files as ``mkdocs.yml`` names them (``extra_css``, ``extra_javascript``),
            relative to ``site_dir``; URLs and other suffixes are left alone.

    Returns:
        ``{path: (bytes before, bytes after)}`` for every file minified.

    Raises:
        FileNotFoundError: a local file named in ``paths`` is not in the site.
    """
    sizes: dict[str, tuple[int, int]] = {}
    for path in paths:
        minify = MINIFIERS.get(pathlib.PurePosixPath(path).suffix)
        if minify is None or not is_local(path):
            continue
        file = site_dir / path
        text = file.read_text(encoding="utf-8")
        small = minify(text)
        file.write_text(small, encoding="utf-8", newline="\n")
        sizes[path] = (len(text.encode("utf-8")), len(small.encode("utf-8")))
    return sizes


#: The link Material's ``base.html`` writes to its palette stylesheet (``palette.HASH.min.css``),
#: when ``theme.palette`` is set: 2 KB gzipped of named primary and accent colours the site never
#: uses, and the dark ("slate") scheme, which docs/stylesheets/extra.css now holds whole.
PALETTE_LINK = re.compile(
    r'<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">[ \t]*\n?'
)


def drop_palette_stylesheet(html: str) -> str:
    """``html`` (a built page) without its link to Material's palette stylesheet.

    Args:
        html: the page as the theme rendered it.

    Returns:
        The page with every :data:`PALETTE_LINK` removed (unchanged when it has none).
    """
    return PALETTE_LINK.sub("", html)


#: minify-html's options for a built page. Closing tags and the ``<html>``/``<head>`` tags stay,
#: so a reader of the HTML that is not a browser (BeautifulSoup's ``html.parser`` in
#: venv_guide/blocks.py and the tests) builds the tree a browser builds; ``type="text"`` stays on
#: inputs for the theme's selectors. Inline CSS and JS are left as the theme wrote them.
PAGE_OPTIONS: dict[str, bool] = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "keep_input_type_text_attr": True,
}


def minify_page(html: str) -> str:
    """``html`` (a built page) minified by minify-html with :data:`PAGE_OPTIONS`.

    White space between block elements and runs of it in text go; white space inside ``<pre>``
    and ``<textarea>`` and single spaces between inline elements stay (minify-html's rules), so
    the page shows and copies the same text.

    Args:
        html: the page as the theme rendered it.

    Returns:
        The page, smaller.
    """
    return minify_html.minify(html, **PAGE_OPTIONS)
