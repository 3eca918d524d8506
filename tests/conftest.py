"""pytest options and plumbing for the snippet harness.

Options:
    --python=SPEC          target interpreter(s): a path, a version (3.12), or ``all``;
                           repeatable; default: the interpreter running pytest.
    --journey-timeout=S    seconds a journey may run before its process group is killed (240:
                           a journey takes 25-60 s alone, about twice that on a busy machine).
    --update-outputs       rewrite snippets/*/output/*.txt from what the journeys printed
                           (placeholders kept) instead of failing on a difference.
    --changed=REF          run only the tests that read what changed against the git ref REF
                           (snippet sections, output files, pages): each test's ``reads``
                           marker says what it reads; a change to the harness or the build
                           runs everything (tests/harness/changes.py; ``make test-changed``).
    --snippet-results=F    write per-snippet outcomes (format: venv_guide/results.py) to F;
                           default ``results/snippet-results.json`` in the working tree, which
                           ``make build``/``make serve`` read for the "Verified on" lines (a run
                           that recorded nothing leaves that default file alone).
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import platform
import socket
import tempfile

import pytest

from tests.harness import changes, debian_root, page, sandbox, tools, versions, wheelhouse
from tests.harness.interpreters import TargetError, resolve
from venv_guide import evidence, results
from venv_guide.platforms import CURRENT_OS
from venv_guide.shells import SHELLS
from venv_guide.snippets import REPO_ROOT, SNIPPETS_DIR, SnippetError

RESULTS_KEY = "snippet_results"
#: The built site the journeys copy from: built once by the controller, shared with workers.
BUILT_SITE_ENV = "VENV_GUIDE_BUILT_SITE"
#: Where results go by default: the file ``make build`` reads (venv_guide/evidence.py).
DEFAULT_RESULTS = REPO_ROOT / evidence.DEFAULT_RESULTS
ROOT = pathlib.Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("venv-guide", "venv-guide snippet harness")
    group.addoption(
        "--python",
        action="append",
        default=[],
        metavar="SPEC",
        help="target interpreter: a path, a version like 3.12, or 'all' (repeatable)",
    )
    group.addoption(
        "--journey-timeout",
        type=float,
        default=240.0,
        metavar="SECONDS",
        help="kill a journey's process group after this many seconds (default 240)",
    )
    group.addoption(
        "--update-outputs",
        action="store_true",
        default=False,
        help="rewrite expected-output files (snippets/*/output/*.txt) from the journeys' "
        "output, keeping '...' placeholders, instead of failing (like pytest-examples' "
        "--update-examples)",
    )
    group.addoption(
        "--changed",
        default=None,
        metavar="REF",
        help="run only the tests that read what changed against the git ref REF (snippet "
        "sections, output files, pages); a harness change runs everything",
    )
    group.addoption(
        "--snippet-results",
        default=None,
        metavar="FILE",
        help=(
            f"write per-snippet results (JSON, {results.INPUT_FORMAT}) to FILE "
            f"(default: {evidence.DEFAULT_RESULTS}, written only when a test recorded results)"
        ),
    )


def pytest_configure(config: pytest.Config) -> None:
    try:
        targets = resolve(config.getoption("--python"))
    except TargetError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.venv_guide_targets = targets  # type: ignore[attr-defined]
    path = config.getoption("--snippet-results")
    if not hasattr(config, "workerinput"):
        plugin = SnippetResults(path or DEFAULT_RESULTS, keep_empty=bool(path))
        config.pluginmanager.register(plugin, "venv-guide-snippet-results")
    if not hasattr(config, "workerinput") and not config.option.collectonly:
        # Set-up, before any test (and before xdist starts workers): fill each target's
        # wheelhouse. This is the only step that may use the network.
        for target in targets:
            try:
                wheelhouse.ensure(target)
                # The Other tools page's tools, from the wheelhouse (tests/harness/tools.py).
                tools.ensure(target)
            except (wheelhouse.WheelhouseError, tools.ToolError) as exc:
                raise pytest.UsageError(str(exc)) from exc
        # The stock Debian root (tests/harness/debian_root.py), where it can be built.
        if not debian_root.unavailable():
            try:
                debian_root.ensure()
            except debian_root.DebianRootError as exc:
                raise pytest.UsageError(str(exc)) from exc
        # The site every journey copies its commands from, built once (xdist workers inherit
        # the variable). A build that fails is a usage error: no journey can run.
        # With CI's marks (ci_like_results), so that the site tests and the browser tests read
        # this same build instead of making their own (the `site` fixture).
        if not os.environ.get(BUILT_SITE_ENV):
            out = pathlib.Path(tempfile.mkdtemp(prefix="venv-guide-site-")) / "site"
            results_file = out.parent / "verified-on.json"
            ci_like_results(results_file)
            try:
                page.build(page.REPO_ROOT, out, env={evidence.RESULTS_ENV: str(results_file)})
            except RuntimeError as exc:
                raise pytest.UsageError(str(exc)) from exc
            os.environ[BUILT_SITE_ENV] = str(out)
        # One folder for the session's freeze probes to share `pip freeze` outputs in
        # (tests/harness/probe.py); xdist workers inherit the variable.
        if not os.environ.get(sandbox.FREEZE_CACHE_ENV):
            os.environ[sandbox.FREEZE_CACHE_ENV] = tempfile.mkdtemp(prefix="venv-guide-freeze-")


def _changes(config: pytest.Config) -> changes.Changes | None:
    """What changed against ``--changed`` (computed once per process), or None without it."""
    ref = config.getoption("--changed")
    if not ref:
        return None
    if not hasattr(config, "venv_guide_changes"):
        try:
            found = changes.changes_since(ref)
        except (changes.ChangesError, SnippetError) as exc:
            raise pytest.UsageError(f"--changed={ref}: {exc}") from exc
        config.venv_guide_changes = found  # type: ignore[attr-defined]
    return config.venv_guide_changes  # type: ignore[attr-defined]


def pytest_report_header(config: pytest.Config) -> str | None:
    found = _changes(config)
    return f"venv-guide --changed: {found.summary()}" if found else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Journeys first; under ``--changed``, only the tests that read what changed.

    Order: the journeys (``journey`` marker: 10-40 s each) before the rest, so that under
    ``--dist loadgroup`` (which hands out the browser group first, as the largest scope, then
    one test at a time) no long journey starts last and runs alone at the end.

    Selection: under ``--changed``, keep the tests that read what changed (their ``reads``
    markers) and those without the marker (the quick checks); a change outside the content
    keeps all.
    """
    items.sort(key=lambda item: item.get_closest_marker("journey") is None)
    found = _changes(config)
    if found is None or found.everything:
        return
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("reads")
        if marker is None:
            keep.append(item)
            continue
        callspec = getattr(item, "callspec", None)
        params = dict(callspec.params) if callspec is not None else {}
        reads: set[str] = set()
        try:
            for what in marker.args:
                reads |= {what} if isinstance(what, str) else changes.reads_of(what, params)
        except (TypeError, SnippetError) as exc:
            raise pytest.UsageError(f"{item.nodeid}: its reads marker: {exc}") from exc
        (keep if found.touches(reads) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "shell" in metafunc.fixturenames:
        metafunc.parametrize("shell", SHELLS, ids=[s.key for s in SHELLS])
    if "target" in metafunc.fixturenames:
        targets = metafunc.config.venv_guide_targets  # type: ignore[attr-defined]
        metafunc.parametrize("target", targets, ids=[t.id for t in targets])


@pytest.fixture
def one_target(request: pytest.FixtureRequest):
    """The newest selected target: for tests of the harness itself, which need not repeat per
    target (the journeys and Python snippets do)."""
    return request.config.venv_guide_targets[-1]  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def built_site() -> page.BuiltSite:
    """The site as a reader gets it (built once in set-up by :func:`pytest_configure`)."""
    return page.BuiltSite(pathlib.Path(os.environ[BUILT_SITE_ENV]))


@pytest.fixture
def update_outputs(request: pytest.FixtureRequest) -> bool:
    """True under ``pytest --update-outputs``."""
    return request.config.getoption("--update-outputs")


@pytest.fixture
def journey_timeout(request: pytest.FixtureRequest) -> float:
    """Seconds a journey may run (``--journey-timeout``)."""
    return request.config.getoption("--journey-timeout")


@pytest.fixture
def record_snippets(request: pytest.FixtureRequest):
    """Call with a list of per-section dicts; they reach ``--snippet-results`` (xdist-safe)."""

    def record(rows: list[dict]) -> None:
        request.node.user_properties.append((RESULTS_KEY, json.dumps(rows)))

    return record


class SnippetResults:
    """Collects the per-section rows tests attach to their reports (on the xdist controller
    too, where the rows arrive inside the workers' reports) and writes ``--snippet-results``."""

    def __init__(self, path: str | os.PathLike[str], keep_empty: bool = True) -> None:
        self.path = pathlib.Path(path)
        self.keep_empty = keep_empty
        self.records: list[dict] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            return
        for key, value in report.user_properties:
            if key == RESULTS_KEY:
                self.records += [{**row, "test": report.nodeid} for row in json.loads(value)]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        # The default file is the last `make test`'s: a run of tests that record nothing (the
        # site tests alone) must not wipe it. An explicit --snippet-results is always written.
        if self.records or self.keep_empty:
            write_results(self.path, self.records)


def runner_info(repo: pathlib.Path = REPO_ROOT) -> dict:
    """The ``runner`` object of the results: this machine, its OS and shell versions, the time,
    and the tested commit (formats: venv_guide/results.py; versions: tests/harness/versions.py)."""
    commit, dirty = versions.git_state(repo)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return {
        "os": CURRENT_OS,
        "platform": platform.platform(),
        "name": os.environ.get("RUNNER_NAME") or socket.gethostname(),
        "os_version": versions.os_version(),
        "date": now.isoformat().replace("+00:00", "Z"),
        "commit": commit,
        "dirty": dirty,
        "shells": versions.shell_versions(),
    }


def _hashes(records: list[dict]) -> dict[str, str]:
    """The current hash of each recorded section (``unknown`` for one that cannot be read)."""
    out = {}
    for ref in {r["section"] for r in records}:
        try:
            out[ref] = evidence.source_hash(ref, SNIPPETS_DIR)
        except SnippetError:
            out[ref] = versions.UNKNOWN
    return out


def write_results(out: pathlib.Path, records: list[dict], runner: dict | None = None) -> None:
    """Write per-section records in the ``venv-guide/snippet-results/2`` format
    (venv_guide/results.py), each with the hash of its section's text as tested."""
    hashes = _hashes(records)
    records = sorted(
        ({**r, "hash": hashes[r["section"]]} for r in records),
        key=lambda r: (r["section"], r["shell"], r["python"], r["test"]),
    )
    doc = {
        "format": results.INPUT_FORMAT,
        "runner": runner if runner is not None else runner_info(),
        "records": records,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


#: The Python versions CI's matrix targets (.github/workflows/tests.yml), for
#: :func:`ci_like_results`.
CI_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")


def ci_like_results(out: pathlib.Path) -> None:
    """Write, as CI's merged ``verified-on.json``, a passed result for every command section
    in every shell that runs it on every OS it exists on, against every Python of
    :data:`CI_PYTHONS` the shell supports: the marks the published site shows, at their
    longest (the browser tests hold each to one line at 390 px)."""
    runs = []
    targets = evidence.command_targets(SNIPPETS_DIR)
    for os_key in ("windows", "macos", "linux"):
        shells = [s for s in SHELLS if os_key in s.oses]
        records = []
        for key in [s.key for s in shells] + [evidence.PYTHON]:
            oldest = next((s.min_target for s in shells if s.key == key), (3, 10))
            pythons = [v for v in CI_PYTHONS if results.version_key(v) >= oldest]
            records += [
                {"section": t, "shell": key, "os": os_key, "python": v, "outcome": "passed",
                 "reason": "", "test": "ci_like_results",
                 "hash": evidence.source_hash(t, SNIPPETS_DIR)}
                for t in targets if evidence.runs_target(key, t) for v in pythons
            ]  # fmt: skip
        runner = {
            **runner_info(),
            "os": os_key,
            "shells": {s.key: {"name": s.key, "version": "1.0"} for s in shells},
        }
        runs.append((f"{os_key}.json", {"format": results.INPUT_FORMAT, "runner": runner,
                                        "records": records}))  # fmt: skip
    merged = results.merge((name, results.validate_results(doc, name)) for name, doc in runs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The real site as ``mkdocs build --strict`` makes it, with :func:`ci_like_results`: every
    command carries the mark the published site gives it, whatever an earlier `make test` left
    in results/ (tests/test_site.py and tests/test_browser.py read it). It is the build the
    set-up made for the journeys (:func:`pytest_configure`), held to ``--strict`` by its log:
    any warning fails. Without that log (a site given in ``VENV_GUIDE_BUILT_SITE``) it builds
    one here. The other states of a mark, and a build without results, are
    tests/test_verified.py's."""
    built = pathlib.Path(os.environ.get(BUILT_SITE_ENV, "/nonexistent"))
    log = built.parent / page.BUILD_LOG
    if log.is_file():
        output = log.read_text(encoding="utf-8")
        failed = False
        out = built
    else:
        out = tmp_path_factory.mktemp("site")
        results_file = tmp_path_factory.mktemp("results") / "verified-on.json"
        ci_like_results(results_file)
        run = page.mkdocs_build(
            ROOT, out, "--strict", env={evidence.RESULTS_ENV: str(results_file)}
        )
        output, failed = run.stdout + run.stderr, run.returncode != 0
    lines = [
        ln
        for ln in output.splitlines()
        if ln.startswith(("WARNING", "ERROR", "Aborted", "Error", "Config"))
    ]
    if failed or lines:
        pytest.fail(
            "mkdocs build --strict failed:\n" + "\n".join(lines or output.splitlines()[-30:]),
            pytrace=False,
        )
    return out
