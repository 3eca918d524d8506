"""The content-tab vocabulary: labels, their order, and the id every tab gets.

One source for the labels (CONTRIBUTING.md spells them the same way), used by the build hook
(page rules, tab ids, "Verified on" lines) and by the harness (which tab a reader of a shell
copies from).
"""

from __future__ import annotations

from pymdownx.slugs import slugify

from .platforms import OS_LABELS
from .shells import SHELLS

#: The shell a fresh install opens on each OS, by OS tab label (the shell table's
#: ``default_on``): Windows Terminal starts PowerShell, macOS's Terminal has used zsh since
#: macOS 10.15 (Apple, "Use zsh as the default shell on your Mac"), and Debian, Ubuntu and
#: Fedora give new users bash.
DEFAULT_SHELL: dict[str, str] = {
    OS_LABELS[os_key]: shell.label for shell in SHELLS for os_key in shell.default_on
}


def _shell_tabs(os_key: str) -> tuple[str, ...]:
    """The shell tabs of an OS, in page order: its default shell's first, then the shell
    table's order, each label once."""
    labels = [s.label for s in SHELLS if os_key in s.oses]
    default = DEFAULT_SHELL[OS_LABELS[os_key]]
    return tuple(dict.fromkeys([default, *labels]))


#: The OS tabs, in page order, each with its shell tabs in page order.
OS_SHELLS: dict[str, tuple[str, ...]] = {
    label: _shell_tabs(os_key) for os_key, label in OS_LABELS.items()
}
OS_TABS: tuple[str, ...] = tuple(OS_SHELLS)
#: Every shell tab's label, in the shell table's order.
SHELL_LABELS: tuple[str, ...] = tuple(dict.fromkeys(s.label for s in SHELLS))
VOCABULARY: tuple[str, ...] = OS_TABS + SHELL_LABELS


# pymdownx.tabbed's own slug rule, as mkdocs.yml configures it (`case: lower`).
_SLUGIFY = slugify(case="lower")


def tab_slug(label: str) -> str:
    """The id part of one tab label: ``sh (dash)`` -> ``sh-dash``, ``csh/tcsh`` -> ``cshtcsh``.

    Args:
        label: a tab label as the page spells it.

    Returns:
        The label slugified by pymdownx's ``slugify(case="lower")`` with ``-`` as separator.
    """
    return _SLUGIFY(label, "-")


def tab_id(heading_id: str, labels: tuple[str, ...] | list[str]) -> str:
    """The id of the tab reached by ``labels`` under the heading ``heading_id``.

    ``tab_id("activate", ("Linux", "fish"))`` is ``activate-linux-fish``; a per-OS step's tab is
    ``create-linux``. These are the anchors README.md and the home page hand out.

    Args:
        heading_id: the id of the nearest heading above the tab set ("" when there is none).
        labels: the tab labels from the outermost tab set inwards.

    Returns:
        The joined id; ``labels`` alone when there is no heading.
    """
    parts = [heading_id] if heading_id else []
    return "-".join(parts + [tab_slug(label) for label in labels])
