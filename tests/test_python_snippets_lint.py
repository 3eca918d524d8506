"""Lint and format-check every Python snippet with pytest-examples; test the ``#>`` parser.

Parametrize inputs are lists (never generators), and lint failures are ordinary test
failures: :func:`test_failing_lint_is_an_ordinary_failure` runs an inner suite with pytester
to prove that a failing snippet does not abort the run with an INTERNALERROR.
"""

from __future__ import annotations

import os
import pathlib

import pytest
from pytest_examples import EvalExample
from pytest_examples.lint import FormatError

from tests.harness import pysnippets

pytest_plugins = ["pytester"]

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
SNIPPETS_DIR = REPO_ROOT / "snippets"

PYTHON_SNIPPETS = list(pysnippets.python_snippets(SNIPPETS_DIR))
IDS = [str(p.relative_to(SNIPPETS_DIR)) for p in PYTHON_SNIPPETS] or ["no-python-snippets"]


def _example(path: pathlib.Path | None) -> pysnippets.SnippetExample:
    """The snippet's example, named relative to the repository root; fails if there is none."""
    if path is None:
        pytest.fail(f"no .py files under {SNIPPETS_DIR}: the Python snippets are missing")
    example = pysnippets.snippet_example(path)
    example.path = path.relative_to(REPO_ROOT)
    return example


@pytest.mark.parametrize("path", PYTHON_SNIPPETS or [None], ids=IDS)
def test_python_snippet_ruff(path: pathlib.Path | None, eval_example: EvalExample) -> None:
    """ruff finds nothing; a failure lists ``snippets/FILE:LINE:COL: CODE message``."""
    example = _example(path)
    eval_example.config = pysnippets.SNIPPET_CONFIG
    eval_example.lint_ruff(example)


@pytest.mark.parametrize("path", PYTHON_SNIPPETS or [None], ids=IDS)
def test_python_snippet_format(path: pathlib.Path | None, eval_example: EvalExample) -> None:
    """black would not change the snippet; a failure shows the diff with file line numbers."""
    example = _example(path)
    eval_example.config = pysnippets.SNIPPET_CONFIG
    eval_example.lint_black(example)


@pytest.mark.parametrize("path", PYTHON_SNIPPETS or [None], ids=IDS)
def test_python_snippet_expected_output_parses(path: pathlib.Path | None) -> None:
    """The ``#>`` comments give an output (no triple-quoted output blocks)."""
    _example(path)
    assert path is not None
    assert isinstance(pysnippets.expected_output(path), str)


# ---------------------------------------------------------------------------- self-tests


def _write(tmp_path: pathlib.Path, text: str, name: str = "snippet.py") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_expected_output_in_file_order(tmp_path: pathlib.Path) -> None:
    """``#>`` lines in file order, one per line, ending in a newline; strings don't count."""
    path = _write(
        tmp_path,
        "import sys\n\nprint(sys.prefix != sys.base_prefix)\n#> True\n"
        "for i in range(2):\n    print(i)\n    #> 0\n    #> 1\n"
        'print("a  b")\n#> a  b\n'
        'text = "#> not output"\n',
    )
    assert pysnippets.expected_output(path) == "True\n0\n1\na  b\n"


def test_expected_output_bare_marker_is_empty_line(tmp_path: pathlib.Path) -> None:
    """A bare ``#>`` (trailing space stripped) stands for an empty printed line."""
    path = _write(tmp_path, 'print("a")\n#> a\nprint()\n#>\n')
    assert pysnippets.expected_output(str(path)) == "a\n\n"


def test_expected_output_none(tmp_path: pathlib.Path) -> None:
    """No ``#>`` comment promises no output."""
    assert pysnippets.expected_output(_write(tmp_path, "x = 1\n")) == ""


def test_expected_output_rejects_triple_quoted_block(tmp_path: pathlib.Path) -> None:
    """pytest-examples' triple-quoted output form is not stdout: ValueError naming file:line."""
    path = _write(tmp_path, 'print("a\\nb")\n"""\na\nb\n"""\n')
    with pytest.raises(ValueError, match=r"snippet\.py:2: triple-quoted"):
        pysnippets.expected_output(path)


def test_lint_accepts_two_blank_lines_before_def(tmp_path: pathlib.Path) -> None:
    """Regression: a .py path must not make black collapse a module's double blank lines."""
    path = _write(
        tmp_path,
        "import sys\n\n\ndef inside() -> bool:\n    return sys.prefix != sys.base_prefix\n\n\n"
        "print(inside())\n#> True\n",
    )
    pysnippets.lint_snippet(pysnippets.snippet_example(path))


def test_lint_reports_black_and_ruff_with_file_line(tmp_path: pathlib.Path) -> None:
    """lint_snippet reports both checks; ruff's lines name ``PATH:LINE:COL``."""
    path = _write(tmp_path, "import os\nimport sys\n\nprint( sys.prefix)\n")
    with pytest.raises(FormatError) as info:
        pysnippets.lint_snippet(pysnippets.snippet_example(path))
    message = str(info.value)
    assert "black failed" in message
    assert f"{path}:1:8: F401" in message


INNER_SUITE = """
import pathlib

import pytest

from tests.harness import pysnippets

SNIPPETS = list(pysnippets.python_snippets(pathlib.Path(__file__).parent / "snippets"))


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_lint(path, eval_example):
    eval_example.config = pysnippets.SNIPPET_CONFIG
    eval_example.lint(pysnippets.snippet_example(path))
"""


def test_failing_lint_is_an_ordinary_failure(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snippet that fails lint is one failed test, not an INTERNALERROR that ends the run.

    Guards against the reported pytest-examples + Python 3.11 + pytest >= 8.4 failure mode
    (``INTERNALERROR ... generator raised StopIteration``), in a fresh pytest process.
    """
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])
    )
    pytester.makepyfile(test_inner=INNER_SUITE)
    snippets = pytester.mkdir("snippets")
    (snippets / "bad.py").write_text("import os\nimport sys\n\nprint( sys.prefix)\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    output = result.stdout.str() + result.stderr.str()
    assert "INTERNALERROR" not in output, output
    result.assert_outcomes(failed=1)
    assert "bad.py" in output
