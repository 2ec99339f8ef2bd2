#!/usr/bin/env python3
"""Cold start to the first painted main window, against a bare PySide6 QMainWindow started the
same way (a fresh Python process each time, offscreen), printed as a ratio.

The app is measured on an agency database with one report open, as a user finds it in the
morning. Each process prints the time from its own start (interpreter start-up included, taken
from the process creation time) to the end of the first paint.

    .venv/bin/python bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = float(sys.argv[1])
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    if sys.argv[2] == "bare":
        window = QMainWindow()
    else:
        from ttdn_desktop.ui.main_window import MainWindow
        from ttdn_desktop.workspace import Workspace
        window = MainWindow(Workspace(sys.argv[3]))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab()          # the first full paint
    print(time.time() - started)
""")


def measure(kind: str, db: str, runs: int) -> list[float]:
    times = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for _ in range(runs):
        import time
        started = time.time()
        done = subprocess.run([sys.executable, "-c", PROBE, str(started), kind, db],
                              capture_output=True, text=True, env=env, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return times


def prepare(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.demo import demo_content
    from ttdn_desktop.storage.reports import save_content
    from ttdn_desktop.storage.settings import set_state
    from ttdn_desktop.workspace import AGENCY, Workspace
    with Workspace(db) as workspace:
        workspace.set_up(AGENCY, {"layout": "state"}, "SNGV", "Sở Ngoại vụ")
        period = Period.parse("2021-H1")
        report_id = workspace.new_report("SNGV", period)
        save_content(workspace.db, report_id,
                     demo_content(workspace.form, "SNGV", "Sở Ngoại vụ", period))
        set_state(workspace.db, "last_report", report_id)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        db = str(Path(temp) / "bench.sqlite3")
        prepare(db)
        measure("bare", db, 1)  # warm the file cache for both
        bare = measure("bare", db, runs)
        app = measure("app", db, runs)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"runs: {runs} each, median (min–max)")
    print(f"bare QMainWindow      {b * 1000:7.0f} ms ({min(bare) * 1000:.0f}–{max(bare) * 1000:.0f})")
    print(f"TTĐN Desktop window   {a * 1000:7.0f} ms ({min(app) * 1000:.0f}–{max(app) * 1000:.0f})")
    print(f"ratio                 {a / b:7.2f} x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    main(parser.parse_args().runs)
