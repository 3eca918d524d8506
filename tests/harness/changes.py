"""What changed against a git ref, and which tests read it (``pytest --changed=REF``).

A maintainer who edits one snippet wants the checks that read it, not the whole suite. Each
expensive test says what it reads with the marker ``@pytest.mark.reads(FUNCTION)``:
FUNCTION takes any of the test's parameters by name and returns what the test reads, as
journey steps (:class:`tests.harness.journey.Step`: their snippet sections, expected-output
files and pages) and *read units* (strings):

``snippets/FILE:NAME``
    a snippet section (``snippets/activate/bash.sh:activate``); it is changed when its text
    changed (lines moved by an edit elsewhere in the file do not count);
``snippets/FILE``, ``docs/FILE.md``, ``README.md``
    a whole file: changed when git says so;
:data:`LOOK`
    the site's look: its stylesheets and scripts (``docs/assets/``) and theme overrides
    (``overrides/``);
:data:`HARNESS`
    nothing a content change touches: the test checks the harness or the build itself.

:func:`page_reads` gives what a built page shows (its Markdown, every snippet it includes,
the look). A test without the marker always runs (the quick checks over every file). Any
change outside the content (:data:`CONTENT`), to the harness, the build, mkdocs.yml or the
locks, runs everything, as ``make test`` does.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os
import pathlib
import shutil
import subprocess
from collections.abc import Callable, Iterable

import pytest

from venv_guide.snippets import REPO_ROOT, SnippetError, parse_include, parse_sections

#: The read unit of the site's look (see the module docstring).
LOOK = "look"
#: What a test of the harness or the build reads: no content change selects it.
HARNESS = "harness"
#: Folders and files whose changes select tests by what they read; any other changed path
#: (tests/, venv_guide/, mkdocs.yml, pyproject.toml, requirements/, Makefile, .ci/, ...)
#: runs everything. .github/ is read only by the quick checks, which always run.
CONTENT = ("snippets/", "docs/", "overrides/", "README.md", "CONTRIBUTING.md", ".github/")
#: Paths of the look (:data:`LOOK`).
LOOK_PATHS = ("docs/assets/", "overrides/")
#: Where the pages are.
DOCS_DIR = REPO_ROOT / "docs"


def reads(*what: object) -> pytest.MarkDecorator:
    """The ``reads`` marker: ``@changes.reads(journey.pipx_steps)``, ``@changes.reads(HARNESS)``.

    Args:
        what: functions (taking test parameters by name, returning steps and read units) or
            read units; see the module docstring.

    Returns:
        ``pytest.mark.reads`` with these arguments (``with_args``: a bare
        ``pytest.mark.reads(function)`` would decorate the function instead).
    """
    return pytest.mark.reads.with_args(*what)


class ChangesError(Exception):
    """git cannot say what changed (an unknown ref, no repository)."""


@dataclasses.dataclass(frozen=True)
class Changes:
    """What differs between ``ref`` and the working tree.

    Attributes:
        ref: the git ref compared with (``main``).
        files: repository-relative paths (``/``-separated) changed, added, deleted or
            untracked (not ignored).
        sections: ``snippets/FILE:NAME`` of each snippet section whose text differs, or that
            exists on one side only.
        everything: why everything runs ("" when the change is content only): the first
            changed path outside :data:`CONTENT`.
    """

    ref: str
    files: frozenset[str]
    sections: frozenset[str]
    everything: str

    @property
    def look(self) -> bool:
        """Whether a stylesheet, script or theme override changed."""
        return any(f.startswith(LOOK_PATHS) for f in self.files)

    def touches(self, reads: Iterable[str]) -> bool:
        """Whether any of ``reads`` (read units: see the module docstring) changed."""
        for unit in reads:
            if unit == HARNESS:
                continue
            if unit == LOOK:
                if self.look:
                    return True
            elif unit in self.sections or unit in self.files:
                return True
        return False

    def summary(self) -> str:
        """One line for the test report: what changed, and what that runs."""
        if not self.files:
            return f"nothing changed against {self.ref}: only the quick checks run"
        what = f"{len(self.files)} files, {len(self.sections)} snippet sections changed"
        if self.everything:
            return f"{what} against {self.ref}; {self.everything} changed, so everything runs"
        return f"{what} against {self.ref}: the tests that read them run"


def git(args: list[str], repo: pathlib.Path, env: dict[str, str] | None = None) -> str:
    """Run git in ``repo`` (with ``env`` added to the environment) and return its stdout, or
    raise :class:`ChangesError`."""
    try:
        proc = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=False,
            stdin=subprocess.DEVNULL, encoding="utf-8", env={**os.environ, **(env or {})},
        )  # fmt: skip
    except OSError as exc:
        raise ChangesError(f"cannot run git: {exc}") from exc
    if proc.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout


def merge_base(ref: str, repo: pathlib.Path = REPO_ROOT) -> str:
    """The commit where this branch left ``ref`` (``git merge-base REF HEAD``): what the
    branch changed is what differs from it, whatever ``ref`` gained since.

    Raises:
        ChangesError: ``ref`` names no commit, or ``repo`` is no git work tree.
    """
    try:
        git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo)
    except ChangesError:
        raise ChangesError(f"{ref!r} names no commit here (git rev-parse {ref})") from None
    return git(["merge-base", ref, "HEAD"], repo).strip()


def changed_files(ref: str, repo: pathlib.Path = REPO_ROOT) -> frozenset[str]:
    """Paths that differ between ``ref`` (a commit: see :func:`merge_base`) and the working
    tree, staged or not, plus untracked files git does not ignore.

    Raises:
        ChangesError: ``ref`` names no commit, or ``repo`` is no git work tree.
    """
    diff = git(["diff", "--name-only", "--no-renames", "-z", ref, "--"], repo)
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], repo)
    return frozenset(p for p in (diff + untracked).split("\0") if p)


def _sections_of(text: str | None, rel: str) -> dict[str, tuple[str, ...]]:
    """``{name: line texts}`` of the snippet ``rel`` (relative to snippets/) holding ``text``."""
    if text is None:
        return {}
    found = parse_sections(text, rel)
    return {name: tuple(line.text for line in s.lines) for name, s in found.items()}


def changed_sections(
    ref: str, files: Iterable[str], repo: pathlib.Path = REPO_ROOT
) -> frozenset[str]:
    """``snippets/FILE:NAME`` of every section whose text differs between ``ref`` and now.

    Raises:
        SnippetError: a changed snippet file's sections are malformed (the message names
            ``FILE:LINE``), on either side.
    """
    found: set[str] = set()
    for path in files:
        if not path.startswith("snippets/"):
            continue
        rel = path.removeprefix("snippets/")
        now_path = repo / path
        now = now_path.read_text(encoding="utf-8") if now_path.is_file() else None
        try:
            then: str | None = git(["show", f"{ref}:{path}"], repo)
        except ChangesError:
            then = None  # new in the working tree
        try:
            old, new = _sections_of(then, rel), _sections_of(now, rel)
        except SnippetError as exc:
            raise SnippetError(f"{exc} (comparing with {ref})") from exc
        found |= {f"{path}:{n}" for n in old.keys() | new.keys() if old.get(n) != new.get(n)}
    return frozenset(found)


#: A git identity and no user or system git config, for the repositories the tests and the
#: benchmark make (a commit needs a name; the machine's config must not matter).
GIT_ENV = {
    "GIT_AUTHOR_NAME": "venv-guide",
    "GIT_AUTHOR_EMAIL": "venv-guide@example.invalid",
    "GIT_COMMITTER_NAME": "venv-guide",
    "GIT_COMMITTER_EMAIL": "venv-guide@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def copy_checkout(dest: pathlib.Path, repo: pathlib.Path = REPO_ROOT) -> pathlib.Path:
    """This checkout's files as they are (tracked and untracked, not ignored) in a new git
    repository at ``dest``, committed on ``main``: a place to make an edit and ask
    ``--changed=main`` what it selects, leaving the real working tree alone.

    Raises:
        ChangesError: git fails.
    """
    listed = git(["ls-files", "-co", "--exclude-standard", "-z"], repo).split("\0")
    for rel in filter(None, listed):
        src = repo / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "main"]):
        git(args, dest, GIT_ENV)
    return dest


def changes_since(ref: str, repo: pathlib.Path = REPO_ROOT) -> Changes:
    """What changed between ``ref`` and the working tree of ``repo``.

    Raises:
        ChangesError: git cannot compare with ``ref``.
        SnippetError: a changed snippet's sections are malformed.
    """
    base = merge_base(ref, repo)
    files = changed_files(base, repo)
    outside = sorted(f for f in files if not f.startswith(CONTENT))
    return Changes(ref, files, changed_sections(base, files, repo), outside[0] if outside else "")


def page_source(url: str, docs: pathlib.Path = DOCS_DIR) -> str:
    """The Markdown file of a page URL: ``activate/`` is ``docs/activate.md``, ``trouble/`` is
    ``docs/trouble/index.md``, ``""`` is ``docs/index.md`` (MkDocs' directory URLs)."""
    stem = url.strip("/")
    for candidate in [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]:
        if (docs / candidate).is_file():
            return f"docs/{candidate}"
    return f"docs/{stem or 'index'}.md"


@functools.cache
def page_reads(url: str, docs: pathlib.Path = DOCS_DIR) -> frozenset[str]:
    """What the built page ``url`` shows: its Markdown, every snippet section or file it
    includes (pymdownx.snippets' own parser), and the look. Read once per collection (each
    test of a page asks again)."""
    source = page_source(url, docs)
    reads = {source, LOOK}
    path = docs.parent / source
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            include = parse_include(line)
            if include is not None:
                reads.add(f"snippets/{include.target}")
    return frozenset(reads)


@functools.cache
def site_reads(docs: pathlib.Path = DOCS_DIR) -> frozenset[str]:
    """What the whole built site shows: every page's :func:`page_reads`."""
    return frozenset().union(*(page_reads(url, docs) for url in site_urls(docs)))


def step_reads(steps: Iterable[object]) -> set[str]:
    """What journey steps read: their snippet sections, expected-output files and pages."""
    reads: set[str] = set()
    for step in steps:
        reads |= {f"snippets/{ref}" for ref in step.sections}  # type: ignore[attr-defined]
        if step.output:  # type: ignore[attr-defined]
            reads.add(f"snippets/{step.output}")  # type: ignore[attr-defined]
        reads.add(page_source(step.page))  # type: ignore[attr-defined]
    return reads


def site_urls(docs: pathlib.Path = DOCS_DIR) -> list[str]:
    """Every page's URL, as MkDocs' directory URLs make them (``""``, ``activate/``,
    ``trouble/``, ``trouble/creating/``), from the Markdown files in ``docs/``."""
    urls = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        if rel == "index":
            urls.append("")
        elif rel.endswith("/index"):
            urls.append(rel.removesuffix("index"))
        else:
            urls.append(f"{rel}/")
    return urls


def reads_of(function: Callable[..., Iterable[object]], params: dict[str, object]) -> set[str]:
    """Call a ``reads`` marker's function with the test's parameters it names (those without
    a default), and turn what it returns (steps and read units) into read units.

    Raises:
        TypeError: the function names a parameter the test does not have.
    """
    names = [
        n for n, p in inspect.signature(function).parameters.items()
        if p.default is inspect.Parameter.empty
    ]  # fmt: skip
    missing = [n for n in names if n not in params]
    if missing:
        raise TypeError(f"reads({function.__qualname__}) wants {missing}, not parameters")
    reads: set[str] = set()
    for item in function(**{n: params[n] for n in names}):
        reads |= {item} if isinstance(item, str) else step_reads([item])
    return reads
