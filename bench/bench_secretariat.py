#!/usr/bin/env python3
"""The secretariat's database after ten years: 100 agencies x 5 periods a year x 10 years (5,000
reports, every section written, every figure given). Prints the time to open the dashboard of
the latest period (the window built and painted) and to run searches.

Baselines, in the same process: the dashboard over a database holding that one period only
(what history costs), and the same accent-insensitive search done without the index: every
current text read and folded in Python (what the FTS5 index saves).

    .venv/bin/python bench/bench_secretariat.py [--agencies 100] [--years 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402

from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.demo import demo_agencies, demo_content  # noqa: E402
from ttdn_desktop.storage.reports import store_received  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402
from ttdn_desktop.core.role import Role

KINDS = ("Q1", "H1", "9M", "H2", "Y")


def populate(path: Path, agencies: int, periods: list[Period]) -> float:
    start = time.perf_counter()
    with Workspace(path) as workspace:
        workspace.setup.first_start(Role.SECRETARIAT, {})
        members = demo_agencies(agencies)
        with workspace.db.atomic():
            for order, (code, name) in enumerate(members, start=1):
                workspace.agencies.add(code, name, sort_order=order)
            for period in periods:
                for code, name in members:
                    store_received(workspace.db, report_id=str(uuid.uuid4()), agency_code=code,
                                   period=period, form_id=workspace.form.id,
                                   form_version=workspace.form.version, revision=1,
                                   supersedes=None, make_current=True, source_file="bench",
                                   content=demo_content(workspace.form, code, name, period),
                                   app_version="bench")
    return time.perf_counter() - start


def open_dashboard(path: Path, period: Period) -> float:
    from ttdn_desktop.ui.app import make_application
    from ttdn_desktop.ui.secretariat_view import SecretariatView
    app = make_application()
    with Workspace(path) as workspace:
        def run():
            view = SecretariatView(workspace)
            view.select_period(period)
            view.resize(1280, 800)
            view.show()
            app.processEvents()
            view.grab()
            view.close()
            view.deleteLater()
        return best_of(3, run)


def scan_search(db, query: str, period: Period | None) -> int:
    """Accent-insensitive search without an index: fold every current text and look."""
    from ttdn_desktop.core.richtext import plain_text
    from ttdn_desktop.core.text import fold
    words = fold(query).split()
    sql = ("SELECT t.text FROM section_texts t JOIN reports r ON r.id = t.report_id AND "
           "r.current_revision = t.revision")
    params = []
    if period:
        sql += " WHERE r.period_code = ?"
        params.append(period.code)
    found = 0
    for (text,) in db.execute(sql, params):
        folded = fold(plain_text(text))
        found += all(word in folded for word in words)
    return found


def main(agencies: int, years: int) -> None:
    periods = [Period(2016 + y, kind) for y in range(years) for kind in KINDS]
    latest = periods[-1]
    with tempfile.TemporaryDirectory() as temp:
        big, small = Path(temp) / "ten-years.sqlite3", Path(temp) / "one-period.sqlite3"
        built = populate(big, agencies, periods)
        populate(small, agencies, [latest])
        print(f"database: {agencies} agencies x {len(periods)} periods = "
              f"{agencies * len(periods)} reports, built in {built:.1f} s, "
              f"{big.stat().st_size / 1024 / 1024:.0f} MiB")
        dashboard = open_dashboard(big, latest)
        baseline = open_dashboard(small, latest)
        print(f"{'dashboard, one period only (baseline)':<46} {baseline * 1000:8.1f} ms")
        print(f"{'dashboard, ten years of history':<46} {dashboard * 1000:8.1f} ms  "
              f"{dashboard / baseline:4.2f}x")
        with Workspace(big) as workspace:
            for query, period in (("phan bac luan dieu", None), ("phản bác", latest),
                                  ("hoi cho trien lam", None)):
                fts = best_of(3, lambda: workspace.reports.search(query, period))
                hits = len(workspace.reports.search(query, period))
                scan = best_of(1, lambda: scan_search(workspace.db, query, period))
                where = f" in {period.code}" if period else ""
                print(f"search «{query}»{where}: {fts * 1000:7.1f} ms, {hits} hits; "
                      f"scan baseline {scan * 1000:7.1f} ms ({scan / fts:.0f}x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    arguments = parser.parse_args()
    main(arguments.agencies, arguments.years)
