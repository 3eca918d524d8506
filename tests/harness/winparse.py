"""Parse the Windows snippets (PowerShell, cmd batch) on Linux, so a syntax error fails here.

No Windows shell runs on the Linux machines, so the Windows snippets are parsed instead of run:

* ``.ps1`` files go through the tree-sitter-powershell grammar (:func:`check_powershell`).
* ``.bat``/``.cmd`` files go through two checks (:func:`check_batch`):

  - the grammar's check (:func:`check_batch_grammar`): tree-sitter-batch, after a pre-pass that
    hides a grammar bug (below);
  - our own narrower check (:func:`check_batch_rules`): line endings (CRLF, through
    :mod:`venv_guide.line_endings`), balanced parentheses across the file, balanced double
    quotes per line, and a known command word on each line.

Every problem is a :class:`Problem` whose ``str()`` is ``path:line: message``.

Facts this module relies on, measured on this project's Linux machine with tree-sitter 0.26.1,
tree-sitter-powershell 0.26.4 and tree-sitter-batch 0.11.1 (Python 3.11.7):

* tree-sitter-batch 0.11.1 rejects (ERROR nodes ``UNEXPECTED '.'`` / ``UNEXPECTED '\\'``) any
  word in *command position* that starts with a dot: ``.venv\\Scripts\\activate.bat``,
  ``call .venv\\Scripts\\activate.bat``, ``@call .venv\\Scripts\\activate.bat``, ``..\\x.bat``,
  ``.venv\\Scripts\\python.exe -m pip ...``, ``echo a & .venv\\Scripts\\python.exe -V``,
  ``py -m venv .venv && .venv\\Scripts\\activate.bat`` and
  ``if exist X call .venv\\Scripts\\activate.bat``. All are valid cmd.exe. The backslash alone is
  not the trigger: ``venv\\Scripts\\activate.bat`` and ``call venv\\Scripts\\activate.bat``
  parse, and so does a dot word as an argument (``type .venv\\pyvenv.cfg``, ``rmdir /s /q .venv``).
* tree-sitter-batch 0.11.1 rejects a last line without a line ending (ERROR, or MISSING
  ``program_token1``), which cmd.exe runs; the grammar check parses with one added, and our
  line-ending rule reports the missing ending instead.
* tree-sitter-batch 0.11.1 accepts LF line endings and any unknown command word (``rmdri``,
  ``acitvate``), so those are our checks, not the grammar's.
* tree-sitter-powershell 0.26.4 returns an ERROR tree for a file that holds only comments (or
  nothing), which PowerShell runs happily; :func:`check_powershell` ignores an ERROR node that
  covers nothing but comments and white space.
"""

from __future__ import annotations

import functools
import pathlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter
import tree_sitter_batch
import tree_sitter_powershell

from venv_guide import line_endings
from venv_guide.shells import PATHEXT
from venv_guide.snippets import files

__all__ = [
    "BATCH_SUFFIXES",
    "CMD_BUILTINS",
    "EXECUTABLE_SUFFIXES",
    "KNOWN_PROGRAMS",
    "POWERSHELL_SUFFIXES",
    "VENV_SCRIPT_NAMES",
    "Problem",
    "check_batch",
    "check_batch_grammar",
    "check_batch_rules",
    "check_file",
    "check_powershell",
    "windows_snippets",
]

#: File name endings handled by :func:`check_powershell`.
POWERSHELL_SUFFIXES = frozenset({".ps1"})
#: File name endings handled by :func:`check_batch`.
BATCH_SUFFIXES = frozenset({".bat", ".cmd"})

#: cmd.exe's internal commands (the ones built into cmd.exe, not files on disk), as listed by
#: ``help`` in cmd.exe and Microsoft's "Windows commands" reference. ``rem`` is absent on
#: purpose: a ``rem`` line is a comment and is skipped before the command word is looked up.
CMD_BUILTINS = frozenset(
    {
        "assoc",
        "break",
        "call",
        "cd",
        "chdir",
        "cls",
        "color",
        "copy",
        "date",
        "del",
        "dir",
        "echo",
        "endlocal",
        "erase",
        "exit",
        "for",
        "ftype",
        "goto",
        "if",
        "md",
        "mkdir",
        "mklink",
        "move",
        "path",
        "pause",
        "popd",
        "prompt",
        "pushd",
        "rd",
        "ren",
        "rename",
        "rmdir",
        "set",
        "setlocal",
        "shift",
        "start",
        "time",
        "title",
        "type",
        "ver",
        "verify",
        "vol",
    }
)

#: Programs a page may run by bare name: Windows' own tools in ``%SystemRoot%\\System32``
#: (``where``, ``findstr``, ...), the Python launcher and interpreters (``py``, ``python``),
#: programs an active venv puts on ``PATH`` from its ``Scripts`` folder (``pip``,
#: ``deactivate``), Python tools a page may mention, and the harness's ``venv-probe`` (see
#: CONTRIBUTING.md). Add a name here when a page needs another program; anything else is
#: reported as an unknown command, which is how a typo such as ``rmdri`` is caught.
KNOWN_PROGRAMS = frozenset(
    {
        # Windows tools (System32)
        "where",
        "findstr",
        "find",
        "more",
        "sort",
        "timeout",
        "xcopy",
        "robocopy",
        "attrib",
        "setx",
        "chcp",
        "cmd",
        "powershell",
        "pwsh",
        "fc",
        "whoami",
        # Python
        "py",
        "python",
        "python3",
        "pythonw",
        "pip",
        "pip3",
        "deactivate",
        "virtualenv",
        "pipx",
        "uv",
        "git",
        # the test harness (CONTRIBUTING.md, "probe")
        "venv-probe",
    }
)

#: Extensions cmd.exe runs directly (the default ``PATHEXT`` minus script hosts).
EXECUTABLE_SUFFIXES = frozenset(PATHEXT)

#: File names (without extension) that a command *path* may end in without an extension;
#: cmd.exe finds ``.venv\\Scripts\\activate`` through ``PATHEXT`` (the Python docs' own form
#: is ``tutorial-env\\Scripts\\activate``). A path ending in anything else
#: (``.venv\\Scripts\\acitvate``) is reported.
VENV_SCRIPT_NAMES = frozenset(
    {"activate", "deactivate", "python", "pythonw", "python3", "pip", "pip3", "py"}
)


@dataclass(frozen=True)
class Problem:
    """One syntax problem in a snippet file.

    Attributes:
        path: the file as the caller named it (``str``), printed as given.
        line: 1-based line number of the problem.
        message: what is wrong; says whose check found it (``[tree-sitter-batch]``,
            ``[tree-sitter-powershell]``, ``[cmd-lint]`` for this module's own checks, or
            ``[line-endings]`` from :mod:`venv_guide.line_endings`).
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        """``path:line: message``, the form editors and terminals turn into a link."""
        return f"{self.path}:{self.line}: {self.message}"


# --------------------------------------------------------------------------- tree-sitter


@functools.cache
def _parser(grammar: str) -> tree_sitter.Parser:
    """A cached parser for ``"powershell"`` or ``"batch"``."""
    module = tree_sitter_powershell if grammar == "powershell" else tree_sitter_batch
    return tree_sitter.Parser(tree_sitter.Language(module.language()))


def _error_nodes(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    """Yield the outermost ERROR nodes and every MISSING node under ``node``, in file order.

    An ERROR node is yielded once, without its nested ERROR children, so one mistake gives one
    problem rather than one per unexpected character.
    """
    if node.is_missing or node.type == "ERROR":
        yield node
        return
    if node.has_error:
        for child in node.children:
            yield from _error_nodes(child)


def _only_comments(node: tree_sitter.Node) -> bool:
    """True if every token under ``node`` is a comment or white space."""
    if node.type == "comment":
        return True
    if node.child_count == 0:
        return node.text is None or not node.text.strip()
    return all(_only_comments(child) for child in node.children)


def _first_unexpected(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first non-blank nested ERROR leaf (an ``UNEXPECTED`` token) in an ERROR node."""
    for child in node.children:
        if child.type == "ERROR" and child.child_count == 0 and (child.text or b"").strip():
            return child
        found = _first_unexpected(child)
        if found is not None:
            return found
    return None


def _first_token(node: tree_sitter.Node) -> tree_sitter.Node:
    """The first leaf under ``node`` that is not a comment or blank (``node`` if none)."""
    for child in node.children:
        if child.type == "comment":
            continue
        if child.child_count == 0:
            if (child.text or b"").strip():
                return child
            continue
        found = _first_token(child)
        if found is not child:
            return found
    return node


def _grammar_problems(
    tree: tree_sitter.Tree, source: bytes, path: str, grammar: str, *, comment_only_ok: bool
) -> list[Problem]:
    """Turn a tree's ERROR and MISSING nodes into problems.

    ``source`` is the text shown in messages, sliced by the nodes' byte offsets; it may differ
    from the parsed bytes only by same-length substitutions.
    """

    def text(start: int, end: int) -> str:
        return source[start:end].decode("utf-8", "replace")

    problems: list[Problem] = []
    for node in _error_nodes(tree.root_node):
        line = node.start_point.row + 1
        if node.is_missing:
            opener = node.parent
            where = ""
            if opener is not None and opener.start_point.row != node.start_point.row:
                where = f" to close the {opener.type} opened at line {opener.start_point.row + 1}"
            message = f"missing {node.type!r}{where}"
        else:
            if comment_only_ok and _only_comments(node):
                continue
            start = _first_token(node)  # an ERROR node may begin with comments
            line = start.start_point.row + 1
            line_start = source.rfind(b"\n", 0, start.start_byte) + 1
            line_end = source.find(b"\n", start.start_byte)
            first_line = text(line_start, line_end if line_end >= 0 else len(source))
            first_line = first_line.strip()[:60]
            unexpected = _first_unexpected(node)
            if not first_line and node.start_byte >= len(source.rstrip()):
                message = "syntax error: unexpected end of file"
            elif unexpected is not None:
                token = text(unexpected.start_byte, unexpected.end_byte)
                message = (
                    f"syntax error: unexpected {token!r} at column "
                    f"{unexpected.start_point.column + 1} (line {unexpected.start_point.row + 1})"
                    f" in {first_line!r}"
                )
            else:
                message = f"syntax error: cannot parse from the line {first_line!r}"
                if node.end_byte >= len(source.rstrip()):
                    message += " to the end of the file (unclosed bracket, quote or block?)"
        problems.append(Problem(path, line, f"[tree-sitter-{grammar}] {message}"))
    return problems


def check_powershell(text: str, path: str) -> list[Problem]:
    """Parse PowerShell source with tree-sitter-powershell and report its syntax errors.

    Args:
        text: the file's content (``str``; LF or CRLF line endings).
        path: how problems name the file (``str``); not opened.

    Returns:
        One :class:`Problem` per outermost ERROR node and per MISSING node, in file order;
        empty if the text parses. A MISSING node (e.g. an unclosed ``{``) is reported where the
        grammar expected the token, and the message names the line that opened the block.
        An ERROR node made of nothing but comments and white space is not reported: measured
        with tree-sitter-powershell 0.26.4, a file of only comments parses as ERROR.

    Raises:
        Nothing of its own; tree-sitter errors (e.g. a grammar ABI mismatch, ``ValueError``)
        propagate.
    """
    source = text.encode("utf-8")
    tree = _parser("powershell").parse(source)
    return _grammar_problems(tree, source, path, "powershell", comment_only_ok=True)


# --------------------------------------------------------------------------- batch

_COMMENT_RE = re.compile(r"(?:::|rem(?=[\s.:/]|$))", re.IGNORECASE)
_LABEL_RE = re.compile(r":[^:]")
_ELSE_RE = re.compile(r"else(?=[\s(]|$)", re.IGNORECASE)
_WORD_RE = re.compile(r'"[^"]*"?|[^\s&|<>()]+')
_GLUED_BUILTIN_RE = re.compile(r"([a-z]+)[.:;,=/\\+\[\]]", re.IGNORECASE)
_VARIABLE_RE = re.compile(r"(?:%[^%\s]+%|![^!\s]+!)")
# A run of dots starting a word (after line start, white space, "(", "@", "&" or "|").
_LEADING_DOTS_RE = re.compile(r"(?:^|(?<=[\s(@&|]))\.+")


def _hide_leading_dots(line: str) -> str:
    """Replace the dots that start each unquoted word with as many ``x`` (same length)."""

    def replace(match: re.Match[str]) -> str:
        if line.count('"', 0, match.start()) % 2:
            return match.group()  # inside double quotes
        return "x" * len(match.group())

    return _LEADING_DOTS_RE.sub(replace, line)


def check_batch_grammar(text: str, path: str) -> list[Problem]:
    """The grammar's check: parse batch source with tree-sitter-batch 0.11.1.

    Before parsing, every unquoted word that starts with dots has its leading dots replaced by
    as many ``x`` (``.venv\\Scripts\\activate.bat`` becomes ``xvenv\\Scripts\\activate.bat``),
    line by line and with the same length, so line numbers stay right. This hides the grammar's
    false positive on command paths that start with ``.`` (measured with 0.11.1; see the module
    docstring) and changes nothing the grammar checks: it parses ``xvenv\\...`` and ``.venv``
    as an argument alike. The command word itself is checked by :func:`check_batch_rules`.
    A missing final line ending is added before parsing (the grammar wrongly rejects its
    absence); :func:`check_batch_rules` reports it.

    Args:
        text: the file's content (``str``, line endings as in the file).
        path: how problems name the file (``str``); not opened.

    Returns:
        One :class:`Problem` per outermost ERROR node and per MISSING node, tagged
        ``[tree-sitter-batch]``.

    Raises:
        Nothing of its own; tree-sitter errors propagate.
    """
    masked = "\n".join(_hide_leading_dots(line) for line in text.split("\n"))
    if masked and not masked.endswith("\n"):
        masked += "\r\n"  # the grammar needs a final line ending; check_batch_rules wants it
    tree = _parser("batch").parse(masked.encode("utf-8"))
    return _grammar_problems(tree, text.encode("utf-8"), path, "batch", comment_only_ok=False)


@dataclass(frozen=True)
class _LogicalLine:
    """A command line: physical lines joined at a trailing ``^``; numbered by its first line."""

    number: int
    text: str


def _continues(line: str) -> bool:
    """True if ``line`` ends in an unescaped ``^`` outside quotes (cmd's line continuation)."""
    if line.count('"') % 2:
        return False
    trailing = len(line) - len(line.rstrip("^"))
    return trailing % 2 == 1


def _logical_lines(lines: list[str]) -> list[_LogicalLine]:
    """Join continued lines, keeping the number of each logical line's first physical line."""
    result: list[_LogicalLine] = []
    buffer: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if not buffer:
            start = number
        if _continues(line):
            buffer.append(line[:-1])
            continue
        buffer.append(line)
        result.append(_LogicalLine(start, "".join(buffer)))
        buffer = []
    if buffer:
        result.append(_LogicalLine(start, "".join(buffer)))
    return result


def _strip_block_syntax(text: str) -> str:
    """Drop leading ``@``, ``(``, ``)`` and ``else`` so the command word comes first."""
    while True:
        stripped = text.lstrip()
        if stripped[:1] in ("(", ")", "@"):
            text = stripped[1:]
        elif _ELSE_RE.match(stripped):
            text = stripped[4:]
        else:
            return stripped


def _command_problem(word: str) -> str | None:
    """Why ``word`` is not a command cmd.exe would find, or None if it is one.

    Accepted (all case-insensitive): a built-in glued to punctuation cmd.exe allows there
    (``echo.``, ``cd..``, ``cd\\``); a path (holds ``\\`` or ``/``, or starts with ``%`` or
    ``.``) that ends in an executable extension or in a name from :data:`VENV_SCRIPT_NAMES`;
    a built-in or known program; a bare variable (``%PYTHON%``, ``!X!``), which cannot be
    checked here; a known name with an executable extension (``python.exe``).
    """
    bare = word.strip('"')
    lower = bare.lower()
    glued = _GLUED_BUILTIN_RE.match(lower)
    if glued is not None and glued.group(1) in CMD_BUILTINS:
        return None  # echo. cd.. cd\ dir/w
    name = re.split(r"[\\/]", lower)[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    executable = f".{suffix}" in EXECUTABLE_SUFFIXES
    if "\\" in lower or "/" in lower or lower.startswith(("%", ".")):
        if executable or (not suffix and stem in VENV_SCRIPT_NAMES):
            return None
        if not _VARIABLE_RE.fullmatch(bare):
            return (
                f"command path {word!r} does not end in "
                f"{'/'.join(sorted(EXECUTABLE_SUFFIXES))} or a venv script name "
                f"({', '.join(sorted(VENV_SCRIPT_NAMES))})"
            )
    known = CMD_BUILTINS | KNOWN_PROGRAMS
    if lower in known or _VARIABLE_RE.fullmatch(bare) or (executable and stem in known):
        return None
    return (
        f"unknown command {word!r}: not a cmd.exe built-in, not in KNOWN_PROGRAMS "
        "(tests/harness/winparse.py) and not a path to a .bat/.cmd/.exe"
    )


def _command_word(text: str) -> tuple[str, str] | None:
    """The command word of a logical line and the rest after it; None for comments/labels."""
    rest = _strip_block_syntax(text)
    if not rest or _COMMENT_RE.match(rest) or _LABEL_RE.match(rest) or rest == ":":
        return None
    if rest[0] in "<>" or re.match(r"\d>", rest):
        return None  # starts with a redirection; too rare to model
    match = _WORD_RE.match(rest)
    if match is None:
        return None
    word = match.group()
    if word.lower() == "call":
        after = rest[match.end() :].lstrip()
        if after.startswith(":"):
            return None  # call :label
        nested = _WORD_RE.match(after)
        if nested is not None:
            return nested.group(), after[nested.end() :]
    return word, rest[match.end() :]


def _is_comment(text: str) -> bool:
    """True for ``rem``/``::`` comment lines and ``:label`` lines (after ``@``/blocks)."""
    rest = _strip_block_syntax(text)
    return bool(_COMMENT_RE.match(rest) or _LABEL_RE.match(rest))


def check_batch_rules(text: str, path: str) -> list[Problem]:
    """Our own narrower check of cmd batch source, tagged ``[cmd-lint]``.

    Rules:

    1. Line endings, tagged ``[line-endings]``: the ending ``.gitattributes`` gives a snippet
       of this file name (CRLF for ``.bat``/``.cmd``), checked by the one checker,
       :func:`venv_guide.line_endings.check_bytes` (wrong endings reported once, at the first,
       with their count; stray CRs; a missing final line ending).
    2. Parentheses balance across the file: outside double quotes, ``rem``/``::`` comments and
       ``^`` escapes, no ``)`` closes nothing and every ``(`` is closed. This is stricter than
       cmd.exe, which lets a top-level ``echo (`` pass: write ``echo ^(`` instead.
    3. Double quotes balance on each line (after joining ``^`` continuations); comments skipped.
    4. The command word of each line (first word after leading ``@``, ``(``, ``)``, ``else`` and
       ``call``; ``rem``/``::`` comments, ``:labels`` and ``call :label`` skipped) is a cmd.exe
       built-in (:data:`CMD_BUILTINS`), a known program (:data:`KNOWN_PROGRAMS`), or a path that
       ends in ``.bat``/``.cmd``/``.exe``/``.com`` or a venv script name
       (:data:`VENV_SCRIPT_NAMES`). Commands after ``&``, ``&&``, ``||``, ``|``, ``if ...`` or
       ``for ... do`` are not checked.

    Args:
        text: the file's content (``str``, line endings as in the file; read it with
            ``Path.read_bytes().decode()``, since ``read_text`` turns CRLF into LF).
        path: how problems name the file (``str``); not opened. Its file name picks the
            line-ending rule (``.gitattributes`` for ``snippets/NAME``).

    Returns:
        The problems in file order.

    Raises:
        venv_guide.line_endings.LineEndingError: the rule cannot be read (no git).
    """
    problems: list[Problem] = []
    rule = line_endings.snippet_rule(path)
    if rule is not None:
        problems += [
            Problem(path, f.line, f"[line-endings] {f.message} (.gitattributes: eol={rule.eol})")
            for f in line_endings.check_bytes(text.encode("utf-8"), rule.eol)
        ]
    physical = text.split("\n")
    terminated, last = physical[:-1], physical[-1]
    lines = [line.removesuffix("\r") for line in (terminated + ([last] if last else []))]

    open_parens: list[int] = []
    for logical in _logical_lines(lines):
        if _is_comment(logical.text):
            continue
        quotes = logical.text.count('"')
        if quotes % 2:
            problems.append(
                Problem(
                    path,
                    logical.number,
                    f"[cmd-lint] unbalanced double quotes ({quotes} on this line)",
                )
            )
        in_quotes = escaped = False
        for char in logical.text:
            if escaped:
                escaped = False
            elif char == '"':
                in_quotes = not in_quotes
            elif in_quotes:
                continue
            elif char == "^":
                escaped = True
            elif char == "(":
                open_parens.append(logical.number)
            elif char == ")":
                if open_parens:
                    open_parens.pop()
                else:
                    problems.append(Problem(path, logical.number, "[cmd-lint] ')' closes no '('"))
        found = _command_word(logical.text)
        if found is not None:
            reason = _command_problem(found[0])
            if reason is not None:
                problems.append(Problem(path, logical.number, f"[cmd-lint] {reason}"))
    problems.extend(
        Problem(path, number, "[cmd-lint] '(' is never closed") for number in open_parens
    )
    return sorted(problems, key=lambda problem: problem.line)


def check_batch(text: str, path: str) -> list[Problem]:
    """Both batch checks: the grammar's (:func:`check_batch_grammar`) and ours
    (:func:`check_batch_rules`), merged in line order.

    Args:
        text: the file's content (``str``, line endings as in the file).
        path: how problems name the file (``str``); not opened.

    Returns:
        The problems of both checks, sorted by line.

    Raises:
        Nothing of its own; tree-sitter errors propagate.
    """
    problems = check_batch_grammar(text, path) + check_batch_rules(text, path)
    return sorted(problems, key=lambda problem: problem.line)


def check_file(path: pathlib.Path) -> list[Problem]:
    """Check one Windows snippet file, choosing the parser by its extension.

    Args:
        path: a ``.ps1`` (PowerShell) or ``.bat``/``.cmd`` (cmd.exe) file (``pathlib.Path``).
            Problems name it as ``str(path)``.

    Returns:
        The file's problems (see :func:`check_powershell` and :func:`check_batch`).

    Raises:
        ValueError: the extension is none of ``.ps1``, ``.bat``, ``.cmd``.
        OSError: the file cannot be read.
        UnicodeDecodeError: the file is not UTF-8.
    """
    suffix = path.suffix.lower()
    if suffix not in POWERSHELL_SUFFIXES | BATCH_SUFFIXES:
        raise ValueError(f"{path}: not a Windows snippet (.ps1, .bat or .cmd)")
    text = path.read_bytes().decode("utf-8")  # bytes, so CRLF survives
    if suffix in POWERSHELL_SUFFIXES:
        return check_powershell(text, str(path))
    return check_batch(text, str(path))


def windows_snippets(root: pathlib.Path) -> list[pathlib.Path]:
    """Every ``.ps1``, ``.bat`` or ``.cmd`` file under ``root``, sorted (see ``snippets.files``)."""
    return files(root, POWERSHELL_SUFFIXES | BATCH_SUFFIXES)
