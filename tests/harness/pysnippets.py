"""Python snippets (``snippets/**/*.py``): lint and format-check them with pytest-examples,
and read the output their ``#>`` comments promise.

A Python snippet is a whole module written in pytest-examples style: each ``print(...)`` is
followed by ``#> `` comment lines holding what it prints::

    import sys

    print(sys.prefix != sys.base_prefix)
    #> True

The lead's harness runs the snippet with the target venv's interpreter in a subprocess and
compares its stdout with :func:`expected_output`; this module does not run snippets.

Facts about pytest-examples 0.0.18 (read from its installed source, and measured here with
ruff 0.17.6, black 26.10.1, pytest 9.2.0, Python 3.11.7):

* ``CodeExample.create(source, path=...)`` builds an example from a file's text; with the
  default ``start_line=0`` its reported line numbers are the file's own.
* ``black_check`` collapses three newlines into two when ``example.in_py_file()`` (the path
  ends in ``.py``), because it expects an example *inside a docstring*; on a whole module that
  turns black's two blank lines before a ``def`` into a false "black failed". A snippet is a
  whole module, so :class:`SnippetExample` answers ``in_py_file() -> False``.
* ``ruff_check`` rewrites ruff's ``-:LINE`` locations to ``PATH:LINE``, but ruff's default
  output format is now "full" (``--> -:1:8`` on its own line), which that rewrite misses;
  :class:`SnippetConfig` adds ``--output-format=concise`` so failures name ``PATH:LINE``.
* pytest-examples has no public parser for ``#>`` comments (its ``run_code.comment_prefix_re``
  is internal and requires the space after ``#>``), so :func:`expected_output` parses them
  itself, with :mod:`tokenize`.
"""

from __future__ import annotations

import ast
import io
import itertools
import pathlib
import re
import tokenize
from dataclasses import dataclass

from pytest_examples import CodeExample
from pytest_examples.config import ExamplesConfig
from pytest_examples.lint import FormatError, black_check, ruff_check

from venv_guide.snippets import files

__all__ = [
    "SNIPPET_CONFIG",
    "SnippetConfig",
    "SnippetExample",
    "expected_output",
    "lint_snippet",
    "python_snippets",
    "snippet_example",
]

_OUTPUT_COMMENT_RE = re.compile(r"#>(?: (?P<text>.*))?")


@dataclass
class SnippetConfig(ExamplesConfig):
    """pytest-examples' lint settings, plus extra arguments for ``ruff check``.

    Attributes:
        ruff_extra_args: appended to the ``ruff check -`` command line (``tuple[str, ...]``);
            by default ``--output-format=concise``, so ruff's messages start ``-:LINE:COL``
            and pytest-examples can rewrite them to ``PATH:LINE:COL``.
    """

    ruff_extra_args: tuple[str, ...] = ("--output-format=concise",)

    def ruff_config(self) -> tuple[str, ...]:
        """pytest-examples' ruff arguments followed by :attr:`ruff_extra_args`."""
        return (*super().ruff_config(), *self.ruff_extra_args)


#: The project's settings for Python snippets: black at the project's line length (100, as in
#: pyproject.toml), ruff's rules from the pyproject.toml found from the working directory
#: (``ruff check -`` reads stdin and discovers its configuration from there) plus import
#: sorting, with Python 3.10 syntax (the project's ``requires-python``). E501 stays off, as
#: pytest-examples sets it: black owns line length and a ``#>`` line may be long.
SNIPPET_CONFIG = SnippetConfig(line_length=100, target_version="py310", isort=True)


class SnippetExample(CodeExample):
    """A :class:`pytest_examples.CodeExample` for a whole ``.py`` snippet file.

    It differs from its base only in :meth:`in_py_file`, which is ``False``: pytest-examples
    uses that flag to mean "an example inside a Python docstring" (black check with double
    blank lines collapsed; ``'''`` for long print output), and a snippet is a module.
    """

    def in_py_file(self) -> bool:
        """Always ``False``: lint the snippet as a standalone module, not a docstring."""
        return False


def snippet_example(path: pathlib.Path) -> SnippetExample:
    """Build the example for one snippet file.

    Args:
        path: a ``.py`` snippet (``pathlib.Path``); lint messages name it as given.

    Returns:
        A :class:`SnippetExample` holding the whole file, line numbers as in the file.

    Raises:
        OSError: the file cannot be read.
        UnicodeDecodeError: the file is not UTF-8.
    """
    return SnippetExample.create(path.read_text(encoding="utf-8"), path=path)


def lint_snippet(example: CodeExample, config: ExamplesConfig = SNIPPET_CONFIG) -> None:
    """Lint (ruff) and format-check (black) one example outside pytest.

    Runs the checks ``EvalExample.lint`` runs (pytest-examples' ``black_check`` and
    ``ruff_check``) without needing pytest's ``tmp_path``/``request``, and reports both
    instead of stopping at black's. In a test, the ``eval_example`` fixture with
    ``eval_example.config = SNIPPET_CONFIG`` does the same.

    Args:
        example: from :func:`snippet_example` (or any ``CodeExample``).
        config: the lint settings (``ExamplesConfig``); :data:`SNIPPET_CONFIG` by default.

    Raises:
        pytest_examples.lint.FormatError: (a ``ValueError``) black would reformat the code
            and/or ruff found problems; the message holds black's diff (with file line
            numbers) and ruff's ``PATH:LINE:COL`` lines.
        RuntimeError: ruff itself failed to run.
    """
    failures: list[str] = []
    for check in (black_check, ruff_check):
        try:
            check(example, config)
        except FormatError as exc:
            failures.append(str(exc))
    if failures:
        raise FormatError("\n".join(failures))


def expected_output(path: pathlib.Path | str) -> str:
    """The stdout a snippet's ``#>`` comments promise.

    Each comment token that starts with ``#>`` gives one output line: the text after ``#> ``
    (a bare ``#>`` is an empty line, as pytest-examples leaves it once trailing white space is
    stripped; but black then rewrites a bare ``#>`` to ``# >`` and the format check fails, so
    avoid printing empty lines). Lines are joined in file order with ``\\n``, and the result
    ends in ``\\n`` like ``print``'s output; a snippet with no ``#>`` comment promises ``""``.
    Comments are found with :mod:`tokenize`, so ``#>`` inside a string literal does not count.

    File order equals run order only when prints run top to bottom; a print inside a function
    that is called later still has its ``#>`` lines under the print, so such a snippet's
    comparison fails loudly rather than passing.

    Args:
        path: the snippet (``pathlib.Path`` or ``str``).

    Returns:
        The promised stdout (``str``).

    Raises:
        ValueError: a print is followed by a triple-quoted output block, the form
            pytest-examples writes for output that is multi-line or longer than the line
            length; that block re-formats the printed values with black and puts each
            argument on its own line, so it is not the real stdout. The message names
            ``PATH:LINE``. Print less per call, so the output fits ``#>`` lines.
        SyntaxError: the snippet is not valid Python (from :mod:`ast`/:mod:`tokenize`).
        OSError, UnicodeDecodeError: the file cannot be read as UTF-8.
    """
    path = pathlib.Path(path)
    source = path.read_text(encoding="utf-8")
    _reject_output_blocks(source, path)
    lines: list[str] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        match = _OUTPUT_COMMENT_RE.fullmatch(token.string.rstrip())
        if match is not None:
            lines.append(match.group("text") or "")
    return "".join(f"{line}\n" for line in lines)


def _is_print_statement(node: ast.stmt) -> bool:
    """True for an expression statement that calls ``print``."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def _reject_output_blocks(source: str, path: pathlib.Path) -> None:
    """Raise ValueError if a print statement is followed by a bare string statement."""
    for node in ast.walk(ast.parse(source, filename=str(path))):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for before, after in itertools.pairwise(body):
                if (
                    _is_print_statement(before)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    raise ValueError(
                        f"{path}:{after.lineno}: triple-quoted print output is not the real "
                        "stdout; print less per call so the output fits '#> ' lines"
                    )


def python_snippets(root: pathlib.Path) -> list[pathlib.Path]:
    """Every ``.py`` file under ``root``, sorted (see :func:`venv_guide.snippets.files`)."""
    return files(root, {".py"})
