"""The site builds strictly, the build enforces the page rules, and the built HTML is clean.

The page rules run inside the build (venv_guide/hook.py calls venv_guide/rules.py), so these
tests build: the real site with ``--strict``, and a small broken project whose build must warn,
naming the page and line (or page and tab) of every broken rule. Snippet file headers and the
built HTML's resources and anchors are checked with tests/site_checks.py.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from tests import site_checks as sc
from tests.harness import changes, page
from venv_guide import assets, blocks, rules
from venv_guide.platforms import OS_LABELS

CONFIG = sc.ROOT / "mkdocs.yml"
#: The checks of the built site read every page; those of the rules on projects made here read
#: only the build (under pytest --changed: tests/harness/changes.py).
pytestmark = changes.reads(changes.site_reads)


def fail_on(errors: list[str]) -> None:
    if errors:
        pytest.fail("\n".join(errors), pytrace=False)


def write(base: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return base


def warnings_of(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        line.split("-", 1)[1].strip()
        for line in (run.stdout + run.stderr).splitlines()
        if line.startswith("WARNING")
    ]


# --- the build enforces the page rules --------------------------------------------------------


@pytest.fixture(scope="module")
def site_blocks(site: Path) -> page.BuiltSite:
    """The code blocks of every page of :func:`site`, read once for this module."""
    return page.BuiltSite(site)


def test_strict_build_records_every_block(site_blocks: page.BuiltSite) -> None:
    """The real site passes every page rule, and every code block carries its record."""
    found = [b for blocks_ in site_blocks.pages.values() for b in blocks_]
    assert len(found) > 100, f"only {len(found)} code blocks in the built site"
    unrecorded = [b.where for b in found if not b.sources]
    assert not unrecorded, f"blocks without data-vg-source: {unrecorded}"
    tabbed = [b for b in found if b.tabs]
    assert tabbed and all(b.tab_id.startswith(b.heading) for b in tabbed)


BROKEN_PAGES = {
    "snippets/x/bash.sh": """
        # bash snippets for the page-rule test.
        # --8<-- [start:ok]
        echo ok
        # --8<-- [end:ok]
        # --8<-- [start:prompt]
        $ echo prompt
        # --8<-- [end:prompt]
        # --8<-- [start:unshown]
        echo never shown
        # --8<-- [end:unshown]
        """,
    "snippets/x/fish.fish": "# fish snippets.\n# --8<-- [start:ok]\necho ok\n# --8<-- [end:ok]\n",
    "snippets/x/output/out.txt": "ok\n",
    "docs/index.md": """
        # Broken on purpose

        ## Inline

        ```sh
        echo typed inline
        ```

        ## Trailing space

        ```sh
        --8<-- "x/bash.sh:ok"\x20
        ```

        ## Output copyable

        ```text
        --8<-- "x/output/out.txt"
        ```

        ## Prompt

        ```sh
        --8<-- "x/bash.sh:prompt"
        ```

        ## Tabs

        === "Linux"

            === "PowerShell"

                ```sh
                --8<-- "x/bash.sh:ok"
                ```

            === "fish"

                ```sh
                --8<-- "x/bash.sh:ok"
                ```

        === "Plan 9"

            ```sh
            --8<-- "x/fish.fish:ok"
            ```

        ## Words

        Our tests run this page with pytest.
        """,
}

EXPECTED_WARNINGS = [
    "index.md:6: code block holds 'echo typed inline'",
    "index.md:12: '--8<-- \"x/bash.sh:ok\"' is not an include pymdownx.snippets reads",
    "index.md: the built page shows the raw include '--8<-- \"x/bash.sh:ok\"'",
    "index.md:18: expected output snippets/x/output/out.txt is in a copyable block",
    "snippets/x/bash.sh:6: starts with the prompt '$ '",
    "tab 'PowerShell' inside 'Linux' is a shell of another OS",
    "tab / #tabs-linux-fish (Linux > fish) shows snippets/x/bash.sh:ok, which is not a "
    "fish snippet",
    "tab label 'Plan 9' is not an OS label",
    "index.md #tabs: per-shell step lacks a command in Windows > PowerShell",
    "snippets/x/bash.sh:9: section 'unshown' is not shown on any page",
    "index.md:51: a reader's page speaks of the tests: 'pytest' (pytest), 'Our tests' (our tests)",
    # The broken project has no docs/stylesheets/ or docs/javascripts/.
    "mkdocs.yml: extra_css/extra_javascript names stylesheets/extra.css, which is not in docs/",
]


@changes.reads(changes.HARNESS)
def test_page_rules_fail_the_build(tmp_path: Path) -> None:
    """A project breaking each rule once builds with one warning per break; --strict fails."""
    project = page.copy_project(sc.ROOT, tmp_path / "project")
    for name in ("docs", "snippets"):
        for path in sorted((project / name).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    write(project, BROKEN_PAGES)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^nav:\n.*?\n\n", "nav:\n  - Broken: index.md\n\n", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    run = page.mkdocs_build(project, tmp_path / "site")
    found = "\n".join(warnings_of(run))
    missing = [w for w in EXPECTED_WARNINGS if w not in found]
    assert not missing, f"missing warnings {missing} in:\n{found}"
    strict = page.mkdocs_build(project, tmp_path / "strict", "--strict")
    assert strict.returncode != 0, "mkdocs build --strict passed a broken page"


@changes.reads(changes.HARNESS)
def test_include_rules_name_the_line(tmp_path: Path) -> None:
    """A missing section (pymdownx.snippets then aborts the build) is reported with its line."""
    write(tmp_path, {"x/bash.sh": "# h\n# --8<-- [start:ok]\necho\n# --8<-- [end:ok]\n"})
    markdown = '# T\n\n```sh\n--8<-- "x/bash.sh:nope"\n```\n\n```sh\n--8<-- "x/none.sh:a"\n```\n'
    assert rules.check_markdown(markdown, "t.md", tmp_path) == [
        "t.md:4: snippets/x/bash.sh has no section 'nope' (has: ok)",
        "t.md:8: includes 'x/none.sh', which is not a file in snippets/",
    ]


@changes.reads(changes.HARNESS)
def test_rules_read_the_rendered_tabs() -> None:
    """check_page judges the tab path the reader sees (here a cmd tab showing a bash snippet)."""
    html = blocks.annotate_html(
        '<h2 id="go">Go</h2><div class="tabbed-set"><input id="__tabbed_1_1">'
        '<div class="tabbed-labels"><label for="__tabbed_1_1">Windows</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block"><div class="tabbed-set">'
        '<input id="__tabbed_2_1"><div class="tabbed-labels"><label for="__tabbed_2_1">cmd'
        '</label></div><div class="tabbed-content"><div class="tabbed-block">'
        '<div class="highlight" data-vg-source="activate/bash.sh:activate" data-vg-line="9">'
        "<pre><code>source .venv/bin/activate</code></pre>" + "</div>" * 7
    )
    found = blocks.read_blocks(html, "go/")
    assert [b.tab_id for b in found] == ["go-windows-cmd"]
    problems = rules.check_page(html, found, "go.md")
    assert problems == [
        "go.md:9: tab go/ #go-windows-cmd (Windows > cmd) shows snippets/activate/bash.sh:activate,"
        " which is not a cmd snippet (allowed: any, cmd, windows)"
    ], problems


# --- snippet files ---------------------------------------------------------------------------


def test_snippet_files_line_endings_and_headers() -> None:
    fail_on(sc.check_snippet_files(sc.SNIPPETS))


@changes.reads(changes.HARNESS)
def test_snippet_file_checker_on_bad_input(tmp_path: Path) -> None:
    snippets = write(
        tmp_path,
        {
            "a/bash.sh": "echo no header\n",
            "a/sh.sh": "# header\n# shellcheck shell=bash\necho\n",
            "a/cmd.bat": b"REM header\necho lf\n",
        },
    )
    text = "\n".join(sc.check_snippet_files(snippets))
    assert "a/bash.sh:1: the first line must be a comment" in text, text
    assert "a/sh.sh:2: the second line must be '# shellcheck shell=sh'" in text, text
    assert "a/cmd.bat:1:" in text, text


# --- built HTML ------------------------------------------------------------------------------


def mkdocs_config() -> dict:
    """mkdocs.yml as MkDocs reads it (its loader resolves `!ENV` to the default here)."""
    return yaml_load(CONFIG.read_text(encoding="utf-8"))


def test_built_site_loads_nothing_from_other_hosts(site: Path) -> None:
    fail_on(sc.check_foreign_resources(site, mkdocs_config().get("site_url", "")))


@changes.reads(changes.HARNESS)
def test_foreign_resource_checker_on_bad_input(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": """
            <html><head>
            <link rel="canonical" href="https://venv-guide.github.io/venv-guide/">
            <link rel="stylesheet" href="assets/main.css">
            <link rel="preconnect" href="https://fonts.gstatic.com">
            <script src="//cdn.example.org/x.js"></script>
            <style>@import "https://fonts.googleapis.com/css?family=Roboto";</style>
            </head><body>
            <img src="data:image/png;base64,AA"> <img srcset="a.png 1x, https://i.example/b.png 2x">
            <a href="https://example.org/">a link is not a load</a>
            </body></html>
            """,
            "assets/main.css": 'a{}\n.x{background:url("https://example.org/bg.png")}\n'
            ".y{background:url(data:image/svg+xml;utf8,<svg/>)}\n",
        },
    )
    errors = sc.check_foreign_resources(site, "https://venv-guide.github.io/venv-guide/")
    text = "\n".join(errors)
    for needle in (
        'index.html:4: <link rel="preconnect" href>',
        "index.html:5: <script src>",
        "index.html:6: <style>",
        "index.html:8: <img srcset>",
        'assets/main.css:2: url("https://example.org/bg.png")',
    ):
        assert needle in text, text
    assert len(errors) == 5, errors


def test_anchors_the_readme_and_home_page_show_exist(site: Path) -> None:
    """Every `PAGE/#ANCHOR` the README and the pages hand out is an id of the built page."""
    fail_on(sc.check_anchor_examples(sc.DOCS, site, [sc.ROOT / "README.md"]))


@changes.reads(changes.HARNESS)
def test_anchor_checker_on_bad_input(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site",
        {"activate/index.html": '<h2 id="activate"></h2><input id="activate-linux-fish">'},
    )
    docs = write(
        tmp_path / "docs",
        {
            "index.md": (
                "Use `activate/#activate-linux-fish`.\n"
                "Not `activate/#activate-fish` nor `nowhere/#x`.\n"
            )
        },
    )
    errors = sc.check_anchor_examples(docs, site)
    assert [e.split(" ")[0] for e in errors] == ["index.md:2:", "index.md:2:"], errors


def test_own_css_and_js_are_minified_in_the_site(site: Path) -> None:
    """The site serves our stylesheets and scripts minified (venv_guide/assets.py): exactly what
    rcssmin/rjsmin make of the sources in docs/, which keep their comments."""
    with CONFIG.open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    paths = [str(p) for p in config.get("extra_css", []) + config.get("extra_javascript", [])]
    assert paths, "mkdocs.yml names no extra_css or extra_javascript"
    for path in paths:
        source = (sc.ROOT / "docs" / path).read_text(encoding="utf-8")
        built = (site / path).read_text(encoding="utf-8")
        minify = assets.MINIFIERS[Path(path).suffix]
        assert built == minify(source), f"site/{path} is not docs/{path} minified"
        assert len(built) < len(source), f"site/{path} is no smaller than docs/{path}"


def test_every_page_is_minified(site: Path) -> None:
    """Every built page, 404.html included, is what minify_page makes of it (the hook ran it:
    minifying again changes nothing) and has no blank line left by the theme's templates."""
    pages = sorted(site.rglob("*.html"))
    assert (site / "404.html") in pages and len(pages) >= 8
    for html in pages:
        text = html.read_text(encoding="utf-8")
        rel = html.relative_to(site).as_posix()
        assert assets.minify_page(text) == text, f"{rel} is not minified"
        soup = blocks.parse(text)
        for kept in soup.find_all(["pre", "textarea"]):
            kept.decompose()
        assert "\n\n" not in str(soup), f"{rel} has blank lines outside <pre>"


@changes.reads(changes.HARNESS)
def test_minify_page_keeps_what_the_reader_sees_and_copies() -> None:
    """Code keeps its lines and indentation, words and inline elements keep the space between
    them, and every closing tag stays (BeautifulSoup's html.parser, which reads built pages in
    venv_guide/blocks.py, does not close elements as a browser does)."""
    page_html = textwrap.dedent(
        """\
        <!doctype html>
        <html lang="en">
          <head>
            <title>t</title>
          </head>
          <body>
            <p>Run  <code>python3 -m venv .venv</code> <a href="x/">then</a>   activate.</p>
            <ul>
              <li>one</li>
              <li>two</li>
            </ul>
            CODE
          </body>
        </html>
        """
    ).replace(
        "CODE",
        '<div class="highlight"><pre><code>'
        'if true; then\n    echo "a  b"\n\nfi\n'
        "</code></pre></div>",
    )
    small = assets.minify_page(page_html)
    soup = blocks.parse(small)
    assert len(small) < len(page_html)
    assert soup.find("code").get_text() == "python3 -m venv .venv"
    assert soup.find("p").get_text() == "Run python3 -m venv .venv then activate."
    assert soup.find("pre").get_text() == 'if true; then\n    echo "a  b"\n\nfi\n'
    for tag in ("</p>", "</li>", "</ul>", "</body>", "</html>", "<head>"):
        assert small.count(tag) == page_html.count(tag), tag


def test_no_page_loads_materials_palette_stylesheet(site: Path) -> None:
    """Every page, 404.html included, links the theme's main stylesheet and ours but not
    Material's palette stylesheet (venv_guide/assets.py); the dark scheme it held is in
    extra.css, so a dark page still gets its colours from a stylesheet it loads."""
    stylesheets = []
    for html in sorted(site.rglob("*.html")):
        soup = blocks.parse(html.read_text(encoding="utf-8"))
        links = [link["href"] for link in soup.select("link[rel~=stylesheet][href]")]
        if not links:
            continue
        stylesheets.append(html)
        rel = html.relative_to(site).as_posix()
        assert not [h for h in links if "/palette." in h], f"{rel} links {links}"
        assert any("/main." in h for h in links) and any(h.endswith("extra.css") for h in links)
    assert (site / "404.html") in stylesheets and len(stylesheets) >= 8
    extra = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    slate = re.search(r"\[data-md-color-scheme=slate\]\{([^}]*)\}", extra)
    assert slate and "color-scheme:dark" in slate.group(1), "extra.css has no dark scheme"
    assert "--md-default-bg-color:" in slate.group(1), "extra.css: the dark scheme has no colours"


def test_verified_on_page_has_a_table_in_each_os_tab(site: Path) -> None:
    """The built Verified on page: one results table in the content tab of each OS, in the
    order of the vocabulary, and nothing left of the markers the tables replace."""
    html = (site / "verified-on" / "index.html").read_text(encoding="utf-8")
    assert "VG-RESULTS-TABLE-" not in html
    soup = blocks.parse(html)
    heading = soup.find(id="results-by-os")
    assert heading is not None, "no 'Results by OS' heading"
    tab_set = heading.find_next(class_="tabbed-set")
    labels = [label.get_text(strip=True) for label in tab_set.select(".tabbed-labels > label")]
    assert labels == list(OS_LABELS.values())
    tables = tab_set.select(".tabbed-content > .tabbed-block")
    for (os_key, label), block in zip(OS_LABELS.items(), tables, strict=True):
        rows = block.select("table tbody tr[id]")
        assert rows, f"the {label} tab holds no results table"
        assert all(row["id"].startswith(f"vg-{os_key}-") for row in rows), label


def test_no_copyable_block_names_a_python_version_package(site_blocks: page.BuiltSite) -> None:
    """No command a reader copies installs ``python3.X-venv`` (or ``-pip``, ``-full``): Debian
    and Ubuntu releases differ in X, so only the unversioned package works everywhere."""
    pinned = re.compile(r"\bpython3\.\d+-(?:venv|pip|full|dev)\b")
    found = []
    for _url, found_blocks in site_blocks.pages.items():
        for block in found_blocks:
            if block.copyable and pinned.search(block.text):
                found.append(f"{block.where}: {block.text!r}")
    assert not found, found
