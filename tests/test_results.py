"""Tests for venv_guide/results.py, the merger of per-runner snippet results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from venv_guide import results as merge

ROOT = Path(__file__).resolve().parent.parent


def record(where, python, outcome="passed", reason="", digest="h1"):
    """A record for ``where`` = (section, shell, os) on Python ``python``."""
    section, shell, os = where
    return {
        "section": section,
        "shell": shell,
        "os": os,
        "python": python,
        "outcome": outcome,
        "reason": reason,
        "test": f"tests/test_journeys.py::test_journey[{shell}-py{python}]",
        "hash": digest,
    }


def runner(os, name):
    return {
        "os": os,
        "platform": f"{os}-platform",
        "name": name,
        "os_version": f"{os} 1.0",
        "date": "2026-11-21T10:04:05Z",
        "commit": "c" * 40,
        "dirty": False,
        "shells": {"bash": {"name": "bash", "version": "5.2.15"}},
    }


def document(os, name, records):
    return {"format": merge.INPUT_FORMAT, "runner": runner(os, name), "records": records}


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


ACTIVATE = "activate/bash.sh:activate"
ANY = "create/any.sh:create"
CMD = "activate/cmd.bat:activate"


@pytest.fixture
def runner_files(tmp_path: Path) -> list[Path]:
    """Three runners: bash passes on 3.10-3.14 except a failure on 3.12 in a second run."""
    linux_a = [record((ACTIVATE, "bash", "linux"), v) for v in ("3.10", "3.11", "3.12")]
    linux_a.append(record((ANY, "dash", "linux"), "3.12"))
    linux_a.append(record((ANY, "fish", "linux"), "3.12", "skipped", "fish is not installed"))
    linux_b = [
        record((ACTIVATE, "bash", "linux"), "3.12", "failed", "activate/bash.sh:3: exit 1"),
        record((ACTIVATE, "bash", "linux"), "3.13"),
        record((ACTIVATE, "bash", "linux"), "3.14"),
        # The same key twice in one file: both count as runs.
        record((ANY, "dash", "linux"), "3.12"),
    ]
    windows = [
        record((CMD, "cmd", "windows"), "3.12"),
        record((ANY, "git-bash", "windows"), "3.12", "skipped", "Git Bash | not found"),
        record((ANY, "git-bash", "windows"), "3.9", "skipped", "Git Bash | not found"),
    ]
    return [
        write(tmp_path / "results-a" / "snippet-results.json", document("linux", "a", linux_a)),
        write(tmp_path / "results-b" / "snippet-results.json", document("linux", "b", linux_b)),
        write(tmp_path / "results-w" / "snippet-results.json", document("windows", "w", windows)),
    ]


def merged(paths: list[Path]) -> merge.VerifiedOn:
    return merge.merge((str(p), merge.load_results(p)) for p in paths)


def test_rows_are_sorted_and_worst_outcome_wins(runner_files):
    verified = merged(runner_files)
    assert verified["format"] == "venv-guide/verified-on/2"
    keys = [(r["section"], r["shell"], r["os"], r["python"]) for r in verified["rows"]]
    assert keys == [
        *((ACTIVATE, "bash", "linux", v) for v in ("3.10", "3.11", "3.12", "3.13", "3.14")),
        (CMD, "cmd", "windows", "3.12"),
        (ANY, "dash", "linux", "3.12"),
        (ANY, "fish", "linux", "3.12"),
        # 3.9 sorts before 3.10: versions are compared as numbers.
        (ANY, "git-bash", "windows", "3.9"),
        (ANY, "git-bash", "windows", "3.12"),
    ]
    rows = {(r["section"], r["shell"], r["python"]): r for r in verified["rows"]}
    assert rows[ACTIVATE, "bash", "3.12"] == {
        "section": ACTIVATE,
        "shell": "bash",
        "os": "linux",
        "python": "3.12",
        "outcome": "failed",
        "reason": "activate/bash.sh:3: exit 1",
        "hash": "h1",
        "runs": 2,
    }
    assert rows[ACTIVATE, "bash", "3.10"]["outcome"] == "passed"
    assert rows[ACTIVATE, "bash", "3.10"]["runs"] == 1
    assert rows[ANY, "dash", "3.12"]["runs"] == 2
    assert rows[ANY, "fish", "3.12"]["outcome"] == "skipped"
    assert rows[ANY, "fish", "3.12"]["reason"] == "fish is not installed"


def test_sources_list_every_file_in_order(runner_files):
    verified = merged(runner_files)
    assert [s["file"] for s in verified["sources"]] == [str(p) for p in runner_files]
    assert [s["runner"]["name"] for s in verified["sources"]] == ["a", "b", "w"]
    assert [s["records"] for s in verified["sources"]] == [5, 4, 3]
    # The whole runner is carried: versions, date and commit reach the site.
    assert verified["sources"][2]["runner"] == runner("windows", "w")


def test_rows_of_another_section_text_stay_apart():
    records = [
        record((ANY, "bash", "linux"), "3.12", digest="old"),
        record((ANY, "bash", "linux"), "3.12", "failed", "x", digest="new"),
    ]
    verified = merge.merge([("x", merge.validate_results(document("linux", "l", records), "x"))])
    assert [(r["hash"], r["outcome"]) for r in verified["rows"]] == [
        ("new", "failed"),
        ("old", "passed"),
    ]


def test_load_verified_reads_both_formats(runner_files, tmp_path):
    # A per-runner file is merged on its own; a merged file is validated and kept.
    assert merge.load_verified(runner_files[0]) == merged(runner_files[:1])
    out = write(tmp_path / "verified-on.json", merged(runner_files))
    assert merge.load_verified(out) == merged(runner_files)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="venv-guide/verified-on/1"), "run the tests again"),
        (lambda d: d.update(format="x"), "expected 'venv-guide/verified-on/2' or"),
        (lambda d: d.update(rows={}), "'rows' must be a list"),
        (lambda d: d["rows"][1].update(runs=0), "row 1: 'runs' must be a positive number"),
        (lambda d: d["rows"][0].pop("hash"), "row 0: missing key 'hash'"),
        (lambda d: d["sources"][0]["runner"].pop("commit"), "source 0: runner.commit must"),
        (lambda d: d["sources"][1].update(records="3"), "source 1: 'records' must be a number"),
    ],
)
def test_load_verified_rejects_bad_merged_files(runner_files, tmp_path, change, message):
    data = json.loads(json.dumps(merged(runner_files)))
    change(data)
    bad = write(tmp_path / "verified-on.json", data)
    with pytest.raises(merge.ResultsError) as info:
        merge.load_verified(bad)
    assert str(info.value).startswith(f"{bad}: ")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (["skipped", "passed"], "passed"),
        (["passed", "failed", "skipped"], "failed"),
        (["skipped", "skipped"], "skipped"),
    ],
)
def test_precedence_failed_passed_skipped(outcomes, expected):
    records = [
        record((ANY, "zsh", "macos"), "3.13", o, "no zsh" if o == "skipped" else "")
        for o in outcomes
    ]
    verified = merge.merge([("x", merge.validate_results(document("macos", "m", records), "x"))])
    (row,) = verified["rows"]
    assert row["outcome"] == expected
    assert row["runs"] == len(outcomes)
    assert row["reason"] == ("no zsh" if expected == "skipped" else "")


def test_distinct_reasons_are_joined():
    records = [
        record((ANY, "tcsh", "linux"), "3.11", "skipped", "one"),
        record((ANY, "tcsh", "linux"), "3.11", "skipped", "two"),
        record((ANY, "tcsh", "linux"), "3.11", "skipped", "one"),
    ]
    verified = merge.merge([("x", merge.validate_results(document("linux", "l", records), "x"))])
    assert verified["rows"][0]["reason"] == "one; two"


@pytest.mark.parametrize(
    ("versions", "text"),
    [
        (["3.14", "3.10", "3.12", "3.11", "3.13"], "3.10–3.14"),  # noqa: RUF001
        (["3.12"], "3.12"),
        (["3.10", "3.11", "3.13", "3.13"], "3.10–3.11, 3.13"),  # noqa: RUF001
        (["3.9", "3.10"], "3.9–3.10"),  # noqa: RUF001
        ([], ""),
    ],
)
def test_format_versions(versions, text):
    assert merge.format_versions(versions) == text


def test_markdown_table(runner_files):
    text = merge.render_markdown(merged(runner_files))
    lines = text.splitlines()
    assert lines[0] == "## Verified on"
    assert "10 results from 3 runners: 1 failed, 6 passed, 3 skipped." in text
    header = next(line for line in lines if line.startswith("| section"))
    assert header == (
        "| section | bash (Linux) | cmd (Windows) | dash (Linux) | fish (Linux) "
        "| git-bash (Windows) |"
    )
    table = {line.split(" | ")[0]: line for line in lines if line.startswith("| `")}
    assert table[f"| `{ACTIVATE}`"] == (
        f"| `{ACTIVATE}` | ❌ 3.12<br>✅ 3.10–3.11, 3.13–3.14 | — | — | — | — |"  # noqa: RUF001
    )
    assert table[f"| `{CMD}`"] == f"| `{CMD}` | — | ✅ 3.12 | — | — | — |"
    # A skip shows its reason (pipes escaped); versions are added only when the cell mixes.
    assert table[f"| `{ANY}`"] == (
        f"| `{ANY}` | — | — | ✅ 3.12 | ⏭ fish is not installed | ⏭ Git Bash \\| not found |"
    )


def test_markdown_mixed_cell_names_skipped_versions():
    records = [
        record((ANY, "ksh", "linux"), "3.12"),
        record((ANY, "ksh", "linux"), "3.13", "skipped", "no ksh"),
    ]
    verified = merge.merge([("x", merge.validate_results(document("linux", "l", records), "x"))])
    assert f"| `{ANY}` | ✅ 3.12<br>⏭ no ksh (3.13) |" in merge.render_markdown(verified)


def test_markdown_without_rows():
    text = merge.render_markdown({"format": merge.OUTPUT_FORMAT, "sources": [], "rows": []})
    assert "No results." in text


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venv_guide.results", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_cli_writes_json_and_markdown(runner_files, tmp_path):
    out, md = tmp_path / "verified-on.json", tmp_path / "verified-on.md"
    result = run_cli(*map(str, runner_files), "-o", str(out), "--markdown", str(md))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == merged(runner_files)
    assert md.read_text(encoding="utf-8") == merge.render_markdown(merged(runner_files))


def test_cli_expands_patterns_itself(runner_files, tmp_path):
    out = tmp_path / "verified-on.json"
    pattern = str(tmp_path / "results-*" / "snippet-results.json")
    assert merge.main([pattern, "-o", str(out)]) == 0
    sources = json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert [s["file"] for s in sources] == [str(p) for p in runner_files]


def good_record():
    return record((ANY, "bash", "linux"), "3.12")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "expected a JSON object, got list"),
        (
            {**document("linux", "a", []), "format": "venv-guide/snippet-results/3"},
            "format is 'venv-guide/snippet-results/3'",
        ),
        (
            {**document("linux", "a", []), "format": "venv-guide/snippet-results/1"},
            "an older format, without versions and snippet hashes: run the tests again",
        ),
        ({"runner": {}, "records": []}, "format is None"),
        ({**document("linux", "a", []), "runner": "x"}, "runner must be an object"),
        (
            {**document("linux", "a", []), "runner": {"os": "linux", "platform": "p"}},
            "runner.name must be a non-empty string",
        ),
        (
            {**document("linux", "a", []), "runner": {**runner("linux", "a"), "date": "today"}},
            "runner.date must be an ISO 8601 time, got 'today'",
        ),
        (
            {**document("linux", "a", []), "runner": {**runner("linux", "a"), "dirty": "no"}},
            "runner.dirty must be true or false",
        ),
        (
            {
                **document("linux", "a", []),
                "runner": {**runner("linux", "a"), "shells": {"sh": {"name": "dash"}}},
            },
            "runner.shells.sh must be an object with non-empty 'name' and 'version'",
        ),
        (
            {**document("linux", "a", []), "runner": {**runner("linux", "a"), "os": "bsd"}},
            "runner.os must be one of linux, macos, windows, got 'bsd'",
        ),
        ({**document("linux", "a", []), "records": {}}, "'records' must be a list"),
        (document("linux", "a", [good_record(), "x"]), "record 1: expected an object, got str"),
        (
            document("linux", "a", [good_record(), {**good_record(), "outcome": "ok"}]),
            "record 1: outcome must be one of failed, passed, skipped, got 'ok'",
        ),
        (
            document("linux", "a", [{k: v for k, v in good_record().items() if k != "shell"}]),
            "record 0: missing key 'shell'",
        ),
        (
            document("linux", "a", [{**good_record(), "python": 3.12}]),
            "record 0: 'python' must be a string, got 3.12",
        ),
        (
            document("linux", "a", [{**good_record(), "python": "py3.12"}]),
            "record 0: python must be MAJOR.MINOR, got 'py3.12'",
        ),
        (
            document("linux", "a", [{**good_record(), "os": "darwin"}]),
            "record 0: os must be one of linux, macos, windows, got 'darwin'",
        ),
        (
            document("linux", "a", [{**good_record(), "section": ""}]),
            "record 0: 'section' must not be empty",
        ),
        (
            document("linux", "a", [{k: v for k, v in good_record().items() if k != "hash"}]),
            "record 0: missing key 'hash'",
        ),
        (
            document("linux", "a", [good_record(), {**good_record(), "outcome": "skipped"}]),
            "record 1: a skipped record needs a reason",
        ),
    ],
)
def test_cli_rejects_bad_input(runner_files, tmp_path, content, message):
    bad = write(tmp_path / "bad" / "snippet-results.json", content)
    out = tmp_path / "verified-on.json"
    result = run_cli(str(runner_files[0]), str(bad), "-o", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert lines[0].startswith(f"merge: error: {bad}: ")
    assert message in lines[0]
    assert not out.exists()


def test_cli_rejects_missing_file_and_empty_pattern(tmp_path):
    missing = tmp_path / "nope.json"
    result = run_cli(str(missing), "-o", str(tmp_path / "o.json"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"merge: error: {missing}: cannot read")
    assert len(result.stderr.splitlines()) == 1

    pattern = str(tmp_path / "results-*" / "snippet-results.json")
    result = run_cli(pattern, "-o", str(tmp_path / "o.json"))
    assert result.returncode == 2
    assert result.stderr == f"merge: error: {pattern}: no file matches this pattern\n"


def test_validate_results_drops_unknown_keys():
    extra = {**good_record(), "duration": 1.5}
    doc = {**document("linux", "a", [extra]), "extra": 1}
    doc["runner"] = {**doc["runner"], "cpu": "x86"}
    clean = merge.validate_results(doc, "x")
    assert clean["records"] == [good_record()]
    assert set(clean) == {"format", "runner", "records"}
    assert clean["runner"] == runner("linux", "a")
