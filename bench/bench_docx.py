#!/usr/bin/env python3
"""Export time of a consolidated Word report for N agencies (default 60), in both layouts.

Baseline, in the same process: python-docx writing the same paragraphs plainly (no template,
no letterhead, no styles, no annex table), so the ratio shows what the official format costs.

    .venv/bin/python bench/bench_docx.py [--agencies 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from docx import Document

from common import best_of, demo_consolidation

from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.export.docx_report import write_report_docx



def baseline(merged, out: Path) -> None:
    document = Document()
    for section in merged.sections:
        document.add_paragraph(section.section.numbered_heading)
        for agency, text in section.contributions:
            for line in plain_text(text).split("\n"):
                document.add_paragraph(f"{agency.name}: {line}")
    document.save(out)


def run(agencies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        merged, letterhead = demo_consolidation(temp, agencies)
        paragraphs = sum(len(s.contributions) for s in merged.sections)
        base = best_of(repeat, lambda: baseline(merged, temp / "base.docx"))
        print(f"{agencies} agencies, {paragraphs} contributions; best of {repeat} runs")
        print(f"{'baseline: plain python-docx':<40} {base * 1000:8.1f} ms")
        for layout in ("party", "state"):
            head = replace(letterhead, layout=layout)
            elapsed = best_of(repeat, lambda: write_report_docx(merged, temp / "bc.docx", head))
            size = (temp / "bc.docx").stat().st_size / 1024
            print(f"{'official report, ' + layout:<40} {elapsed * 1000:8.1f} ms  "
                  f"{elapsed / base:4.1f}x baseline  {size:.0f} KiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    run(arguments.agencies, arguments.repeat)
