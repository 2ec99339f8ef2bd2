#!/usr/bin/env python3
"""Import of an agency's own statistics sheet, the size of a 30-page appendix (the test
sheet's title block, merged header, hidden row and «Tổng cộng», with 220 more rows of
activities that match no indicator and are named one by one), saved by LibreOffice as .xlsx
and as Excel 97–2003 .xls (converted once, not timed). Timed: reading the workbook, finding
the header and the columns, matching every row and writing every note
(exchange.sheet_import.read_report). Printed: the time of each and the ratio .xls/.xlsx, the
figures proposed and notes written, and the peak memory of the process (ru_maxrss). Goal:
under 1 s for .xls, under 300 MB.

    .venv/bin/python bench/bench_sheet_import.py [--rows 220] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402

from tests.sheetfiles import convert, statistics_sheet  # noqa: E402
from ttdn_desktop.exchange.sheet_import import read_report  # noqa: E402
from ttdn_desktop.workspace import load_forms  # noqa: E402

AGENCIES = [("SNGV", "Sở Ngoại vụ")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=220)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    form = load_forms().latest()
    with tempfile.TemporaryDirectory() as folder:
        source = {"so-lieu.fods": statistics_sheet(extra_rows=args.rows)}
        files = {}
        for suffix, to in (("xlsx", "xlsx:Calc MS Excel 2007 XML"), ("xls", "xls:MS Excel 97")):
            converted = convert(Path(folder), source, to)
            if not converted:
                print("LibreOffice (soffice) is needed to write the sheets.")
                return 1
            files[suffix] = converted["so-lieu.fods"]
    times = {}
    for suffix, data in files.items():
        report = read_report(f"so-lieu.{suffix}", data, form, AGENCIES)
        times[suffix] = best_of(args.repeat, lambda: read_report(f"so-lieu.{suffix}", data,
                                                                 form, AGENCIES))
        print(f".{suffix}: {len(data) / 1024:.0f} KiB, {16 + args.rows + 1} rows: "
              f"{times[suffix] * 1000:.0f} ms; {len(report.proposals)} figures proposed, "
              f"{len(report.warnings)} warnings")
    print(f"ratio .xls/.xlsx: {times['xls'] / times['xlsx']:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak memory of the process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
