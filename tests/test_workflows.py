"""The GitHub Actions workflows do what README.md ("Continuous integration") says, on first push.

Each rule is a function of the parsed workflows returning `FILE: problem` lines; the tests run it
on the real files, then on a copy with one defect put back (the defects issue 10 found), so that
a rule that can no longer fail is caught. actionlint and zizmor (`make lint`) check the syntax,
expressions and security; these rules check our intent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from venv_guide import shells

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
TOOLCHAIN_VERSION_FILE = ROOT / ".github" / "toolchain-python-version"

Workflows = dict[str, dict[str, Any]]


def load(texts: dict[str, str] | None = None) -> Workflows:
    """Parse every workflow (``{"tests.yml": {...}}``), or the given texts instead of the files.

    Raises:
        ValueError: a file is not a YAML mapping (names the file).
    """
    if texts is None:
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.yml"))}
    parsed = {}
    for name, text in texts.items():
        doc = yaml.safe_load(text)
        if not isinstance(doc, dict):
            raise ValueError(f".github/workflows/{name}: not a YAML mapping")
        # YAML 1.1 reads the key `on` as True.
        doc["on"] = doc.pop(True, doc.get("on"))
        parsed[name] = doc
    return parsed


def steps(workflows: Workflows):
    """``(file, job id, step)`` for every step of every job."""
    for name, doc in workflows.items():
        for job_id, job in (doc.get("jobs") or {}).items():
            for step in job.get("steps") or []:
                yield name, job_id, step


def uses(step: dict, action: str) -> bool:
    """True when ``step`` runs ``action`` (``owner/name``), whatever the pinned ref."""
    return str(step.get("uses", "")).split("@")[0] == action


def check_uploads_overwrite(workflows: Workflows) -> list[str]:
    """Every actions/upload-artifact step has ``overwrite: true`` ("Re-run failed jobs" uploads
    the same name again). upload-pages-artifact has no such input: it uploads once, last."""
    return [
        f"{name}: job {job}: upload '{step.get('name', step['uses'])}' lacks overwrite: true"
        for name, job, step in steps(workflows)
        if uses(step, "actions/upload-artifact")
        and (step.get("with") or {}).get("overwrite") is not True
    ]


def check_matrix(workflows: Workflows) -> list[str]:
    """The tests matrix targets 3.10 to 3.15, the target's setup-python allows pre-releases,
    and the toolchain runs on its own fixed version, set up after the target."""
    problems = []
    job = workflows["tests.yml"]["jobs"]["tests"]
    versions = job["strategy"]["matrix"]["python"]
    want = [f"3.{minor}" for minor in range(10, 16)]
    if versions != want:
        problems.append(f"tests.yml: matrix python is {versions}, expected {want}")
    setups = [s for s in job["steps"] if uses(s, "actions/setup-python")]
    target = [
        s for s in setups if (s.get("with") or {}).get("python-version") == "${{ matrix.python }}"
    ]
    if len(target) != 1 or target[0]["with"].get("allow-prereleases") is not True:
        problems.append("tests.yml: the target's setup-python needs allow-prereleases: true")
    toolchain = [s for s in setups if "python-version-file" in (s.get("with") or {})]
    if not toolchain or setups.index(toolchain[0]) < setups.index(
        target[0] if target else setups[0]
    ):
        problems.append("tests.yml: set the toolchain Python up after the target (last wins PATH)")
    runs = " ".join(str(s.get("run", "")) for s in job["steps"])
    if runs.count("--python=") < 2:
        problems.append("tests.yml: pytest must get --python=TARGET on every OS")
    return problems


#: How tests.yml reads the Homebrew packages from the shell table (venv_guide/shells.py), and
#: installs them.
BREW_FROM_TABLE = 'read -r -a packages <<<"$(python3 -m venv_guide.shells brew-packages)"'
BREW_PACKAGES = '"${packages[@]}"'


def check_macos_shells(workflows: Workflows) -> list[str]:
    """Homebrew installs only what the shell table names (fish): macOS' own bash, zsh, dash,
    ksh and tcsh are tested."""
    problems = []
    allowed = set(shells.brew_packages())
    for name, job, step in steps(workflows):
        run = str(step.get("run", ""))
        for match in re.finditer(r"brew install ([^\n]+)", run):
            if BREW_PACKAGES in match.group(1) and BREW_FROM_TABLE not in run:
                problems.append(f"{name}: job {job}: brew's packages are not the shell table's")
            extra = set(match.group(1).replace(BREW_PACKAGES, "").split()) - allowed
            if extra:
                problems.append(
                    f"{name}: job {job}: brew install {sorted(extra)} shadows macOS' own"
                )
    return problems


def check_deploy(workflows: Workflows) -> list[str]:
    """main is deployed by tests.yml only after lint, every test job and the merge passed,
    whatever triggered the run, with that run's verified-on.json and the Pages base URL."""
    problems = []
    jobs = workflows["tests.yml"]["jobs"]
    callers = [(i, j) for i, j in jobs.items() if j.get("uses") == "$/.github/workflows/docs.yml"]
    if len(callers) != 1:
        return ["tests.yml: one job must call $/.github/workflows/docs.yml to deploy"]
    job_id, job = callers[0]
    cond = " ".join(str(job.get("if", "")).split())
    if set(job.get("needs", [])) != {"lint", "tests", "conda", "results"}:
        problems.append(f"tests.yml: job {job_id} must need lint, tests, conda and results")
    for need in ("lint", "tests", "conda", "results"):
        if f"needs.{need}.result == 'success'" not in cond:
            problems.append(f"tests.yml: job {job_id} runs without needs.{need} succeeding")
    if "github.ref == 'refs/heads/main'" not in cond or "event_name == 'push'" in cond:
        problems.append(f"tests.yml: job {job_id} must deploy main whatever the trigger")
    if (job.get("with") or {}).get("deploy") is not True:
        problems.append(f"tests.yml: job {job_id} must pass deploy: true")

    docs = workflows["docs.yml"]
    if "push" in (docs["on"] or {}):
        problems.append("docs.yml: a push trigger would build (and could deploy) untested commits")
    deploy = docs["jobs"].get("deploy", {})
    if str(deploy.get("if", "")).strip() != "inputs.deploy":
        problems.append("docs.yml: the deploy job must run exactly when called with deploy")
    build = docs["jobs"]["build"]["steps"]
    downloads = [s for s in build if uses(s, "actions/download-artifact")]
    if not any((s.get("with") or {}).get("name") == "verified-on" for s in downloads):
        problems.append("docs.yml: the build must download this run's verified-on artifact")
    env = next((s.get("env") or {} for s in build if "mkdocs build" in str(s.get("run", ""))), {})
    if "verified-on.json" not in str(env.get("VENV_GUIDE_RESULTS", "")):
        problems.append("docs.yml: the build must set VENV_GUIDE_RESULTS to verified-on.json")
    if "steps.pages.outputs.base_url" not in str(env.get("SITE_URL", "")):
        problems.append("docs.yml: SITE_URL must come from configure-pages' base_url")
    if not any(uses(s, "actions/configure-pages") and s.get("id") == "pages" for s in build):
        problems.append("docs.yml: the build needs actions/configure-pages (id: pages)")
    return problems


def check_pip(workflows: Workflows) -> list[str]:
    """Every pip install (not uv's) says --disable-pip-version-check; every lock it names
    exists; each install of a lock also installs this package (-e .); pip caches have one key
    per job."""
    problems = []
    keys: dict[str, str] = {}
    for name, job, step in steps(workflows):
        run = str(step.get("run", ""))
        for line in run.splitlines():
            pip = "pip install" in line and "uv pip install" not in line  # uv has no such check
            if pip and "--disable-pip-version-check" not in line:
                problems.append(
                    f"{name}: job {job}: {line.strip()!r} lacks --disable-pip-version-check"
                )
        for lock in re.findall(r"-r (\S+\.lock)", run):
            if not (ROOT / lock).is_file():
                problems.append(f"{name}: job {job}: {lock} does not exist")
            if "-e ." not in run:
                problems.append(f"{name}: job {job}: installs {lock} but not the package (-e .)")
        if "tests.harness.wheelhouse" in run:
            problems.append(f"{name}: job {job}: pytest's set-up fills the wheelhouse already")
        if uses(step, "actions/cache") and "pip-cache" in str(step["with"]["path"]):
            prefix = str(step["with"]["key"]).split("${{")[0]
            if keys.setdefault(prefix, f"{name}:{job}") != f"{name}:{job}":
                problems.append(
                    f"{name}: job {job}: pip cache key {prefix!r} is also {keys[prefix]}'s"
                )
    return problems


CHECKS = {
    "uploads": check_uploads_overwrite,
    "matrix": check_matrix,
    "macos": check_macos_shells,
    "deploy": check_deploy,
    "pip": check_pip,
}


@pytest.mark.parametrize("check", CHECKS)
def test_workflows(check: str) -> None:
    problems = CHECKS[check](load())
    assert not problems, "\n".join(problems)


def test_toolchain_python_is_supported() -> None:
    # pyproject.toml: requires-python >= 3.11.5; setup-python reads this file.
    version = TOOLCHAIN_VERSION_FILE.read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"3\.(1[1-9])", version), f"{TOOLCHAIN_VERSION_FILE}: {version!r}"


# (check, file, text in the real file, text put in its place): the defects of issue 10.
DEFECTS = [
    (
        "uploads",
        "tests.yml",
        "          retention-days: 30\n          overwrite: true\n",
        "          retention-days: 30\n",
    ),
    ("matrix", "tests.yml", ', "3.14", "3.15"]', ', "3.14"]'),
    ("matrix", "tests.yml", "          allow-prereleases: true\n", ""),
    (
        "macos",
        "tests.yml",
        f"brew install {BREW_PACKAGES}",
        f"brew install {BREW_PACKAGES} tcsh",
    ),
    ("macos", "tests.yml", BREW_FROM_TABLE, "packages=(fish tcsh)"),
    ("deploy", "tests.yml", "needs: [lint, tests, conda, results]", "needs: [results]"),
    ("deploy", "tests.yml", "&& needs.conda.result == 'success'", ""),
    ("deploy", "tests.yml", "&& needs.tests.result == 'success'", ""),
    ("deploy", "docs.yml", "  pull_request:\n", "  pull_request:\n  push:\n    branches: [main]\n"),
    ("deploy", "docs.yml", "          VENV_GUIDE_RESULTS: ", "          NOT_THE_RESULTS: "),
    ("deploy", "docs.yml", "format('{0}/', steps.pages.outputs.base_url)", "''"),
    ("pip", "docs.yml", "--disable-pip-version-check --quiet", "--quiet"),
    ("pip", "tests.yml", "requirements/dev.lock\n          if", "requirements.lock\n          if"),
    ("pip", "tests.yml", "pip-tests-", "pip-lint-"),
]


@pytest.mark.parametrize(("check", "name", "old", "new"), DEFECTS)
def test_rule_catches_the_defect(check: str, name: str, old: str, new: str) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.yml"))}
    assert texts[name].count(old) >= 1, f"{name} no longer holds {old!r}: update DEFECTS"
    texts[name] = texts[name].replace(old, new, 1)
    assert CHECKS[check](load(texts)), f"check {check!r} missed: {name}: {old!r} -> {new!r}"
