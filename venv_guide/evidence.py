"""The test results one build shows, indexed by snippet section, OS and shell.

A build reads one results file (formats: :mod:`venv_guide.results`): a merged
``verified-on.json`` or a per-runner ``snippet-results.json``, from ``$VENV_GUIDE_RESULTS``,
else ``results/snippet-results.json`` next to ``mkdocs.yml`` (what the last ``make test``
wrote). :class:`Evidence` answers, for a section as it reads now, which results are fresh (for
its current text: :func:`source_hash`) and which are stale. :mod:`venv_guide.marks` words the
mark under each block from it, :mod:`venv_guide.verified_page` the Verified on page.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from functools import cached_property

from . import results as results_mod
from .platforms import OS_LABELS
from .shells import SHELLS, by_key
from .snippets import OUTPUT_FOLDER, SNIPPETS_DIR, SnippetError, read_sections, read_text, section

#: The environment variable naming the results file a build reads.
RESULTS_ENV = "VENV_GUIDE_RESULTS"
#: Where ``make test`` writes its results, relative to the folder of ``mkdocs.yml``.
DEFAULT_RESULTS = pathlib.PurePosixPath("results/snippet-results.json")
#: Snippet files holding commands (a Python snippet is run by tests/test_python_snippets.py).
COMMAND_SUFFIXES = frozenset({".sh", ".zsh", ".fish", ".csh", ".bat", ".ps1", ".py"})
#: The "shell" of Python snippet records (tests/test_python_snippets.py).
PYTHON = "python"
#: How the results spell a version that could not be told (tests/harness/versions.py).
UNKNOWN = "unknown"


def source_hash(target: str, snippets_dir: pathlib.Path = SNIPPETS_DIR) -> str:
    """The sha256 (hex) of the text a page shows for an include target.

    ``FILE:SECTION``: the section's lines (markers excluded), each ended by ``\\n``;
    ``FILE``: the whole file with ``\\n`` line endings. So a CRLF checkout hashes the same.

    Args:
        target: what a page includes, e.g. ``activate/bash.sh:activate`` or
            ``activate/in_venv.py``.
        snippets_dir: the snippets folder.

    Raises:
        SnippetError: the file or section does not exist or cannot be read (names the file).
    """
    if ":" in target:
        text = "".join(f"{line.text}\n" for line in section(target, snippets_dir).lines)
    else:
        text = read_text(target, snippets_dir)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def results_path(config_dir: pathlib.Path, environ: Mapping[str, str] = os.environ) -> pathlib.Path:
    """The results file a build reads: ``$VENV_GUIDE_RESULTS`` or ``results/...`` in the tree.

    Args:
        config_dir: the folder of ``mkdocs.yml``; a relative ``$VENV_GUIDE_RESULTS`` is taken
            relative to it too.
        environ: the environment.
    """
    named = environ.get(RESULTS_ENV, "").strip()
    return config_dir / (named or DEFAULT_RESULTS)


def git_commit(folder: pathlib.Path) -> str | None:
    """``git rev-parse HEAD`` in ``folder``: the commit a build shows; None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        proc = subprocess.run(
            [git, "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def short_version(version: str) -> str:
    """A version as a mark shows it: ``5.2.15`` -> ``5.2``, ``93u+m/1.0.4`` -> ``93u+m``."""
    match = re.match(r"\d+\.\d+", version)
    if match:
        return match.group(0)
    return version.split("/", 1)[0]


def short_commit(commit: str) -> str:
    """``abc1234`` for a full 40-digit commit; anything else as it is (``unknown``)."""
    return commit[:7] if re.fullmatch(r"[0-9a-f]{40}", commit) else commit


def anchor(os_key: str, target: str) -> str:
    """The id of a section's row in an OS's table on the Verified on page.

    ``anchor("linux", "activate/bash.sh:activate")`` is ``vg-linux-activate-bash-sh-activate``.
    """
    return "vg-" + re.sub(r"[^a-z0-9]+", "-", f"{os_key} {target}".lower()).strip("-")


def is_command_target(target: str) -> bool:
    """True for an include target a test runs: a shell or Python snippet, not an output file."""
    file = target.split(":", 1)[0]
    return (
        pathlib.PurePosixPath(file).suffix in COMMAND_SUFFIXES
        and f"/{OUTPUT_FOLDER}/" not in f"/{file}"
    )


def command_targets(snippets_dir: pathlib.Path = SNIPPETS_DIR) -> list[str]:
    """Every include target a test runs: each section of a shell snippet, each Python file.

    Args:
        snippets_dir: the snippets folder.

    Returns:
        ``FILE:SECTION`` (and ``FILE.py``) in file order, then line order; a file whose
        sections cannot be read is left out (the page rules report it).
    """
    targets: list[str] = []
    for path in sorted(snippets_dir.rglob("*")):
        rel = path.relative_to(snippets_dir).as_posix()
        if not is_command_target(rel):
            continue
        if path.suffix == ".py":
            targets.append(rel)
            continue
        try:
            sections = read_sections(path, snippets_dir)
        except SnippetError:
            continue
        targets += [s.ref for s in sorted(sections.values(), key=lambda s: s.start_line)]
    return targets


def runs_target(key: str, target: str) -> bool:
    """Whether the shell ``key`` (or :data:`PYTHON`) runs the snippet file of ``target``."""
    file = target.split(":", 1)[0]
    if file.endswith(".py"):
        return key == PYTHON
    if key == PYTHON:
        return False
    return by_key(key).runs_file(file)


def keys_on(os_key: str) -> list[str]:
    """The shell keys that run on ``os_key``, in the shell table's order, then :data:`PYTHON`."""
    return [s.key for s in SHELLS if os_key in s.oses] + [PYTHON]


class Evidence:
    """The results of one build, read against the snippets as they are now.

    Args:
        verified: the merged results (:func:`venv_guide.results.load_verified`), or None when
            the build has none.
        snippets_dir: the snippets folder (to hash each section's current text).
        build_commit: the commit being built (:func:`git_commit`), None when unknown.
        source: the results file's name, for the Verified on page.
        error: why the results file could not be read ("" when it could, or there was none).
    """

    def __init__(
        self,
        verified: results_mod.VerifiedOn | None,
        snippets_dir: pathlib.Path = SNIPPETS_DIR,
        build_commit: str | None = None,
        source: str = "",
        error: str = "",
    ) -> None:
        self.verified = verified
        self.snippets_dir = snippets_dir
        self.build_commit = build_commit
        self.source = source
        self.error = error
        self.sources = verified["sources"] if verified else []
        self._rows: dict[str, list[results_mod.Row]] = {}
        elsewhere = {(o, s.key) for s in SHELLS for o in OS_LABELS if o not in s.oses}
        for row in verified["rows"] if verified else []:
            # A shell skipped on an OS it does not exist on ("cmd runs on Windows only") says
            # nothing about the snippet on that OS.
            if (row["os"], row["shell"]) not in elsewhere:
                self._rows.setdefault(row["section"], []).append(row)
        self._hashes: dict[str, str | None] = {}

    @cached_property
    def targets(self) -> list[str]:
        """:func:`command_targets` of the snippets, read once."""
        return command_targets(self.snippets_dir)

    def current_hash(self, target: str) -> str | None:
        """:func:`source_hash` of ``target`` now; None when it cannot be read."""
        if target not in self._hashes:
            try:
                self._hashes[target] = source_hash(target, self.snippets_dir)
            except SnippetError:
                self._hashes[target] = None
        return self._hashes[target]

    def rows(
        self, target: str, os_keys: Iterable[str] | None = None, shells: Iterable[str] | None = None
    ) -> tuple[list[results_mod.Row], list[results_mod.Row]]:
        """``(fresh, stale)`` rows of a section for the given OSes and shell keys (None: all).

        Fresh rows were recorded for the section's current text; stale ones for another.
        """
        oses = set(os_keys) if os_keys is not None else None
        keys = set(shells) if shells is not None else None
        current = self.current_hash(target)
        fresh, stale = [], []
        for row in self._rows.get(target, []):
            if (oses is None or row["os"] in oses) and (keys is None or row["shell"] in keys):
                (fresh if current is not None and row["hash"] == current else stale).append(row)
        return fresh, stale

    def runners(self, os_keys: Iterable[str]) -> list[results_mod.Runner]:
        """The runners of the given OSes (the sources' ``runner`` objects)."""
        wanted = set(os_keys)
        return [s["runner"] for s in self.sources if s["runner"]["os"] in wanted]

    def shell_name(self, os_key: str, key: str, with_version: bool = True) -> str:
        """How a shell is named: the program and short version recorded on that OS.

        ``("linux", "sh")`` -> ``dash 0.5``; several versions are joined (``bash 3.2/5.2``);
        the key alone when no runner of that OS recorded it.
        """
        names: list[str] = []
        versions: list[str] = []
        for runner in self.runners([os_key]):
            info = runner["shells"].get(key)
            if info is None:
                continue
            if info["name"] not in names:
                names.append(info["name"])
            short = short_version(info["version"])
            if info["version"] != UNKNOWN and short not in versions:
                versions.append(short)
        name = "/".join(names) or key
        if with_version and versions:
            return f"{name} {'/'.join(versions)}"
        return name

    def commits(self, os_keys: Iterable[str]) -> tuple[list[str], bool]:
        """The commits the runners of ``os_keys`` tested, and whether any tree was dirty."""
        runners = self.runners(os_keys)
        return sorted({r["commit"] for r in runners}), any(r["dirty"] for r in runners)


def load(config_dir: pathlib.Path, environ: Mapping[str, str] = os.environ) -> Evidence:
    """Read the build's results (see :func:`results_path`) against the current snippets.

    The parsed file is kept while its size and modification time stay the same (the extension
    renders each page with a Markdown instance of its own, and ``mkdocs serve`` rebuilds in one
    process); each call makes a new :class:`Evidence`, so changed snippets hash anew.

    Args:
        config_dir: the folder of ``mkdocs.yml`` (snippets are in ``snippets/`` there).
        environ: the environment (``VENV_GUIDE_RESULTS``).

    Returns:
        An :class:`Evidence`; with ``verified`` None when there is no results file.

    Raises:
        ResultsError: the file exists (or ``$VENV_GUIDE_RESULTS`` names one) but cannot be
            read or is malformed; the message names the file (and record).
    """
    path = results_path(config_dir, environ)
    shown = (
        path.relative_to(config_dir).as_posix() if path.is_relative_to(config_dir) else str(path)
    )
    snippets_dir = config_dir / "snippets"
    commit = git_commit(config_dir)
    if not path.exists() and not environ.get(RESULTS_ENV, "").strip():
        return Evidence(None, snippets_dir, commit, source=shown)
    try:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = (-1, -1)
    verified = _load_verified(str(path), *key)
    return Evidence(verified, snippets_dir, commit, source=shown)


@functools.lru_cache(maxsize=4)
def _load_verified(path: str, size: int, mtime_ns: int) -> results_mod.VerifiedOn:
    """:func:`venv_guide.results.load_verified`, once per file version (size, mtime)."""
    del size, mtime_ns  # the cache key only
    return results_mod.load_verified(pathlib.Path(path))


def load_or_explain(
    config_dir: pathlib.Path, environ: Mapping[str, str] = os.environ
) -> tuple[Evidence, str]:
    """:func:`load`, never raising.

    Returns:
        The evidence and "" when the results file could be read (or there is none); for a
        bad file an empty :class:`Evidence` (``error`` set) and the warning to report, naming
        the file.
    """
    try:
        return load(config_dir, environ), ""
    except results_mod.ResultsError as error:
        source = results_path(config_dir, environ)
        warning = (
            f"Verified on: cannot use the test results: {error} (run `make test` again, or set "
            f"{RESULTS_ENV} to a good file); no command shows where it was verified"
        )
        empty = Evidence(None, config_dir / "snippets", source=str(source), error=str(error))
        return empty, warning
