"""Merge per-runner snippet results into one "verified on" table.

Run as ``python -m venv_guide.results RESULTS.json... -o verified-on.json [--markdown FILE]``.
Standard library only: CI runs it on a bare interpreter. A pattern such as
``results-*/snippet-results.json`` is expanded here too, so the command is the same in cmd.exe.

Per-runner input (``venv-guide/snippet-results/2``)
----------------------------------------------------
The harness writes one file per pytest run (``--snippet-results=PATH``, by default
``results/snippet-results.json`` in the working tree)::

    {"format": "venv-guide/snippet-results/2",
     "runner": {"os": "linux", "platform": "Linux-6.1-x86_64", "name": "runner-7",
                "os_version": "Debian GNU/Linux 12 (bookworm)",
                "date": "2026-11-21T10:04:05Z",
                "commit": "2eba630c...", "dirty": false,
                "shells": {"bash": {"name": "bash", "version": "5.2.15"},
                           "sh": {"name": "dash", "version": "0.5.12"}}},
     "records": [{"section": "activate/bash.sh:activate", "shell": "bash", "os": "linux",
                  "python": "3.12", "outcome": "passed", "reason": "",
                  "test": "tests/test_journeys.py::test_journey[bash-py3.12]",
                  "hash": "9f2c..."}]}

``runner``
    ``os``, ``platform`` (``platform.platform()``) and ``name`` (``$RUNNER_NAME`` or the
    host name): non-empty strings describing the machine that ran the tests.
    ``os_version``: the OS release (``/etc/os-release`` ``PRETTY_NAME`` on Linux, ``macOS``
    plus ``platform.mac_ver()`` on macOS, ``Windows`` plus ``platform.version()`` on Windows),
    non-empty (``unknown`` when it cannot be told).
    ``date``: when the results were written, ISO 8601 in UTC (``2026-11-21T10:04:05Z``).
    ``commit``: ``git rev-parse HEAD`` of the tested tree (``unknown`` without git);
    ``dirty``: a boolean, true when ``git status --porcelain`` listed changes.
    ``shells``: by shell key (``venv_guide/shells.py``), the program that ran it and its version
    (``{"name": "dash", "version": "0.5.12"}``; version ``unknown`` when it cannot be told),
    for each shell found on the machine.
``records``
    One entry per (snippet section, shell, Python) that a test ran or skipped:

    ``section``  ``FILE:NAME``, the snippet path relative to ``snippets/`` and the section name
                 (``FILE`` alone for a whole file, such as a Python snippet).
    ``shell``    the shell that ran it (``bash``, ``sh`` (dash), ``zsh``, ``fish``, ``tcsh``,
                 ``cmd``, ``powershell``, ``pwsh``, ``git-bash``...; ``python`` for a Python
                 snippet).
    ``os``       ``linux``, ``macos`` or ``windows``.
    ``python``   the target interpreter's version, ``MAJOR.MINOR`` (``"3.12"``).
    ``outcome``  ``passed``, ``failed`` or ``skipped``.
    ``reason``   why it was skipped (required, non-empty, for ``skipped``); the short failure
                 message for ``failed``; ``""`` for ``passed``.
    ``test``     the pytest node id that produced the record.
    ``hash``     the sha256 (hex) of the section's text when the test ran
                 (``venv_guide.evidence.source_hash``): the build compares it with the
                 section's text now, so results of a changed snippet are shown as stale.

    All eight keys are required and are strings; other keys are ignored.

Version 2 added ``runner.os_version``, ``date``, ``commit``, ``dirty``, ``shells`` and
``records[].hash``; version 1 files are rejected (run the tests again).

Merged output (``venv-guide/verified-on/2``)
---------------------------------------------
This is what the site shows as "verified on" (the build hook reads it when the environment
variable ``VENV_GUIDE_RESULTS`` names it; it reads a per-runner file the same way)::

    {"format": "venv-guide/verified-on/2",
     "sources": [{"file": "results-ubuntu-latest-py3.12/snippet-results.json",
                  "runner": {"os": "linux", "platform": "...", "name": "...", ...},
                  "records": 42}],
     "rows": [{"section": "activate/bash.sh:activate", "shell": "bash", "os": "linux",
               "python": "3.12", "outcome": "passed", "reason": "", "hash": "9f2c...",
               "runs": 1}]}

``sources`` carries each input's whole ``runner`` (versions, date, commit). ``rows`` holds one
entry per (section, shell, os, python, hash), sorted by those keys (Python versions
numerically, so 3.9 < 3.10). When several records share a key, the worst outcome wins
(``failed`` beats ``passed`` beats ``skipped``), ``reason`` joins the distinct reasons of the
records with that outcome (``"; "``), and ``runs`` counts all the records.

``--markdown FILE`` writes the same data as a table: one row per section, one column per
(shell, os), cells such as ``✅ 3.10–3.14``, ``❌ 3.12`` or ``⏭ reason``.

Exit status: 0 when merged (whatever the outcomes), 2 with a one-line message on stderr when an
input is missing, is not JSON, has the wrong ``format`` or holds a bad record.
"""  # noqa: RUF002

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypedDict

from .platforms import OS_LABELS

INPUT_FORMAT = "venv-guide/snippet-results/2"
OUTPUT_FORMAT = "venv-guide/verified-on/2"

OUTCOMES = ("failed", "passed", "skipped")
"""Outcomes, worst first: when records share a key, the one earliest here wins."""

OSES = ("linux", "macos", "windows")
RECORD_KEYS = ("section", "shell", "os", "python", "outcome", "reason", "test", "hash")
ROW_KEYS = ("section", "shell", "os", "python", "outcome", "reason", "hash")
RUNNER_KEYS = ("os", "platform", "name", "os_version", "date", "commit")
"""The runner's string keys (all non-empty); ``dirty`` and ``shells`` are checked apart."""

_EN_DASH = "\u2013"
_SYMBOLS = {"failed": "❌", "passed": "✅", "skipped": "⏭"}
_VERSION_RE = re.compile(r"(\d+)\.(\d+)")
_GLOB_RE = re.compile(r"[*?[]")


class ResultsError(Exception):
    """An input file cannot be merged; the message names the file (and record index)."""


class ShellVersion(TypedDict):
    name: str
    version: str


class Runner(TypedDict):
    os: str
    platform: str
    name: str
    os_version: str
    date: str
    commit: str
    dirty: bool
    shells: dict[str, ShellVersion]


class Record(TypedDict):
    section: str
    shell: str
    os: str
    python: str
    outcome: str
    reason: str
    test: str
    hash: str


class RunnerResults(TypedDict):
    format: str
    runner: Runner
    records: list[Record]


class Source(TypedDict):
    file: str
    runner: Runner
    records: int


class Row(TypedDict):
    section: str
    shell: str
    os: str
    python: str
    outcome: str
    reason: str
    hash: str
    runs: int


class VerifiedOn(TypedDict):
    format: str
    sources: list[Source]
    rows: list[Row]


def _check_format(data: object, source: str, expected: tuple[str, ...]) -> dict:
    if not isinstance(data, dict):
        raise ResultsError(f"{source}: expected a JSON object, got {type(data).__name__}")
    if data.get("format") not in expected:
        wanted = " or ".join(repr(e) for e in expected)
        hint = ""
        if isinstance(data.get("format"), str) and data["format"].endswith("/1"):
            hint = " (an older format, without versions and snippet hashes: run the tests again)"
        raise ResultsError(f"{source}: format is {data.get('format')!r}, expected {wanted}{hint}")
    return data


def validate_results(data: object, source: str) -> RunnerResults:
    """Check that ``data`` is a per-runner results document and return a clean copy.

    Args:
        data: the parsed JSON of one ``--snippet-results`` file.
        source: the file's name, used in error messages.

    Returns:
        A ``RunnerResults`` holding only the documented keys of ``runner`` and of each record.

    Raises:
        ResultsError: ``data`` is not an object, ``format`` is not
            ``venv-guide/snippet-results/2``, ``runner`` or ``records`` is missing or of the
            wrong type, ``runner`` lacks a documented key, or a record lacks a key, has a
            non-string or empty value where one is required, an unknown ``os`` or ``outcome``,
            a ``python`` that is not ``MAJOR.MINOR``, or is ``skipped`` without a reason. The
            message is ``SOURCE: ...`` or ``SOURCE: record N: ...`` (N counts from 0).
    """
    data = _check_format(data, source, (INPUT_FORMAT,))
    runner = _validate_runner(data.get("runner"), f"{source}: runner")
    records = data.get("records")
    if not isinstance(records, list):
        raise ResultsError(f"{source}: 'records' must be a list")
    clean = [_validate_record(record, f"{source}: record {i}") for i, record in enumerate(records)]
    return {"format": INPUT_FORMAT, "runner": runner, "records": clean}


def _validate_runner(runner: object, where: str) -> Runner:
    if not isinstance(runner, dict):
        raise ResultsError(f"{where} must be an object")
    for key in RUNNER_KEYS:
        if not isinstance(runner.get(key), str) or not runner[key]:
            raise ResultsError(f"{where}.{key} must be a non-empty string")
    if runner["os"] not in OSES:
        raise ResultsError(f"{where}.os must be one of {', '.join(OSES)}, got {runner['os']!r}")
    try:
        datetime.fromisoformat(runner["date"].replace("Z", "+00:00"))
    except ValueError:
        raise ResultsError(
            f"{where}.date must be an ISO 8601 time, got {runner['date']!r}"
        ) from None
    if not isinstance(runner.get("dirty"), bool):
        raise ResultsError(f"{where}.dirty must be true or false")
    shells = runner.get("shells")
    if not isinstance(shells, dict):
        raise ResultsError(f"{where}.shells must be an object")
    clean_shells: dict[str, ShellVersion] = {}
    for key, value in shells.items():
        if not isinstance(value, dict) or not all(
            isinstance(value.get(k), str) and value[k] for k in ("name", "version")
        ):
            raise ResultsError(
                f"{where}.shells.{key} must be an object with non-empty 'name' and 'version'"
            )
        clean_shells[key] = {"name": value["name"], "version": value["version"]}
    return {
        **{key: runner[key] for key in RUNNER_KEYS},  # type: ignore[typeddict-item]
        "dirty": runner["dirty"],
        "shells": clean_shells,
    }


def _validate_record(record: object, where: str, keys: tuple[str, ...] = RECORD_KEYS) -> Record:
    if not isinstance(record, dict):
        raise ResultsError(f"{where}: expected an object, got {type(record).__name__}")
    for key in keys:
        if key not in record:
            raise ResultsError(f"{where}: missing key {key!r}")
        if not isinstance(record[key], str):
            raise ResultsError(f"{where}: {key!r} must be a string, got {record[key]!r}")
        if key != "reason" and not record[key]:
            raise ResultsError(f"{where}: {key!r} must not be empty")
    if record["outcome"] not in OUTCOMES:
        raise ResultsError(
            f"{where}: outcome must be one of {', '.join(OUTCOMES)}, got {record['outcome']!r}"
        )
    if record["os"] not in OSES:
        raise ResultsError(f"{where}: os must be one of {', '.join(OSES)}, got {record['os']!r}")
    if not _VERSION_RE.fullmatch(record["python"]):
        raise ResultsError(f"{where}: python must be MAJOR.MINOR, got {record['python']!r}")
    if record["outcome"] == "skipped" and not record["reason"].strip():
        raise ResultsError(f"{where}: a skipped record needs a reason")
    return {key: record[key] for key in keys}  # type: ignore[return-value]


def validate_verified(data: object, source: str) -> VerifiedOn:
    """Check that ``data`` is a merged ``verified-on`` document and return a clean copy.

    Args:
        data: the parsed JSON of a ``verified-on.json`` written by :func:`main`.
        source: the file's name, used in error messages.

    Returns:
        A ``VerifiedOn`` holding only the documented keys.

    Raises:
        ResultsError: ``format`` is not ``venv-guide/verified-on/2``, ``sources`` or ``rows``
            is not a list, a source lacks ``file``, ``records`` or a valid ``runner``, or a row
            fails the record checks or has no positive ``runs``. The message is
            ``SOURCE: ...``, ``SOURCE: source N: ...`` or ``SOURCE: row N: ...``.
    """
    data = _check_format(data, source, (OUTPUT_FORMAT,))
    sources, rows = data.get("sources"), data.get("rows")
    if not isinstance(sources, list):
        raise ResultsError(f"{source}: 'sources' must be a list")
    if not isinstance(rows, list):
        raise ResultsError(f"{source}: 'rows' must be a list")
    clean_sources: list[Source] = []
    for i, item in enumerate(sources):
        where = f"{source}: source {i}"
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise ResultsError(f"{where}: expected an object with a 'file' string")
        if not isinstance(item.get("records"), int) or isinstance(item["records"], bool):
            raise ResultsError(f"{where}: 'records' must be a number")
        runner = _validate_runner(item.get("runner"), f"{where}: runner")
        clean_sources.append({"file": item["file"], "runner": runner, "records": item["records"]})
    clean_rows: list[Row] = []
    for i, item in enumerate(rows):
        where = f"{source}: row {i}"
        row = _validate_record(item, where, ROW_KEYS)
        runs = item.get("runs")
        if not isinstance(runs, int) or isinstance(runs, bool) or runs < 1:
            raise ResultsError(f"{where}: 'runs' must be a positive number, got {runs!r}")
        clean_rows.append({**row, "runs": runs})  # type: ignore[typeddict-item]
    return {"format": OUTPUT_FORMAT, "sources": clean_sources, "rows": clean_rows}


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate a BOM (PowerShell writes one)
    except OSError as error:
        raise ResultsError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ResultsError(f"{path}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ResultsError(
            f"{path}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None


def load_results(path: Path) -> RunnerResults:
    """Read and validate one per-runner results file.

    Args:
        path: a ``--snippet-results`` file (UTF-8 JSON).

    Returns:
        The validated document, as ``validate_results`` returns it.

    Raises:
        ResultsError: the file cannot be read, is not valid JSON, or fails
            ``validate_results``; the message starts with the path.
    """
    return validate_results(_read_json(path), str(path))


def load_verified(path: Path) -> VerifiedOn:
    """Read either kind of results file as a merged ``verified-on`` document.

    The build hook calls this on ``$VENV_GUIDE_RESULTS`` (CI's merged ``verified-on.json``) or
    on the last ``make test``'s ``results/snippet-results.json``.

    Args:
        path: a merged ``verified-on.json`` or a per-runner ``snippet-results.json``.

    Returns:
        The merged document; a per-runner file is merged on its own (:func:`merge`).

    Raises:
        ResultsError: the file cannot be read, is not JSON, has neither format, or fails
            validation; the message starts with the path.
    """
    data = _read_json(path)
    if isinstance(data, dict) and data.get("format") == INPUT_FORMAT:
        return merge([(str(path), validate_results(data, str(path)))])
    _check_format(data, str(path), (OUTPUT_FORMAT, INPUT_FORMAT))
    return validate_verified(data, str(path))


def version_key(version: str) -> tuple[int, int]:
    """Sort key for a ``MAJOR.MINOR`` string: ``"3.9"`` sorts before ``"3.10"``.

    Args:
        version: a validated ``MAJOR.MINOR`` version.

    Returns:
        ``(major, minor)`` as integers.

    Raises:
        ValueError: ``version`` is not ``MAJOR.MINOR``.
    """
    match = _VERSION_RE.fullmatch(version)
    if not match:
        raise ValueError(f"not a MAJOR.MINOR version: {version!r}")
    return int(match[1]), int(match[2])


def _row_key(row: Row | Record) -> tuple[str, str, str, tuple[int, int], str]:
    return row["section"], row["shell"], row["os"], version_key(row["python"]), row["hash"]


def merge(results: Iterable[tuple[str, RunnerResults]]) -> VerifiedOn:
    """Merge validated per-runner results into the ``verified-on`` document.

    Args:
        results: ``(file name, document)`` pairs, the documents as ``validate_results``
            returns them; the file names only label ``sources``.

    Returns:
        A ``VerifiedOn`` dict: ``sources`` in the order given, each with its whole runner;
        ``rows`` one per (section, shell, os, python, hash) sorted by those keys, the worst
        outcome winning (failed > passed > skipped), ``reason`` the distinct reasons of the
        winning records joined by ``"; "`` in first-seen order, and ``runs`` the number of
        records merged.

    Raises:
        Nothing for validated input.
    """
    sources: list[Source] = []
    grouped: dict[tuple[str, str, str, str, str], list[Record]] = {}
    for name, document in results:
        runner = json.loads(json.dumps(document["runner"]))  # a deep copy
        sources.append({"file": name, "runner": runner, "records": len(document["records"])})
        for record in document["records"]:
            key = (
                record["section"],
                record["shell"],
                record["os"],
                record["python"],
                record["hash"],
            )
            grouped.setdefault(key, []).append(record)

    rows: list[Row] = []
    for (section, shell, os_name, python, digest), records in grouped.items():
        outcome = min((r["outcome"] for r in records), key=OUTCOMES.index)
        reasons: list[str] = []
        for r in records:
            if r["outcome"] == outcome and r["reason"] and r["reason"] not in reasons:
                reasons.append(r["reason"])
        rows.append(
            {
                "section": section,
                "shell": shell,
                "os": os_name,
                "python": python,
                "outcome": outcome,
                "reason": "; ".join(reasons),
                "hash": digest,
                "runs": len(records),
            }
        )
    rows.sort(key=_row_key)
    return {"format": OUTPUT_FORMAT, "sources": sources, "rows": rows}


def format_versions(versions: Iterable[str]) -> str:
    """Write Python versions compactly, joining runs of consecutive minors with an en dash.

    Args:
        versions: ``MAJOR.MINOR`` strings, in any order, duplicates allowed.

    Returns:
        For example ``"3.10–3.14"``, ``"3.10–3.11, 3.13"`` or ``"3.12"``; ``""`` for none.

    Raises:
        ValueError: a version is not ``MAJOR.MINOR``.
    """  # noqa: RUF002
    ordered = sorted(set(versions), key=version_key)
    spans: list[list[str]] = []
    for version in ordered:
        if spans:
            major, minor = version_key(spans[-1][-1])
            if version_key(version) == (major, minor + 1):
                spans[-1].append(version)
                continue
        spans.append([version])
    return ", ".join(
        span[0] if len(span) == 1 else f"{span[0]}{_EN_DASH}{span[-1]}" for span in spans
    )


def _md_escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def cell_parts(rows: Iterable[Row]) -> list[tuple[str, str]]:
    """One cell of a results table (a section in one shell on one OS), summarised.

    The Markdown table of :func:`render_markdown` and the Verified on page's tables
    (:mod:`venv_guide.proof_pages`) both word a cell from this.

    Args:
        rows: the rows of the cell.

    Returns:
        ``(outcome, text)`` pairs, failed first, then passed, then one per distinct skip
        reason: ``("failed", "3.12")``, ``("passed", "3.10–3.14")``,
        ``("skipped", "REASON (3.11, 3.13)")``; a lone skip with no other outcome names no
        versions.
    """  # noqa: RUF002
    rows = list(rows)
    parts: list[tuple[str, str]] = []
    for outcome in ("failed", "passed"):
        versions = [r["python"] for r in rows if r["outcome"] == outcome]
        if versions:
            parts.append((outcome, format_versions(versions)))
    skipped: dict[str, list[str]] = {}
    for r in rows:
        if r["outcome"] == "skipped":
            skipped.setdefault(" ".join(r["reason"].split()), []).append(r["python"])
    only_one_skip = not parts and len(skipped) == 1
    for reason, versions in skipped.items():
        parts.append(
            ("skipped", reason if only_one_skip else f"{reason} ({format_versions(versions)})")
        )
    return parts


def _cell(rows: list[Row]) -> str:
    return "<br>".join(
        f"{_SYMBOLS[outcome]} {_md_escape(text)}" for outcome, text in cell_parts(rows)
    )


def render_markdown(verified: VerifiedOn) -> str:
    """Render a merged document as a Markdown table for a job summary or a page.

    Args:
        verified: a ``VerifiedOn`` dict as ``merge`` returns it (or as read back from
            ``verified-on.json``).

    Returns:
        Markdown text: a heading, a one-line count of rows and failures, and a table with one
        row per section and one column per (shell, os); a cell lists ``❌``/``✅`` with the
        Python versions and ``⏭`` with the skip reason, ``—`` where nothing ran.

    Raises:
        KeyError, ValueError: ``verified`` does not have the documented shape.
    """
    rows = verified["rows"]
    columns = sorted({(r["shell"], r["os"]) for r in rows})
    sections = sorted({r["section"] for r in rows})
    cells: dict[tuple[str, str, str], list[Row]] = {}
    for r in rows:
        cells.setdefault((r["section"], r["shell"], r["os"]), []).append(r)

    counts = {outcome: sum(r["outcome"] == outcome for r in rows) for outcome in OUTCOMES}
    runners = len(verified["sources"])
    lines = [
        "## Verified on",
        "",
        f"{len(rows)} results from {runners} runner{'' if runners == 1 else 's'}: "
        + ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
        + ".",
        "",
    ]
    if not rows:
        return "\n".join([*lines, "No results.", ""])
    header = ["section"] + [f"{shell} ({OS_LABELS.get(os_, os_)})" for shell, os_ in columns]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + " --- |" * len(header))
    for section in sections:
        row = [f"`{section}`"]
        for shell, os_ in columns:
            group = cells.get((section, shell, os_))
            row.append(_cell(group) if group else "—")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    return "\n".join(lines)


def expand_inputs(arguments: Sequence[str]) -> list[Path]:
    """Turn command-line inputs into file paths, expanding glob patterns the shell left alone.

    Args:
        arguments: file names or patterns such as ``results-*/snippet-results.json``.

    Returns:
        The paths in argument order; a pattern's matches are sorted.

    Raises:
        ResultsError: a pattern matches no file (a plain missing file is reported later by
            ``load_results``).
    """
    paths: list[Path] = []
    for argument in arguments:
        if not Path(argument).exists() and _GLOB_RE.search(argument):
            matches = sorted(glob.glob(argument))
            if not matches:
                raise ResultsError(f"{argument}: no file matches this pattern")
            paths.extend(Path(match) for match in matches)
        else:
            paths.append(Path(argument))
    return paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m venv_guide.results",
        description="Merge per-runner snippet results into verified-on.json.",
    )
    parser.add_argument("inputs", nargs="+", help="per-runner snippet-results JSON files")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, help="where to write verified-on.json"
    )
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        0 when the outputs were written; 2 when an input was rejected (the message, one line,
        goes to stderr). argparse exits 2 itself on bad usage.

    Raises:
        SystemExit: from argparse on bad usage or ``--help``.
    """
    args = _parser().parse_args(argv)
    try:
        documents = [(str(path), load_results(path)) for path in expand_inputs(args.inputs)]
    except ResultsError as error:
        print(f"merge: error: {error}", file=sys.stderr)
        return 2
    verified = merge(documents)
    try:
        args.output.write_text(
            json.dumps(verified, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if args.markdown is not None:
            args.markdown.write_text(render_markdown(verified), encoding="utf-8")
    except OSError as error:
        print(f"merge: error: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
