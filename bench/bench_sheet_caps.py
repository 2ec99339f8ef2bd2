#!/usr/bin/env python3
"""Oversized sheets (issue 22, point 7): each file is read in a process of its own, as
`ttdn import` reads it (exchange.sheet_import.read_report for an agency's sheet, the import
of the app's form for the form), and the time of the read and the peak memory of that process
(VmHWM, the interpreter and libraries included) are printed. Goal: every file refused or
read within 3 s and 300 MB.

Files: the attack (the app's form with 1.000.000 rows added to «Số liệu», 5 MB), an agency's
.xlsx of 1.000.000 rows, one of 1.000.000 empty rows declaring A1:XFD1048576, a flat .fods of
200.000 rows, an .xls of 65.000 rows (LibreOffice, the most a sheet of Excel 97–2003 holds);
and what must still be read: the app's statistics workbook for 100 agencies and every
indicator (4.830 cells), a sheet at the cell cap (1.500 rows of 10 cells) as .xlsx and as
.xls, and 44 rows declaring the whole grid (A1:XFD1048576, as Excel writes once whole columns
are formatted).

    .venv/bin/python bench/bench_sheet_caps.py [--no-libreoffice]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS, GOAL_MB = 3.0, 300

_CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.workspace import Workspace, load_forms
path, kind = Path(sys.argv[2]), sys.argv[3]
forms = load_forms()
if kind == "form":
    workspace = Workspace(path.parent / "bench.sqlite3", forms)
    workspace.agencies.add("XA01", "UBND xã Hạ Long") if not workspace.agencies.has("XA01") else None
    start = time.perf_counter()
    [result] = workspace.imports.run([path])
    outcome = f"{result.outcome}: {result.detail}"
else:
    from ttdn_desktop.exchange.sheet_import import read_report
    data = path.read_bytes()
    start = time.perf_counter()
    try:
        report = read_report(path.name, data, forms.latest(), [("SNGV", "Sở Ngoại vụ")])
        outcome = f"đọc được: {len(report.proposals)} số liệu đề xuất"
    except PackageError as error:
        outcome = error.reason
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's size from before exec
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def _rows_xml(first: int, count: int) -> bytes:
    """Rows of one cell holding 1: 40 bytes a row, so 1.000.000 rows stay under the 50 MB a
    part may take unzipped and reach the counter (the attack as reported: 5 MB zipped)."""
    return b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                    for r in range(first, first + count))


def _add_rows(data: bytes, part: str, rows: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            value = old.read(item.filename)
            if item.filename == part:
                value = value.replace(b"</sheetData>", rows + b"</sheetData>")
            new.writestr(item.filename, value)
    return out.getvalue()


def _whole_grid(data: bytes) -> bytes:
    """The sheet declaring A1:XFD1048576, as Excel does once whole columns are formatted."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            value = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                value = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                               value)
            new.writestr(item.filename, value)
    return out.getvalue()


def _workbook(rows: int, columns: int) -> bytes:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(["STT", "Đơn vị"] + [f"Chỉ tiêu {c}" for c in range(1, columns - 1)])
    for r in range(1, rows):
        sheet.append([r, f"Đơn vị số {r}"] + [r * c % 97 for c in range(1, columns - 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _app_form(folder: Path) -> bytes:
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.workspace import Workspace, load_forms
    with Workspace(folder / "form.sqlite3", load_forms()) as workspace:
        workspace.agencies.add("XA01", "UBND xã Hạ Long")
        workspace.files.form_xlsx("XA01", Period.parse("2021-H1"), folder / "mau.xlsx")
    return (folder / "mau.xlsx").read_bytes()


def _statistics(folder: Path) -> bytes:
    """The statistics workbook the app writes for 100 agencies with every figure filled."""
    sys.path.insert(0, str(ROOT / "bench"))
    from common import demo_consolidation

    from ttdn_desktop.export.xlsx_stats import write_stats_xlsx
    consolidation, _ = demo_consolidation(folder / "demo", 100)
    write_stats_xlsx(consolidation, folder / "thong-ke.xlsx")
    return (folder / "thong-ke.xlsx").read_bytes()


def _fods(rows: int, columns: int) -> str:
    from tests.sheetfiles import cell, fods, row, sheet
    body = [row(*(cell(f"Đơn vị số {r}") if c == 0 else cell(r * c % 97)
                  for c in range(columns))) for r in range(rows)]
    return fods(sheet("Số liệu", columns, *body))


def files(folder: Path, libreoffice: bool) -> dict[str, tuple[bytes, str]]:
    out = {
        "biểu mẫu + 1.000.000 dòng (tấn công)": (
            _add_rows(_app_form(folder), "xl/worksheets/sheet2.xml",
                      _rows_xml(1000, 1_000_000)), "form"),
        "bảng .xlsx 1.000.000 dòng": (
            _add_rows(_workbook(2, 3), "xl/worksheets/sheet1.xml", _rows_xml(3, 1_000_000)),
            "sheet"),
        "bảng .fods 200.000 dòng": (_fods(200_000, 1).encode(), "sheet"),
        "biểu số liệu của ứng dụng, 100 đơn vị (.xlsx)": (_statistics(folder), "sheet"),
        "1.500 dòng × 10 cột, đúng giới hạn ô (.xlsx)": (_workbook(1500, 10), "sheet"),
        "1.000.000 dòng trống, khai kích thước A1:XFD1048576 (.xlsx)": (_whole_grid(_add_rows(
            _workbook(2, 3), "xl/worksheets/sheet1.xml",
            b"".join(b'<row r="%d"/>' % r for r in range(3, 1_000_003)))), "sheet"),
        "44 dòng khai kích thước A1:XFD1048576 (.xlsx)": (_whole_grid(_workbook(44, 44)),
                                                         "sheet"),
    }
    if libreoffice:
        from tests.sheetfiles import convert
        sources = {"tan-cong.fods": _fods(65_000, 1), "gioi-han.fods": _fods(1500, 10)}
        converted = convert(folder, sources, "xls:MS Excel 97") or {}
        if "tan-cong.fods" in converted:
            out["bảng .xls 65.000 dòng (LibreOffice)"] = (converted["tan-cong.fods"], "sheet")
        if "gioi-han.fods" in converted:
            out["1.500 dòng × 10 cột, đúng giới hạn ô (.xls)"] = (converted["gioi-han.fods"],
                                                                  "sheet")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-libreoffice", action="store_true",
                        help="without the two .xls files LibreOffice writes")
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, (data, kind) in files(folder, not args.no_libreoffice).items():
            suffix = ".fods" if data.startswith(b"<?xml") else \
                ".xls" if data.startswith(b"\xd0\xcf") else ".xlsx"
            path = folder / f"tep{suffix}"
            path.write_bytes(data)
            done = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT), str(path), kind],
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                print(f"{label}: lỗi\n{done.stderr}")
                failed += 1
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            ok = result["seconds"] <= GOAL_SECONDS and result["peak_mb"] <= GOAL_MB
            failed += not ok
            print(f"{label}: {len(data) / 1e6:.1f} MB, {result['seconds']:.2f} s, "
                  f"{result['peak_mb']:.0f} MB {'✓' if ok else '✗ quá mục tiêu'}\n"
                  f"    {result['outcome'][:160]}")
    print(f"mục tiêu: từ chối hoặc đọc xong trong {GOAL_SECONDS:.0f} s và {GOAL_MB} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
