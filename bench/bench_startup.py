#!/usr/bin/env python3
"""Cold start to the first painted main window, against a bare PySide6 QMainWindow started the
same way (a fresh Python process each time, offscreen), printed as a ratio.

The app is measured on an agency database with one report open, as a user finds it in the
morning, through the app's own start (ui/app.py `launch`). Each process prints the time from
its own start (interpreter start-up included, taken from the process creation time) to the end
of the first paint (the window, its menus and "Đang mở cơ sở dữ liệu…"), and to the report
painted open with its text and figures, ready for typing.

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
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    times = {}

    class FirstPaint(QObject):
        # the same moment for both windows: their first update request (the paint) done
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.UpdateRequest and "first" not in times:
                QTimer.singleShot(0, lambda: times.setdefault("first", time.time() - started))
            return False

    watcher = FirstPaint()
    if sys.argv[2] == "bare":
        app = QApplication([])
        window = QMainWindow()
        window.installEventFilter(watcher)
        window.resize(1280, 800)
        window.show()
        while "first" not in times:
            app.processEvents()
        print(times["first"], 0)
    else:
        # the app's own start (ui/app.py launch, as `ttdn gui` runs it), not a copy of it
        from ttdn_desktop.ui.app import launch, make_application
        app = make_application()
        window, guard = launch(app, sys.argv[3])
        window.installEventFilter(watcher)
        if window.workspace is None:
            # asleep in Qt's event loop until the page is built, as `ttdn gui` is (app.exec):
            # a loop waking every millisecond took the GIL from the worker opening the
            # database some 300 times, 15-20 ms that a user's start does not have
            from PySide6.QtCore import QEventLoop
            built = QEventLoop()
            window.attached.connect(built.quit)
            built.exec()
        window.ops.wait()      # the report's text and last year's figures are in
        window.grab()          # painted with the report open, ready for typing
        print(times["first"], time.time() - started)
        window.close()
        guard.release()
""")


def measure(kind: str, db: str, runs: int) -> list[tuple[float, float]]:
    times = []
    # Byte-compiled, as an installed copy is (pip compiles the wheel; the Windows build ships
    # .pyc): without the caches every start recompiles the modules it imports.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("XDG_DATA_HOME", str(Path(db).parent / "data"))
    for _ in range(runs):
        import time
        started = time.time()
        # run from this checkout: `python -c` puts the working folder first on sys.path, so a
        # bench started from another checkout would measure that one's code
        done = subprocess.run([sys.executable, "-c", PROBE, str(started), kind, db], cwd=ROOT,
                              capture_output=True, text=True, env=env, check=True)
        first, ready = done.stdout.strip().splitlines()[-1].split()
        times.append((float(first), float(ready)))
    return times


def prepare(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.demo import demo_content
    from ttdn_desktop.storage.reports import save_content
    from ttdn_desktop.core.settings import LAST_REPORT
    from ttdn_desktop.storage.settings import set_setting
    from ttdn_desktop.workspace import Workspace
    from ttdn_desktop.core.role import Role
    with Workspace(db) as workspace:
        workspace.setup.first_start(Role.AGENCY, {"layout": "state"}, "SNGV", "Sở Ngoại vụ")
        period = Period.parse("2021-H1")
        report_id = workspace.reports.new("SNGV", period)
        save_content(workspace.db, report_id,
                     demo_content(workspace.form, "SNGV", "Sở Ngoại vụ", period))
        set_setting(workspace.db, LAST_REPORT, report_id)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        db = str(Path(temp) / "bench.sqlite3")
        prepare(db)
        measure("app", db, 1)   # warm the file cache and write the bytecode caches
        measure("bare", db, 1)
        # one of each in turn: a machine that slows down or speeds up meanwhile (another
        # program, the CPU's clock) moves both alike, not only the one measured last
        bare, app = [], []
        for _ in range(runs):
            bare += [first for first, _ in measure("bare", db, 1)]
            app += measure("app", db, 1)
    first = [f for f, _ in app]
    ready = [r for _, r in app]
    b, f, r = statistics.median(bare), statistics.median(first), statistics.median(ready)
    print(f"runs: {runs} each, median (min–max)")
    print(f"bare QMainWindow                 {b * 1000:7.0f} ms "
          f"({min(bare) * 1000:.0f}–{max(bare) * 1000:.0f})")
    print(f"TTĐN Desktop window, first paint {f * 1000:7.0f} ms "
          f"({min(first) * 1000:.0f}–{max(first) * 1000:.0f})   ratio {f / b:.2f} x")
    print(f"  report open, ready to type     {r * 1000:7.0f} ms "
          f"({min(ready) * 1000:.0f}–{max(ready) * 1000:.0f})   ratio {r / b:.2f} x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    main(parser.parse_args().runs)
