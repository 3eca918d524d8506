"""README.md's map of the code names every module, so a newcomer finds each one there."""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("venv_guide", "tests/harness")


def unnamed(readme: str, root: pathlib.Path = ROOT) -> list[str]:
    """The modules of :data:`PACKAGES` README's text does not name as `` `NAME.py` ``."""
    named = set(re.findall(r"`([\w]+\.py)`", readme))
    return [
        f"{package}/{path.name}"
        for package in PACKAGES
        for path in sorted((root / package).glob("*.py"))
        if path.name != "__init__.py" and path.name not in named
    ]


def test_readme_names_every_module() -> None:
    missing = unnamed((ROOT / "README.md").read_text(encoding="utf-8"))
    assert not missing, f"README.md's map does not name {missing} (section How it fits together)"


def test_a_module_left_out_is_found() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").replace("`terminal.py`", "terminal")
    assert unnamed(readme) == ["tests/harness/terminal.py"]
