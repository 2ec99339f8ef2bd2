#!/usr/bin/env python3
"""Import 60 demo packages into a fresh database, then export the consolidated Word report and
the statistics workbook; print the time of each stage.

Baseline, in the same process: only unzipping and parsing the same 60 files (no checks, no
database), so the ratio shows what the import's checks and transactions cost on this machine.

    .venv/bin/python bench/bench_core.py [--agencies 60]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import zipfile
from pathlib import Path

from ttdn_desktop.cli import main as ttdn
from ttdn_desktop.core.periods import Period
from ttdn_desktop.workspace import Workspace


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed * 1000:9.1f} ms")
    return result, elapsed


def baseline_read(paths):
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            json.loads(archive.read("manifest.json"))
            json.loads(archive.read("content.json"))


def run(agencies: int) -> None:
    period = Period.parse("2021-H1")
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        db = temp / "bench.sqlite3"
        timed(f"demo: write {agencies} packages", lambda: ttdn(
            ["--db", str(db), "demo", str(temp / "in"), "--agencies", str(agencies)]))
        paths = sorted((temp / "in").glob("*.ttdn"))
        _, base = timed(f"baseline: unzip + parse {len(paths)} files", lambda: baseline_read(paths))
        with Workspace(db) as workspace:
            results, imported = timed(f"import {len(paths)} packages",
                                      lambda: workspace.imports.run(paths))
            assert all(r.outcome == "new" for r in results)
            _, again = timed(f"re-import {len(paths)} (all «đã có»)",
                             lambda: workspace.imports.run(paths))
            merged, _ = timed("consolidate the period", lambda: workspace.merge.consolidation(period))
            from ttdn_desktop.export.docx_report import write_report_docx
            from ttdn_desktop.export.xlsx_stats import write_stats_xlsx
            timed("export docx (consolidated)",
                  lambda: write_report_docx(merged, temp / "bc.docx"))
            timed("export xlsx (statistics)", lambda: write_stats_xlsx(merged, temp / "tk.xlsx"))
        print(f"{'import / baseline ratio':<44} {imported / base:9.1f} x")
        print(f"{'per package imported':<44} {imported / len(paths) * 1000:9.1f} ms")
        print(f"docx {(temp / 'bc.docx').stat().st_size / 1024:.0f} KiB, "
              f"xlsx {(temp / 'tk.xlsx').stat().st_size / 1024:.0f} KiB, "
              f"database {db.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=60)
    run(parser.parse_args().agencies)
