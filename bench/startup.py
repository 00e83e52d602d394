"""Benchmark start-up: how long ``parallax --help``, ``parallax --version`` and ``import newsparallax`` take.

Each command runs ``--runs`` times (5 by default) in a fresh process, and the
best and median wall times are printed beside the goals (1.0 s, 1.0 s, 0.5 s)
with PASS or MISS (judged on the median)::

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --runs 10

``parallax`` is the console script next to this Python when there is one
(what a user types), else ``python -m newsparallax``. Either way this checkout
is put first on PYTHONPATH, so an installed copy elsewhere is not what gets
timed. Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def parallax_command() -> list[str]:
    """How to run the CLI: the console script beside ``sys.executable`` if installed, else ``-m``."""
    script = Path(sys.executable).with_name("parallax")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "newsparallax"]


def cases() -> list[tuple[str, list[str], float]]:
    """(label, command, goal in seconds) for each thing timed."""
    parallax = parallax_command()
    return [
        ("parallax --help", [*parallax, "--help"], 1.0),
        ("parallax --version", [*parallax, "--version"], 1.0),
        ('python -c "import newsparallax"', [sys.executable, "-c", "import newsparallax"], 0.5),
    ]


def wall_times(command: list[str], runs: int) -> list[float]:
    """Seconds each of ``runs`` fresh runs of ``command`` took (output discarded; a failure stops the bench)."""
    # This checkout first: the console script would otherwise import whichever copy is installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=REPO)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args(argv)
    print(f"{'command':<34} {'best':>7} {'median':>7} {'goal':>6}  verdict ({args.runs} runs each)")
    for label, command, goal in cases():
        times = wall_times(command, args.runs)
        best, median = min(times), statistics.median(times)
        verdict = "PASS" if median <= goal else "MISS"
        print(f"{label:<34} {best:>6.2f}s {median:>6.2f}s {goal:>5.1f}s  {verdict}")


if __name__ == "__main__":
    main()
