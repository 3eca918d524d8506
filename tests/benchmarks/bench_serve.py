"""Measure a fresh clone's `make serve`: seconds to the first 200, and what .venv then holds.

Usage (from the repository root; any Python 3.11.5+)::

    python -m tests.benchmarks.bench_serve              # 3 measured runs after 1 warm-up
    python -m tests.benchmarks.bench_serve --runs 5 --python python3.12

Each run clones this repository's HEAD (``git clone --local``: committed files only) into a
temporary folder, starts ``make serve`` there on a free port, and polls the home page until it
answers 200; the time is from starting make to that answer. The warm-up run fills pip's and
uv's caches (the user's ordinary ones), so the measured runs are "fresh clone, warm caches".
After the last run it counts the packages and size of .venv (docs set), then runs ``make
setup`` in the same clone and measures again (dev set). Nothing here asserts a time: the
machines are shared and noisy, so it prints what it measured.

The issue's target is a served page within 20 s on 2 cores (issue 10).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: Tools that must not be in .venv after `make serve` (issue 10: docs set only).
DEV_ONLY = ("pytest", "ruff", "zizmor", "pre-commit", "tree-sitter", "playwright", "codespell")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_once(clone: Path, python: str, timeout: float) -> float:
    """Run `make serve` in ``clone``; seconds until http://ADDR/ answers 200.

    Raises:
        RuntimeError: make exited, or no 200 came within ``timeout`` seconds (with make's log).
    """
    port = free_port()
    log = clone / "serve.log"
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["make", "serve", f"PYTHON={python}", f"SERVE_ADDR=127.0.0.1:{port}"],
            cwd=clone,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        while time.perf_counter() - start < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"make serve exited {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"no 200 within {timeout:.0f} s:\n{log.read_text()[-3000:]}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def venv_report(clone: Path) -> dict:
    """Packages (name list), their count and the size in MB of ``clone``/.venv."""
    listing = subprocess.run(
        [
            str(clone / ".venv" / "bin" / "python"),
            "-m",
            "pip",
            "list",
            "--format=json",
            "--disable-pip-version-check",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    names = sorted(p["name"].lower() for p in json.loads(listing.stdout))
    size = sum(f.stat().st_size for f in (clone / ".venv").rglob("*") if f.is_file())
    return {"packages": len(names), "mb": round(size / 1e6), "names": names}


def clone_head(dest: Path) -> Path:
    """``git clone --local`` of this repository's HEAD into ``dest``/repo."""
    target = dest / "repo"
    subprocess.run(
        ["git", "clone", "--quiet", "--local", "--no-hardlinks", str(REPO), str(target)],
        check=True,
    )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs (default 3)")
    parser.add_argument("--python", default="python3", help="PYTHON for make (default python3)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run (300)")
    args = parser.parse_args()

    times = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        for run in range(args.runs + 1):
            clone = clone_head(Path(tmp) / f"run{run}")
            seconds = serve_once(clone, args.python, args.timeout)
            label = "warm-up (fills the caches)" if run == 0 else f"run {run}"
            print(f"{label:28} fresh clone -> first 200: {seconds:6.1f} s", flush=True)
            if run:
                times.append(seconds)
        docs = venv_report(clone)
        start = time.perf_counter()
        subprocess.run(
            ["make", "setup", f"PYTHON={args.python}"],
            cwd=clone,
            check=True,
            stdout=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        dev_seconds = time.perf_counter() - start
        dev = venv_report(clone)

    print(
        "\nmake serve, fresh clone, warm pip and uv caches: "
        f"median {statistics.median(times):.1f} s "
        f"(min {min(times):.1f}, max {max(times):.1f}, {len(times)} runs; target <= 20 s)"
    )
    print(f".venv after make serve (docs set): {docs['packages']} packages, {docs['mb']} MB")
    print(
        f".venv after make setup (dev set):  {dev['packages']} packages, {dev['mb']} MB "
        f"(make setup on top of the docs set: {dev_seconds:.1f} s)"
    )
    leaked = [n for n in docs["names"] if any(n.startswith(t) for t in DEV_ONLY)]
    print(f"test/lint tools in .venv after make serve: {', '.join(leaked) or 'none'}")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
