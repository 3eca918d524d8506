"""The site builds strictly, and its pages, snippets and HTML follow CONTRIBUTING.md.

Each rule is a function in tests/site_checks.py; the tests below run it on the real site and on a
small bad example, so that a broken checker can't pass silently. Failures list `FILE:LINE: ...`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from tests import site_checks as sc

CONFIG = sc.ROOT / "mkdocs.yml"


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


def mkdocs_config() -> dict:
    """mkdocs.yml as MkDocs reads it (its loader resolves `!ENV` to the default here)."""
    return yaml_load(CONFIG.read_text(encoding="utf-8"))


# --- build ---------------------------------------------------------------------------------


def test_build_strict_builds_every_nav_page(site: Path) -> None:
    pages = list(sc.iter_nav_pages(mkdocs_config().get("nav")))
    assert pages, "mkdocs.yml has no nav"
    missing = [
        f"mkdocs.yml: nav page {md} was not built as {sc.built_path(md)}"
        for md in pages
        if not (site / sc.built_path(md)).is_file()
    ]
    fail_on(missing)


def test_nav_page_helpers() -> None:
    nav = [
        {"Home": "index.md"},
        {"Guide": [{"A": "a.md"}, "sub/index.md"]},
        {"Ext": "https://example.org/x.md"},
    ]
    assert list(sc.iter_nav_pages(nav)) == ["index.md", "a.md", "sub/index.md"]
    assert [sc.built_path(p) for p in ("index.md", "a.md", "sub/index.md")] == [
        "index.html",
        "a/index.html",
        "sub/index.html",
    ]


# --- code blocks hold only includes ------------------------------------------------------------


def test_code_blocks_hold_only_includes() -> None:
    fail_on(sc.check_fences(sc.DOCS))


def test_fence_checker_names_page_and_line(tmp_path: Path) -> None:
    docs = write(
        tmp_path,
        {
            "page.md": """
        # Title

        ```bash
        --8<-- "activate/bash.sh:activate"
        source .venv/bin/activate
        ```

        === "Linux"

            ``` { .text .no-copy title="Output" }
            --8<-- "activate/output/which-linux.txt"
            ```

        ````
        ````
        """
        },
    )
    errors = sc.check_fences(docs)
    assert any(e.startswith("page.md:5:") and "source .venv" in e for e in errors), errors
    assert any(e.startswith("page.md:14:") and "empty" in e for e in errors), errors
    assert len(errors) == 2, errors


# --- every snippet is shown; every include resolves --------------------------------------------


def test_includes_resolve_and_every_snippet_is_shown() -> None:
    fail_on(sc.check_includes(sc.DOCS, sc.SNIPPETS))


def test_include_checker_on_bad_input(tmp_path: Path) -> None:
    docs = write(
        tmp_path / "docs",
        {
            "page.md": """
        ```bash
        --8<-- "a/bash.sh:run"
        ```

        ```bash
        --8<-- "a/bash.sh:nope"
        ```

        ```bash
        --8<-- "a/missing.sh"
        ```
        """
        },
    )
    snippets = write(
        tmp_path / "snippets",
        {
            "a/bash.sh": """
            # test
            # --8<-- [start:run]
            echo run
            # --8<-- [end:run]
            # --8<-- [start:unused]
            echo unused
            # --8<-- [end:unused]
            # --8<-- [start:broken]
            echo never ends
            """,
            "a/orphan.txt": "nobody includes me\n",
        },
    )
    errors = sc.check_includes(docs, snippets)
    text = "\n".join(errors)
    assert "page.md:6: snippets/a/bash.sh has no section 'nope'" in text, text
    assert "page.md:10: includes 'a/missing.sh'" in text, text
    assert "snippets/a/orphan.txt:1: not included by any page" in text, text
    assert "snippets/a/bash.sh:5: section 'unused' is not shown" in text, text
    assert "snippets/a/bash.sh:8: section 'broken' never ends" in text, text


# --- no prompts in copyable blocks --------------------------------------------------------------


def test_no_prompts_in_copyable_blocks() -> None:
    fail_on(sc.check_prompts(sc.DOCS, sc.SNIPPETS))


def test_prompt_checker_on_bad_input(tmp_path: Path) -> None:
    docs = write(
        tmp_path / "docs",
        {
            "page.md": """
        ```bash
        --8<-- "x/bash.sh:run"
        ```

        ``` { .text .no-copy title="Output" }
        --8<-- "x/output/out.txt"
        ```

        ```powershell
        --8<-- "x/powershell.ps1"
        ```
        """
        },
    )
    snippets = write(
        tmp_path / "snippets",
        {
            "x/bash.sh": (
                "# t\n# --8<-- [start:run]\n$ source .venv/bin/activate\n# --8<-- [end:run]\n"
            ),
            "x/output/out.txt": "> output may look like a prompt\n",
            "x/powershell.ps1": "# t\nPS C:\\Users\\you> .venv\\Scripts\\Activate.ps1\n",
        },
    )
    errors = sc.check_prompts(docs, snippets)
    assert any(
        e.startswith("snippets/x/bash.sh:3:") and "'$ '" in e and "page.md:2" in e for e in errors
    ), errors
    assert any(e.startswith("snippets/x/powershell.ps1:2:") for e in errors), errors
    assert len(errors) == 2, errors  # the output block may show anything


# --- snippet files: line endings, header comments ------------------------------------------------


def test_snippet_files_line_endings_and_headers() -> None:
    fail_on(sc.check_snippet_files(sc.SNIPPETS))


def test_snippet_file_checker_on_bad_input(tmp_path: Path) -> None:
    snippets = write(
        tmp_path,
        {
            "p/cmd.bat": b"REM t\r\nwhere python\n",
            "p/bash.sh": b"# t\r\n# shellcheck shell=sh\n",
            "p/zsh.zsh": b"which python\n",
        },
    )
    errors = sc.check_snippet_files(snippets)
    text = "\n".join(errors)
    assert "snippets/p/cmd.bat:2: .bat files need CRLF" in text, text
    assert "snippets/p/bash.sh:1: CRLF" in text, text
    assert "snippets/p/bash.sh:2: the second line must be '# shellcheck shell=bash'" in text, text
    assert "snippets/p/zsh.zsh:1: the first line must be a comment" in text, text


# --- content tabs -------------------------------------------------------------------------------


def test_tab_labels_and_per_shell_steps() -> None:
    fail_on(sc.check_tabs(sc.DOCS))


def _per_shell(skip: tuple[str, ...] = (), rename: dict[str, str] | None = None) -> str:
    rename = rename or {}
    out = []
    for os_label, shells in sc.OS_SHELLS.items():
        out += [f'=== "{os_label}"', ""]
        for shell in shells:
            if (os_label, shell) in skip:
                continue
            out += [
                f'    === "{rename.get(shell, shell)}"',
                "",
                "        ```sh",
                '        --8<-- "p/x.sh:s"',
                "        ```",
                "",
            ]
    return "\n".join(out) + "\n"


def test_tab_parser_sees_nesting() -> None:
    groups = sc.parse_tabs(_per_shell())
    assert [g.labels for g in groups] == [sc.OS_LABELS]
    assert [t.children[0].labels for t in groups[0].tabs] == list(sc.OS_SHELLS.values())
    two = sc.parse_tabs('=== "Windows"\n\n    a\n\ntext\n\n=== "Windows"\n\n    b\n')
    assert len(two) == 2  # text between tabs starts a new group


def test_tab_checker_on_bad_input(tmp_path: Path) -> None:
    docs = write(
        tmp_path,
        {
            "missing.md": _per_shell(skip=(("Linux", "fish"),)),
            "spelling.md": _per_shell(rename={"PowerShell": "Powershell"}),
            "toplevel.md": '=== "bash"\n\n    x\n\n=== "zsh"\n\n    y\n',
            "mixed.md": (
                '=== "Windows"\n\n    === "cmd"\n\n        a\n\n'
                '=== "macOS"\n\n    b\n\n=== "Linux"\n\n    c\n'
            ),
            "good-mixed.md": (
                '=== "Windows"\n\n    === "PowerShell"\n\n        a\n\n'
                '    === "cmd"\n\n        a\n\n    === "Git Bash"\n\n        a\n\n'
                '=== "macOS"\n\n    b\n\n=== "Linux"\n\n    c\n'
            ),
        },
    )
    errors = sc.check_tabs(docs)
    text = "\n".join(errors)
    assert "missing.md:1: per-shell step" in text and "fish (Linux)" in text, text
    assert "spelling.md:3: tab label 'Powershell' is not one of" in text, text
    assert "did you mean 'PowerShell'?" in text, text
    assert "toplevel.md:1: a tab group must be the OS tabs" in text, text
    assert "mixed.md:3: the shell tabs inside 'Windows' must be PowerShell, cmd, Git Bash" in text
    assert not any(e.startswith("good-mixed.md") for e in errors), errors


# --- built HTML ---------------------------------------------------------------------------------


def test_built_site_loads_nothing_from_other_hosts(site: Path) -> None:
    fail_on(sc.check_foreign_resources(site, mkdocs_config().get("site_url", "")))


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


def test_links_to_tabs_and_headings_resolve(site: Path) -> None:
    readme = sc.DOCS.parent / "README.md"
    fail_on(sc.check_local_anchors(site) + sc.check_anchor_examples(sc.DOCS, site, [readme]))


def test_anchor_checkers_on_bad_input(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site",
        {
            "index.html": '<a href="activate/#activate-fish">ok</a>\n'
            '<a href="activate/#activate-fsh">typo</a>\n',
            "activate/index.html": '<h2 id="activate"></h2><input id="activate-linux">'
            '<input id="activate-fish"><input id="activate-linux-fish">',
        },
    )
    errors = sc.check_local_anchors(site)
    assert len(errors) == 1 and errors[0].startswith("index.html:2:"), errors
    docs = write(
        tmp_path / "docs",
        {
            "index.md": (
                "Use `activate/#activate-linux-fish` or `activate/#activate`.\n"
                "Not `activate/#activate-macos-fish` nor `nowhere/#x`.\n"
                "Nor the old short form `activate/#activate-fish_1`.\n"
            )
        },
    )
    errors = sc.check_anchor_examples(docs, site)
    assert [e.split(" ")[0] for e in errors] == ["index.md:2:", "index.md:2:", "index.md:3:"], (
        errors
    )
