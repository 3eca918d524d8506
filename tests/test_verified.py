"""The mark under each command, the page's "Not run in this build" note and the Verified on
page (venv_guide/marks.py, venv_guide/proof_pages.py, venv_guide/evidence.py), on small
synthetic results, and in a real ``mkdocs build``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bs4
import markdown
import pytest

from tests.conftest import SnippetResults, write_results
from tests.harness import changes
from tests.harness import page as page_mod
from venv_guide import evidence, marks, proof_pages, results
from venv_guide.blocks import Block, read_blocks
from venv_guide.platforms import OS_LABELS
from venv_guide.snippets import REPO_ROOT, SNIPPETS_DIR

#: The marks' own logic, on results and pages made here: under pytest --changed only a change
#: to the build runs it (tests/harness/changes.py).
pytestmark = changes.reads(changes.HARNESS)

BUILD = "2" * 40  # the commit "being built" in the unit tests
OLD = "abc1234" + "0" * 33  # another commit
DATE = "2026-11-21T10:04:05Z"
LINUX_SHELLS = {
    "bash": {"name": "bash", "version": "5.2.15"},
    "zsh": {"name": "zsh", "version": "5.9"},
    "sh": {"name": "dash", "version": "0.5.12"},
    "ksh": {"name": "ksh", "version": "93u+m/1.0.4"},
    "mksh": {"name": "mksh", "version": "R59"},
    "fish": {"name": "fish", "version": "3.6.0"},
}
ACTIVATE = "activate/bash.sh:activate"
FISH = "activate/fish.fish:activate"
SH = "activate/sh.sh:activate"
PIP = "install/any.sh:install"
PY = "activate/in_venv.py"
PS = "activate/powershell.ps1:activate"


def runner(os_key="linux", shells=None, commit=BUILD, dirty=False, date=DATE):
    return {
        "os": os_key,
        "platform": f"{os_key}-platform",
        "name": f"{os_key}-runner",
        "os_version": {"linux": "Debian GNU/Linux 12 (bookworm)", "macos": "macOS 15.1"}.get(
            os_key, "Windows 10.0.20348"
        ),
        "date": date,
        "commit": commit,
        "dirty": dirty,
        "shells": LINUX_SHELLS if shells is None else shells,
    }


def rec(section, shell, python="3.12", outcome="passed", reason="", os_key="linux", digest=None):
    return {
        "section": section,
        "shell": shell,
        "os": os_key,
        "python": python,
        "outcome": outcome,
        "reason": reason,
        "test": f"tests/test_journeys.py::test_journey[{shell}-py{python}]",
        "hash": digest or evidence.source_hash(section),
    }


def results_of(*runs: tuple[dict, list[dict]]) -> evidence.Evidence:
    """A build's results from per-runner (runner, records) pairs, merged as CI merges them."""
    docs = [
        (f"run-{i}.json", {"format": results.INPUT_FORMAT, "runner": r, "records": records})
        for i, (r, records) in enumerate(runs)
    ]
    merged = results.merge((name, results.validate_results(d, name)) for name, d in docs)
    return evidence.Evidence(merged, SNIPPETS_DIR, BUILD, source="verified-on.json")


def block(sources, tabs=(), copyable=True) -> Block:
    return Block("activate/", tuple(sources), 1, tuple(tabs), "", "activate", copyable, "")


def mark(got: evidence.Evidence, sources, tabs=(), copyable=True) -> marks.Mark | None:
    return marks.mark_for(block(sources, tabs, copyable), got)


def test_passed_mark_names_os_shell_and_pythons_in_one_short_line():
    got = results_of(
        (runner(), [rec(ACTIVATE, "bash", v) for v in ("3.10", "3.11", "3.12", "3.13", "3.14")])
    )
    found = mark(got, [ACTIVATE], ("Linux", "bash"))
    assert found == marks.Mark(
        "passed",
        "Linux · bash · Python 3.10–3.14",  # noqa: RUF001
        "Verified on",
        "verified-on.md#vg-linux-activate-bash-sh-activate",
    )
    assert found.html("../verified-on/#vg-linux-activate-bash-sh-activate") == (
        '<p class="vg-mark" data-vg-state="passed" data-search-exclude>'
        '<a href="../verified-on/#vg-linux-activate-bash-sh-activate">'
        '<span class="vg-mark__icon" aria-hidden="true">\u2713</span>'
        '<span class="vg-sr">Verified on </span>'
        "Linux · bash · Python 3.10–3.14</a></p>"  # noqa: RUF001
    )


def test_failed_mark_names_where_it_failed():
    got = results_of(
        (
            runner(),
            [
                rec(FISH, "fish", "3.11"),
                rec(FISH, "fish", "3.12", "failed", "activate/fish.fish:3: exit 1"),
            ],
        )
    )
    found = mark(got, [FISH], ("Linux", "fish"))
    assert (found.state, found.text) == ("failed", "Failed · Linux · fish · Python 3.12")


def test_skipped_mark_links_to_the_reason():
    reason = "fish is not installed here (apt-get install fish); CI installs it"
    got = results_of(
        (runner(), [rec(FISH, "fish", v, "skipped", reason) for v in ("3.11", "3.12")])
    )
    found = mark(got, [FISH], ("Linux", "fish"))
    assert (found.state, found.text) == ("skipped", "Not verified · Linux · fish")
    assert found.href == "verified-on.md#vg-linux-activate-fish-fish-activate"


def test_no_mark_when_no_result_for_that_os_or_shell():
    # Results for Linux only: the macOS tab of the same section was not run in this build.
    got = results_of((runner(), [rec(FISH, "fish")]))
    assert mark(got, [FISH], ("macOS", "fish")) is None
    nothing = evidence.Evidence(None, SNIPPETS_DIR, BUILD)
    assert mark(nothing, [FISH], ("Linux", "fish")) is None
    assert mark(nothing, [PIP]) is None


def test_page_note_says_once_what_this_build_did_not_run():
    got = results_of((runner(), [rec(FISH, "fish")]))
    page = [block([FISH], ("Linux", "fish")), block([FISH], ("macOS", "fish")), block([PIP])]
    assert marks.page_note(page, got) == (
        "Not run in this build: 2 of the 3 commands on this page (macOS)."
    )
    nothing = evidence.Evidence(None, SNIPPETS_DIR, BUILD)
    assert marks.page_note(page, nothing) == (
        "Not run in this build: no command on this page shows where it was verified."
    )
    all_run = results_of((runner(), [rec(FISH, "fish", os_key=o) for o in ("linux", "macos")]))
    assert marks.page_note(page[:2], all_run) == ""
    # Output blocks are no commands.
    assert marks.page_note([block(["activate/output/which-linux.txt"], copyable=False)], got) == ""


def test_a_section_never_run_says_why_in_a_few_words():
    key = "start/windows.ps1:install-python"
    got = results_of((runner(), [rec(ACTIVATE, "bash")]))
    found = mark(got, [key], ("Windows",))
    assert found.state == "not-run"
    assert found.text == f"Not run: {marks.NOT_RUN[key].short}"
    assert found.href == f"tested.md#{evidence.anchor('not-run', key)}"
    # It is no command the note counts as unrun.
    assert marks.page_note([block([key], ("Windows",))], got) == ""


def test_an_unreproduced_message_says_so_under_its_block():
    key = "trouble/output/scripts-disabled.txt"
    got = results_of((runner(), []))
    found = mark(got, [key], (), copyable=False)
    assert found is not None and found.text.startswith("Not reproduced: ")
    assert found.href == f"tested.md#{evidence.anchor('not-run', key)}"


def test_stale_when_the_section_changed_since_the_tests():
    got = results_of((runner(commit=OLD), [rec(ACTIVATE, "bash", digest="0" * 64)]))
    found = mark(got, [ACTIVATE], ("Linux", "bash"))
    assert (found.state, found.text) == ("stale", "Changed since verified · Linux · bash")


def test_fresh_results_win_over_stale_ones():
    got = results_of(
        (runner(commit=OLD), [rec(ACTIVATE, "bash", "3.11", "failed", "x", digest="0" * 64)]),
        (runner(), [rec(ACTIVATE, "bash", "3.12")]),
    )
    assert mark(got, [ACTIVATE], ("Linux", "bash")).state == "passed"


def test_sh_dash_tab_counts_every_shell_that_runs_it():
    got = results_of((runner(), [rec(SH, key) for key in ("sh", "ksh", "mksh")]))
    assert mark(got, [SH], ("Linux", "sh (dash)")).text == "Linux · sh (dash) · Python 3.12"
    # One of its shells failing fails the tab.
    failed = results_of((runner(), [rec(SH, "sh"), rec(SH, "ksh", outcome="failed", reason="x")]))
    assert mark(failed, [SH], ("Linux", "sh (dash)")).state == "failed"


def test_shell_tab_counts_only_its_own_shells():
    # An OS-level snippet (unix.sh) in a shell tab: every shell runs it, the tab names its own.
    create = "create/unix.sh:create"
    got = results_of(
        (runner(), [rec(create, "bash"), rec(create, "fish", "3.11"), rec(create, "zsh")])
    )
    assert mark(got, [create], ("Linux", "fish")).text == "Linux · fish · Python 3.11"


def test_powershell_tab_is_run_by_windows_powershell_and_pwsh():
    shells = {
        "powershell": {"name": "powershell", "version": "5.1.20348.2340"},
        "pwsh": {"name": "pwsh", "version": "7.4.6"},
    }
    got = results_of(
        (
            runner("windows", shells),
            [rec(PS, "powershell", "3.11", os_key="windows"), rec(PS, "pwsh", os_key="windows")],
        )
    )
    assert mark(got, [PS], ("Windows", "PowerShell")).text == (
        "Windows · PowerShell · Python 3.11–3.12"  # noqa: RUF001
    )


def test_block_outside_tabs_is_summarised_over_oses_and_shells():
    mac = {"zsh": {"name": "zsh", "version": "5.9"}}
    got = results_of(
        (runner(), [rec(PIP, k, v) for k in ("bash", "zsh", "sh") for v in ("3.10", "3.11")]),
        (runner("macos", mac, date="2026-11-22T00:00:00Z"), [rec(PIP, "zsh", os_key="macos")]),
        # A Windows shell skipped on the Linux runner is not a Linux shell that passed.
        (runner(), [rec(PIP, "cmd", outcome="skipped", reason="cmd runs on Windows only")]),
    )
    found = mark(got, [PIP])
    assert found.state == "passed"
    assert found.text == "macOS, Linux · 3 shells · Python 3.10–3.12"  # noqa: RUF001
    assert found.href == "verified-on.md#vg-macos-install-any-sh-install"
    failed = results_of(
        (
            runner(),
            [
                rec(PIP, "bash"),
                *(rec(PIP, k, outcome="failed", reason="x") for k in ("zsh", "fish")),
            ],
        )
    )
    assert mark(failed, [PIP]).text == "Failed · Linux · 2 shells · Python 3.12"


def test_windows_shells_skipped_on_linux_say_nothing_about_linux():
    policy = "activate/powershell.ps1:policy-process"
    reason = "pwsh runs on Windows only"
    got = results_of((runner(), [rec(policy, "pwsh", outcome="skipped", reason=reason)]))
    assert mark(got, [policy]) is None


def test_python_snippet_mark_names_no_shell():
    got = results_of((runner(), [rec(PY, "python", v) for v in ("3.11", "3.12")]))
    assert mark(got, [PY]).text == "Linux · Python 3.11–3.12"  # noqa: RUF001


def test_output_and_no_copy_blocks_get_no_mark():
    got = results_of((runner(), [rec(ACTIVATE, "bash")]))
    assert mark(got, ["activate/output/which-linux.txt"], ("Linux", "bash"), False) is None
    assert mark(got, [ACTIVATE], ("Linux", "bash"), copyable=False) is None
    assert mark(got, [], ("Linux", "bash")) is None


def test_page_without_results_says_how_to_make_them():
    nothing = evidence.Evidence(None, SNIPPETS_DIR, source="results/snippet-results.json")
    page = proof_pages.results_markdown(nothing)
    assert "This build found no test results (no file `results/snippet-results.json`)." in page
    assert "run `make test`" in page
    assert "<table>" not in page
    bad = evidence.Evidence(None, SNIPPETS_DIR, source="r.json", error="r.json: not valid JSON")
    assert "The results file `r.json` could not be read: r.json: not valid JSON" in (
        proof_pages.results_markdown(bad)
    )


def test_page_tables_hold_every_state_versions_and_commits():
    got = results_of(
        (
            runner(commit=OLD, dirty=True),
            [
                *(rec(ACTIVATE, "bash", v) for v in ("3.10", "3.11")),
                rec(ACTIVATE, "bash", "3.12", "failed", "exit 1"),
                rec(FISH, "fish", outcome="skipped", reason="no <fish> | here"),
                rec(SH, "sh", digest="0" * 64),
                rec("activate/gone.sh:activate", "bash", digest="1" * 64),
            ],
        )
    )
    page = proof_pages.results_markdown(got)
    soup = bs4.BeautifulSoup(proof_pages.fill_tables(got, render(page)), "html.parser")
    row = soup.find(id="vg-linux-activate-bash-sh-activate")
    # Each OS's table is in the content tab of that OS.
    for os_key, label in OS_LABELS.items():
        row_of_os = soup.find(id=evidence.anchor(os_key, PS if os_key == "windows" else ACTIVATE))
        tab = row_of_os.find_parent(class_="tabbed-block")
        tabs = tab.parent.find_all(class_="tabbed-block", recursive=False)
        labels = tab.find_parent(class_="tabbed-set").select(".tabbed-labels > label")
        assert labels[tabs.index(tab)].get_text() == label
    cells = [td.get_text() for td in row.find_all("td")]
    header = [th.get_text() for th in row.find_parent("table").find_all("th")]
    by_column = dict(zip(header, cells, strict=True))
    assert by_column["Section"] == ACTIVATE
    assert by_column["bash"] == "failed: 3.12; passed: 3.10–3.11"  # noqa: RUF001
    assert by_column["zsh"] == ""  # a bash snippet is not run by zsh
    fish = dict(
        zip(
            header,
            [td.get_text() for td in soup.find(id=anchor_of(FISH)).find_all("td")],
            strict=True,
        )
    )
    assert fish["fish"] == "skipped: no <fish> | here"
    sh = dict(
        zip(
            header,
            [td.get_text() for td in soup.find(id=anchor_of(SH)).find_all("td")],
            strict=True,
        )
    )
    assert sh["sh (dash)"] == "stale (snippet changed since abc1234)"
    assert sh["ksh"] == "not run"
    assert "1 results are for an older text of their snippet section" in page
    assert "1 results name sections that no longer exist; they are ignored." in page
    assert "abc1234 (uncommitted changes)" in page
    assert "Debian GNU/Linux 12 (bookworm)" in page
    assert "2026-11-21 10:04:05" in page
    assert "dash 0.5.12" in page and "ksh 93u+m/1.0.4" in page
    # Every section a mark can link to has a row on its OS's table.
    for target in evidence.command_targets():
        if target.startswith("activate/bash.sh"):
            assert soup.find(id=evidence.anchor("macos", target)) is not None
    assert soup.find(id=evidence.anchor("windows", "activate/bash.sh:activate")) is None
    assert soup.find(id=evidence.anchor("windows", "activate/cmd.bat:activate")) is not None


def render(page_markdown: str) -> str:
    """The generated Markdown as the site's extensions render it (tabs, raw HTML)."""
    return markdown.markdown(
        page_markdown,
        extensions=["md_in_html", "pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )


def test_missing_place_for_a_table_is_an_error_naming_page_and_os():
    got = results_of((runner(), [rec(ACTIVATE, "bash")]))
    html = render(proof_pages.results_markdown(got).replace("VG-RESULTS-TABLE-macos", "x"))
    soup = bs4.BeautifulSoup(html, "html.parser")
    with pytest.raises(ValueError, match=r"verified-on\.md: no place for the table of macOS"):
        proof_pages.fill_tables(got, soup)
    # The other OSes got their tables all the same, and no marker is left.
    assert soup.find(id=anchor_of(ACTIVATE)) is not None
    assert soup.find(id=evidence.anchor("windows", PS)) is not None
    assert "VG-RESULTS-TABLE-" not in str(soup)


def anchor_of(target: str) -> str:
    return evidence.anchor("linux", target)


def test_source_hash_follows_the_section_text(tmp_path: Path):
    snippets = tmp_path / "snippets"
    (snippets / "p").mkdir(parents=True)
    file = snippets / "p" / "bash.sh"
    file.write_text("# --8<-- [start:a]\necho one\n# --8<-- [end:a]\n", encoding="utf-8")
    first = evidence.source_hash("p/bash.sh:a", snippets)
    file.write_bytes(b"# --8<-- [start:a]\r\necho one\r\n# --8<-- [end:a]\r\n")
    assert evidence.source_hash("p/bash.sh:a", snippets) == first  # CRLF checkout: same text
    file.write_text("# --8<-- [start:a]\necho two\n# --8<-- [end:a]\n", encoding="utf-8")
    assert evidence.source_hash("p/bash.sh:a", snippets) != first


# ------------------------------------------------------------------------------ the real build


def build(tmp_path: Path, results_file: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != evidence.RESULTS_ENV}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if results_file is not None:
        env[evidence.RESULTS_ENV] = str(results_file)
    config, site = str(REPO_ROOT / "mkdocs.yml"), str(tmp_path / "site")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", site],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def marks_of(site: Path, page: str) -> list[tuple[Block, bs4.Tag | None]]:
    """Each block of a built page with the ``p.vg-mark`` right after it (or None)."""
    text = (site / page / "index.html").read_text(encoding="utf-8")
    soup = bs4.BeautifulSoup(text, "html.parser")
    divs = soup.find("article").select("div.highlight")
    found = read_blocks(text, f"{page}/")
    out = []
    for div, found_block in zip(divs, found, strict=True):
        after = div.find_next_sibling()
        is_mark = (
            after is not None and after.name == "p" and "vg-mark" in (after.get("class") or [])
        )
        out.append((found_block, after if is_mark else None))
    return out


def notes_of(site: Path, page: str) -> list[str]:
    """The texts of a built page's ``p.vg-note`` paragraphs."""
    text = (site / page / "index.html").read_text(encoding="utf-8")
    return [p.get_text() for p in bs4.BeautifulSoup(text, "html.parser").select("p.vg-note")]


def test_mkdocs_build_shows_the_marks_from_a_results_file(tmp_path: Path):
    records = [
        {k: v for k, v in rec(ACTIVATE, "bash", v).items() if k != "hash"} for v in ("3.11", "3.12")
    ]
    records.append(
        {k: v for k, v in rec(FISH, "fish", "3.12", "failed", "x").items() if k != "hash"}
    )
    out = tmp_path / "results" / "snippet-results.json"
    write_results(out, records, runner())  # the harness's writer, so both ends agree
    proc = build(tmp_path, out)
    assert proc.returncode == 0, proc.stderr
    assert "Verified on" not in proc.stderr  # no warning about the results
    site = tmp_path / "site"
    shown = {(b.sources, b.tabs): p for b, p in marks_of(site, "activate")}
    bash = shown[((ACTIVATE,), ("Linux", "bash"))]
    assert bash["data-vg-state"] == "passed"
    assert bash.a.get_text() == "\u2713Verified on Linux · bash · Python 3.11–3.12"  # noqa: RUF001
    assert bash.a["href"] == "../verified-on/#vg-linux-activate-bash-sh-activate"
    assert shown[((FISH,), ("Linux", "fish"))]["data-vg-state"] == "failed"
    assert shown[((ACTIVATE,), ("macOS", "bash"))] is None
    # Output blocks get no mark but for a message no test reproduces, which says so.
    for found_block, found_mark in marks_of(site, "activate"):
        if found_mark is not None and not marks.command_sources(found_block):
            assert found_mark.get_text().startswith("\u25cbNot reproduced: "), found_block
    (note,) = notes_of(site, "activate")
    assert note.startswith("Not run in this build: ") and "(Windows, macOS, Linux)" in note
    # The link's target exists on the Verified on page.
    page = bs4.BeautifulSoup(
        (site / "verified-on" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    row = page.find(id="vg-linux-activate-bash-sh-activate")
    assert row is not None and "passed: 3.11–3.12" in row.get_text()  # noqa: RUF001
    # Every mark of every page links to a row that exists.
    ids = {tag["id"] for tag in page.find_all(id=True)}
    tested = bs4.BeautifulSoup(
        (site / "tested" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    tested_ids = {tag["id"] for tag in tested.find_all(id=True)}
    for name in ("create", "activate", "install", "deactivate"):
        for found_block, found_mark in marks_of(site, name):
            if found_mark is not None and found_mark.a is not None:
                path, _, fragment = found_mark.a["href"].partition("#")
                known = tested_ids if path.endswith("tested/") else ids
                assert fragment in known, (found_block.where, found_mark)


def test_build_without_results_says_not_run_once_per_page(tmp_path: Path):
    """A fresh clone's build (no results file): every page with commands says "Not run in this
    build" once, under its title, and no command has a mark but the ones never run on purpose,
    which say why."""
    project = page_mod.copy_project(REPO_ROOT, tmp_path / "project")
    proc = page_mod.mkdocs_build(project, tmp_path / "site", "--strict")
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    pages = [p.parent for p in site.rglob("index.html")]
    checked = 0
    for folder in pages:
        name = folder.relative_to(site).as_posix()
        if name.startswith(("assets", "search")) or name == "verified-on":
            continue
        found = marks_of(site, name)
        commands = [b for b, _ in found if marks.command_sources(b)]
        notes = notes_of(site, name)
        for found_block, found_mark in found:
            if found_mark is not None:
                assert found_mark.get_text().startswith(
                    ("\u25cbNot run: ", "\u25cbNot reproduced: ")
                ), (
                    found_block.where,
                    found_mark.get_text(),
                )
        if commands and any(
            not set(marks.command_sources(b)) <= set(marks.NOT_RUN) for b in commands
        ):
            assert len(notes) == 1, (name, notes)
            checked += 1
        else:
            assert not notes, (name, notes)
    assert checked >= 5, f"only {checked} pages with commands"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "not valid JSON"),
        (json.dumps({"format": "venv-guide/snippet-results/1"}), "format is"),
        (None, "cannot read"),
    ],
)
def test_bad_results_file_is_a_warning_naming_the_file(tmp_path: Path, content, message):
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    proc = build(tmp_path, bad)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "Verified on" in line]
    assert len(warnings) == 1, proc.stderr
    assert warnings[0].startswith("WARNING")
    assert f"{bad}: " in warnings[0] and message in warnings[0]
    assert all(mark is None for _, mark in marks_of(tmp_path / "site", "install"))
    assert notes_of(tmp_path / "site", "install") == [
        "Not run in this build: no command on this page shows where it was verified. "
        "How this guide is tested"
    ]
    page = (tmp_path / "site" / "verified-on" / "index.html").read_text(encoding="utf-8")
    assert "could not be read" in page


# -------------------------------------------------------------------------- the harness's end


def test_write_results_records_hashes_and_a_valid_runner(tmp_path: Path):
    out = tmp_path / "r.json"
    write_results(out, [{k: v for k, v in rec(ACTIVATE, "bash").items() if k != "hash"}])
    doc = results.load_results(out)
    (record,) = doc["records"]
    assert record["hash"] == evidence.source_hash(ACTIVATE)
    assert doc["runner"]["os_version"]
    assert doc["runner"]["date"].endswith("Z")


def test_default_results_file_is_kept_when_a_run_records_nothing(tmp_path: Path):
    out = tmp_path / "results" / "snippet-results.json"
    SnippetResults(out, keep_empty=False).pytest_sessionfinish(None)  # type: ignore[arg-type]
    assert not out.exists()
    SnippetResults(out, keep_empty=True).pytest_sessionfinish(None)  # type: ignore[arg-type]
    assert results.load_results(out)["records"] == []
