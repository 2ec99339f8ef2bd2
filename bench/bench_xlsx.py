#!/usr/bin/env python3
"""Export time of the statistics workbook for N agencies (default 60) and every indicator.

Baseline, in the same process: openpyxl writing the same numbers as plain values in one sheet
(no formulas, styles, charts or print set-up), so the ratio shows what the layout costs.

    .venv/bin/python bench/bench_xlsx.py [--agencies 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from openpyxl import Workbook

from common import best_of, demo_consolidation

from ttdn_desktop.export.xlsx_stats import write_stats_xlsx



def baseline(merged, out: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    keys = list(merged.per_agency)
    for status in merged.statuses:
        sheet.append([status.agency.name] + [merged.per_agency[k].get(status.agency.code)
                                             for k in keys])
    workbook.save(out)


def run(agencies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        merged, _ = demo_consolidation(temp, agencies)
        cells = len(merged.statuses) * len(merged.per_agency)
        base = best_of(repeat, lambda: baseline(merged, temp / "base.xlsx"))
        elapsed = best_of(repeat, lambda: write_stats_xlsx(merged, temp / "tk.xlsx"))
        size = (temp / "tk.xlsx").stat().st_size / 1024
        print(f"{agencies} agencies x {len(merged.per_agency)} figure columns = {cells} cells; "
              f"best of {repeat} runs")
        print(f"{'baseline: plain openpyxl values':<36} {base * 1000:8.1f} ms")
        print(f"{'statistics workbook':<36} {elapsed * 1000:8.1f} ms  {elapsed / base:4.1f}x "
              f"baseline  {size:.0f} KiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    run(arguments.agencies, arguments.repeat)
