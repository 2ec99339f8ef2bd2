#!/usr/bin/env python3
"""The command line on the secretariat's database after ten years (100 agencies x 50 periods =
5,000 reports): `ttdn status` of the latest period and `ttdn search`, each a fresh process as a
user runs it, against a bare `ttdn --help` in the same run (what starting Python and the
command line costs). Goal: each under 100 ms beyond `--help`.

The child processes run with bytecode caches allowed (PYTHONDONTWRITEBYTECODE removed from
their environment) and each command runs once before timing, so the caches are warm: an
installed wheel is byte-compiled by pip, and without .pyc files every run would recompile our
modules and time the compiler, not the program.

    .venv/bin/python bench/bench_cli_scale.py [--agencies 100] [--years 10] [--runs 5]
                                             [--db BUILT.sqlite3]

The last line is `ttdn status` on a file that is not as its last check left it (another
program wrote into it, or our writer was killed before its closing check): it runs the
quick_check that issue 14 asks for when a database is opened, so the goal is not for it.

--db: a copy of a database built before by this bench (bench_secretariat.populate) is used
instead of building one (~70 s); the latest period is read from it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_secretariat import KINDS, populate  # noqa: E402

from ttdn_desktop.core.periods import Period  # noqa: E402


CHANGED = "ttdn status, file changed since its check"


def child_environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has .pyc files
    return env


def timed(args: list[str], runs: int, before=None) -> list[float]:
    env = child_environment()
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ttdn_desktop", *args], env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def latest_period(db: Path) -> tuple[Period, int]:
    """The latest period of a database built before, and its number of reports."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        codes = [row[0] for row in connection.execute("SELECT period_code FROM reports")]
    finally:
        connection.close()
    return max(Period.parse(code) for code in set(codes)), len(codes)


def main(agencies: int, years: int, runs: int, built: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-") as temp:
        db = Path(temp) / "ten-years.sqlite3"
        if built:
            shutil.copyfile(built, db)
            latest, reports = latest_period(db)
            print(f"database: a copy of {built}, {reports} reports")
        else:
            periods = [Period(2016 + y, kind) for y in range(years) for kind in KINDS]
            latest = periods[-1]
            seconds = populate(db, agencies, periods)
            print(f"database: {agencies} agencies x {len(periods)} periods = "
                  f"{agencies * len(periods)} reports, built in {seconds:.1f} s")
        cases = {
            "ttdn --help (baseline)": ["--help"],
            f"ttdn status --period {latest.code}": ["--db", str(db), "status", "--period",
                                                    latest.code],
            "ttdn search «phan bac luan dieu»": ["--db", str(db), "search",
                                                 "phan bac luan dieu"],
        }
        for args in cases.values():  # bytecode caches written, files in the OS cache
            timed(args, 1)
        results = {name: timed(args, runs) for name, args in cases.items()}
        # A reading command checks the file (quick_check) when it is not as the last check
        # left it: a program other than ours wrote into it, or our writer was killed before
        # its close (which checks what it changed). That first run after such a change:
        stamp = db.with_name(db.name + ".da-kiem-tra")
        results[CHANGED] = timed(
            cases[f"ttdn status --period {latest.code}"][:], runs,
            before=lambda: stamp.unlink(missing_ok=True))
    base = statistics.median(next(iter(results.values())))
    print(f"runs: {runs} each, median (min–max)")
    for name, times in results.items():
        median = statistics.median(times)
        goal = "with its quick_check" if name == CHANGED else "goal < +100 ms"
        extra = "" if median == base else \
            f"  +{(median - base) * 1000:5.0f} ms beyond --help ({median / base:.2f}x; {goal})"
        print(f"{name:<41} {median * 1000:6.0f} ms ({min(times) * 1000:.0f}–"
              f"{max(times) * 1000:.0f}){extra}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="a database built before, used as a copy")
    arguments = parser.parse_args()
    main(arguments.agencies, arguments.years, arguments.runs, arguments.db)
