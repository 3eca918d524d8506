"""The "Verified on" lines and page (venv_guide/verified.py, venv_guide/hook.py), on small
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
from venv_guide import results, verified, vocabulary
from venv_guide.blocks import Block, read_blocks
from venv_guide.snippets import REPO_ROOT, SNIPPETS_DIR

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
        "hash": digest or verified.source_hash(section),
    }


def results_of(*runs: tuple[dict, list[dict]]) -> verified.Verified:
    """A build's results from per-runner (runner, records) pairs, merged as CI merges them."""
    docs = [
        (f"run-{i}.json", {"format": results.INPUT_FORMAT, "runner": r, "records": records})
        for i, (r, records) in enumerate(runs)
    ]
    merged = results.merge((name, results.validate_results(d, name)) for name, d in docs)
    return verified.Verified(merged, SNIPPETS_DIR, BUILD, source="verified-on.json")


def block(sources, tabs=(), copyable=True) -> Block:
    return Block("activate/", tuple(sources), 1, tuple(tabs), "", "activate", copyable, "")


def test_passed_tab_line_names_os_shell_versions_pythons_and_date():
    got = results_of(
        (runner(), [rec(ACTIVATE, "bash", v) for v in ("3.10", "3.11", "3.12", "3.13", "3.14")])
    )
    line = got.line(block([ACTIVATE], ("Linux", "bash")))
    assert line == verified.Line(
        "passed",
        "Verified on Linux · bash 5.2 · Python 3.10–3.14 · 2026-11-21",  # noqa: RUF001
        "vg-linux-activate-bash-sh-activate",
    )
    assert line.html("../verified-on/") == (
        '<p class="vg-verified" data-vg-state="passed">'
        '<a href="../verified-on/#vg-linux-activate-bash-sh-activate">'
        "Verified on Linux · bash 5.2 · Python 3.10–3.14 · 2026-11-21</a></p>"  # noqa: RUF001
    )


def test_results_of_another_commit_are_used_and_the_commit_is_named():
    got = results_of((runner(commit=OLD), [rec(ACTIVATE, "bash")]))
    line = got.line(block([ACTIVATE], ("Linux", "bash")))
    assert line.state == "passed"
    assert line.text == (
        "Verified on Linux · bash 5.2 · Python 3.12 · 2026-11-21 · tested at commit abc1234"
    )
    dirty = results_of((runner(dirty=True), [rec(ACTIVATE, "bash")]))
    assert dirty.line(block([ACTIVATE], ("Linux", "bash"))).text.endswith(
        f"tested at commit {BUILD[:7]} with uncommitted changes"
    )


def test_failed_line_names_where_it_failed():
    got = results_of(
        (
            runner(),
            [
                rec(FISH, "fish", "3.11"),
                rec(FISH, "fish", "3.12", "failed", "activate/fish.fish:3: exit 1"),
            ],
        )
    )
    line = got.line(block([FISH], ("Linux", "fish")))
    assert line.state == "failed"
    assert line.text == "Failed on Linux · fish 3.6 · Python 3.12 — see Verified on"


def test_skipped_line_gives_the_reason():
    reason = "fish is not installed here (apt-get install fish); CI installs it"
    got = results_of(
        (runner(), [rec(FISH, "fish", v, "skipped", reason) for v in ("3.11", "3.12")])
    )
    line = got.line(block([FISH], ("Linux", "fish")))
    assert line.state == "skipped"
    assert line.text == f"Not verified: skipped on Linux · fish: {reason}"


def test_not_run_when_no_result_for_that_os_or_shell():
    # Results for Linux only: the macOS tab of the same section was not run in this build.
    got = results_of((runner(), [rec(FISH, "fish")]))
    line = got.line(block([FISH], ("macOS", "fish")))
    assert line == verified.Line(
        "not-run", "Not run in this build (macOS · fish)", "vg-macos-activate-fish-fish-activate"
    )
    nothing = verified.Verified(None, SNIPPETS_DIR, BUILD)
    assert nothing.line(block([FISH], ("Linux", "fish"))) == verified.Line(
        "not-run", "Not run in this build (Linux · fish)", ""
    )
    assert nothing.line(block([PIP])).text == "Not run in this build"
    # Without a result the link goes to the first OS whose table lists the section.
    delete = "deactivate/unix.sh:delete"
    assert got.line(block([delete])).anchor == "vg-macos-deactivate-unix-sh-delete"


def test_stale_when_the_section_changed_since_the_tests():
    got = results_of((runner(commit=OLD), [rec(ACTIVATE, "bash", digest="0" * 64)]))
    line = got.line(block([ACTIVATE], ("Linux", "bash")))
    assert line.state == "stale"
    assert line.text == (
        "Stale: results are from commit abc1234, this snippet changed since (Linux · bash)"
    )


def test_fresh_results_win_over_stale_ones():
    got = results_of(
        (runner(commit=OLD), [rec(ACTIVATE, "bash", "3.11", "failed", "x", digest="0" * 64)]),
        (runner(), [rec(ACTIVATE, "bash", "3.12")]),
    )
    assert got.line(block([ACTIVATE], ("Linux", "bash"))).state == "passed"


def test_sh_dash_tab_lists_every_shell_that_runs_it():
    got = results_of((runner(), [rec(SH, key) for key in ("sh", "ksh", "mksh")]))
    line = got.line(block([SH], ("Linux", "sh (dash)")))
    assert line.state == "passed"
    assert line.text == (
        "Verified on Linux · dash 0.5, ksh 93u+m, mksh R59 · Python 3.12 · 2026-11-21"
    )


def test_tab_line_says_which_of_its_shells_did_not_pass():
    got = results_of(
        (runner(), [rec(SH, "sh"), rec(SH, "ksh", outcome="skipped", reason="no ksh")])
    )
    line = got.line(block([SH], ("Linux", "sh (dash)")))
    assert line.state == "passed"
    assert line.text == (
        "Verified on Linux · dash 0.5 · Python 3.12 · 2026-11-21 · not verified in ksh, mksh"
    )


def test_shell_tab_counts_only_its_own_shells():
    # An OS-level snippet (unix.sh) in a shell tab: every shell runs it, the tab names its own.
    create = "create/unix.sh:create"
    got = results_of(
        (runner(), [rec(create, "bash"), rec(create, "fish", "3.11"), rec(create, "zsh")])
    )
    assert got.line(block([create], ("Linux", "fish"))).text == (
        "Verified on Linux · fish 3.6 · Python 3.11 · 2026-11-21"
    )


def test_powershell_tab_is_run_by_windows_powershell_and_pwsh():
    shells = {
        "powershell": {"name": "powershell", "version": "5.1.20348.2340"},
        "pwsh": {"name": "pwsh", "version": "7.4.6"},
    }
    got = results_of(
        (
            runner("windows", shells),
            [rec(PS, "powershell", os_key="windows"), rec(PS, "pwsh", os_key="windows")],
        )
    )
    line = got.line(block([PS], ("Windows", "PowerShell")))
    assert line.text == (
        "Verified on Windows · powershell 5.1, pwsh 7.4 · Python 3.12 · 2026-11-21"
    )


def test_block_outside_tabs_is_summarised_over_oses_and_shells():
    mac = {"zsh": {"name": "zsh", "version": "5.9"}}
    got = results_of(
        (runner(), [rec(PIP, k, v) for k in ("bash", "zsh", "sh") for v in ("3.10", "3.11")]),
        (runner("macos", mac, date="2026-11-22T00:00:00Z"), [rec(PIP, "zsh", os_key="macos")]),
        # A Windows shell skipped on the Linux runner is not a Linux shell that passed.
        (runner(), [rec(PIP, "cmd", outcome="skipped", reason="cmd runs on Windows only")]),
    )
    line = got.line(block([PIP]))
    assert line.state == "passed"
    # A failure outside tabs names each shell it failed in.
    failed = results_of(
        (
            runner(),
            [
                rec(PIP, "bash"),
                *(rec(PIP, k, outcome="failed", reason="x") for k in ("zsh", "fish")),
            ],
        )
    )
    assert failed.line(block([PIP])).text == (
        "Failed on Linux · zsh 5.9, fish 3.6 · Python 3.12 — see Verified on"
    )
    assert line.text == "Verified on macOS, Linux · 3 shells · Python 3.10–3.12 · 2026-11-22"  # noqa: RUF001
    assert line.anchor == "vg-macos-install-any-sh-install"


def test_windows_shells_skipped_on_linux_say_nothing_about_linux():
    policy = "activate/powershell.ps1:policy-process"
    reason = "pwsh runs on Windows only"
    got = results_of((runner(), [rec(policy, "pwsh", outcome="skipped", reason=reason)]))
    assert got.line(block([policy])) == verified.Line(
        "not-run", "Not run in this build", "vg-windows-activate-powershell-ps1-policy-process"
    )


def test_python_snippet_line_names_no_shell():
    got = results_of((runner(), [rec(PY, "python", v) for v in ("3.11", "3.12")]))
    assert got.line(block([PY])).text == "Verified on Linux · Python 3.11–3.12 · 2026-11-21"  # noqa: RUF001


def test_output_and_no_copy_blocks_get_no_line():
    got = results_of((runner(), [rec(ACTIVATE, "bash")]))
    assert got.line(block(["activate/output/which-linux.txt"], ("Linux", "bash"), False)) is None
    assert got.line(block([ACTIVATE], ("Linux", "bash"), copyable=False)) is None
    assert got.line(block([], ("Linux", "bash"))) is None


def test_page_without_results_says_how_to_make_them():
    text = verified.Verified(None, SNIPPETS_DIR, source="results/snippet-results.json")
    page = text.page_markdown()
    assert "This build found no test results (no file `results/snippet-results.json`)." in page
    assert "run `make test`" in page
    assert "<table>" not in page
    bad = verified.Verified(None, SNIPPETS_DIR, source="r.json", error="r.json: not valid JSON")
    assert "The results file `r.json` could not be read: r.json: not valid JSON" in (
        bad.page_markdown()
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
    page = got.page_markdown()
    soup = bs4.BeautifulSoup(got.fill_tables(render(page)), "html.parser")
    row = soup.find(id="vg-linux-activate-bash-sh-activate")
    # Each OS's table is in the content tab of that OS.
    for os_key, label in vocabulary.OS_KEYS.items():
        row_of_os = soup.find(id=verified.anchor(os_key, PS if os_key == "windows" else ACTIVATE))
        block = row_of_os.find_parent(class_="tabbed-block")
        blocks = block.parent.find_all(class_="tabbed-block", recursive=False)
        labels = block.find_parent(class_="tabbed-set").select(".tabbed-labels > label")
        assert labels[blocks.index(block)].get_text() == label
    cells = [td.get_text() for td in row.find_all("td")]
    header = [th.get_text() for th in row.find_parent("table").find_all("th")]
    by_column = dict(zip(header, cells, strict=True))
    assert by_column["Section"] == ACTIVATE
    assert by_column["bash"] == "failed 3.12; passed 3.10–3.11"  # noqa: RUF001
    assert by_column["zsh"] == ""  # a bash snippet is not run by zsh
    fish = dict(
        zip(
            header,
            [td.get_text() for td in soup.find(id=anchor_of(FISH)).find_all("td")],
            strict=True,
        )
    )
    assert fish["fish"] == "skipped 3.12: no <fish> | here"
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
    # Every section a line can link to has a row on its OS's table.
    for target in verified.command_targets():
        if target.startswith("activate/bash.sh"):
            assert soup.find(id=verified.anchor("macos", target)) is not None
    assert soup.find(id=verified.anchor("windows", "activate/bash.sh:activate")) is None
    assert soup.find(id=verified.anchor("windows", "activate/cmd.bat:activate")) is not None


def render(page_markdown: str) -> str:
    """The generated Markdown as the site's extensions render it (tabs, raw HTML)."""
    return markdown.markdown(
        page_markdown,
        extensions=["md_in_html", "pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )


def test_missing_place_for_a_table_is_an_error_naming_page_and_os():
    got = results_of((runner(), [rec(ACTIVATE, "bash")]))
    html = render(got.page_markdown().replace("VG-RESULTS-TABLE-macos", "something else"))
    soup = bs4.BeautifulSoup(html, "html.parser")
    with pytest.raises(ValueError, match=r"verified-on\.md: no place for the table of macOS"):
        got.fill_tables(soup)
    # The other OSes got their tables all the same, and no marker is left.
    assert soup.find(id=anchor_of(ACTIVATE)) is not None
    assert soup.find(id=verified.anchor("windows", PS)) is not None
    assert "VG-RESULTS-TABLE-" not in str(soup)


def anchor_of(target: str) -> str:
    return verified.anchor("linux", target)


def test_source_hash_follows_the_section_text(tmp_path: Path):
    snippets = tmp_path / "snippets"
    (snippets / "p").mkdir(parents=True)
    file = snippets / "p" / "bash.sh"
    file.write_text("# --8<-- [start:a]\necho one\n# --8<-- [end:a]\n", encoding="utf-8")
    first = verified.source_hash("p/bash.sh:a", snippets)
    file.write_bytes(b"# --8<-- [start:a]\r\necho one\r\n# --8<-- [end:a]\r\n")
    assert verified.source_hash("p/bash.sh:a", snippets) == first  # CRLF checkout: same text
    file.write_text("# --8<-- [start:a]\necho two\n# --8<-- [end:a]\n", encoding="utf-8")
    assert verified.source_hash("p/bash.sh:a", snippets) != first


# ------------------------------------------------------------------------------ the real build


def build(tmp_path: Path, results_file: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != verified.RESULTS_ENV}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if results_file is not None:
        env[verified.RESULTS_ENV] = str(results_file)
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


def lines_of(site: Path, page: str) -> list[tuple[Block, bs4.Tag | None]]:
    """Each block of a built page with the ``p.vg-verified`` right after it (or None)."""
    text = (site / page / "index.html").read_text(encoding="utf-8")
    soup = bs4.BeautifulSoup(text, "html.parser")
    divs = soup.find("article").select("div.highlight")
    found = read_blocks(text, f"{page}/")
    out = []
    for div, found_block in zip(divs, found, strict=True):
        after = div.find_next_sibling()
        out.append(
            (
                found_block,
                after
                if after is not None
                and after.name == "p"
                and "vg-verified" in (after.get("class") or [])
                else None,
            )
        )
    return out


def test_mkdocs_build_shows_the_lines_from_a_results_file(tmp_path: Path):
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
    shown = {(b.sources, b.tabs): p for b, p in lines_of(site, "activate")}
    bash = shown[((ACTIVATE,), ("Linux", "bash"))]
    assert bash["data-vg-state"] == "passed"
    # The results name a commit that is not the one built: the line says which.
    assert bash.a.get_text() == (
        "Verified on Linux · bash 5.2 · Python 3.11–3.12 · 2026-11-21 · tested at commit 2222222"  # noqa: RUF001
    )
    assert bash.a["href"] == "../verified-on/#vg-linux-activate-bash-sh-activate"
    assert shown[((FISH,), ("Linux", "fish"))]["data-vg-state"] == "failed"
    assert shown[((ACTIVATE,), ("macOS", "bash"))].a.get_text() == (
        "Not run in this build (macOS · bash)"
    )
    # Output blocks get no line; every copyable command block gets exactly one.
    for found_block, line in lines_of(site, "activate"):
        assert (line is not None) == bool(verified.command_sources(found_block)), found_block
    # The link's target exists on the Verified on page.
    page = bs4.BeautifulSoup(
        (site / "verified-on" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    row = page.find(id="vg-linux-activate-bash-sh-activate")
    assert row is not None and "passed 3.11–3.12" in row.get_text()  # noqa: RUF001
    # Every line of every page links to a row that exists.
    ids = {tag["id"] for tag in page.find_all(id=True)}
    for name in ("create", "activate", "install", "deactivate"):
        for found_block, line in lines_of(site, name):
            if line is not None:
                assert line.a["href"].partition("#")[2] in ids, (found_block.where, line)


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
    (_, line), *_ = [item for item in lines_of(tmp_path / "site", "install") if item[1] is not None]
    assert line["data-vg-state"] == "not-run"
    page = (tmp_path / "site" / "verified-on" / "index.html").read_text(encoding="utf-8")
    assert "could not be read" in page


# -------------------------------------------------------------------------- the harness's end


def test_write_results_records_hashes_and_a_valid_runner(tmp_path: Path):
    out = tmp_path / "r.json"
    write_results(out, [{k: v for k, v in rec(ACTIVATE, "bash").items() if k != "hash"}])
    doc = results.load_results(out)
    (record,) = doc["records"]
    assert record["hash"] == verified.source_hash(ACTIVATE)
    assert doc["runner"]["os_version"]
    assert doc["runner"]["date"].endswith("Z")


def test_default_results_file_is_kept_when_a_run_records_nothing(tmp_path: Path):
    out = tmp_path / "results" / "snippet-results.json"
    SnippetResults(out, keep_empty=False).pytest_sessionfinish(None)  # type: ignore[arg-type]
    assert not out.exists()
    SnippetResults(out, keep_empty=True).pytest_sessionfinish(None)  # type: ignore[arg-type]
    assert results.load_results(out)["records"] == []
