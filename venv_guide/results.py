"""Merge per-runner snippet results into one "verified on" table.

Run as ``python -m venv_guide.results RESULTS.json... -o verified-on.json [--markdown FILE]``.
Standard library only: CI runs it on a bare interpreter. A pattern such as
``results-*/snippet-results.json`` is expanded here too, so the command is the same in cmd.exe.

Per-runner input (``venv-guide/snippet-results/1``)
----------------------------------------------------
The harness writes one file per pytest run when given ``--snippet-results=PATH``::

    {"format": "venv-guide/snippet-results/1",
     "runner": {"os": "linux", "platform": "Linux-6.1-x86_64", "name": "runner-7"},
     "records": [{"section": "activate/bash.sh:activate", "shell": "bash", "os": "linux",
                  "python": "3.12", "outcome": "passed", "reason": "",
                  "test": "tests/test_journeys.py::test_journey[bash-py3.12]"}]}

``runner``
    ``os``, ``platform`` (``platform.platform()``) and ``name`` (``$RUNNER_NAME`` or the
    host name): non-empty strings describing the machine that ran the tests.
``records``
    One entry per (snippet section, shell, Python) that a test ran or skipped:

    ``section``  ``FILE:NAME``, the snippet path relative to ``snippets/`` and the section name.
    ``shell``    the shell that ran it (``bash``, ``dash``, ``zsh``, ``fish``, ``tcsh``, ``cmd``,
                 ``powershell``, ``pwsh``, ``git-bash``...).
    ``os``       ``linux``, ``macos`` or ``windows``.
    ``python``   the target interpreter's version, ``MAJOR.MINOR`` (``"3.12"``).
    ``outcome``  ``passed``, ``failed`` or ``skipped``.
    ``reason``   why it was skipped (required, non-empty, for ``skipped``); the short failure
                 message for ``failed``; ``""`` for ``passed``.
    ``test``     the pytest node id that produced the record.

    All seven keys are required and are strings; other keys are ignored.

Merged output (``venv-guide/verified-on/1``)
---------------------------------------------
This is what the site shows as "verified on"::

    {"format": "venv-guide/verified-on/1",
     "sources": [{"file": "results-ubuntu-latest-py3.12/snippet-results.json",
                  "runner": {"os": "linux", "platform": "...", "name": "..."},
                  "records": 42}],
     "rows": [{"section": "activate/bash.sh:activate", "shell": "bash", "os": "linux",
               "python": "3.12", "outcome": "passed", "reason": "", "runs": 1}]}

``rows`` holds one entry per (section, shell, os, python), sorted by those four keys (Python
versions numerically, so 3.9 < 3.10). When several records share a key, the worst outcome wins
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
from pathlib import Path
from typing import TypedDict

INPUT_FORMAT = "venv-guide/snippet-results/1"
OUTPUT_FORMAT = "venv-guide/verified-on/1"

OUTCOMES = ("failed", "passed", "skipped")
"""Outcomes, worst first: when records share a key, the one earliest here wins."""

OSES = ("linux", "macos", "windows")
RECORD_KEYS = ("section", "shell", "os", "python", "outcome", "reason", "test")
RUNNER_KEYS = ("os", "platform", "name")

_OS_LABELS = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}
_EN_DASH = "\u2013"
_SYMBOLS = {"failed": "❌", "passed": "✅", "skipped": "⏭"}
_VERSION_RE = re.compile(r"(\d+)\.(\d+)")
_GLOB_RE = re.compile(r"[*?[]")


class ResultsError(Exception):
    """An input file cannot be merged; the message names the file (and record index)."""


class Runner(TypedDict):
    os: str
    platform: str
    name: str


class Record(TypedDict):
    section: str
    shell: str
    os: str
    python: str
    outcome: str
    reason: str
    test: str


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
    runs: int


class VerifiedOn(TypedDict):
    format: str
    sources: list[Source]
    rows: list[Row]


def validate_results(data: object, source: str) -> RunnerResults:
    """Check that ``data`` is a per-runner results document and return a clean copy.

    Args:
        data: the parsed JSON of one ``--snippet-results`` file.
        source: the file's name, used in error messages.

    Returns:
        A ``RunnerResults`` holding only the documented keys of ``runner`` and of each record.

    Raises:
        ResultsError: ``data`` is not an object, ``format`` is not
            ``venv-guide/snippet-results/1``, ``runner`` or ``records`` is missing or of the
            wrong type, or a record lacks a key, has a non-string or empty value where one is
            required, an unknown ``os`` or ``outcome``, a ``python`` that is not ``MAJOR.MINOR``,
            or is ``skipped`` without a reason. The message is ``SOURCE: ...`` or
            ``SOURCE: record N: ...`` (N counts from 0).
    """
    if not isinstance(data, dict):
        raise ResultsError(f"{source}: expected a JSON object, got {type(data).__name__}")
    if data.get("format") != INPUT_FORMAT:
        raise ResultsError(f"{source}: format is {data.get('format')!r}, expected {INPUT_FORMAT!r}")
    runner = data.get("runner")
    if not isinstance(runner, dict):
        raise ResultsError(f"{source}: 'runner' must be an object")
    for key in RUNNER_KEYS:
        if not isinstance(runner.get(key), str) or not runner[key]:
            raise ResultsError(f"{source}: runner.{key} must be a non-empty string")
    records = data.get("records")
    if not isinstance(records, list):
        raise ResultsError(f"{source}: 'records' must be a list")
    clean = [_validate_record(record, f"{source}: record {i}") for i, record in enumerate(records)]
    return {
        "format": INPUT_FORMAT,
        "runner": {"os": runner["os"], "platform": runner["platform"], "name": runner["name"]},
        "records": clean,
    }


def _validate_record(record: object, where: str) -> Record:
    if not isinstance(record, dict):
        raise ResultsError(f"{where}: expected an object, got {type(record).__name__}")
    for key in RECORD_KEYS:
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
    return {key: record[key] for key in RECORD_KEYS}


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
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate a BOM (PowerShell writes one)
    except OSError as error:
        raise ResultsError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ResultsError(f"{path}: not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ResultsError(
            f"{path}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    return validate_results(data, str(path))


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


def _row_key(row: Row | Record) -> tuple[str, str, str, tuple[int, int]]:
    return row["section"], row["shell"], row["os"], version_key(row["python"])


def merge(results: Iterable[tuple[str, RunnerResults]]) -> VerifiedOn:
    """Merge validated per-runner results into the ``verified-on`` document.

    Args:
        results: ``(file name, document)`` pairs, the documents as ``validate_results``
            returns them; the file names only label ``sources``.

    Returns:
        A ``VerifiedOn`` dict: ``sources`` in the order given, ``rows`` one per
        (section, shell, os, python) sorted by those keys, the worst outcome winning
        (failed > passed > skipped), ``reason`` the distinct reasons of the winning records
        joined by ``"; "`` in first-seen order, and ``runs`` the number of records merged.

    Raises:
        Nothing for validated input.
    """
    sources: list[Source] = []
    grouped: dict[tuple[str, str, str, str], list[Record]] = {}
    for name, document in results:
        runner: Runner = {
            "os": document["runner"]["os"],
            "platform": document["runner"]["platform"],
            "name": document["runner"]["name"],
        }
        sources.append({"file": name, "runner": runner, "records": len(document["records"])})
        for record in document["records"]:
            key = (record["section"], record["shell"], record["os"], record["python"])
            grouped.setdefault(key, []).append(record)

    rows: list[Row] = []
    for (section, shell, os_name, python), records in grouped.items():
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


def _cell(rows: list[Row]) -> str:
    parts: list[str] = []
    for outcome in ("failed", "passed"):
        versions = [r["python"] for r in rows if r["outcome"] == outcome]
        if versions:
            parts.append(f"{_SYMBOLS[outcome]} {format_versions(versions)}")
    skipped: dict[str, list[str]] = {}
    for r in rows:
        if r["outcome"] == "skipped":
            skipped.setdefault(r["reason"], []).append(r["python"])
    only_one_skip = not parts and len(skipped) == 1
    for reason, versions in skipped.items():
        text = f"{_SYMBOLS['skipped']} {_md_escape(reason)}"
        parts.append(text if only_one_skip else f"{text} ({format_versions(versions)})")
    return "<br>".join(parts)


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
    header = ["section"] + [f"{shell} ({_OS_LABELS.get(os_, os_)})" for shell, os_ in columns]
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
