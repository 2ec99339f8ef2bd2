#!/usr/bin/env python3
"""The centre with 34 provinces of 100 members each: every province sends its consolidated
report upward (with its members' figures for the drill-down), the centre imports the 34
packages, then writes its Word report, its Excel workbook and its own upward package.

Baselines, in the same process: for a province, consolidating the period alone (what its
window computes anyway); for the centre, the same 34 reports as plain member packages (no
sources, no per-member figures), imported into a second centre and exported the same way. The
ratios are what reports travelling upward cost over that.

    .venv/bin/python bench/bench_upward.py [--provinces 34] [--members 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402

from ttdn_desktop.core.demo_agencies import COMMUNES  # noqa: E402
from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.demo import demo_content  # noqa: E402
from ttdn_desktop.exchange.package import build_package  # noqa: E402
from ttdn_desktop.storage.reports import store_received  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402
from ttdn_desktop.core.role import Role

PERIOD = Period.parse("2021-H1")


def province(folder: Path, number: int, members: int) -> tuple[Path, float, float]:
    """A province's database with `members` reports; returns (its upward package, seconds to
    export it, seconds to consolidate the period alone)."""
    code = f"T{number:02d}"
    with Workspace(folder / f"{code}.sqlite3") as workspace:
        workspace.setup.first_start(Role.SECRETARIAT, {})
        workspace.upward.set_identity(code, f"Tỉnh số {number}")
        form = workspace.form
        with workspace.db.atomic():
            for m in range(members):
                member = f"{code}X{m:03d}"
                name = f"UBND xã {COMMUNES[m % len(COMMUNES)]} ({m + 1})"
                workspace.agencies.add(member, name, sort_order=m + 1)
                store_received(workspace.db, report_id=str(uuid.uuid4()), agency_code=member,
                               period=PERIOD, form_id=form.id, form_version=form.version,
                               revision=1, supersedes=None, make_current=True,
                               source_file="bench", app_version="bench",
                               content=demo_content(form, member, name, PERIOD))
        out = folder / f"{code}.ttdn"
        start = time.perf_counter()
        workspace.files.upward_package(PERIOD, out)
        export = time.perf_counter() - start
        report = workspace.upward.report(PERIOD)
        start = time.perf_counter()
        workspace.merge.consolidation(PERIOD)  # what the secretariat's window computes anyway
        plain = time.perf_counter() - start
        plain_path = folder / f"{code}-plain.ttdn"
        plain_path.write_bytes(build_package(
            form=form, agency_code=code, agency_name=f"Tỉnh số {number}", period=PERIOD,
            report_id=str(uuid.uuid4()), revision=1, supersedes=None, content=report.content))
    return out, export, plain


def centre(path: Path, provinces: int, packages: list[Path]) -> tuple[Workspace, float]:
    """A fresh centre with the packages imported; returns (its workspace, import seconds)."""
    workspace = Workspace(path)
    workspace.setup.first_start(Role.SECRETARIAT, {})
    workspace.upward.set_identity("TW", "Trung ương")
    for number in range(1, provinces + 1):
        workspace.agencies.add(f"T{number:02d}", f"Tỉnh số {number}", sort_order=number)
    start = time.perf_counter()
    results = workspace.imports.run(packages)
    imported = time.perf_counter() - start
    assert all(r.outcome == "new" for r in results), [r.line() for r in results][:3]
    return workspace, imported


def exports(workspace: Workspace, path: Path) -> dict:
    """The centre's outputs, each timed on its own (Word last: the longest)."""
    from ttdn_desktop.export.docx_report import write_report_docx
    from ttdn_desktop.export.xlsx_stats import write_stats_xlsx
    merged = workspace.merge.consolidation(PERIOD)
    return {
        "tổng hợp kỳ": lambda: workspace.merge.consolidation(PERIOD),
        "Excel": lambda: write_stats_xlsx(merged, path.with_suffix(".xlsx")),
        "gói gửi lên": lambda: workspace.files.upward_package(PERIOD, path.with_suffix(".ttdn")),
        "Word": lambda: write_report_docx(merged, path.with_suffix(".docx"),
                                          workspace.setup.letterhead()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--members", type=int, default=100)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-upward-") as temp:
        folder = Path(temp)
        start = time.perf_counter()
        made = [province(folder, n, args.members) for n in range(1, args.provinces + 1)]
        print(f"{args.provinces} tỉnh × {args.members} đơn vị: dựng dữ liệu "
              f"{time.perf_counter() - start:.1f} s")
        export = sum(m[1] for m in made) / len(made)
        plain = sum(m[2] for m in made) / len(made)
        size = sum(m[0].stat().st_size for m in made) / len(made)
        plain_size = sum((folder / f"T{n:02d}-plain.ttdn").stat().st_size
                         for n in range(1, args.provinces + 1)) / len(made)
        print(f"tỉnh gửi lên ({args.members} đơn vị): {export * 1000:.0f} ms / tỉnh; chỉ tổng "
              f"hợp kỳ: {plain * 1000:.0f} ms (×{export / plain:.2f}); gói {size / 1024:.0f} KB, "
              f"gói thường cùng nội dung {plain_size / 1024:.0f} KB")
        upward = [m[0] for m in made]
        plain_packages = [folder / f"T{n:02d}-plain.ttdn" for n in range(1, args.provinces + 1)]
        base, base_import = centre(folder / "tw-plain.sqlite3", args.provinces, plain_packages)
        top, up_import = centre(folder / "tw.sqlite3", args.provinces, upward)
        drill = sum(len(m) for m in top.merge.consolidation(PERIOD).sub_members.values())
        assert drill == args.provinces * args.members
        print(f"trung ương nhập {args.provinces} gói gửi lên: {up_import:.2f} s; gói thường: "
              f"{base_import:.2f} s (×{up_import / base_import:.2f}); chi tiết tới {drill} "
              "đơn vị cấp dưới")
        base_runs = exports(base, folder / "tw-plain.sqlite3")
        for name, run in exports(top, folder / "tw.sqlite3").items():
            seconds, baseline = best_of(1, run), best_of(1, base_runs[name])
            print(f"trung ương xuất {name}: {seconds:.2f} s; khi không có số liệu chi tiết: "
                  f"{baseline:.2f} s (×{seconds / baseline:.2f})")
        base.close()
        top.close()

if __name__ == "__main__":
    main()
