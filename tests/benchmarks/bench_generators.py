"""Which generator should build the site: MkDocs + Material, ProperDocs, or Zensical, measured.

Usage (from the repository root, in the toolchain venv)::

    python -m tests.benchmarks.bench_generators              # 3 rounds
    python -m tests.benchmarks.bench_generators --rounds 5

Each round builds this ``mkdocs.yml`` once with each generator, one after the other, into
``.zensical/bench-site`` (Zensical builds only inside the project), with the same results file
(``results/snippet-results.json`` when it exists):

- MkDocs 1.6 + Material 9.8 from the dev set (``mkdocs build --strict``; the proof layer's
  extension runs on every page, its hook runs the site step);
- ProperDocs (the maintained continuation of MkDocs 1.x), ``PROPERDOCS_VERSION``, installed on
  first use into ``.benchmarks/properdocs`` with the docs set (``requirements/docs.lock``) from
  the package index, since it is not part of the dev set; it keeps ``hooks:``;
- Zensical from the dev set (``zensical build --strict``), then ``python -m venv_guide.site``,
  the site step Zensical cannot run as a hook (it ignores ``hooks:``).

It prints each build's wall seconds, the median per generator and its ratio to MkDocs' median
(measured in this one run), and what each build carries of the proof layer
(:func:`tests.harness.page.proof_layer`: pages, code blocks with their records, tab ids,
verification marks) and whether it is the same as MkDocs'. A build that fails is printed with
its output and makes the script exit 1. Nothing is asserted on times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.harness.page import proof_layer

ROOT = Path(__file__).resolve().parents[2]
#: ProperDocs' release measured here (PyPI, 2026).
PROPERDOCS_VERSION = "1.6.7"
#: Not in .cache/: the Zensical build (``--clean``) deletes all of it.
PROPERDOCS_VENV = ROOT / ".benchmarks" / "properdocs"
RESULTS = ROOT / "results" / "snippet-results.json"
BIN = "Scripts" if os.name == "nt" else "bin"

#: Where every build writes (Zensical: "site_dir must be within project root"); emptied first.
OUT = ROOT / ".zensical" / "bench-site"


def properdocs() -> Path:
    """The ``properdocs`` command, installing it into ``PROPERDOCS_VENV`` on first use.

    Raises:
        subprocess.CalledProcessError: when the install fails (no network to the index).
    """
    command = PROPERDOCS_VENV / BIN / "properdocs"
    if not command.exists():
        # The machine's pip settings (a global pip.conf, PIP_FIND_LINKS) stay out.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env["PIP_CONFIG_FILE"] = os.devnull
        subprocess.run([sys.executable, "-m", "venv", PROPERDOCS_VENV], check=True)
        pip = [PROPERDOCS_VENV / BIN / "python", "-m", "pip", "install", "-q",
               "--disable-pip-version-check"]  # fmt: skip
        subprocess.run([*pip, "-r", ROOT / "requirements" / "docs.lock"], check=True, env=env)
        subprocess.run([*pip, f"properdocs=={PROPERDOCS_VERSION}"], check=True, env=env)
    return command


def builds(out: Path) -> dict[str, list[list[str | Path]]]:
    """Each generator's commands (run in order) to build the site into ``out``."""
    venv_bin = Path(sys.executable).parent
    return {
        "MkDocs + Material": [[venv_bin / "mkdocs", "build", "--strict", "-q", "-d", out]],
        f"ProperDocs {PROPERDOCS_VERSION}": [[properdocs(), "build", "--strict", "-q", "-d", out]],
        "Zensical": [
            [venv_bin / "zensical", "build", "--clean", "--strict", "--config-file", "mkdocs.yml"],
            [sys.executable, "-m", "venv_guide.site", out, "--config", "mkdocs.yml"],
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_generators")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    if RESULTS.exists():
        env["VENV_GUIDE_RESULTS"] = str(RESULTS)
    times: dict[str, list[float]] = {}
    layers: dict[str, dict[str, list[str]]] = {}
    env["SITE_DIR"] = str(OUT)
    generators = builds(OUT)
    for round_number in range(1, args.rounds + 1):
        for name, commands in generators.items():
            shutil.rmtree(OUT, ignore_errors=True)
            started = time.monotonic()
            for command in commands:
                proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True,
                                      text=True, check=False)  # fmt: skip
                if proc.returncode:
                    print(f"{name} failed: {' '.join(map(str, command))}\n"
                          f"{proc.stdout}{proc.stderr}", file=sys.stderr)  # fmt: skip
                    return 1
            seconds = time.monotonic() - started
            times.setdefault(name, []).append(seconds)
            if round_number == 1:  # the same build each round: read it once
                layers[name] = proof_layer(OUT)
            print(f"round {round_number}  {name:<20} {seconds:6.2f} s", flush=True)
    shutil.rmtree(OUT, ignore_errors=True)

    base_name = "MkDocs + Material"
    base = statistics.median(times[base_name])
    print("\ngenerator             median s  / MkDocs  pages blocks tab-ids marks  same as MkDocs")
    for name, runs in times.items():
        median = statistics.median(runs)
        lines = [line for page in layers[name].values() for line in page]
        count = {kind: sum(line.startswith(kind + " ") for line in lines)
                 for kind in ("block", "tab", "mark")}  # fmt: skip
        same = "yes" if layers[name] == layers[base_name] else "NO"
        print(f"{name:<20} {median:9.2f} {median / base:8.2f}  {len(layers[name]):5} "
              f"{count['block']:6} {count['tab']:7} {count['mark']:5}  {same}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
