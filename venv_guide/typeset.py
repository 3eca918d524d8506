"""Small changes to a page's HTML for narrow screens, applied by the build hook.

:func:`wrap_table_code` lets code in a table (an anchor such as ``activate/#activate-linux-fish``,
a path such as ``.venv\\Scripts\\python.exe``, a message such as ``command not found: python``)
break only after a path separator or between words, never inside a word: each part goes
into a ``span.vg-part`` that ``docs/stylesheets/extra.css`` keeps on one line, with a ``<wbr>``
(a line break opportunity that copies as nothing) between parts. Without it the
browser breaks such code anywhere, even inside ``windows`` or after a hyphen.
"""

from __future__ import annotations

import re

import bs4

from .blocks import Html, parse

# A part ends after a path separator (/ or \\) or white space, or before the # of an anchor.
_PART = re.compile(r"[^/\\#\s]*(?:[/\\]|\s+|(?=#)|$)|#[^/\\\s]*(?:[/\\]|\s+|$)")


def split_parts(text: str) -> list[str]:
    """``activate/#activate-linux-fish`` -> ``["activate/", "#activate-linux-fish"]``."""
    return [part for part in _PART.findall(text) if part]


def wrap_table_code(page_html: Html) -> Html:
    """Wrap the parts of every plain-text ``code`` in a table (see the module docstring).

    Args:
        page_html: the page's content HTML (or its soup, which is changed in place).

    Returns:
        The HTML (the soup, when given one) with each such ``code`` holding ``span.vg-part``
        elements joined by ``<wbr>``; code with markup inside (highlighted inline code) is
        left alone.
    """
    soup = parse(page_html)
    changed = False
    for code in soup.select("table code"):
        if any(isinstance(child, bs4.Tag) for child in code.children):
            continue
        parts = split_parts(code.get_text())
        if not parts:
            continue
        code.clear()
        for index, part in enumerate(parts):
            if index:
                code.append(soup.new_tag("wbr"))
            span = soup.new_tag("span", attrs={"class": "vg-part"})
            span.string = part
            code.append(span)
        changed = True
    return page_html if soup is page_html or not changed else str(soup)
