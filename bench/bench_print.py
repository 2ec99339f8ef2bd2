#!/usr/bin/env python3
"""Printing a consolidated report of N agencies (default 60) to PDF from the app's own layout,
in both layouts, offscreen.

Baseline, in the same process: QTextDocument.print_() of the same text set as plain HTML (no
letterhead, no annex table, no page numbers), so the ratio shows what the official layout
costs. The first figure also shows why the document is laid out only once it is built: laid
out after every edit, the 60-agency annex alone took seconds.

    .venv/bin/python bench/bench_print.py [--agencies 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import html
import os
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import best_of, demo_consolidation  # noqa: E402

from ttdn_desktop.core.docformat import convert_layout  # noqa: E402
from ttdn_desktop.core.richtext import plain_text  # noqa: E402


def baseline(merged, out: Path) -> None:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter
    parts = []
    for section in merged.sections:
        parts.append(f"<h3>{html.escape(section.section.numbered_heading)}</h3>")
        for agency, text in section.contributions:
            parts.append(f"<p>{html.escape(agency.name)}: {html.escape(plain_text(text))}</p>")
    document = QTextDocument()
    document.setHtml("".join(parts))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    document.print_(printer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from ttdn_desktop.ui.app import make_application
    from ttdn_desktop.ui.printing import ReportPrint, print_to_pdf
    make_application()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        merged, letterhead = demo_consolidation(folder, args.agencies)
        letterhead = replace(letterhead, signer_name="Trần Văn B")
        state = convert_layout(letterhead, "state")
        base = best_of(args.repeat, lambda: baseline(merged, folder / "base.pdf"))
        print(f"baseline: plain QTextDocument.print_()        {base * 1000:9.1f} ms")
        for name, lh in (("party", letterhead), ("state", state)):
            pages = []
            took = best_of(args.repeat, lambda: pages.append(
                print_to_pdf(ReportPrint(merged, lh, True), folder / f"{name}.pdf")))
            print(f"print to PDF, {name:<5} layout, {args.agencies} agencies "
                  f"({pages[-1]} pages) {took * 1000:9.1f} ms   ratio {took / base:5.1f}")


if __name__ == "__main__":
    main()
